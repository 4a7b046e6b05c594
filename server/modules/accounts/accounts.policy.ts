/**
 * Who may see and change accounts, locks and sessions (三员分立, DOMAIN.md §1): the system administrator keeps
 * accounts across its scope, an org administrator those of its own org; the security administrator grants and revokes
 * the administrator roles, locks accounts and ends sessions; the security auditor reads the audit trail only.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { definePolicy, ownOrg, withinScope } from '../../platform/policy.js';
import { scopeCondition } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.api.js';
import { ORG_ADMIN_GRANTABLE } from './accounts.rules.js';
import { sessions, users } from './accounts.schema.js';

export interface UserFacts {
  id: string;
  orgId: string;
  regionCode: string;
  sector: string;
  roles: Role[];
}

const is = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));

/** Accounts are seen by sysadmin and secadmin across their scope, by an org admin in its own org. */
const seesAccount = (actor: Actor, u: { orgId: string; regionCode: string; sector: string }) =>
  is(actor, 'sysadmin', 'secadmin') ? withinScope(actor, u) : ownOrg(actor, u);

export const userPolicy = definePolicy<UserFacts>({
  subject: 'user',
  label: '用户',
  async load(db: Db, id: string) {
    const [row] = await db
      .select({
        id: users.id,
        orgId: users.orgId,
        roles: users.roles,
        regionCode: orgs.regionCode,
        sector: orgs.sector,
      })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(users.id, id))
      .limit(1);
    return row ? { ...row, roles: row.roles as Role[] } : null;
  },
  readable(actor) {
    if (is(actor, 'sysadmin', 'secadmin')) return scopeCondition(actor.scope, orgs.regionCode, orgs.sector);
    return eq(users.orgId, actor.org.id);
  },
  abilities: {
    list: { roles: ['sysadmin', 'secadmin', 'org_admin'], record: false, refusal: '当前账号无权查看用户' },
    read: {
      roles: ['sysadmin', 'secadmin', 'org_admin'],
      record: true,
      when: seesAccount,
      refusal: '当前账号无权查看该用户',
    },
    create: {
      roles: ['sysadmin', 'secadmin', 'org_admin'],
      record: false,
      refusal: '只有系统管理员、安全管理员或单位管理员可以创建用户',
    },
    update: {
      roles: ['sysadmin', 'secadmin', 'org_admin'],
      record: true,
      when: seesAccount,
      refusal: '只有系统管理员、安全管理员或单位管理员可以修改用户',
    },
    /** An account holding a role an org admin cannot grant (an administrator's) is kept by sysadmin or secadmin. */
    update_admin_account: {
      roles: ['sysadmin', 'secadmin'],
      record: true,
      when: seesAccount,
      refusal: '单位管理员不能修改管理员账号',
    },
    /** Name, status and org of an account: not the security administrator's (it grants administrator roles only). */
    update_profile: {
      roles: ['sysadmin', 'org_admin'],
      record: true,
      when: seesAccount,
      refusal: '安全管理员只授予或收回管理员角色；账号的其他信息由系统管理员维护',
    },
    lock: {
      roles: ['secadmin'],
      record: true,
      when: withinScope,
      refusal: '只有安全管理员可以锁定、解锁账号和管理会话',
    },
    unlock: {
      roles: ['secadmin'],
      record: true,
      when: withinScope,
      refusal: '只有安全管理员可以锁定、解锁账号和管理会话',
    },
    /** 三员分立: only the security administrator grants or revokes sysadmin, secadmin and auditor. */
    grant_admin_roles: {
      roles: ['secadmin'],
      record: false,
      refusal: '系统管理员、安全管理员、安全审计员角色只能由安全管理员授予或收回（三员分立）',
    },
    /** Business roles: the system administrator any, an org admin those of ORG_ADMIN_GRANTABLE. */
    grant_business_roles: {
      roles: ['sysadmin', 'org_admin'],
      record: false,
      refusal: '安全管理员只授予或收回系统管理员、安全管理员、安全审计员角色',
    },
    grant_any_business_role: {
      roles: ['sysadmin'],
      record: false,
      refusal: '单位管理员只能授予执法人员、法制审核人员、部门负责人、执法监督人员角色',
    },
    /** Placing an account in any org of the scope (an org admin places accounts in its own org only). */
    place_in_scope: { roles: ['sysadmin', 'secadmin'], record: false, refusal: '所属单位不存在或不在管辖范围内' },
  },
});

/** Roles an org admin may not hand out: an account holding one is an administrator's account. */
export const holdsUngrantableRole = (roles: readonly Role[]) => roles.some((r) => !ORG_ADMIN_GRANTABLE.includes(r));

export interface SessionFacts {
  id: string;
  orgId: string;
  regionCode: string;
  sector: string;
}

export const sessionPolicy = definePolicy<SessionFacts>({
  subject: 'session',
  label: '会话',
  async load(db: Db, id: string) {
    const [row] = await db
      .select({ id: sessions.id, orgId: users.orgId, regionCode: orgs.regionCode, sector: orgs.sector })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
      .limit(1);
    return row ?? null;
  },
  readable: (actor) => scopeCondition(actor.scope, orgs.regionCode, orgs.sector),
  abilities: {
    list: { roles: ['secadmin'], record: false, refusal: '只有安全管理员可以锁定、解锁账号和管理会话' },
    read: {
      roles: ['secadmin'],
      record: true,
      when: withinScope,
      refusal: '只有安全管理员可以锁定、解锁账号和管理会话',
    },
    end: {
      roles: ['secadmin'],
      record: true,
      when: withinScope,
      refusal: '只有安全管理员可以锁定、解锁账号和管理会话',
    },
  },
});
