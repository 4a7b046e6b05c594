/** Pure rules on accounts and roles. */
import { ADMIN_ROLES, type Role } from '../../../common/enums.js';

/**
 * 三员分立: no account holds two of sysadmin / secadmin / auditor, and the auditor reads audit only, so it
 * holds no other role. Returns a Chinese message when the set is refused.
 */
export function checkRoleSet(roles: readonly Role[]): string | null {
  if (roles.length === 0) return '至少选择一个角色';
  const admin = roles.filter((r) => (ADMIN_ROLES as readonly string[]).includes(r));
  if (admin.length > 1) return '系统管理员、安全管理员、安全审计员三种角色须由不同账号担任（三员分立）';
  if (roles.includes('auditor') && roles.length > 1) return '安全审计员只能查看审计日志，不能兼任其他角色';
  if (admin.length > 0 && roles.length > admin.length)
    return '系统管理员、安全管理员不能兼任业务角色：管理员不查看、不办理业务数据（三员分立）';
  return null;
}

/** Roles an org_admin may hand out within its own org. */
export const ORG_ADMIN_GRANTABLE: readonly Role[] = ['officer', 'legal_reviewer', 'department_head', 'supervisor'];

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;

/**
 * Exponential back-off of failed logins: from the `threshold`-th failure on, each failure pauses login for
 * `firstMinutes`, doubling with every further failure, never longer than `maxMinutes`. Returns milliseconds (0: no
 * pause).
 */
export function backoffMs(failures: number, threshold: number, firstMinutes: number, maxMinutes: number): number {
  if (failures < threshold) return 0;
  const doublings = Math.min(failures - threshold, 30);
  return Math.min(maxMinutes, firstMinutes * 2 ** doublings) * 60_000;
}

/** Failures older than this are forgotten: the count starts again. */
export const FAILURE_MEMORY_MS = 24 * 3_600_000;

/**
 * Business data by route path (the route's pattern, e.g. `/api/v1/orgs/:id/items`): the administrators of 三员分立
 * neither read nor write it — whatever their menu shows.
 */
export const BUSINESS_ROUTE_PREFIXES = [
  '/api/v1/cases',
  '/api/v1/complaints',
  '/api/v1/officers',
  '/api/v1/certificates',
  '/api/v1/training-records',
  '/api/v1/items',
  '/api/v1/benchmarks',
  '/api/v1/delegations',
  '/api/v1/publicity',
  '/api/v1/reports',
  '/api/v1/me/tasks',
  '/api/v1/orgs/:id/items',
  '/api/v1/orgs/:id/delegated-items',
] as const;

export const isBusinessRoute = (route: string) =>
  BUSINESS_ROUTE_PREFIXES.some((p) => route === p || route.startsWith(`${p}/`));

/** What a session that must first change its one-time password may still do. */
export const PASSWORD_CHANGE_ROUTES = ['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout'];

export const isAdminRole = (r: string) => (ADMIN_ROLES as readonly string[]).includes(r);

/** 三员分立 and the one-time password, by route: the refusal for this actor, or null. */
export function routeRefusal(
  actor: { roles: readonly string[]; mustChangePassword: boolean },
  route: string,
): { code: string; detail: string } | null {
  if (actor.mustChangePassword && !PASSWORD_CHANGE_ROUTES.includes(route))
    return { code: 'password_change_required', detail: '请先修改初始的一次性密码，修改后方可使用其他功能' };
  if (
    actor.roles.includes('auditor') &&
    !route.startsWith('/api/v1/auth/') &&
    !route.startsWith('/api/v1/audit-events')
  )
    return { code: 'forbidden', detail: '安全审计员只能查看审计日志' };
  if (actor.roles.some(isAdminRole) && isBusinessRoute(route))
    return { code: 'forbidden', detail: '系统管理员、安全管理员和安全审计员不能查看或办理业务数据（三员分立）' };
  return null;
}
