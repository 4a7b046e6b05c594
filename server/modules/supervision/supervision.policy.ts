/**
 * Who may see and keep supervision work plans (platform/policy.ts): the supervisors (执法监督人员) of a justice
 * department make their body's plan and report its progress; supervisors of the justice departments above, and the
 * township 司法所 that assist a county, see it. No one else: a plan is the supervising body's own working paper.
 */
import { eq, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { definePolicy, ownOrg } from '../../platform/policy.js';
import { orgs } from '../orgs/orgs.api.js';
import { isSupervisingBody, overseenPrefix } from './supervision.rules.js';
import { supervisionPlans } from './supervision.schema.js';

export interface PlanFacts {
  id: string;
  /** The supervising body. */
  orgId: string;
  regionCode: string;
  sector: string;
}

export async function loadPlanFacts(db: Db, id: string): Promise<PlanFacts | null> {
  const [row] = await db
    .select({
      id: supervisionPlans.id,
      orgId: supervisionPlans.bodyOrgId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
    })
    .from(supervisionPlans)
    .innerJoin(orgs, eq(orgs.id, supervisionPlans.bodyOrgId))
    .where(eq(supervisionPlans.id, id))
    .limit(1);
  return row ?? null;
}

/** The plan's body lies in the region the actor's supervision org oversees. */
const oversees = (actor: Actor, regionCode: string) => {
  const prefix = overseenPrefix(actor.org);
  return prefix !== null && regionCode.startsWith(prefix);
};

export const supervisionPlanPolicy = definePolicy<PlanFacts>({
  subject: 'supervision_plan',
  label: '监督工作计划',
  load: loadPlanFacts,
  readable(actor) {
    const prefix = overseenPrefix(actor.org);
    // an actor outside a supervision org sees no plan
    return prefix === null ? sql`false` : like(orgs.regionCode, `${prefix}%`);
  },
  abilities: {
    list: {
      roles: ['supervisor'],
      record: false,
      when: (actor) => overseenPrefix(actor.org) !== null,
      refusal: '只有司法行政部门（司法所）的执法监督人员可以查看监督工作计划',
    },
    read: {
      roles: ['supervisor'],
      record: true,
      when: (actor, plan) => oversees(actor, plan.regionCode),
      refusal: '该监督工作计划不在本单位的监督范围内',
    },
    create: {
      roles: ['supervisor'],
      record: false,
      when: (actor) => isSupervisingBody(actor.org),
      refusal: '只有县级以上司法行政部门的执法监督人员可以制定监督工作计划',
    },
    report_progress: {
      roles: ['supervisor'],
      record: true,
      when: ownOrg,
      refusal: '只有制定计划的司法行政部门的执法监督人员可以登记进展',
    },
  },
});
