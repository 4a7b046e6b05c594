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
  return null;
}

/** Roles an org_admin may hand out within its own org. */
export const ORG_ADMIN_GRANTABLE: readonly Role[] = ['officer', 'legal_reviewer', 'department_head', 'supervisor'];

export const USERNAME_PATTERN = /^[a-z][a-z0-9_.-]{2,31}$/;
