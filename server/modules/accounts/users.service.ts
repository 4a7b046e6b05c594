/**
 * Accounts (sysadmin; org_admin within its own org), locks and sessions (secadmin). Every read is limited to
 * the caller's scope: an account outside it answers 404.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type {
  SessionListQuery,
  SessionOut,
  UserCreateBody,
  UserListQuery,
  UserOut,
  UserPatchBody,
} from '../../../common/contracts/accounts.contract.js';
import type { Role } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { hashPassword } from '../../platform/crypto.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { containsPattern, paged, totalOf } from '../../platform/pagination.js';
import { inScope } from '../../platform/scope.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { holdsUngrantableRole, sessionPolicy, userPolicy } from './accounts.policy.js';
import { USERNAME_PATTERN, checkRoleSet, isAdminRole } from './accounts.rules.js';
import { sessions, users } from './accounts.schema.js';
import { assertPasswordPolicy } from './auth.service.js';
import { clearFailures } from './login-throttle.js';

export interface UserDeps {
  db: Db;
  clock: Clock;
}

/** A manual lock by the security administrator lasts until it is lifted. */
const MANUAL_LOCK_UNTIL = new Date('9999-12-31T00:00:00Z');

function select(db: Db) {
  return db
    .select({ user: users, orgName: orgs.name, orgRegion: orgs.regionCode, orgSector: orgs.sector })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId));
}
type Row = Awaited<ReturnType<typeof select>>[number];

function present(actor: Actor, r: Row): UserOut {
  const u = r.user;
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    orgId: u.orgId,
    orgName: r.orgName,
    roles: u.roles as Role[],
    disabled: u.disabledAt !== null,
    lockedUntil: u.lockedUntil?.toISOString() ?? null,
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
    abilities: abilitiesOf(userPolicy, actor, factsOf(r)),
  };
}

/** Who may see accounts (accounts.policy.ts): sysadmin and secadmin across the scope; org_admin its own org only. */
function userVisibility(actor: Actor) {
  authorize(userPolicy, 'list', actor);
  return userPolicy.readable?.(actor);
}

const factsOf = (r: Row) => ({
  id: r.user.id,
  orgId: r.user.orgId,
  regionCode: r.orgRegion,
  sector: r.orgSector,
  roles: r.user.roles as Role[],
});

const visible = (actor: Actor, r: Row) => can(userPolicy, 'read', actor, factsOf(r));

async function loadVisible(db: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = await select(db).where(eq(users.id, id)).limit(1);
  if (!row || !visible(actor, row)) throw notFound('用户');
  return row;
}

export async function listUsers(deps: UserDeps, actor: Actor, q: UserListQuery) {
  const where = and(
    userVisibility(actor),
    q.q ? or(ilike(users.username, containsPattern(q.q)), ilike(users.displayName, containsPattern(q.q))) : undefined,
    q.orgId ? eq(users.orgId, q.orgId) : undefined,
    q.role ? sql`${q.role} = any(${users.roles})` : undefined,
  );
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      select(deps.db).where(where).orderBy(asc(users.username), asc(users.id)).limit(limit).offset(offset),
    () =>
      totalOf(deps.db.select({ total: count() }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(where)),
  );
  return { data: rows.map((r) => present(actor, r)), total };
}

export async function getUser(deps: UserDeps, actor: Actor, id: string): Promise<UserOut> {
  return present(actor, await loadVisible(deps.db, actor, id));
}

/** The org an account is placed in must be visible to the caller; an org_admin may only use its own. */
async function checkTargetOrg(tx: Db, actor: Actor, orgId: string) {
  const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
  const allowed =
    org && (can(userPolicy, 'place_in_scope', actor) ? inScope(actor.scope, org) : org.id === actor.org.id);
  if (!allowed) throw fieldError(422, 'invalid_org', 'orgId', '所属单位不存在或不在管辖范围内');
}

/**
 * Who grants what (三员分立): only the security administrator grants or revokes sysadmin, secadmin and auditor —
 * the system administrator never does —, and it grants nothing else; the system administrator grants business
 * roles, an org admin those of ORG_ADMIN_GRANTABLE. `before` is the account's current roles (none when created).
 */
function checkRoles(actor: Actor, roles: Role[], before: readonly Role[] = []) {
  const message = checkRoleSet(roles);
  if (message) throw fieldError(422, 'separation_of_duties', 'roles', message);
  const adminBefore = before.filter(isAdminRole).sort().join();
  const adminAfter = roles.filter(isAdminRole).sort().join();
  if (adminBefore !== adminAfter && !can(userPolicy, 'grant_admin_roles', actor))
    throw fieldError(
      422,
      'role_not_grantable',
      'roles',
      '系统管理员、安全管理员、安全审计员角色只能由安全管理员授予或收回（三员分立）',
    );
  if (!can(userPolicy, 'grant_business_roles', actor)) {
    const business = [...before, ...roles].filter((r) => !isAdminRole(r));
    if (business.length > 0)
      throw fieldError(
        422,
        'role_not_grantable',
        'roles',
        '安全管理员只授予或收回系统管理员、安全管理员、安全审计员角色',
      );
    return;
  }
  if (!can(userPolicy, 'grant_any_business_role', actor) && holdsUngrantableRole(roles)) {
    throw fieldError(
      422,
      'role_not_grantable',
      'roles',
      '单位管理员只能授予执法人员、法制审核人员、部门负责人、执法监督人员角色',
    );
  }
}

/** A one-time password (16 characters, all four character classes) for a new administrator. */
function oneTimePassword(): string {
  const pick = (set: string) => set[randomInt(set.length)] as string;
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@!'];
  const chars = [...sets.map(pick), ...Array.from({ length: 12 }, () => pick(sets.join('')))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j] as string, chars[i] as string];
  }
  return chars.join('');
}

export async function createUser(
  deps: UserDeps,
  ctx: RequestContext,
  actor: Actor,
  input: UserCreateBody,
): Promise<UserOut> {
  return runAudited(deps.db, deps.clock, ctx, { action: 'user.create', resourceType: 'user' }, async (tx) => {
    authorize(userPolicy, 'create', actor);
    const username = input.username.trim().toLowerCase();
    if (!USERNAME_PATTERN.test(username)) {
      throw fieldError(
        422,
        'invalid_username',
        'username',
        '用户名须以字母开头，由 3–32 位小写字母、数字、下划线、点或连字符组成',
      );
    }
    checkRoles(actor, input.roles);
    await checkTargetOrg(tx, actor, input.orgId);
    const admin = input.roles.some(isAdminRole);
    if (admin && input.password !== undefined)
      throw fieldError(
        422,
        'password_not_allowed',
        'password',
        '管理员账号的初始密码由系统生成（一次性密码，首次登录须修改），不能指定',
      );
    if (!admin && input.password === undefined)
      throw fieldError(422, 'password_required', 'password', '请设置初始密码');
    const password = admin ? oneTimePassword() : (input.password as string);
    assertPasswordPolicy(password);
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.username, username)).limit(1);
    if (taken) throw fieldError(409, 'username_taken', 'username', `用户名“${username}”已被使用`);
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(users).values({
      id,
      username,
      displayName: input.displayName.trim(),
      passwordHash: await hashPassword(password),
      orgId: input.orgId,
      roles: [...new Set(input.roles)],
      passwordChangedAt: now,
      mustChangePassword: admin,
      createdAt: now,
      updatedAt: now,
    });
    const user = present(actor, await loadVisible(tx, actor, id));
    return { value: admin ? { ...user, oneTimePassword: password } : user, resourceId: id };
  });
}

async function endSessions(tx: Db, userId: string, now: Date, reason: string) {
  await tx
    .update(sessions)
    .set({ endedAt: now, endReason: reason })
    .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt)));
}

export async function updateUser(
  deps: UserDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: UserPatchBody,
): Promise<UserOut> {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'user.update', resourceType: 'user', resourceId: id },
    async (tx) => {
      const row = await loadVisible(tx, actor, id);
      const facts = factsOf(row);
      authorize(userPolicy, 'update', actor, facts);
      if (
        !can(userPolicy, 'update_profile', actor, facts) &&
        (patch.roles === undefined || patch.disabled !== undefined || patch.orgId !== undefined)
      )
        authorize(userPolicy, 'update_profile', actor, facts);
      if (
        id === actor.userId &&
        (patch.roles !== undefined || patch.disabled !== undefined || patch.orgId !== undefined)
      ) {
        throw new AppError(422, 'cannot_change_self', '不能修改自己账号的角色、状态或所属单位，请由其他管理员操作');
      }
      if (holdsUngrantableRole(facts.roles)) authorize(userPolicy, 'update_admin_account', actor, facts);
      const before = row.user.roles as Role[];
      if (patch.roles) checkRoles(actor, patch.roles, before);
      if (patch.orgId) await checkTargetOrg(tx, actor, patch.orgId);
      const now = deps.clock.now();
      // an administrator role newly granted comes with a one-time password: whoever knew the old one cannot use it
      const granted = (patch.roles ?? []).some((r) => isAdminRole(r) && !before.includes(r));
      const issued = granted ? oneTimePassword() : null;
      const disabledAt =
        patch.disabled === undefined ? undefined : patch.disabled ? (row.user.disabledAt ?? now) : null;
      await tx
        .update(users)
        .set({
          ...(patch.displayName !== undefined ? { displayName: patch.displayName.trim() } : {}),
          ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}),
          ...(patch.orgId ? { orgId: patch.orgId } : {}),
          ...(disabledAt !== undefined ? { disabledAt } : {}),
          ...(issued
            ? { passwordHash: await hashPassword(issued), passwordChangedAt: now, mustChangePassword: true }
            : {}),
          updatedAt: now,
        })
        .where(eq(users.id, id));
      if (issued) await endSessions(tx, id, now, 'admin_role_granted');
      // Disabling or moving an account ends all its sessions at once.
      if (patch.disabled === true) await endSessions(tx, id, now, 'disabled');
      else if (patch.orgId && patch.orgId !== row.user.orgId) await endSessions(tx, id, now, 'org_changed');
      const user = present(actor, await loadVisible(tx, actor, id));
      return { value: issued ? { ...user, oneTimePassword: issued } : user };
    },
  );
}

export async function setLock(
  deps: UserDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  locked: boolean,
): Promise<UserOut> {
  const action = locked ? 'user.lock' : 'user.unlock';
  return runAudited(deps.db, deps.clock, ctx, { action, resourceType: 'user', resourceId: id }, async (tx) => {
    authorize(userPolicy, locked ? 'lock' : 'unlock', actor, await userPolicy.load?.(tx, id));
    const target = await loadVisible(tx, actor, id);
    if (id === actor.userId) throw new AppError(422, 'cannot_change_self', '不能锁定或解锁自己的账号');
    const now = deps.clock.now();
    await tx
      .update(users)
      .set({ lockedUntil: locked ? MANUAL_LOCK_UNTIL : null, failedAttempts: 0, updatedAt: now })
      .where(eq(users.id, id));
    // unlocking also lifts the login pause of the name from every client
    if (!locked) await clearFailures(tx, target.user.username);
    if (locked) await endSessions(tx, id, now, 'locked');
    return { value: present(actor, await loadVisible(tx, actor, id)) };
  });
}

export async function listSessions(deps: UserDeps, actor: Actor, q: SessionListQuery) {
  authorize(sessionPolicy, 'list', actor);
  const now = deps.clock.now();
  const where = and(
    sessionPolicy.readable?.(actor),
    isNull(sessions.endedAt),
    gt(sessions.expiresAt, now),
    q.userId ? eq(sessions.userId, q.userId) : undefined,
  );
  const from = () =>
    deps.db
      .select({ session: sessions, username: users.username })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(orgs, eq(orgs.id, users.orgId));
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      from().where(where).orderBy(desc(sessions.lastSeenAt), asc(sessions.id)).limit(limit).offset(offset),
    () =>
      totalOf(
        deps.db
          .select({ total: count() })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .innerJoin(orgs, eq(orgs.id, users.orgId))
          .where(where),
      ),
  );
  const data: SessionOut[] = rows.map(({ session: s, username }) => ({
    id: s.id,
    userId: s.userId,
    username,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    ip: s.ip,
    userAgent: s.userAgent,
  }));
  return { data, total };
}

export async function endSession(deps: UserDeps, ctx: RequestContext, actor: Actor, sessionId: string): Promise<void> {
  await runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'session.end', resourceType: 'session', resourceId: sessionId },
    async (tx) => {
      authorize(sessionPolicy, 'end', actor, await sessionPolicy.load?.(tx, sessionId));
      const [row] = await tx
        .select({ session: sessions, orgRegion: orgs.regionCode, orgSector: orgs.sector })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .innerJoin(orgs, eq(orgs.id, users.orgId))
        .where(eq(sessions.id, sessionId))
        .limit(1);
      if (!row || row.session.endedAt || !inScope(actor.scope, { regionCode: row.orgRegion, sector: row.orgSector })) {
        throw notFound('会话');
      }
      await tx
        .update(sessions)
        .set({ endedAt: deps.clock.now(), endReason: 'ended_by_secadmin' })
        .where(eq(sessions.id, sessionId));
      return { value: undefined };
    },
  );
}
