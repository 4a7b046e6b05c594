/**
 * Who may see and run random inspections (platform/policy.ts). A plan and its tasks belong to the departments that
 * run them (several: a joint plan): their staff (执法人员) and heads (部门负责人) see them; the heads make plans,
 * publish them, create tasks, commit and draw; staff and heads record results, heads publish them. Supervisors
 * (执法监督人员) of the justice departments overseeing one of those departments' regions read plans and tasks and the
 * list of late results. Everyone else: 404. Declared conflicts (回避) are kept by the officer's own org.
 */
import { type SQL, eq, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Role } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { type AbilityRule, definePolicy, ownOrg } from '../../platform/policy.js';
import { type OfficerFacts, loadOfficerFacts } from '../personnel/personnel.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { overseenPrefix } from './inspections.rules.js';
import { inspectionPlans, inspectionTasks } from './inspections.schema.js';

export interface RunFacts {
  id: string;
  /** The lead org (the first of the plan's orgs). */
  orgId: string;
  orgIds: string[];
  /** The lead org's region and sector. */
  regionCode: string;
  sector: string;
  /** The region of every org. */
  regionCodes: string[];
  /** Plans: published. Tasks: their state. */
  status: string;
}

async function orgFacts(db: Db, orgIds: string[]) {
  const rows = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode, sector: orgs.sector })
    .from(orgs)
    .where(sql`${orgs.id} = any(${sql.param(orgIds)}::uuid[])`);
  const lead = rows.find((r) => r.id === orgIds[0]);
  return { regionCode: lead?.regionCode ?? '', sector: lead?.sector ?? '', regionCodes: rows.map((r) => r.regionCode) };
}

export async function loadPlanFacts(db: Db, id: string): Promise<RunFacts | null> {
  const [p] = await db
    .select({ id: inspectionPlans.id, orgIds: inspectionPlans.orgIds, status: inspectionPlans.status })
    .from(inspectionPlans)
    .where(eq(inspectionPlans.id, id))
    .limit(1);
  if (!p) return null;
  return {
    id: p.id,
    orgId: p.orgIds[0] as string,
    orgIds: p.orgIds,
    status: p.status,
    ...(await orgFacts(db, p.orgIds)),
  };
}

export async function loadTaskFacts(db: Db, id: string): Promise<RunFacts | null> {
  const [t] = await db
    .select({ id: inspectionTasks.id, orgIds: inspectionTasks.orgIds, status: inspectionTasks.state })
    .from(inspectionTasks)
    .where(eq(inspectionTasks.id, id))
    .limit(1);
  if (!t) return null;
  return {
    id: t.id,
    orgId: t.orgIds[0] as string,
    orgIds: t.orgIds,
    status: t.status,
    ...(await orgFacts(db, t.orgIds)),
  };
}

/** The actor belongs to one of the running departments. */
export const runsIt = (actor: Actor, r: { orgIds: readonly string[] }) => r.orgIds.includes(actor.org.id);
/** The actor is a supervisor body overseeing one of the departments' regions. */
export const oversees = (actor: Actor, r: { regionCodes: readonly string[] }) => {
  const prefix = overseenPrefix(actor.org);
  return prefix !== null && r.regionCodes.some((c) => c.startsWith(prefix));
};

const STAFF: Role[] = ['officer', 'department_head'];
const HEADS: Role[] = ['department_head'];
const READERS: Role[] = ['officer', 'department_head', 'supervisor'];
const isStaff = (actor: Actor) => actor.roles.some((r) => STAFF.includes(r));
const isSupervisor = (actor: Actor) => actor.roles.includes('supervisor');
const isDepartment = (actor: Actor) => actor.org.kind === 'department' || actor.org.kind === 'comprehensive';

/** SQL: the record's orgs (a uuid[] column) include the actor's org, or lie in the region it oversees. */
export function readableByOrgs(actor: Actor, orgIdsColumn: PgColumn): SQL {
  const prefix = overseenPrefix(actor.org);
  const own = isStaff(actor) ? sql`${actor.org.id}::uuid = any(${orgIdsColumn})` : sql`false`;
  if (prefix === null || !isSupervisor(actor)) return own;
  return sql`(${own} or exists (select 1 from orgs o where o.id = any(${orgIdsColumn}) and o.region_code like ${`${prefix}%`}))`;
}

const read: AbilityRule<RunFacts> = {
  roles: READERS,
  record: true,
  when: (actor, r) => (isStaff(actor) && runsIt(actor, r)) || (isSupervisor(actor) && oversees(actor, r)),
  refusal: '只有实施部门的执法人员和负责人、监督该地区的执法监督人员可以查看',
};

const headOfRunning = (refusal: string, when?: (r: RunFacts) => boolean): AbilityRule<RunFacts> => ({
  roles: HEADS,
  record: true,
  when: (actor, r) => runsIt(actor, r) && (when ? when(r) : true),
  refusal,
});

export const inspectionPlanPolicy = definePolicy<RunFacts>({
  subject: 'inspection_plan',
  label: '抽查计划',
  load: loadPlanFacts,
  readable: (actor) => readableByOrgs(actor, inspectionPlans.orgIds),
  abilities: {
    list: { roles: READERS, record: false, refusal: '只有执法人员、部门负责人和执法监督人员可以查看抽查计划' },
    create: {
      roles: HEADS,
      record: false,
      when: (actor) => isDepartment(actor),
      refusal: '只有执法部门的负责人可以制定抽查计划',
    },
    read,
    publish: headOfRunning('只有实施部门的负责人可以公布抽查计划', (r) => r.status === 'draft'),
    create_task: headOfRunning('只有实施部门的负责人可以在已公布的计划下创建抽查任务', (r) => r.status === 'published'),
  },
});

export const inspectionTaskPolicy = definePolicy<RunFacts>({
  subject: 'inspection_task',
  label: '抽查任务',
  load: loadTaskFacts,
  readable: (actor) => readableByOrgs(actor, inspectionTasks.orgIds),
  abilities: {
    list: { roles: READERS, record: false, refusal: '只有执法人员、部门负责人和执法监督人员可以查看抽查任务' },
    create: {
      roles: HEADS,
      record: false,
      when: (actor) => isDepartment(actor),
      refusal: '只有执法部门的负责人可以创建抽查任务',
    },
    late_results: {
      roles: ['supervisor', 'department_head'],
      record: false,
      refusal: '只有执法监督人员和部门负责人可以查看逾期未公示的抽查结果',
    },
    read,
    commit: headOfRunning('只有实施部门的负责人可以冻结名录并承诺种子'),
    draw: headOfRunning('只有实施部门的负责人可以主持公开抽取'),
    record_result: {
      roles: STAFF,
      record: true,
      when: runsIt,
      refusal: '只有实施部门的执法人员和负责人可以录入检查结果',
    },
    publish_results: headOfRunning('只有实施部门的负责人可以公示检查结果'),
    close: headOfRunning('只有实施部门的负责人可以办结抽查任务'),
  },
});

/** Declared conflicts of interest (回避), by officer (`/api/v1/officers/:id/conflicts`). */
export const officerConflictPolicy = definePolicy<OfficerFacts>({
  subject: 'officer_conflict',
  label: '执法人员',
  load: loadOfficerFacts,
  abilities: {
    read: {
      roles: READERS,
      record: true,
      when: (actor, o) =>
        ownOrg(actor, o) || (actor.roles.includes('supervisor') && oversees(actor, { regionCodes: [o.regionCode] })),
      refusal: '只有本单位的执法人员、负责人和监督该地区的执法监督人员可以查看回避申报',
    },
    declare: {
      roles: STAFF,
      record: true,
      when: ownOrg,
      refusal: '只有本单位的执法人员和负责人可以申报利害关系回避',
    },
  },
});
