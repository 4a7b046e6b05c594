/** Which console pages each role may open. The server enforces the same rules; this only shapes the UI. */
import type { Role } from '../../../common/enums.js';

export type PageKey =
  | 'workbench'
  | 'orgs'
  | 'users'
  | 'sessions'
  | 'audit'
  | 'officers'
  | 'certificates'
  | 'trainingImport'
  | 'trainingReport'
  | 'items'
  | 'benchmarks'
  | 'delegations'
  | 'cases'
  | 'reviewInbox'
  | 'publicity'
  | 'publicityOverdue'
  | 'entities'
  | 'profile';

/** Side-menu groups (submenus). */
export type MenuGroupKey = 'personnel' | 'catalog' | 'cases' | 'inspections';

export const MENU_GROUPS: Record<MenuGroupKey, { label: string }> = {
  personnel: { label: '执法人员管理' },
  catalog: { label: '事项与裁量' },
  cases: { label: '案件办理' },
  inspections: { label: '检查监管' },
};

export interface PageDef {
  key: PageKey;
  path: string;
  label: string;
  /** Submenu the page is listed under (top level when absent). */
  group?: MenuGroupKey;
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

export const PAGES: readonly PageDef[] = [
  // everyone's home after login: what waits for them (an administrator's: the pages of the role)
  { key: 'workbench', path: '/workbench', label: '工作台', allowed: () => true },
  { key: 'orgs', path: '/orgs', label: '组织机构', allowed: (roles) => roles.some((r) => r !== 'auditor') },
  {
    key: 'users',
    path: '/users',
    label: '用户管理',
    allowed: (roles) => has(roles, 'sysadmin', 'org_admin', 'secadmin'),
  },
  { key: 'sessions', path: '/sessions', label: '会话管理', allowed: (roles) => has(roles, 'secadmin') },
  { key: 'audit', path: '/audit', label: '审计日志', allowed: (roles) => has(roles, 'auditor') },
  { key: 'officers', path: '/officers', label: '执法人员', group: 'personnel', allowed: notAuditorOnly },
  { key: 'certificates', path: '/certificates', label: '证件管理', group: 'personnel', allowed: notAuditorOnly },
  { key: 'trainingImport', path: '/training/import', label: '培训登记', group: 'personnel', allowed: notAuditorOnly },
  { key: 'trainingReport', path: '/training/report', label: '培训统计', group: 'personnel', allowed: notAuditorOnly },
  { key: 'items', path: '/items', label: '事项清单', group: 'catalog', allowed: notAuditorOnly },
  { key: 'benchmarks', path: '/benchmarks', label: '裁量基准', group: 'catalog', allowed: notAuditorOnly },
  { key: 'delegations', path: '/delegations', label: '赋权管理', group: 'catalog', allowed: notAuditorOnly },
  { key: 'cases', path: '/cases', label: '案件管理', group: 'cases', allowed: caseRoles },
  {
    key: 'reviewInbox',
    path: '/cases/review-inbox',
    label: '法制审核',
    group: 'cases',
    allowed: (roles) => has(roles, 'legal_reviewer'),
  },
  { key: 'publicity', path: '/publicity', label: '公示管理', group: 'cases', allowed: caseRoles },
  {
    key: 'publicityOverdue',
    path: '/publicity/overdue',
    label: '公示监督',
    group: 'cases',
    allowed: (roles) => has(roles, 'supervisor'),
  },
  { key: 'entities', path: '/entities', label: '检查对象名录库', group: 'inspections', allowed: caseRoles },
  { key: 'profile', path: '/profile', label: '个人中心', allowed: () => true },
];

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
