/**
 * Login throttling without an oracle (issue 11 finding 10): failures are counted per username string — an unknown
 * name is counted exactly like a real one — and client address, plus across all clients with a higher threshold;
 * each failure past the threshold pauses login with exponential back-off. A wrong current password in 修改密码
 * counts the same. Nobody can lock an account for good: the pause of a pair ends by itself, and a different client
 * is not paused until the account-wide threshold.
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { fullDateTime } from '../../platform/clock.js';
import { AppError } from '../../platform/errors.js';
import { FAILURE_MEMORY_MS, backoffMs } from './accounts.rules.js';
import { loginFailures } from './accounts.schema.js';

type Lockout = Config['lockout'];
const ALL_CLIENTS = '';

export const normalUsername = (u: string) => u.trim().toLowerCase().slice(0, 64);
const clientOf = (ip: string | null) => ip ?? 'unknown';

/** Until when login is paused for this username from this client (null: not paused). */
export async function pausedUntil(db: Db, username: string, ip: string | null, now: Date): Promise<Date | null> {
  const rows = await db
    .select({ lockedUntil: loginFailures.lockedUntil })
    .from(loginFailures)
    .where(and(eq(loginFailures.username, username), inArray(loginFailures.client, [clientOf(ip), ALL_CLIENTS])));
  const until = rows.map((r) => r.lockedUntil).filter((d): d is Date => d !== null && d > now);
  return until.length ? new Date(Math.max(...until.map((d) => d.getTime()))) : null;
}

export interface FailureOutcome {
  /** Failures of this username from this client, this one included. */
  failures: number;
  /** Failures still allowed before the next one pauses login (0 once paused). */
  remaining: number;
  /** Login is paused until then, or null. */
  pausedUntil: Date | null;
  /** How long the next pause will last, in minutes. */
  nextPauseMinutes: number;
}

/** Counts one failure for the username from this client and across clients; forgets failures older than a day. */
export async function recordFailure(
  tx: Db,
  lockout: Lockout,
  username: string,
  ip: string | null,
  now: Date,
): Promise<FailureOutcome> {
  const stale = new Date(now.getTime() - FAILURE_MEMORY_MS);
  await tx.delete(loginFailures).where(lt(loginFailures.lastFailureAt, stale));
  let out: FailureOutcome | null = null;
  for (const [client, threshold] of [
    [clientOf(ip), lockout.threshold],
    [ALL_CLIENTS, lockout.accountThreshold],
  ] as const) {
    const [row] = await tx
      .insert(loginFailures)
      .values({ username, client, failures: 1, lastFailureAt: now, lockedUntil: null })
      .onConflictDoUpdate({
        target: [loginFailures.username, loginFailures.client],
        set: { failures: sql`${loginFailures.failures} + 1`, lastFailureAt: now },
      })
      .returning({ failures: loginFailures.failures });
    const failures = row?.failures ?? 1;
    const pause = backoffMs(failures, threshold, lockout.firstMinutes, lockout.minutes);
    const until = pause > 0 ? new Date(now.getTime() + pause) : null;
    if (until)
      await tx
        .update(loginFailures)
        .set({ lockedUntil: until })
        .where(and(eq(loginFailures.username, username), eq(loginFailures.client, client)));
    if (client !== ALL_CLIENTS) {
      out = {
        failures,
        remaining: Math.max(0, threshold - failures),
        pausedUntil: until,
        nextPauseMinutes:
          backoffMs(Math.max(failures + 1, threshold), threshold, lockout.firstMinutes, lockout.minutes) / 60_000,
      };
    } else if (until && out && (!out.pausedUntil || until > out.pausedUntil)) {
      out.pausedUntil = until;
      out.remaining = 0;
    }
  }
  return out as FailureOutcome;
}

/** A success (or an unlock) forgets the failures of the username from this client — or, with `ip` undefined, all. */
export async function clearFailures(tx: Db, username: string, ip?: string | null) {
  await tx
    .delete(loginFailures)
    .where(
      ip === undefined
        ? eq(loginFailures.username, username)
        : and(eq(loginFailures.username, username), inArray(loginFailures.client, [clientOf(ip), ALL_CLIENTS])),
    );
}

/** The one answer while paused, for every username alike. */
export const pausedError = (until: Date) =>
  new AppError(
    423,
    'account_locked',
    `登录失败次数过多，已暂停登录，请于 ${fullDateTime(until)} 后重试，或联系安全管理员解锁`,
    undefined,
    { lockedUntil: until.toISOString() },
  );

/** The answer to a wrong password (or unknown name): the same words, with the warning before a pause. */
export function failureError(code: string, detail: string, f: FailureOutcome, path?: string) {
  if (f.pausedUntil) return pausedError(f.pausedUntil);
  const warning = f.remaining === 1 ? `；再失败 1 次将暂停登录 ${f.nextPauseMinutes} 分钟` : '';
  return new AppError(
    code === 'invalid_credentials' ? 401 : 422,
    code,
    `${detail}${warning}`,
    path ? [{ path, message: `${detail}${warning}` }] : undefined,
    { remainingAttempts: f.remaining },
  );
}
