/** Which console pages each role may open. The server enforces the same rules; this only shapes the UI. */
import type { Role } from '../../../common/enums.js';
import { MENU, MENU_GROUPS, type MenuEntry, type MenuGroupKey, type PageKey } from './modules';

export { MENU_GROUPS, type MenuGroupKey, type PageKey };

export interface PageDef extends MenuEntry<PageKey> {
  allowed: (roles: readonly Role[]) => boolean;
}

const has = (roles: readonly Role[], ...wanted: Role[]) => roles.some((r) => wanted.includes(r));
/** Business roles: the administrators of 三员分立 (sysadmin, secadmin, auditor) see no business data (the server
 * answers 403). */
const notAuditorOnly = (roles: readonly Role[]) =>
  roles.some((r) => r !== 'auditor' && r !== 'sysadmin' && r !== 'secadmin');
/** Roles that handle or oversee enforcement cases. */
const caseRoles = (roles: readonly Role[]) =>
  has(roles, 'officer', 'department_head', 'legal_reviewer', 'supervisor', 'org_admin');

/** Who may open each console page (the menu entries themselves are listed by module in modules.ts). */
const RULES: Record<PageKey, (roles: readonly Role[]) => boolean> = {
  // everyone's home after login: what waits for them (an administrator's: the pages of the role)
  workbench: () => true,
  orgs: (roles) => roles.some((r) => r !== 'auditor'),
  users: (roles) => has(roles, 'sysadmin', 'org_admin', 'secadmin'),
  sessions: (roles) => has(roles, 'secadmin'),
  audit: (roles) => has(roles, 'auditor'),
  officers: notAuditorOnly,
  certificates: notAuditorOnly,
  trainingImport: notAuditorOnly,
  trainingReport: notAuditorOnly,
  items: notAuditorOnly,
  benchmarks: notAuditorOnly,
  delegations: notAuditorOnly,
  cases: caseRoles,
  reviewInbox: (roles) => has(roles, 'legal_reviewer'),
  publicity: caseRoles,
  publicityOverdue: (roles) => has(roles, 'supervisor'),
  entities: caseRoles,
  profile: () => true,
};

/** The menu in order, each entry with its visibility rule. */
export const PAGES: readonly PageDef[] = MENU.map((entry) => ({ ...entry, allowed: RULES[entry.key] }));

export function canOpen(key: PageKey, roles: readonly Role[]): boolean {
  return PAGES.find((p) => p.key === key)?.allowed(roles) ?? false;
}

/** First menu page the roles allow (profile is always allowed). */
export function firstAllowedPath(roles: readonly Role[]): string {
  return PAGES.find((p) => p.allowed(roles))?.path ?? '/profile';
}

/** Whether a console path (e.g. a remembered redirect target) is allowed for the roles. */
export function pathAllowed(path: string, roles: readonly Role[]): boolean {
  // The most specific page wins (/publicity/overdue over /publicity).
  const page = PAGES.filter(
    (p) => path === p.path || path.startsWith(`${p.path}/`) || path.startsWith(`${p.path}?`),
  ).sort((a, b) => b.path.length - a.path.length)[0];
  return page ? page.allowed(roles) : false;
}

export const can = {
  editOrgs: (roles: readonly Role[]) => has(roles, 'sysadmin'),
  createUsers: (roles: readonly Role[]) => has(roles, 'sysadmin', 'org_admin', 'secadmin'),
  editUsers: (roles: readonly Role[]) => has(roles, 'sysadmin', 'org_admin', 'secadmin'),
  disableUsers: (roles: readonly Role[]) => has(roles, 'sysadmin', 'org_admin'),
  lockUsers: (roles: readonly Role[]) => has(roles, 'secadmin'),
  manageSessions: (roles: readonly Role[]) => has(roles, 'secadmin'),
  /** 三员分立: only the security administrator grants or revokes sysadmin, secadmin and auditor. */
  assignAdminRoles: (roles: readonly Role[]) => has(roles, 'secadmin'),
  moveUsers: (roles: readonly Role[]) => has(roles, 'sysadmin'),
  // Personnel: the server decides the details (own org vs. justice department); these only shape the UI.
  createOfficers: (roles: readonly Role[]) => has(roles, 'org_admin'),
  editOfficers: (roles: readonly Role[]) => has(roles, 'org_admin'),
  revealOfficerFields: (roles: readonly Role[]) => has(roles, 'org_admin'),
  /** Issue / suspend / reinstate / revoke certificates: a justice department's org_admin (server answers 403 otherwise). */
  manageCertificates: (roles: readonly Role[]) => has(roles, 'org_admin'),
  recordAssessments: (roles: readonly Role[]) => has(roles, 'org_admin', 'department_head'),
  decideExit: (roles: readonly Role[]) => has(roles, 'org_admin'),
  importTraining: (roles: readonly Role[]) => has(roles, 'org_admin'),
  // Catalogue, benchmarks, delegation: org admins; the server decides by org level, sector and kind.
  /** 新增事项 / 修订 / 导入 (a province-level department, or a city one for items from city rules). */
  editItems: (roles: readonly Role[]) => has(roles, 'org_admin'),
  /** 认领 for the user's own org. */
  claimItems: (roles: readonly Role[]) => has(roles, 'org_admin'),
  /** 新建基准 / 修订 / 细化 for the user's own org. */
  manageBenchmarks: (roles: readonly Role[]) => has(roles, 'org_admin'),
  /** 提出赋权 (a county government or a township). */
  proposeDelegations: (roles: readonly Role[]) => has(roles, 'org_admin'),
  /** Record a delegation step (a county or city government). */
  stepDelegations: (roles: readonly Role[]) => has(roles, 'org_admin'),
  // Cases: the server computes each case's allowed actions per caller; this only shows 登记案源.
  /** 登记案源 for the user's own org. */
  registerCases: (roles: readonly Role[]) => has(roles, 'officer', 'department_head'),
  // Publicity: the deciding org's officers publish, its department head withdraws or ends (the server checks the org).
  /** 公示 a decision. */
  publishDecisions: (roles: readonly Role[]) => has(roles, 'officer', 'department_head'),
  /** 撤回 / 结束公示. */
  withdrawPublicity: (roles: readonly Role[]) => has(roles, 'department_head'),
  // Target library: officers, heads and org admins of enforcement orgs (the server checks the org's kind).
  /** 新增 / 编辑 / 批量导入 检查对象. */
  editEntities: (roles: readonly Role[]) => has(roles, 'officer', 'department_head', 'org_admin'),
};
