/**
 * Login, logout, sessions and own password change. Sessions live in the database; the cookie holds an opaque
 * 256-bit token of which only the SHA-256 is stored. Lockout and timeouts come from config.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { LoginBody, MeOut, PasswordChangeBody } from '../../../common/contracts/accounts.contract.js';
import type { Role } from '../../../common/enums.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { type Clock, HOUR, MINUTE, fullDateTime } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { DUMMY_PASSWORD_HASH, hashPassword, newToken, sha256Hex, verifyPassword } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { checkPasswordPolicy } from '../../platform/password-policy.js';
import { actorAbilities, registeredPolicies } from '../../platform/policy.js';
import { scopeOf } from '../../platform/scope.js';
import { appendAudit, runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { sessions, users } from './accounts.schema.js';
import {
  type FailureOutcome,
  clearFailures,
  failureError,
  normalUsername,
  pausedError,
  pausedUntil,
  recordFailure,
} from './login-throttle.js';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'lockout' | 'session'>;
}

export function meOf(actor: Actor): MeOut {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    mustChangePassword: actor.mustChangePassword,
    org: { id: actor.org.id, name: actor.org.name, regionCode: actor.org.regionCode },
    abilities: actorAbilities(registeredPolicies(), actor),
  };
}

export async function login(
  deps: AuthDeps,
  ctx: RequestContext,
  input: LoginBody,
  previousToken?: string,
): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const { db, clock, config } = deps;
  const username = normalUsername(input.username);
  const [row] = await db
    .select({ user: users, org: orgs })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.username, username))
    .limit(1);

  const now = clock.now();
  /** A refused login: its audit row, and — for a wrong password or unknown name — the failure counted. */
  const refuse = async (code: string, count: boolean) => {
    let outcome: FailureOutcome | null = null;
    await db.transaction(async (tx) => {
      if (count) outcome = await recordFailure(tx as unknown as Db, config.lockout, username, ctx.ip, now);
      await appendAudit(tx as unknown as Db, clock, ctx, {
        action: 'auth.login',
        resourceType: 'user',
        resourceId: row?.user.id ?? null,
        outcome: 'failure',
        code: outcome && (outcome as FailureOutcome).pausedUntil ? 'invalid_credentials_locked' : code,
        actorId: row?.user.id ?? null,
        actorUsername: username,
        orgId: row?.org.id ?? null,
      });
    });
    ctx.audited = true;
    return outcome as FailureOutcome | null;
  };

  // the same work and the same answers whether the name exists or not: the password is always hashed (against a
  // hash no password matches when there is no such account), failures are counted per name string, and a paused
  // name gets the same notice
  const paused = await pausedUntil(db, username, ctx.ip, now);
  const passwordOk = await verifyPassword(input.password, row?.user.passwordHash ?? DUMMY_PASSWORD_HASH);
  if (paused) {
    await refuse('account_locked', false);
    throw pausedError(paused);
  }
  if (!row || !passwordOk) {
    const outcome = await refuse('invalid_credentials', true);
    throw failureError('invalid_credentials', '用户名或密码错误', outcome as FailureOutcome);
  }
  const { user, org } = row;
  // only the holder of the right password learns that the account is locked or disabled
  if (user.lockedUntil && user.lockedUntil > now) {
    await refuse('account_locked', false);
    throw new AppError(
      423,
      'account_locked',
      user.lockedUntil.getUTCFullYear() >= 9999
        ? '账号已被安全管理员锁定，请联系安全管理员解锁'
        : `账号已被锁定，请于 ${fullDateTime(user.lockedUntil)} 后重试，或联系安全管理员解锁`,
    );
  }
  if (user.disabledAt) {
    await refuse('account_disabled', false);
    throw new AppError(403, 'account_disabled', '账号已停用，请联系系统管理员');
  }

  const token = newToken();
  const sessionId = randomUUID();
  const expiresAt = new Date(now.getTime() + config.session.absoluteHours * HOUR);
  const actor: Actor = {
    userId: user.id,
    username: user.username,
    displayName: user.displayName,
    roles: user.roles as Role[],
    sessionId,
    mustChangePassword: user.mustChangePassword,
    org: { id: org.id, name: org.name, regionCode: org.regionCode, sector: org.sector, kind: org.kind },
    scope: scopeOf(org),
  };
  ctx.actor = actor;
  await runAudited(db, clock, ctx, { action: 'auth.login', resourceType: 'user', resourceId: user.id }, async (tx) => {
    if (previousToken) {
      await tx
        .update(sessions)
        .set({ endedAt: now, endReason: 'relogin' })
        .where(and(eq(sessions.tokenHash, sha256Hex(previousToken)), isNull(sessions.endedAt)));
    }
    await tx.update(users).set({ failedAttempts: 0, lastLoginAt: now, updatedAt: now }).where(eq(users.id, user.id));
    await clearFailures(tx, username, ctx.ip);
    await tx.insert(sessions).values({
      id: sessionId,
      userId: user.id,
      tokenHash: sha256Hex(token),
      createdAt: now,
      lastSeenAt: now,
      expiresAt,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    });
    return { value: undefined };
  });
  return { token, actor, expiresAt };
}

export type SessionLookup = { actor: Actor } | { actor: null; code: 'unauthenticated' | 'session_expired' };

export async function resolveSession(deps: AuthDeps, token: string | undefined): Promise<SessionLookup> {
  if (!token || token.length > 200) return { actor: null, code: 'unauthenticated' };
  const { db, clock, config } = deps;
  const [row] = await db
    .select({ session: sessions, user: users, org: orgs })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(sessions.tokenHash, sha256Hex(token)))
    .limit(1);
  if (!row || row.session.endedAt || row.user.disabledAt) return { actor: null, code: 'unauthenticated' };
  const now = clock.now();
  const idleEnd = row.session.lastSeenAt.getTime() + config.session.idleMinutes * MINUTE;
  const expiredBy =
    now >= row.session.expiresAt ? 'absolute_timeout' : now.getTime() >= idleEnd ? 'idle_timeout' : null;
  if (expiredBy) {
    await db.update(sessions).set({ endedAt: now, endReason: expiredBy }).where(eq(sessions.id, row.session.id));
    return { actor: null, code: 'session_expired' };
  }
  // the exact moment of the last activity: the idle timeout runs from it, to the millisecond (a write per request
  // with a session; the row is the session's own, so requests of different sessions never wait on each other)
  if (now > row.session.lastSeenAt) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id));
  }
  const { user, org } = row;
  return {
    actor: {
      userId: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: user.roles as Role[],
      sessionId: row.session.id,
      mustChangePassword: user.mustChangePassword,
      org: { id: org.id, name: org.name, regionCode: org.regionCode, sector: org.sector, kind: org.kind },
      scope: scopeOf(org),
    },
  };
}

export async function logout(deps: AuthDeps, ctx: RequestContext, actor: Actor): Promise<void> {
  await runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'auth.logout', resourceType: 'session', resourceId: actor.sessionId },
    async (tx) => {
      await tx
        .update(sessions)
        .set({ endedAt: deps.clock.now(), endReason: 'logout' })
        .where(and(eq(sessions.id, actor.sessionId), isNull(sessions.endedAt)));
      return { value: undefined };
    },
  );
}

export function assertPasswordPolicy(password: string, path = 'password') {
  const policy = checkPasswordPolicy(password);
  if (!policy.ok) throw fieldError(422, 'weak_password', path, policy.message ?? '密码不符合要求');
}

/**
 * Own password change: the current password is required; every other session of the account ends. A wrong current
 * password counts toward the login pause of the account from this client, and while paused nothing is checked.
 */
export async function changeOwnPassword(
  deps: AuthDeps,
  ctx: RequestContext,
  actor: Actor,
  input: PasswordChangeBody,
): Promise<void> {
  const now = deps.clock.now();
  const username = normalUsername(actor.username);
  const paused = await pausedUntil(deps.db, username, ctx.ip, now);
  if (paused) throw pausedError(paused);
  const [current] = await deps.db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
  if (!current || !(await verifyPassword(input.currentPassword, current.passwordHash))) {
    const outcome = await deps.db.transaction((tx) =>
      recordFailure(tx as unknown as Db, deps.config.lockout, username, ctx.ip, now),
    );
    throw failureError('invalid_current_password', '当前密码不正确', outcome, 'currentPassword');
  }
  await runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'auth.password_change', resourceType: 'user', resourceId: actor.userId },
    async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).limit(1);
      if (!user || user.passwordHash !== current.passwordHash)
        throw fieldError(422, 'invalid_current_password', 'currentPassword', '当前密码不正确');
      assertPasswordPolicy(input.newPassword, 'newPassword');
      if (await verifyPassword(input.newPassword, user.passwordHash)) {
        throw fieldError(422, 'password_reused', 'newPassword', '新密码不能与当前密码相同');
      }
      await tx
        .update(users)
        .set({
          passwordHash: await hashPassword(input.newPassword),
          passwordChangedAt: now,
          mustChangePassword: false,
          updatedAt: now,
        })
        .where(eq(users.id, user.id));
      await tx
        .update(sessions)
        .set({ endedAt: now, endReason: 'password_changed' })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.endedAt), ne(sessions.id, actor.sessionId)));
      await clearFailures(tx, username, ctx.ip);
      return { value: undefined };
    },
  );
}
