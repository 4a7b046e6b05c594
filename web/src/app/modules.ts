/**
 * The console's modules: each lists its menu entries and its pages (lazy: a page's code loads when first opened).
 * The router (router.tsx) and the menu (access.ts → AppLayout) read this list, so adding a module's pages edits this
 * file (and access.ts for who may see them), never the router. The order is the menu's order.
 */
import type { ComponentType } from 'react';
import { lazyPage } from './lazy-page';

/** Side-menu groups (submenus). */
export type MenuGroupKey = 'personnel' | 'catalog' | 'cases' | 'inspections' | 'supervision';

export const MENU_GROUPS: Record<MenuGroupKey, { label: string }> = {
  personnel: { label: '执法人员管理' },
  catalog: { label: '事项与裁量' },
  cases: { label: '案件办理' },
  inspections: { label: '检查监管' },
  supervision: { label: '执法监督' },
};

export interface MenuEntry<K extends string = string> {
  key: K;
  path: string;
  label: string;
  /** Submenu the page is listed under (top level when absent). */
  group?: MenuGroupKey;
}

export interface ConsolePage<K extends string = string> {
  /** Route path under `/` (e.g. `cases/:id`). */
  path: string;
  /** The menu entry whose visibility rule guards the page. */
  page: K;
  // biome-ignore lint/suspicious/noExplicitAny: the props of each page component
  component: ComponentType<any>;
}

export interface ConsoleModule<K extends string = string> {
  name: string;
  menu: readonly MenuEntry<K>[];
  pages: readonly ConsolePage<K>[];
}

// Page keys are written once, here; PageKey is their union.
const KEYS = [
  'workbench',
  'orgs',
  'users',
  'sessions',
  'machineClients',
  'audit',
  'officers',
  'certificates',
  'trainingImport',
  'trainingReport',
  'items',
  'benchmarks',
  'delegations',
  'cases',
  'reviewInbox',
  'publicity',
  'publicityOverdue',
  'complaints',
  'complaintSupervision',
  'entities',
  'inspectionPlans',
  'inspectionTasks',
  'inspectionFollowUps',
  'inspectionLateResults',
  'visitScan',
  'visits',
  'supervisionPlans',
  'reviewCampaigns',
  'reviewSheets',
  'profile',
] as const;
export type PageKey = (typeof KEYS)[number];

const page = (path: string, key: PageKey, component: ConsolePage['component']): ConsolePage<PageKey> => ({
  path,
  page: key,
  component,
});

export const CONSOLE_MODULES: readonly ConsoleModule<PageKey>[] = [
  {
    // everyone's home after login: what waits for them (an administrator's: the pages of the role)
    name: 'workbench',
    menu: [{ key: 'workbench', path: '/workbench', label: '工作台' }],
    pages: [
      page(
        'workbench',
        'workbench',
        lazyPage(() => import('../pages/workbench/WorkbenchPage')),
      ),
    ],
  },
  {
    name: 'orgs',
    menu: [{ key: 'orgs', path: '/orgs', label: '组织机构' }],
    pages: [
      page(
        'orgs',
        'orgs',
        lazyPage(() => import('../pages/orgs/OrgsPage')),
      ),
    ],
  },
  {
    name: 'accounts',
    menu: [
      { key: 'users', path: '/users', label: '用户管理' },
      { key: 'sessions', path: '/sessions', label: '会话管理' },
    ],
    pages: [
      page(
        'users',
        'users',
        lazyPage(() => import('../pages/users/UsersPage')),
      ),
      page(
        'sessions',
        'sessions',
        lazyPage(() => import('../pages/sessions/SessionsPage')),
      ),
    ],
  },
  {
    // 机器客户端 (issue 14): the 12345 hotline's and the Open311 apps' clients, kept by the system administrator
    name: 'machineClients',
    menu: [{ key: 'machineClients', path: '/clients', label: '机器客户端' }],
    pages: [
      page(
        'clients',
        'machineClients',
        lazyPage(() => import('../pages/clients/MachineClientsPage')),
      ),
    ],
  },
  {
    name: 'audit',
    menu: [{ key: 'audit', path: '/audit', label: '审计日志' }],
    pages: [
      page(
        'audit',
        'audit',
        lazyPage(() => import('../pages/audit/AuditPage')),
      ),
    ],
  },
  {
    name: 'personnel',
    menu: [
      { key: 'officers', path: '/officers', label: '执法人员', group: 'personnel' },
      { key: 'certificates', path: '/certificates', label: '证件管理', group: 'personnel' },
      { key: 'trainingImport', path: '/training/import', label: '培训登记', group: 'personnel' },
      { key: 'trainingReport', path: '/training/report', label: '培训统计', group: 'personnel' },
    ],
    pages: [
      page(
        'officers',
        'officers',
        lazyPage(() => import('../pages/officers/OfficersPage')),
      ),
      page(
        'officers/:id',
        'officers',
        lazyPage(() => import('../pages/officers/OfficerDetailPage')),
      ),
      page(
        'certificates',
        'certificates',
        lazyPage(() => import('../pages/certificates/CertificatesPage')),
      ),
      page(
        'training/import',
        'trainingImport',
        lazyPage(() => import('../pages/training/TrainingImportPage')),
      ),
      // the report page carries ECharts; it is only loaded when opened
      page(
        'training/report',
        'trainingReport',
        lazyPage(() => import('../pages/training/TrainingReportPage')),
      ),
    ],
  },
  {
    name: 'catalog',
    menu: [
      { key: 'items', path: '/items', label: '事项清单', group: 'catalog' },
      { key: 'benchmarks', path: '/benchmarks', label: '裁量基准', group: 'catalog' },
      { key: 'delegations', path: '/delegations', label: '赋权管理', group: 'catalog' },
    ],
    pages: [
      page(
        'items',
        'items',
        lazyPage(() => import('../pages/items/ItemsPage')),
      ),
      page(
        'items/:id',
        'items',
        lazyPage(() => import('../pages/items/ItemDetailPage')),
      ),
      page(
        'benchmarks',
        'benchmarks',
        lazyPage(() => import('../pages/benchmarks/BenchmarksPage')),
      ),
      page(
        'benchmarks/:id',
        'benchmarks',
        lazyPage(() => import('../pages/benchmarks/BenchmarkDetailPage')),
      ),
      page(
        'delegations',
        'delegations',
        lazyPage(() => import('../pages/delegations/DelegationsPage')),
      ),
      page(
        'delegations/:id',
        'delegations',
        lazyPage(() => import('../pages/delegations/DelegationDetailPage')),
      ),
    ],
  },
  {
    name: 'cases',
    menu: [
      { key: 'cases', path: '/cases', label: '案件管理', group: 'cases' },
      { key: 'reviewInbox', path: '/cases/review-inbox', label: '法制审核', group: 'cases' },
    ],
    pages: [
      page(
        'cases',
        'cases',
        lazyPage(() => import('../pages/cases/CasesPage')),
      ),
      page(
        'cases/review-inbox',
        'reviewInbox',
        lazyPage(() => import('../pages/cases/ReviewInboxPage')),
      ),
      page(
        'cases/:id',
        'cases',
        lazyPage(() => import('../pages/cases/CaseDetailPage')),
      ),
    ],
  },
  {
    name: 'publicity',
    menu: [
      { key: 'publicity', path: '/publicity', label: '公示管理', group: 'cases' },
      { key: 'publicityOverdue', path: '/publicity/overdue', label: '公示监督', group: 'cases' },
    ],
    pages: [
      page(
        'publicity',
        'publicity',
        lazyPage(() => import('../pages/publicity/PublicityPage')),
      ),
      page(
        'publicity/overdue',
        'publicityOverdue',
        lazyPage(() => import('../pages/publicity/PublicityOverduePage')),
      ),
    ],
  },
  {
    // 投诉举报 (issue 14): the handling org's inbox and the complaint's page; 投诉督办 for the supervisors
    name: 'complaints',
    menu: [
      { key: 'complaints', path: '/complaints', label: '投诉举报', group: 'cases' },
      { key: 'complaintSupervision', path: '/complaints/supervision', label: '投诉督办', group: 'supervision' },
    ],
    pages: [
      page(
        'complaints',
        'complaints',
        lazyPage(() => import('../pages/complaints/ComplaintsPage')),
      ),
      page(
        'complaints/supervision',
        'complaintSupervision',
        lazyPage(() => import('../pages/complaints/ComplaintSupervisionPage')),
      ),
      page(
        'complaints/:id',
        'complaints',
        lazyPage(() => import('../pages/complaints/ComplaintDetailPage')),
      ),
    ],
  },
  {
    name: 'entities',
    menu: [{ key: 'entities', path: '/entities', label: '检查对象名录库', group: 'inspections' }],
    pages: [
      page(
        'entities',
        'entities',
        lazyPage(() => import('../pages/entities/EntitiesPage')),
      ),
      page(
        'entities/:id',
        'entities',
        lazyPage(() => import('../pages/entities/EntityDetailPage')),
      ),
    ],
  },
  {
    name: 'inspections',
    menu: [
      { key: 'inspectionPlans', path: '/inspections/plans', label: '抽查计划', group: 'inspections' },
      { key: 'inspectionTasks', path: '/inspections/tasks', label: '抽查任务', group: 'inspections' },
      { key: 'inspectionFollowUps', path: '/inspections/follow-ups', label: '整改复查', group: 'inspections' },
      {
        key: 'inspectionLateResults',
        path: '/inspections/late-results',
        label: '逾期未公示结果',
        group: 'inspections',
      },
    ],
    pages: [
      page(
        'inspections/plans',
        'inspectionPlans',
        lazyPage(() => import('../pages/inspections/InspectionPlansPage')),
      ),
      page(
        'inspections/plans/:id',
        'inspectionPlans',
        lazyPage(() => import('../pages/inspections/InspectionPlanDetailPage')),
      ),
      page(
        'inspections/tasks',
        'inspectionTasks',
        lazyPage(() => import('../pages/inspections/InspectionTasksPage')),
      ),
      page(
        'inspections/tasks/:id',
        'inspectionTasks',
        lazyPage(() => import('../pages/inspections/InspectionTaskDetailPage')),
      ),
      page(
        'inspections/follow-ups',
        'inspectionFollowUps',
        lazyPage(() => import('../pages/inspections/FollowUpsPage')),
      ),
      page(
        'inspections/late-results',
        'inspectionLateResults',
        lazyPage(() => import('../pages/inspections/LateResultsPage')),
      ),
      // the ceremony screen (projector or phone)
      page(
        'inspections/tasks/:id/draw',
        'inspectionTasks',
        lazyPage(() => import('../pages/inspections/DrawPage')),
      ),
      // 结果录入 of one drawn target (phone first)
      page(
        'inspections/tasks/:id/targets/:entityId',
        'inspectionTasks',
        lazyPage(() => import('../pages/inspections/ResultEntryPage')),
      ),
    ],
  },
  {
    name: 'visits',
    menu: [
      { key: 'visitScan', path: '/visits/scan', label: '扫码入企', group: 'inspections' },
      { key: 'visits', path: '/visits', label: '入企记录', group: 'inspections' },
    ],
    pages: [
      // phone first: scan the entity's code, record the visit (offline kept on the phone)
      page(
        'visits/scan',
        'visitScan',
        lazyPage(() => import('../pages/visits/VisitScanPage')),
      ),
      page(
        'visits',
        'visits',
        lazyPage(() => import('../pages/visits/VisitsPage')),
      ),
    ],
  },
  {
    name: 'supervision',
    menu: [{ key: 'supervisionPlans', path: '/supervision/plans', label: '监督工作计划', group: 'supervision' }],
    pages: [
      page(
        'supervision/plans',
        'supervisionPlans',
        lazyPage(() => import('../pages/supervision/SupervisionPlansPage')),
      ),
      page(
        'supervision/plans/:id',
        'supervisionPlans',
        lazyPage(() => import('../pages/supervision/SupervisionPlanDetailPage')),
      ),
    ],
  },
  {
    name: 'review',
    menu: [
      { key: 'reviewCampaigns', path: '/reviews/campaigns', label: '案卷评查', group: 'supervision' },
      { key: 'reviewSheets', path: '/reviews/sheets', label: '评查表', group: 'supervision' },
    ],
    pages: [
      page(
        'reviews/campaigns',
        'reviewCampaigns',
        lazyPage(() => import('../pages/review/ReviewCampaignsPage')),
      ),
      page(
        'reviews/campaigns/:id',
        'reviewCampaigns',
        lazyPage(() => import('../pages/review/ReviewCampaignPage')),
      ),
      page(
        'reviews/sheets',
        'reviewSheets',
        lazyPage(() => import('../pages/review/ReviewSheetsPage')),
      ),
      page(
        'reviews/sheets/:id',
        'reviewSheets',
        lazyPage(() => import('../pages/review/ReviewSheetPage')),
      ),
    ],
  },
  {
    name: 'profile',
    menu: [{ key: 'profile', path: '/profile', label: '个人中心' }],
    pages: [
      page(
        'profile',
        'profile',
        lazyPage(() => import('../pages/profile/ProfilePage')),
      ),
    ],
  },
];

/** Every menu entry, in menu order. */
export const MENU: readonly MenuEntry<PageKey>[] = CONSOLE_MODULES.flatMap((m) => m.menu);
/** Every page, for the router. */
export const CONSOLE_PAGES: readonly ConsolePage<PageKey>[] = CONSOLE_MODULES.flatMap((m) => m.pages);
