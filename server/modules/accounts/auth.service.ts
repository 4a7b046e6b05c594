/**
 * Login, logout, sessions and own password change. Sessions live in the database; the cookie holds an opaque
 * 256-bit token of which only the SHA-256 is stored. Lockout and timeouts come from config.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne } from 'drizzle-orm';
import type { Me } from '../../../common/api-types.js';
import type { Role } from '../../../common/enums.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { beijingDateTime, type Clock, HOUR, MINUTE } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { DUMMY_PASSWORD_HASH, hashPassword, newToken, sha256Hex, verifyPassword } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { checkPasswordPolicy } from '../../platform/password-policy.js';
import { scopeOf } from '../../platform/scope.js';
import { appendAudit, runAudited } from '../audit/audit.service.js';
import { orgs } from '../orgs/orgs.schema.js';
import { sessions, users } from './accounts.schema.js';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'lockout' | 'session'>;
}

/** last_seen_at is refreshed at most this often, so that reads do not each write. */
const TOUCH_INTERVAL_MS = 30_000;

const invalidCredentials = () => new AppError(401, 'invalid_credentials', '用户名或密码错误');

export function meOf(actor: Actor): Me {
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    org: { id: actor.org.id, name: actor.org.name, regionCode: actor.org.regionCode },
  };
}

export async function login(
  deps: AuthDeps,
  ctx: RequestContext,
  input: { username: string; password: string },
  previousToken?: string,
): Promise<{ token: string; actor: Actor; expiresAt: Date }> {
  const { db, clock, config } = deps;
  const username = input.username.trim().toLowerCase();
  const [row] = await db
    .select({ user: users, org: orgs })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.username, username))
    .limit(1);

  const refuse = async (code: string, changes?: Partial<typeof users.$inferInsert>) => {
    await db.transaction(async (tx) => {
      if (row && changes) await tx.update(users).set(changes).where(eq(users.id, row.user.id));
      await appendAudit(tx as unknown as Db, clock, ctx, {
        action: 'auth.login',
        resourceType: 'user',
        resourceId: row?.user.id ?? null,
        outcome: 'failure',
        code,
        actorId: row?.user.id ?? null,
        actorUsername: username.slice(0, 64),
        orgId: row?.org.id ?? null,
      });
    });
    ctx.audited = true;
  };

  if (!row) {
    await verifyPassword(input.password, DUMMY_PASSWORD_HASH); // same time as a real check
    await refuse('invalid_credentials');
    throw invalidCredentials();
  }
  const { user, org } = row;
  const now = clock.now();
  if (user.lockedUntil && user.lockedUntil > now) {
    await refuse('account_locked');
    throw new AppError(
      423,
      'account_locked',
      `账号因连续登录失败或安全管理员操作已被锁定，请于 ${beijingDateTime(user.lockedUntil)} 后重试，或联系安全管理员解锁`,
    );
  }
  if (!(await verifyPassword(input.password, user.passwordHash))) {
    const lockExpired = user.lockedUntil !== null && user.lockedUntil <= now;
    const failed = (lockExpired ? 0 : user.failedAttempts) + 1;
    const lock = failed >= config.lockout.threshold;
    await refuse(lock ? 'invalid_credentials_locked' : 'invalid_credentials', {
      failedAttempts: failed,
      lockedUntil: lock ? new Date(now.getTime() + config.lockout.minutes * MINUTE) : null,
      updatedAt: now,
    });
    throw invalidCredentials();
  }
  if (user.disabledAt) {
    await refuse('account_disabled');
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
    await tx
      .update(users)
      .set({ failedAttempts: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now })
      .where(eq(users.id, user.id));
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
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS) {
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

/** Own password change: the current password is required; every other session of the account ends. */
export async function changeOwnPassword(
  deps: AuthDeps,
  ctx: RequestContext,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'auth.password_change', resourceType: 'user', resourceId: actor.userId },
    async (tx) => {
      const [user] = await tx.select().from(users).where(eq(users.id, actor.userId)).limit(1);
      if (!user || !(await verifyPassword(input.currentPassword, user.passwordHash))) {
        throw fieldError(422, 'invalid_current_password', 'currentPassword', '当前密码不正确');
      }
      assertPasswordPolicy(input.newPassword, 'newPassword');
      if (await verifyPassword(input.newPassword, user.passwordHash)) {
        throw fieldError(422, 'password_reused', 'newPassword', '新密码不能与当前密码相同');
      }
      const now = deps.clock.now();
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(input.newPassword), passwordChangedAt: now, updatedAt: now })
        .where(eq(users.id, user.id));
      await tx
        .update(sessions)
        .set({ endedAt: now, endReason: 'password_changed' })
        .where(and(eq(sessions.userId, user.id), isNull(sessions.endedAt), ne(sessions.id, actor.sessionId)));
      return { value: undefined };
    },
  );
}
