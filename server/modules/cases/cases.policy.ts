/**
 * Who may see, register and act on penalty cases, and what the workbench (工作台) looks at — the only place the case
 * module decides by role and scope (platform/policy.ts). The state part of a step (which actions the case's stage
 * admits) stays in the flow table (common/case-flow.ts); a case view's `allowedActions` is the flow's actions that
 * this policy grants, and its `abilities` the record abilities that hold.
 *
 * A case lies where its org lies: its facts are the org's region and sector line.
 */
import { eq, sql } from 'drizzle-orm';
import { CASE_ACTIONS, CASE_ACTION_LABELS, type CaseAction, type StepRole } from '../../../common/case-flow.js';
import type { Role } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { compile } from '../../db/compiled.js';
import type { Actor } from '../../platform/context.js';
import { type AbilityRule, BUSINESS_ROLES, definePolicy, ownOrg, withinScope } from '../../platform/policy.js';
import { scopeCondition } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.api.js';
import { cases } from './cases.schema.js';

export interface CaseFacts {
  id: string;
  /** The org that handles the case. */
  orgId: string;
  /** The org's region and sector line: where the case lies. */
  regionCode: string;
  sector: string;
}

/** The facts of a case from its row and its org. */
export const caseFactsOf = (c: { id: string; orgId: string }, org: { regionCode: string; sector: string }) => ({
  id: c.id,
  orgId: c.orgId,
  regionCode: org.regionCode,
  sector: org.sector,
});

const caseFacts = compile((db) =>
  db
    .select({ id: cases.id, orgId: cases.orgId, regionCode: orgs.regionCode, sector: orgs.sector })
    .from(cases)
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .where(eq(cases.id, sql.placeholder('id'))),
);

/** One indexed lookup (the case by primary key, its org by primary key). */
export async function loadCaseFacts(db: Db, id: string): Promise<CaseFacts | null> {
  const [row] = await caseFacts.run(db, { id });
  return row ?? null;
}

/** What `create` is asked about in the use case: the org the case is registered for. */
export const registrationFor = (orgId: string) => ({ orgId }) as CaseFacts;

/** Steps only the department head (负责人) takes: filing, assigning, the time limits, deciding, 回避. */
const HEAD_ACTIONS: readonly CaseAction[] = [
  'file',
  'not_file',
  'assign',
  'extend',
  'suspend',
  'resume',
  'terminate',
  'decide',
  'no_penalty',
  'collective_discussion',
  'transfer',
  'decide_recusal',
];

/**
 * Who takes a step: 法制审核 a legal reviewer whose scope holds the case (the case's org or one above it); the head's
 * steps the case org's department head; every other step an officer or the head of the case's org.
 */
function stepRule(action: CaseAction): AbilityRule<CaseFacts> {
  const refusal = `当前账号不能对本案“${CASE_ACTION_LABELS[action]}”`;
  if (action === 'legal_review') return { roles: ['legal_reviewer'], record: true, when: withinScope, refusal };
  const roles: Role[] = HEAD_ACTIONS.includes(action) ? ['department_head'] : ['officer', 'department_head'];
  return { roles, record: true, when: ownOrg, refusal };
}

/** Reading a case and what hangs off it: every business role, in its scope (region subtree and sector line). */
const readRule = (what: string): AbilityRule<CaseFacts> => ({
  roles: BUSINESS_ROLES,
  record: true,
  when: withinScope,
  refusal: `该案件不在本单位的管辖范围内，不能查看${what}`,
});

const stepRules = Object.fromEntries(CASE_ACTIONS.map((a) => [a, stepRule(a)])) as Record<
  CaseAction,
  AbilityRule<CaseFacts>
>;

export const casePolicy = definePolicy<CaseFacts>({
  subject: 'case',
  label: '案件',
  load: loadCaseFacts,
  /** Needs `orgs` joined on the case's org. */
  readable: (actor) => scopeCondition(actor.scope, orgs.regionCode, orgs.sector),
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看案件' },
    read: readRule('案件'),
    record: readRule('全过程记录'),
    documents: readRule('案件文书'),
    evidence: readRule('证据'),
    officer_candidates: readRule('可指派的承办人员'),
    /**
     * 登记案源: an officer or head, for the own org. The route checks the role; the use case also the org named in
     * the input (`target`).
     */
    create: {
      roles: ['officer', 'department_head'],
      record: false,
      when: (actor, target?: { orgId: string }) => !target || target.orgId === actor.org.id,
      refusal: '案源由本单位执法人员或负责人登记',
    },
    ...stepRules,
    // ── the workbench (GET /api/v1/me/tasks) ──
    tasks: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看待办' },
    /** The steps of the cases the caller is an officer in charge of (承办). */
    tasks_assigned: { roles: ['officer'], record: false, refusal: '只有执法人员有承办案件的待办' },
    /** The steps of the own org's cases. */
    tasks_org: { roles: ['department_head'], record: false, refusal: '只有部门负责人有本单位案件的待办' },
    /** The cases waiting for 法制审核 (or just past it), in scope. */
    tasks_review: { roles: ['legal_reviewer'], record: false, refusal: '只有法制审核人员有法制审核的待办' },
    /** Supervision: cases past their time limit, in scope (执法监督). */
    supervise: { roles: ['supervisor'], record: false, refusal: '只有执法监督人员可以查看超期案件的监督待办' },
  },
});

/**
 * The workbench lists a step as the caller's when it waits for one of the caller's roles: a head may take an
 * officer's step, but it is the officer's task.
 */
export const stepWaitsFor = (actor: Actor, role: StepRole) => actor.roles.includes(role);
