/** 抽查任务: created under a published plan, then its procedure steps (commit, draw, close); lists and the detail. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type {
  InspectionTaskCreateBody,
  InspectionTaskListQuery,
  InspectionTaskOut,
  InspectionTaskSummaryOut,
} from '../../../common/contracts/inspections.contract.js';
import {
  INSPECTION_TASK_STATE_LABELS,
  type InspectionTaskAction,
  type InspectionTaskState,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import { type GenericProcedure, type StepContext, flowRefusal, performStep } from '../../platform/procedure/perform.js';
import { appendEvent } from '../../platform/procedure/store.js';
import { runAudited } from '../audit/audit.api.js';
import { commitTask, drawTask } from './draw.service.js';
import { inspectionProcedure } from './inspections.procedure.js';
import { type RunFacts, inspectionPlanPolicy, inspectionTaskPolicy, loadTaskFacts } from './inspections.policy.js';
import { inspectionPlans, inspectionTargets, inspectionTasks } from './inspections.schema.js';
import { type InspectionDeps, orgRefs } from './plans.service.js';
import { targetsOf } from './targets.view.js';

type TaskRow = typeof inspectionTasks.$inferSelect;
type Handlers = GenericProcedure<InspectionTaskState, InspectionTaskAction>['handlers'];

const counts = {
  targetCount: sql<number>`(select count(*)::int from inspection_targets x where x.task_id = ${inspectionTasks.id})`,
  resultCount: sql<number>`(select count(*)::int from inspection_results r where r.task_id = ${inspectionTasks.id} and r.kind = 'initial')`,
  publishedCount: sql<number>`(select count(*)::int from inspection_results r where r.task_id = ${inspectionTasks.id} and r.published_at is not null)`,
};

/** The record abilities the policy grants that the flow allows from the task's state. */
function taskAbilities(actor: Actor, facts: RunFacts, state: InspectionTaskState) {
  return abilitiesOf(inspectionTaskPolicy, actor, facts).filter(
    (a) =>
      !(a in inspectionProcedure.flow) || flowRefusal(inspectionProcedure, state, a as InspectionTaskAction) === null,
  );
}

async function presentSummary(
  db: Db,
  actor: Actor,
  r: { t: TaskRow; planName: string; targetCount: number; resultCount: number; publishedCount: number },
): Promise<InspectionTaskSummaryOut> {
  const facts = (await loadTaskFacts(db, r.t.id)) as RunFacts;
  const state = r.t.state as InspectionTaskState;
  return {
    id: r.t.id,
    planId: r.t.planId,
    planName: r.planName,
    name: r.t.name,
    deadline: r.t.deadline,
    state,
    stateLabel: INSPECTION_TASK_STATE_LABELS[state],
    orgs: await orgRefs(db, r.t.orgIds),
    joint: r.t.orgIds.length > 1,
    targetCount: Number(r.targetCount),
    resultCount: Number(r.resultCount),
    publishedCount: Number(r.publishedCount),
    committedAt: r.t.committedAt,
    drawnAt: r.t.drawnAt,
    createdAt: r.t.createdAt,
    abilities: taskAbilities(actor, facts, state),
  };
}

const summarySelect = (db: Db) =>
  db
    .select({ t: inspectionTasks, planName: inspectionPlans.name, ...counts })
    .from(inspectionTasks)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId));

export async function listTasks(deps: InspectionDeps, actor: Actor, q: InspectionTaskListQuery) {
  const where = and(
    inspectionTaskPolicy.readable?.(actor),
    q.planId ? eq(inspectionTasks.planId, q.planId) : undefined,
    q.state ? eq(inspectionTasks.state, q.state) : undefined,
  );
  return paged(
    q,
    async (limit, offset) => {
      const rows = await summarySelect(deps.db)
        .where(where)
        .orderBy(desc(inspectionTasks.createdAt), asc(inspectionTasks.id))
        .limit(limit)
        .offset(offset);
      return Promise.all(rows.map((r) => presentSummary(deps.db, actor, r)));
    },
    () => totalOf(deps.db.select({ total: count() }).from(inspectionTasks).where(where)),
  );
}

export async function getTask(
  deps: InspectionDeps,
  actor: Actor,
  id: string,
  db: Db = deps.db,
): Promise<InspectionTaskOut> {
  await loadReadable(inspectionTaskPolicy, db, actor, id);
  const [row] = await summarySelect(db).where(eq(inspectionTasks.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '抽查任务不存在或不在本单位的管辖范围内');
  const [plan] = await db.select().from(inspectionPlans).where(eq(inspectionPlans.id, row.t.planId));
  const t = row.t;
  const summary = await presentSummary(db, actor, row);
  return {
    ...summary,
    planYear: plan?.year ?? 0,
    inspectorsPerTarget: plan?.inspectorsPerTarget ?? 2,
    commitment:
      t.committedAt && t.seedCommitment && t.populationHash && t.poolHash && t.drawDate
        ? {
            seedCommitment: t.seedCommitment,
            populationHash: t.populationHash,
            poolHash: t.poolHash,
            populationSize: t.populationSize ?? 0,
            poolSize: t.poolSize ?? 0,
            drawDate: t.drawDate,
            committedAt: t.committedAt,
          }
        : null,
    draw:
      t.drawnAt && t.serverSeed && t.publicSeed && t.seed
        ? {
            algorithm: 'zhifa-draw/1 rivest-sha256',
            publicSeed: t.publicSeed,
            serverSeed: t.serverSeed,
            seed: t.seed,
            classes: (t.classes ?? []) as never,
            drawnAt: t.drawnAt,
          }
        : null,
    targets: await targetsOf(db, actor, t, summary.abilities.includes('record_result'), deps.clock.now()),
    createdByName: t.createdByName,
  };
}

export async function createTask(
  deps: InspectionDeps,
  ctx: RequestContext,
  actor: Actor,
  body: InspectionTaskCreateBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'inspection.create', resourceType: 'inspection' },
    async (tx) => {
      authorize(inspectionTaskPolicy, 'create', actor);
      const plan = await loadReadable(inspectionPlanPolicy, tx, actor, body.planId);
      if (plan.status !== 'published')
        throw new AppError(409, 'plan_not_published', '抽查计划尚未公布，公布后才能创建抽查任务');
      authorize(inspectionPlanPolicy, 'create_task', actor, plan);
      const id = randomUUID();
      const now = deps.clock.now();
      await tx.insert(inspectionTasks).values({
        id,
        planId: body.planId,
        name: body.name,
        deadline: body.deadline,
        orgIds: plan.orgIds,
        state: 'draft',
        createdAt: now,
        createdBy: actor.userId,
        createdByName: actor.displayName,
      });
      await appendEvent(
        tx,
        { subjectType: 'inspection', subjectId: id },
        {
          type: 'create',
          at: now,
          actorId: actor.userId,
          role: actor.roles.join(','),
          orgId: actor.org.id,
          payload: { planId: body.planId, name: body.name, deadline: body.deadline, toState: 'draft' },
          attachments: [],
          location: null,
        },
        { state: 'draft' },
      );
      return { value: await getTask(deps, actor, id, tx), resourceId: id };
    },
  );
}

/** The handlers of the steps taken through performStep (record_result and publish_results: results.service.ts). */
export function stepHandlers(deps: InspectionDeps, extra: Handlers = {}): Handlers {
  return {
    commit: async ({ tx, subjectId, now }: StepContext<InspectionTaskState>) => ({
      payload: await commitTask(tx, deps.sealer, subjectId, now),
    }),
    draw: async ({ tx, subjectId, body, now }) => ({
      payload: await drawTask(tx, deps.sealer, subjectId, body.publicSeed, now),
    }),
    close: async ({ tx, subjectId }) => {
      const [open] = await tx
        .select({ n: count() })
        .from(inspectionTargets)
        .where(
          and(
            eq(inspectionTargets.taskId, subjectId),
            sql`not exists (select 1 from inspection_results r where r.task_id = ${inspectionTargets.taskId} and r.entity_id = ${inspectionTargets.entityId} and r.published_at is not null)`,
          ),
        );
      if ((open?.n ?? 0) > 0)
        throw new AppError(409, 'results_pending', `还有 ${open?.n} 个检查对象的结果未录入或未公示，不能办结`);
      await tx.update(inspectionTasks).set({ state: 'closed' }).where(eq(inspectionTasks.id, subjectId));
      return { payload: {} };
    },
    ...extra,
  };
}

export const procedureWith = (handlers: Handlers): GenericProcedure<InspectionTaskState, InspectionTaskAction> => ({
  ...inspectionProcedure,
  initialState: 'draft',
  handlers,
  policy: inspectionTaskPolicy as never,
});

/** One step of a task through the platform's performStep (lock, flow, policy, handler, event, audit), then the view. */
export async function taskStep(
  deps: InspectionDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  action: InspectionTaskAction,
  body: Record<string, unknown>,
  handlers: Handlers = stepHandlers(deps),
) {
  await performStep({ ...deps, runAudited }, ctx, actor, procedureWith(handlers), id, action, body);
  return getTask(deps, actor, id);
}
