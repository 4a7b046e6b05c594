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

/** Roles that run or oversee random inspections (双随机、一公开). */
const inspectionRoles = (roles: readonly Role[]) => has(roles, 'officer', 'department_head', 'supervisor');

/** Who may open each console page (the menu entries themselves are listed by module in modules.ts). */
const RULES: Record<PageKey, (roles: readonly Role[]) => boolean> = {
  // everyone's home after login: what waits for them (an administrator's: the pages of the role)
  workbench: () => true,
  orgs: (roles) => roles.some((r) => r !== 'auditor'),
  users: (roles) => has(roles, 'sysadmin', 'org_admin', 'secadmin'),
  sessions: (roles) => has(roles, 'secadmin'),
  // the server's hotline_client.manage
  machineClients: (roles) => has(roles, 'sysadmin'),
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
  // the server's complaint.list (handling staff and the supervisors of the region) and complaint.overdue
  complaints: (roles) => has(roles, 'officer', 'department_head', 'supervisor'),
  complaintSupervision: (roles) => has(roles, 'supervisor', 'department_head'),
  entities: caseRoles,
  inspectionPlans: inspectionRoles,
  inspectionTasks: inspectionRoles,
  inspectionFollowUps: inspectionRoles,
  // the server's inspection_task.late_results
  inspectionLateResults: (roles) => has(roles, 'supervisor', 'department_head'),
  // 扫码入企: the officers who enter; 入企记录: they and the supervisors who oversee them
  visitScan: (roles) => has(roles, 'officer', 'department_head'),
  visits: inspectionRoles,
  supervisionPlans: (roles) => has(roles, 'supervisor'),
  reviewCampaigns: (roles) => has(roles, 'supervisor', 'legal_reviewer'),
  reviewSheets: (roles) => has(roles, 'supervisor', 'legal_reviewer'),
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
