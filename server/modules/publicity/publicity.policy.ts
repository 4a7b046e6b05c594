/**
 * Who may see and change a decision's publication (行政执法公示), keyed by its case (`:caseId`): the org that made the
 * decision publishes it (an officer or the head) and its head withdraws or ends it; every business role sees the
 * publications in its scope, and supervisors are told of the late ones (platform/policy.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { compile } from '../../db/compiled.js';
import { BUSINESS_ROLES, definePolicy, ownOrg, withinScope } from '../../platform/policy.js';
import { scopeCondition } from '../../platform/scope.js';
import { cases } from '../cases/cases.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { publications } from './publicity.schema.js';

export interface PublicationFacts {
  /** The case whose decision is published. */
  id: string;
  /** The org that made the decision. */
  orgId: string;
  regionCode: string;
  sector: string;
}

const publicationFacts = compile((db) =>
  db
    .select({ id: publications.caseId, orgId: cases.orgId, regionCode: orgs.regionCode, sector: orgs.sector })
    .from(publications)
    .innerJoin(cases, eq(cases.id, publications.caseId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .where(eq(publications.caseId, sql.placeholder('id'))),
);

export async function loadPublicationFacts(db: Db, caseId: string): Promise<PublicationFacts | null> {
  const [row] = await publicationFacts.run(db, { id: caseId });
  return row ?? null;
}

export const publicationPolicy = definePolicy<PublicationFacts>({
  subject: 'publication',
  label: '公示事项',
  param: 'caseId',
  load: loadPublicationFacts,
  /** Needs `orgs` joined on the case's org. */
  readable: (actor) => scopeCondition(actor.scope, orgs.regionCode, orgs.sector),
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看公示管理' },
    /** The list of decisions past their publish-by date (公示监督), in scope. */
    overdue: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看逾期未公示的决定' },
    /** Supervision: the workbench tells supervisors of late publications in scope. */
    supervise: { roles: ['supervisor'], record: false, refusal: '只有执法监督人员有逾期公示的监督待办' },
    read: {
      roles: BUSINESS_ROLES,
      record: true,
      when: withinScope,
      refusal: '该公示事项不在本单位的管辖范围内',
    },
    publish: {
      roles: ['officer', 'department_head'],
      record: true,
      when: ownOrg,
      refusal: '由作出决定的单位的执法人员或负责人公示',
    },
    withdraw: {
      roles: ['department_head'],
      record: true,
      when: ownOrg,
      refusal: '由作出决定的单位的负责人撤回公示',
    },
    end: { roles: ['department_head'], record: true, when: ownOrg, refusal: '由作出决定的单位的负责人结束公示' },
  },
});

/** The facts of a publication from its case and the case's org. */
export const publicationFactsOf = (
  c: { id: string; orgId: string },
  org: { regionCode: string; sector: string },
): PublicationFacts => ({ id: c.id, orgId: c.orgId, regionCode: org.regionCode, sector: org.sector });
