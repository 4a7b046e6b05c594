/**
 * 工作台 / 待办 (GET /api/v1/me/tasks): what waits for the caller now, by role — the cases whose next step the caller
 * may take (from the same allowedActions and waitingFor the case view shows), decision deadlines in the next five
 * working days and overdue ones, decisions of the caller's org still to be published, and for a supervisor the
 * overdue cases and late publications in scope. Each entry links to its record.
 */
import { type SQL, and, asc, desc, eq, inArray, isNull, lt, ne, or } from 'drizzle-orm';
import { CASE_ACTION_LABELS, CASE_STATE_LABELS, type CaseState } from '../../../common/case-flow.js';
import type { TaskListOut, TaskOut } from '../../../common/contracts/workbench.contract.js';
import type { Actor } from '../../platform/context.js';
import { can } from '../../platform/policy.js';
import { shanghaiDate } from '../../platform/clock.js';
import { workingDaysAfter } from '../../platform/deadlines.js';
import {
  type CaseDeps,
  allowedActionsFor,
  assignedToActor,
  cases,
  deadlineOf,
  listCases,
  officersOfCase,
  splitByRules,
  waitingFor,
  caseFactsOf,
  casePolicy,
  stepWaitsFor,
} from '../cases/cases.api.js';
import { items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { publicationPolicy, publications } from '../publicity/publicity.api.js';

/** Days ahead (working days) in which a decision deadline is listed. */
export const DEADLINE_WORKING_DAYS = 5;
const MAX_CASES = 500;
const MAX_SUPERVISION = 100;

const CASE_COLUMNS = {
  c: cases,
  orgName: orgs.name,
  orgRegionCode: orgs.regionCode,
  orgSector: orgs.sector,
  itemName: items.name,
  itemMajor: items.major,
  officers: officersOfCase,
};

export async function myTasks(deps: CaseDeps, actor: Actor): Promise<TaskListOut> {
  const now = deps.clock.now();
  const today = shanghaiDate(now);
  const soon = workingDaysAfter(today, DEADLINE_WORKING_DAYS).date;
  const tasks: TaskOut[] = [];

  // the cases whose steps may wait for the caller, by what the policy grants (cases.policy.ts)
  const mine = [
    can(casePolicy, 'tasks_assigned', actor) ? assignedToActor(actor) : undefined,
    can(casePolicy, 'tasks_org', actor) ? eq(cases.orgId, actor.org.id) : undefined,
    can(casePolicy, 'tasks_review', actor)
      ? inArray(cases.state, ['notified', 'legal_review', 'collective_discussion'])
      : undefined,
  ].filter((c) => c !== undefined);
  if (mine.length > 0) {
    const rows = await deps.db
      .select(CASE_COLUMNS)
      .from(cases)
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .leftJoin(items, eq(items.id, cases.itemId))
      .where(and(casePolicy.readable?.(actor), ne(cases.state, 'archived'), or(...mine)))
      .orderBy(desc(cases.updatedAt), asc(cases.id))
      .limit(MAX_CASES);
    for (const r of rows) {
      const base = caseOfTask(r.c, r.orgName, r.itemName);
      const guard = {
        c: r.c,
        item: r.itemMajor === null ? null : { major: r.itemMajor },
        thresholds: deps.thresholds,
        now,
        officerCount: r.officers.length,
      };
      const next = waitingFor(guard);
      const deadline = deadlineOf(r.c, deps.thresholds.decisionLimitDays, now);
      const facts = caseFactsOf(r.c, { regionCode: r.orgRegionCode, sector: r.orgSector });
      const { allowed } = splitByRules(allowedActionsFor(actor, r.c, facts), guard);
      const pendingRecusal = r.c.recusals.some((x) => x.outcome === null);
      // the step is the caller's when it waits for the caller's role (an officer's only on the officer's cases)
      const mineToTake = next && stepWaitsFor(actor, next.role) && allowed.includes(next.action);
      if (next && mineToTake) {
        tasks.push({
          ...base,
          kind: 'step',
          action: next.action,
          title: CASE_ACTION_LABELS[next.action],
          reason: next.reason,
          dueAt: next.action === 'decide' || next.action === 'notify' ? (deadline?.dueAt ?? null) : null,
          overdue: deadline?.overdue ?? false,
        });
      } else if (pendingRecusal && allowed.includes('decide_recusal')) {
        tasks.push({
          ...base,
          kind: 'step',
          action: 'decide_recusal',
          title: CASE_ACTION_LABELS.decide_recusal,
          reason: '有待决定的回避申请（行政处罚法第四十三条）',
          dueAt: null,
          overdue: false,
        });
      } else if (deadline && (deadline.overdue || shanghaiDate(new Date(deadline.dueAt)) <= soon)) {
        tasks.push({
          ...base,
          kind: 'deadline',
          action: null,
          title: deadline.overdue ? '已超过办案期限' : '办案期限将至',
          reason: deadline.overdue
            ? `立案后 ${deps.thresholds.decisionLimitDays} 日（含延期）的办案期限已过，请尽快作出决定或依法延期`
            : `${DEADLINE_WORKING_DAYS} 个工作日内到期，请在期限内作出决定`,
          dueAt: deadline.dueAt,
          overdue: deadline.overdue,
        });
      }
    }
  }

  // decisions of the own org to publish (whoever may publish the own org's decisions: officers and heads)
  if (can(publicationPolicy, 'publish', actor, ownOrgFacts(actor))) {
    const rows = await publicationRows(deps, actor, eq(cases.orgId, actor.org.id));
    for (const r of rows)
      tasks.push({
        ...publicationBase(r),
        kind: 'publish',
        title: '公示决定',
        reason:
          r.p.publishBy < today
            ? `应于 ${r.p.publishBy} 前公示，已逾期（行政执法公示制度）`
            : `应于 ${r.p.publishBy} 前公示`,
        overdue: r.p.publishBy < today,
      });
  }

  if (can(publicationPolicy, 'supervise', actor)) {
    const late = await publicationRows(deps, actor, lt(publications.publishBy, today));
    for (const r of late)
      tasks.push({
        ...publicationBase(r),
        kind: 'late_publication',
        title: '逾期未公示',
        reason: `${r.orgName}应于 ${r.p.publishBy} 前公示`,
        overdue: true,
      });
  }
  if (can(casePolicy, 'supervise', actor)) {
    const overdue = await listCases(deps, actor, { overdue: true, current: 1, pageSize: MAX_SUPERVISION });
    for (const r of overdue.data)
      tasks.push({
        caseId: r.id,
        number: r.number,
        partyName: r.partyName,
        orgName: r.orgName,
        itemName: r.item?.name ?? null,
        stateLabel: r.stateLabel,
        href: `/cases/${r.id}`,
        kind: 'overdue_case',
        action: null,
        title: '案件超期未决',
        reason: `${r.orgName}办理的案件已超过办案期限`,
        dueAt: r.deadline?.dueAt ?? null,
        overdue: true,
      });
  }

  tasks.sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.dueAt ?? '9999').localeCompare(b.dueAt ?? '9999') ||
      (a.number ?? '').localeCompare(b.number ?? ''),
  );
  return { data: tasks, total: tasks.length, today, deadlineHorizon: soon };
}

/** A record of the actor's own org, as the policies see it (its region and sector line). */
const ownOrgFacts = (actor: Actor) => ({
  id: actor.org.id,
  orgId: actor.org.id,
  regionCode: actor.org.regionCode,
  sector: actor.org.sector,
});

type PublicationRow = Awaited<ReturnType<typeof publicationRows>>[number];

/** Decisions still to be published (not withdrawn, not ended), in scope, matching `extra`. */
function publicationRows(deps: CaseDeps, actor: Actor, extra: SQL) {
  return deps.db
    .select({ p: publications, c: cases, orgName: orgs.name, itemName: items.name })
    .from(publications)
    .innerJoin(cases, eq(cases.id, publications.caseId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(
      and(
        publicationPolicy.readable?.(actor),
        isNull(publications.publishedAt),
        isNull(publications.withdrawnAt),
        isNull(publications.endedAt),
        extra,
      ),
    )
    .orderBy(asc(publications.publishBy), asc(publications.caseId))
    .limit(MAX_SUPERVISION);
}

/** The case a task is about, as every kind of task names it, linked to its console page. */
function caseOfTask(c: typeof cases.$inferSelect, orgName: string, itemName: string | null) {
  return {
    caseId: c.id,
    number: c.number,
    partyName: c.partyName,
    orgName,
    itemName,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    href: `/cases/${c.id}`,
  };
}

function publicationBase(r: PublicationRow) {
  return {
    ...caseOfTask(r.c, r.orgName, r.itemName),
    action: null,
    dueAt: r.p.publishBy,
  };
}
