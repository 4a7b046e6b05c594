/**
 * Results of drawn targets (a procedure step `record_result`), their publication (`publish_results`), the
 * follow-up re-inspections, the late list, declared conflicts, and an entity's inspections (its detail page).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type {
  ConflictBody,
  ConflictOut,
  EntityInspectionOut,
  FollowUpListQuery,
  InspectionResultBody,
  LateResultOut,
} from '../../../common/contracts/inspections.contract.js';
import type { PageQuery } from '../../../common/contracts/kit.js';
import { INSPECTION_OUTCOME_LABELS, type InspectionOutcome } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError, fieldErrors } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, can, loadReadable } from '../../platform/policy.js';
import { type WorkdayCalendar, loadWorkdayCalendar } from '../../platform/workdays.js';
import { runAudited } from '../audit/audit.api.js';
import { type CaseDeps, createCase } from '../cases/cases.api.js';
import { entities } from '../entities/entity-details.api.js';
import { officers } from '../personnel/personnel.api.js';
import { inspectionTaskPolicy, loadTaskFacts, officerConflictPolicy, readableByOrgs } from './inspections.policy.js';
import { checkResultBody, followUpDue, resultPublishBy, substitutesOf, workingDaysLate } from './inspections.rules.js';
import {
  inspectionAssignments,
  inspectionFollowUps,
  inspectionPlans,
  inspectionResults,
  inspectionTargets,
  inspectionTasks,
  officerConflicts,
} from './inspections.schema.js';
import { type InspectionDeps, orgRefs } from './plans.service.js';
import { presentFollowUp } from './targets.view.js';
import { stepHandlers, taskStep } from './tasks.service.js';

export interface ResultDeps extends InspectionDeps {
  cases: CaseDeps;
  calendar?: WorkdayCalendar;
}

/** Whether the inspectors scanned the entity's code for this task (module visits); null: no such check here. */
export type ScanCheck = (db: Db, q: { entityId: string; taskId: string }) => Promise<Set<string>>;

interface Checked {
  kind: 'initial' | 'follow_up';
  uscc: string;
  entityName: string;
  substitutes: string[];
  followUpId: string | null;
}

/** Everything a result must satisfy before anything is written (shared by the pre-check and the step). */
async function checkResult(
  db: Db,
  taskId: string,
  entityId: string,
  body: InspectionResultBody,
  now: Date,
  scanned: ScanCheck | null,
): Promise<Checked> {
  const [target] = await db
    .select({ uscc: inspectionTargets.uscc, name: entities.name })
    .from(inspectionTargets)
    .innerJoin(entities, eq(entities.id, inspectionTargets.entityId))
    .where(and(eq(inspectionTargets.taskId, taskId), eq(inspectionTargets.entityId, entityId)));
  if (!target) throw new AppError(404, 'not_found', '该检查对象不是本任务抽取的对象');
  const inspectedAt = new Date(body.inspectedAt);
  if (inspectedAt.getTime() > now.getTime() + 60_000)
    throw fieldError(422, 'inspected_in_future', 'inspectedAt', '检查时间不能晚于当前时间');
  const inspectedDate = shanghaiDate(inspectedAt);
  const previous = await db
    .select({ kind: inspectionResults.kind })
    .from(inspectionResults)
    .where(and(eq(inspectionResults.taskId, taskId), eq(inspectionResults.entityId, entityId)));
  const [fu] = await db
    .select()
    .from(inspectionFollowUps)
    .where(and(eq(inspectionFollowUps.taskId, taskId), eq(inspectionFollowUps.entityId, entityId)));
  let kind: Checked['kind'] = 'initial';
  if (previous.length > 0) {
    if (fu?.status !== 'open') throw new AppError(409, 'result_exists', '该检查对象的检查结果已经录入');
    if (!followUpDue(fu.dueFrom, inspectedDate))
      throw fieldError(422, 'follow_up_early', 'inspectedAt', `整改复查应在整改期限 ${fu.dueFrom} 之后进行`);
    kind = 'follow_up';
  }
  const drawn = (
    await db
      .select({ id: inspectionAssignments.officerId })
      .from(inspectionAssignments)
      .where(and(eq(inspectionAssignments.taskId, taskId), eq(inspectionAssignments.entityId, entityId)))
  ).map((a) => a.id);
  const substitutes = kind === 'initial' ? substitutesOf(body.inspectorIds, drawn) : [];
  const errors = checkResultBody(body, inspectedDate, substitutes);
  const found = await db
    .select({ id: officers.id, orgId: officers.orgId })
    .from(officers)
    .where(inArray(officers.id, body.inspectorIds));
  const [task] = await db
    .select({ orgIds: inspectionTasks.orgIds })
    .from(inspectionTasks)
    .where(eq(inspectionTasks.id, taskId));
  body.inspectorIds.forEach((id, i) => {
    const o = found.find((f) => f.id === id);
    if (!o || !task?.orgIds.includes(o.orgId))
      errors.push({ path: `inspectorIds.${i}`, message: '检查人员不存在或不属于本任务的实施部门' });
  });
  if (errors.length > 0) throw fieldErrors(422, 'invalid_result', errors);
  if (body.mode === 'on_site' && scanned) {
    const who = await scanned(db, { entityId, taskId });
    const missing = body.inspectorIds.filter((id) => !who.has(id));
    if (missing.length > 0)
      throw fieldError(
        422,
        'entry_scan_missing',
        'inspectorIds',
        `现场检查须先扫码入企：有 ${missing.length} 名检查人员没有该对象本任务的入企扫码记录`,
      );
  }
  return { kind, uscc: target.uscc, entityName: target.name, substitutes, followUpId: fu?.id ?? null };
}

/** Registers the penalty case of a `case_opened` result (source `inspection`) inside the given transaction. */
async function openCase(
  cases: CaseDeps,
  ctx: RequestContext,
  actor: Actor,
  target: Pick<Checked, 'entityName' | 'uscc'>,
  body: InspectionResultBody,
): Promise<string> {
  const c = await createCase(
    cases,
    { ...ctx, audited: false },
    actor,
    {
      orgId: actor.org.id,
      itemId: body.caseItemId as string,
      source: 'inspection',
      party: { kind: 'organisation', name: target.entityName, uscc: target.uscc },
      facts: `双随机抽查发现：${body.findings}`,
      occurredAt: new Date(body.inspectedAt),
    },
    // the target's USCC as the library stores it (an early code with a wrong check character is accepted there)
    { libraryUscc: true },
  );
  return (c as { id: string }).id;
}

export async function recordResult(
  deps: ResultDeps,
  ctx: RequestContext,
  actor: Actor,
  taskId: string,
  entityId: string,
  body: InspectionResultBody,
  scanned: ScanCheck | null,
) {
  const cal = deps.calendar ?? loadWorkdayCalendar();
  // refusals before anything is written
  const facts = await loadReadable(inspectionTaskPolicy, deps.db, actor, taskId);
  authorize(inspectionTaskPolicy, 'record_result', actor, facts);
  if (facts.status !== 'drawn') throw new AppError(409, 'action_not_allowed', '抽查任务尚未抽取或已办结，不能录入结果');
  await checkResult(deps.db, taskId, entityId, body, deps.clock.now(), scanned);
  const handlers = stepHandlers(deps, {
    record_result: async ({ tx, now }) => {
      const checked = await checkResult(tx, taskId, entityId, body, now, scanned);
      const inspectedAt = new Date(body.inspectedAt);
      // the case is registered in the step's own transaction (a savepoint): the result and the case are stored
      // together or not at all, so the link cannot be lost
      const caseId =
        body.outcome === 'case_opened' && body.caseItemId
          ? await openCase({ ...deps.cases, db: tx }, ctx, actor, checked, body)
          : null;
      const publishBy = resultPublishBy(shanghaiDate(inspectedAt), cal);
      const id = randomUUID();
      await tx.insert(inspectionResults).values({
        id,
        taskId,
        entityId,
        kind: checked.kind,
        inspectedAt,
        mode: body.mode,
        outcome: body.outcome,
        findings: body.findings,
        rectifyBy: body.rectifyBy ?? null,
        inspectorIds: body.inspectorIds,
        substituted: checked.substitutes.length > 0,
        substitutionReason: checked.substitutes.length > 0 ? (body.substitutionReason ?? null) : null,
        caseId,
        publishBy,
        publishedAt: null,
        recordedAt: now,
        recordedBy: actor.userId,
        recordedByName: actor.displayName,
      });
      if (checked.kind === 'follow_up' && checked.followUpId)
        await tx
          .update(inspectionFollowUps)
          .set({ status: 'done', followUpResultId: id })
          .where(eq(inspectionFollowUps.id, checked.followUpId));
      if (body.outcome === 'rectify' && body.rectifyBy && checked.kind === 'initial')
        await tx.insert(inspectionFollowUps).values({
          id: randomUUID(),
          taskId,
          entityId,
          resultId: id,
          dueFrom: body.rectifyBy,
          status: 'open',
          createdAt: now,
        });
      return {
        payload: {
          resultId: id,
          entityId,
          uscc: checked.uscc,
          kind: checked.kind,
          outcome: body.outcome,
          mode: body.mode,
          inspectedAt: inspectedAt.toISOString(),
          inspectedDate: shanghaiDate(inspectedAt),
          inspectorIds: body.inspectorIds,
          substituted: checked.substitutes.length > 0,
          substitutionReason: body.substitutionReason ?? null,
          findings: body.findings,
          rectifyBy: body.rectifyBy ?? null,
          caseId,
          publishBy,
        },
      };
    },
  });
  return taskStep(deps, ctx, actor, taskId, 'record_result', { entityId }, handlers);
}

export async function publishResults(deps: InspectionDeps, ctx: RequestContext, actor: Actor, taskId: string) {
  const handlers = stepHandlers(deps, {
    publish_results: async ({ tx, now }) => {
      const rows = await tx
        .update(inspectionResults)
        .set({ publishedAt: now })
        .where(and(eq(inspectionResults.taskId, taskId), isNull(inspectionResults.publishedAt)))
        .returning({ id: inspectionResults.id });
      if (rows.length === 0) throw new AppError(409, 'nothing_to_publish', '没有待公示的检查结果');
      return { payload: { count: rows.length, resultIds: rows.map((r) => r.id) } };
    },
  });
  return taskStep(deps, ctx, actor, taskId, 'publish_results', {}, handlers);
}

export async function lateResults(deps: InspectionDeps, actor: Actor, q: PageQuery, cal = loadWorkdayCalendar()) {
  authorize(inspectionTaskPolicy, 'late_results', actor);
  const today = shanghaiDate(deps.clock.now());
  const where = and(
    readableByOrgs(actor, inspectionTasks.orgIds),
    isNull(inspectionResults.publishedAt),
    lt(inspectionResults.publishBy, today),
  );
  const base = () =>
    deps.db
      .select({ r: inspectionResults, t: inspectionTasks, planName: inspectionPlans.name, e: entities })
      .from(inspectionResults)
      .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionResults.taskId))
      .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId))
      .innerJoin(entities, eq(entities.id, inspectionResults.entityId));
  return paged(
    q,
    async (limit, offset) => {
      const rows = await base()
        .where(where)
        .orderBy(asc(inspectionResults.publishBy), asc(inspectionResults.id))
        .limit(limit)
        .offset(offset);
      return Promise.all(
        rows.map(
          async ({ r, t, planName, e }): Promise<LateResultOut> => ({
            resultId: r.id,
            taskId: t.id,
            taskName: t.name,
            planName,
            orgs: await orgRefs(deps.db, t.orgIds),
            entityId: e.id,
            entityName: e.name,
            uscc: e.uscc,
            inspectedAt: r.inspectedAt,
            publishBy: r.publishBy,
            workingDaysLate: workingDaysLate(r.publishBy, today, cal),
          }),
        ),
      );
    },
    () =>
      totalOf(
        deps.db
          .select({ total: count() })
          .from(inspectionResults)
          .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionResults.taskId))
          .where(where),
      ),
  );
}

export async function listFollowUps(deps: InspectionDeps, actor: Actor, q: FollowUpListQuery) {
  authorize(inspectionTaskPolicy, 'list', actor);
  const where = and(
    readableByOrgs(actor, inspectionTasks.orgIds),
    q.status ? eq(inspectionFollowUps.status, q.status) : undefined,
  );
  return paged(
    q,
    async (limit, offset) =>
      (
        await deps.db
          .select({ f: inspectionFollowUps, taskName: inspectionTasks.name, name: entities.name, uscc: entities.uscc })
          .from(inspectionFollowUps)
          .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionFollowUps.taskId))
          .innerJoin(entities, eq(entities.id, inspectionFollowUps.entityId))
          .where(where)
          .orderBy(asc(inspectionFollowUps.dueFrom), asc(inspectionFollowUps.id))
          .limit(limit)
          .offset(offset)
      ).map((r) => presentFollowUp(r.f, r.taskName, r)),
    () =>
      totalOf(
        deps.db
          .select({ total: count() })
          .from(inspectionFollowUps)
          .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionFollowUps.taskId))
          .where(where),
      ),
  );
}

// ── conflicts ──

async function conflictsOf(db: Db, officerId: string): Promise<ConflictOut[]> {
  const rows = await db
    .select({ c: officerConflicts, officerName: officers.name, entityName: entities.name, uscc: entities.uscc })
    .from(officerConflicts)
    .innerJoin(officers, eq(officers.id, officerConflicts.officerId))
    .innerJoin(entities, eq(entities.id, officerConflicts.entityId))
    .where(eq(officerConflicts.officerId, officerId))
    .orderBy(desc(officerConflicts.declaredAt));
  return rows.map(({ c, officerName, entityName, uscc }) => ({
    id: c.id,
    officerId: c.officerId,
    officerName,
    entityId: c.entityId,
    entityName,
    uscc,
    reason: c.reason,
    declaredAt: c.declaredAt,
    declaredByName: c.declaredByName,
  }));
}

export async function listConflicts(deps: InspectionDeps, actor: Actor, officerId: string) {
  const facts = await loadReadable(officerConflictPolicy, deps.db, actor, officerId);
  return { data: await conflictsOf(deps.db, officerId), abilities: abilitiesOf(officerConflictPolicy, actor, facts) };
}

export async function declareConflict(
  deps: InspectionDeps,
  ctx: RequestContext,
  actor: Actor,
  officerId: string,
  body: ConflictBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'officer_conflict.declare', resourceType: 'officer', resourceId: officerId },
    async (tx) => {
      const facts = await loadReadable(officerConflictPolicy, tx, actor, officerId);
      authorize(officerConflictPolicy, 'declare', actor, facts);
      const [e] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.id, body.entityId));
      if (!e) throw fieldError(422, 'unknown_entity', 'entityId', '检查对象不存在');
      const id = randomUUID();
      const inserted = await tx
        .insert(officerConflicts)
        .values({
          id,
          officerId,
          entityId: body.entityId,
          reason: body.reason,
          declaredAt: deps.clock.now(),
          declaredBy: actor.userId,
          declaredByName: actor.displayName,
        })
        .onConflictDoNothing()
        .returning({ id: officerConflicts.id });
      if (inserted.length === 0) throw new AppError(409, 'conflict_exists', '该执法人员与该检查对象的利害关系已经申报');
      const list = await conflictsOf(tx, officerId);
      return { value: list.find((c) => c.id === id) as ConflictOut };
    },
  );
}

// ── the entity detail ──

/** The entity's targets in tasks the actor may read, newest first. */
export async function inspectionsOfEntity(db: Db, actor: Actor, entityId: string): Promise<EntityInspectionOut[]> {
  const rows = await db
    .select({ t: inspectionTasks, planName: inspectionPlans.name, target: inspectionTargets })
    .from(inspectionTargets)
    .innerJoin(inspectionTasks, eq(inspectionTasks.id, inspectionTargets.taskId))
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId))
    .where(and(eq(inspectionTargets.entityId, entityId), readableByOrgs(actor, inspectionTasks.orgIds)))
    .orderBy(desc(inspectionTasks.drawnAt))
    .limit(100);
  const out: EntityInspectionOut[] = [];
  for (const { t, planName, target } of rows) {
    const facts = await loadTaskFacts(db, t.id);
    if (!facts || !can(inspectionTaskPolicy, 'read', actor, facts)) continue;
    const [r] = await db
      .select()
      .from(inspectionResults)
      .where(and(eq(inspectionResults.taskId, t.id), eq(inspectionResults.entityId, entityId)))
      .orderBy(desc(inspectionResults.inspectedAt))
      .limit(1);
    out.push({
      taskId: t.id,
      taskName: t.name,
      planName,
      orgNames: (await orgRefs(db, t.orgIds)).map((o) => o.name),
      drawnAt: t.drawnAt,
      riskClass: target.riskClass as EntityInspectionOut['riskClass'],
      outcome: (r?.outcome as InspectionOutcome | undefined) ?? null,
      outcomeLabel: r ? INSPECTION_OUTCOME_LABELS[r.outcome as InspectionOutcome] : null,
      inspectedAt: r?.inspectedAt ?? null,
      publishedAt: r?.publishedAt ?? null,
    });
  }
  return out;
}
