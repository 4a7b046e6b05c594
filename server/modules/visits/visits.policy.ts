/**
 * Who may see and record entry scans (platform/policy.ts). A visit belongs to the department whose officers entered:
 * its officers and heads record visits and see that org's visits; supervisors (执法监督人员) of the justice
 * departments overseeing the org's region see them with their flags, and the per-org rating aggregates. Nobody edits
 * or deletes a visit (append-only).
 */
import { type SQL, eq, sql } from 'drizzle-orm';
import type { OrgKind, Role } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { definePolicy } from '../../platform/policy.js';
import { ENFORCEMENT_ORG_KINDS } from '../entities/entity-details.api.js';
import { overseenPrefix } from '../inspections/inspections.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { visits } from './visits.schema.js';

export interface VisitFacts {
  id: string;
  /** The visiting department. */
  orgId: string;
  /** The department's region and sector. */
  regionCode: string;
  sector: string;
}

export async function loadVisitFacts(db: Db, id: string): Promise<VisitFacts | null> {
  const [row] = await db
    .select({ id: visits.id, orgId: visits.orgId, regionCode: orgs.regionCode, sector: orgs.sector })
    .from(visits)
    .innerJoin(orgs, eq(orgs.id, visits.orgId))
    .where(eq(visits.id, id))
    .limit(1);
  return row ?? null;
}

const STAFF: Role[] = ['officer', 'department_head'];
const isStaff = (actor: Actor) => actor.roles.some((r) => STAFF.includes(r));
const isSupervisor = (actor: Actor) => actor.roles.includes('supervisor');
const oversees = (actor: Actor, regionCode: string) => {
  const prefix = overseenPrefix(actor.org);
  return prefix !== null && isSupervisor(actor) && regionCode.startsWith(prefix);
};

/** SQL over `visits` joined with the visiting org (`orgs`): the actor's own org, or a region it oversees. */
export function readableVisits(actor: Actor): SQL {
  const own = isStaff(actor) ? sql`${visits.orgId} = ${actor.org.id}::uuid` : sql`false`;
  const prefix = overseenPrefix(actor.org);
  if (prefix === null || !isSupervisor(actor)) return own;
  return sql`(${own} or ${orgs.regionCode} like ${`${prefix}%`})`;
}

export const visitPolicy = definePolicy<VisitFacts>({
  subject: 'visit',
  label: '入企记录',
  load: loadVisitFacts,
  readable: readableVisits,
  abilities: {
    list: {
      roles: ['officer', 'department_head', 'supervisor'],
      record: false,
      refusal: '只有执法人员、部门负责人和执法监督人员可以查看入企记录',
    },
    read: {
      roles: ['officer', 'department_head', 'supervisor'],
      record: true,
      when: (actor, v) => (isStaff(actor) && actor.org.id === v.orgId) || oversees(actor, v.regionCode),
      refusal: '只有入企部门的执法人员和负责人、监督该地区的执法监督人员可以查看',
    },
    create: {
      roles: STAFF,
      record: false,
      when: (actor) => ENFORCEMENT_ORG_KINDS.includes(actor.org.kind as OrgKind),
      refusal: '只有执法部门的执法人员和部门负责人可以登记扫码入企',
    },
    ratings: {
      roles: ['supervisor'],
      record: false,
      when: (actor) => overseenPrefix(actor.org) !== null,
      refusal: '只有司法行政部门（司法所）的执法监督人员可以查看企业评价汇总',
    },
  },
});
