/** Supervision work plans: made by a supervising body, listed and read by those who oversee it, progress reported. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  PlanCreateBody,
  PlanListQuery,
  PlanOut,
  PlanSummaryOut,
  ProgressBody,
} from '../../../common/contracts/supervision.contract.js';
import type { SupervisionItemKind, SupervisionItemStatus } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { type Clock, shanghaiDate } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldErrors, notFound } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type PlanFacts, supervisionPlanPolicy } from './supervision.policy.js';
import { checkPlanItems, isOverdue, overseenPrefix } from './supervision.rules.js';
import { supervisionPlanItems, supervisionPlans, supervisionProgress } from './supervision.schema.js';

export interface SupervisionDeps {
  db: Db;
  clock: Clock;
}

const itemCounts = (today: string) => ({
  itemCount: sql<number>`(select count(*)::int from supervision_plan_items i where i.plan_id = ${supervisionPlans.id})`,
  doneCount: sql<number>`(select count(*)::int from supervision_plan_items i where i.plan_id = ${supervisionPlans.id} and i.status = 'done')`,
  overdueCount: sql<number>`(select count(*)::int from supervision_plan_items i where i.plan_id = ${supervisionPlans.id} and i.status <> 'done' and i.due < ${today}::date)`,
});

function summarySelect(db: Db, today: string) {
  return db
    .select({
      plan: supervisionPlans,
      bodyOrgName: orgs.name,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
      ...itemCounts(today),
    })
    .from(supervisionPlans)
    .innerJoin(orgs, eq(orgs.id, supervisionPlans.bodyOrgId));
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['execute']>>[number];

function presentSummary(actor: Actor, r: SummaryRow): PlanSummaryOut {
  const facts: PlanFacts = { id: r.plan.id, orgId: r.plan.bodyOrgId, regionCode: r.regionCode, sector: r.sector };
  return {
    id: r.plan.id,
    year: r.plan.year,
    bodyOrgId: r.plan.bodyOrgId,
    bodyOrgName: r.bodyOrgName,
    itemCount: Number(r.itemCount),
    doneCount: Number(r.doneCount),
    overdueCount: Number(r.overdueCount),
    createdAt: r.plan.createdAt,
    updatedAt: r.plan.updatedAt,
    abilities: abilitiesOf(supervisionPlanPolicy, actor, facts),
  };
}

export async function listPlans(deps: SupervisionDeps, actor: Actor, q: PlanListQuery) {
  const today = shanghaiDate(deps.clock.now());
  const where = and(supervisionPlanPolicy.readable?.(actor), q.year ? eq(supervisionPlans.year, q.year) : undefined);
  return paged(
    q,
    async (limit, offset) =>
      (
        await summarySelect(deps.db, today)
          .where(where)
          .orderBy(desc(supervisionPlans.year), asc(orgs.regionCode), asc(supervisionPlans.id))
          .limit(limit)
          .offset(offset)
      ).map((r) => presentSummary(actor, r)),
    () =>
      totalOf(
        deps.db
          .select({ total: count() })
          .from(supervisionPlans)
          .innerJoin(orgs, eq(orgs.id, supervisionPlans.bodyOrgId))
          .where(where),
      ),
  );
}

export async function getPlan(deps: SupervisionDeps, actor: Actor, id: string, db: Db = deps.db): Promise<PlanOut> {
  await loadReadable(supervisionPlanPolicy, db, actor, id);
  const today = shanghaiDate(deps.clock.now());
  const [row] = await summarySelect(db, today).where(eq(supervisionPlans.id, id)).limit(1);
  if (!row) throw notFound('监督工作计划');
  const items = await db
    .select()
    .from(supervisionPlanItems)
    .where(eq(supervisionPlanItems.planId, id))
    .orderBy(asc(supervisionPlanItems.position));
  const targetIds = [...new Set(items.flatMap((i) => i.targetOrgIds))];
  const names = new Map(
    targetIds.length === 0
      ? []
      : (await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, targetIds))).map((o) => [
          o.id,
          o.name,
        ]),
  );
  const progress =
    items.length === 0
      ? []
      : await db
          .select()
          .from(supervisionProgress)
          .where(
            inArray(
              supervisionProgress.itemId,
              items.map((i) => i.id),
            ),
          )
          .orderBy(asc(supervisionProgress.itemId), asc(supervisionProgress.seq));
  return {
    ...presentSummary(actor, row),
    items: items.map((i) => ({
      id: i.id,
      position: i.position,
      title: i.title,
      kind: i.kind as SupervisionItemKind,
      targets: i.targetOrgIds.map((t) => ({ id: t, name: names.get(t) ?? '' })),
      due: i.due,
      status: i.status as SupervisionItemStatus,
      overdue: isOverdue(i, today),
      progress: progress
        .filter((p) => p.itemId === i.id)
        .map((p) => ({ at: p.at, status: p.status as SupervisionItemStatus, note: p.note, byName: p.byName })),
    })),
  };
}

/** The targets exist and lie in the region the body oversees. */
async function checkTargets(tx: Db, actor: Actor, items: PlanCreateBody['items']) {
  const prefix = overseenPrefix(actor.org) ?? '\u0000';
  const ids = [...new Set(items.flatMap((i) => i.targetOrgIds))];
  const found = new Map(
    (await tx.select({ id: orgs.id, regionCode: orgs.regionCode }).from(orgs).where(inArray(orgs.id, ids))).map((o) => [
      o.id,
      o.regionCode,
    ]),
  );
  const errors = items.flatMap((item, i) =>
    item.targetOrgIds
      .filter((t) => !found.get(t)?.startsWith(prefix))
      .map(() => ({ path: `items.${i}.targetOrgIds`, message: '被监督单位不存在或不在本机关的监督范围内' })),
  );
  if (errors.length > 0) throw fieldErrors(422, 'target_out_of_scope', errors);
}

export async function createPlan(deps: SupervisionDeps, ctx: RequestContext, actor: Actor, body: PlanCreateBody) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'supervision_plan.create', resourceType: 'supervision_plan' },
    async (tx) => {
      authorize(supervisionPlanPolicy, 'create', actor);
      const errors = checkPlanItems(body.year, body.items);
      if (errors.length > 0) throw fieldErrors(422, 'invalid_plan', errors);
      await checkTargets(tx, actor, body.items);
      const [existing] = await tx
        .select({ id: supervisionPlans.id })
        .from(supervisionPlans)
        .where(and(eq(supervisionPlans.bodyOrgId, actor.org.id), eq(supervisionPlans.year, body.year)))
        .limit(1);
      if (existing)
        throw new AppError(409, 'plan_exists', `本机关 ${body.year} 年度的监督工作计划已经制定，请在原计划上登记进展`);
      const id = randomUUID();
      const now = deps.clock.now();
      await tx.insert(supervisionPlans).values({
        id,
        bodyOrgId: actor.org.id,
        year: body.year,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
      });
      await tx.insert(supervisionPlanItems).values(
        body.items.map((item, position) => ({
          id: randomUUID(),
          planId: id,
          position,
          title: item.title.trim(),
          kind: item.kind,
          targetOrgIds: [...new Set(item.targetOrgIds)],
          due: item.due,
          status: 'planned',
          updatedAt: now,
        })),
      );
      return { value: await getPlan(deps, actor, id, tx), resourceId: id };
    },
  );
}

export async function reportProgress(
  deps: SupervisionDeps,
  ctx: RequestContext,
  actor: Actor,
  planId: string,
  itemId: string,
  body: ProgressBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'supervision_plan.report_progress', resourceType: 'supervision_plan', resourceId: planId },
    async (tx) => {
      const plan = await loadReadable(supervisionPlanPolicy, tx, actor, planId);
      authorize(supervisionPlanPolicy, 'report_progress', actor, plan);
      const [item] = await tx
        .select({ id: supervisionPlanItems.id })
        .from(supervisionPlanItems)
        .where(and(eq(supervisionPlanItems.id, itemId), eq(supervisionPlanItems.planId, planId)))
        .for('update')
        .limit(1);
      if (!item) throw notFound('计划事项');
      const now = deps.clock.now();
      const [last] = await tx
        .select({ n: count() })
        .from(supervisionProgress)
        .where(eq(supervisionProgress.itemId, itemId));
      await tx.insert(supervisionProgress).values({
        id: randomUUID(),
        itemId,
        seq: (last?.n ?? 0) + 1,
        at: now,
        status: body.status,
        note: body.note.trim(),
        byUserId: actor.userId,
        byName: actor.displayName,
      });
      await tx
        .update(supervisionPlanItems)
        .set({ status: body.status, updatedAt: now })
        .where(eq(supervisionPlanItems.id, itemId));
      await tx.update(supervisionPlans).set({ updatedAt: now }).where(eq(supervisionPlans.id, planId));
      return { value: await getPlan(deps, actor, planId, tx), resourceId: planId };
    },
  );
}
