/** 抽查计划: made by a department head of one of its orgs, published (before any task draws), listed and read. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  InspectionPlanCreateBody,
  InspectionPlanListQuery,
  InspectionPlanOut,
  InspectionPlanSummaryOut,
} from '../../../common/contracts/inspections.contract.js';
import { RISK_CLASSES, formatRatio, parseRatio } from '../../../common/draw.js';
import type { InspectionPlanStatus } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError, fieldErrors, notFound } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { itemClaims, items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type RunFacts, inspectionPlanPolicy, loadPlanFacts } from './inspections.policy.js';
import { checkPlanPeriod } from './inspections.rules.js';
import { inspectionPlans } from './inspections.schema.js';

export interface InspectionDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
}

type PlanRow = typeof inspectionPlans.$inferSelect;

/** Names of orgs by id, in the order given. */
export async function orgRefs(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: orgs.id, name: orgs.name })
    .from(orgs)
    .where(inArray(orgs.id, [...ids]));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? { id, name: '' });
}

const taskCount = sql<number>`(select count(*)::int from inspection_tasks t where t.plan_id = ${inspectionPlans.id})`;

async function presentSummary(db: Db, actor: Actor, p: PlanRow, tasks: number): Promise<InspectionPlanSummaryOut> {
  const facts = (await loadPlanFacts(db, p.id)) as RunFacts;
  return {
    id: p.id,
    year: p.year,
    name: p.name,
    status: p.status as InspectionPlanStatus,
    orgs: await orgRefs(db, p.orgIds),
    joint: p.orgIds.length > 1,
    inspectorsPerTarget: p.inspectorsPerTarget,
    from: p.from,
    to: p.to,
    publishedAt: p.publishedAt,
    taskCount: Number(tasks),
    createdAt: p.createdAt,
    abilities: abilitiesOf(inspectionPlanPolicy, actor, facts),
  };
}

export async function listPlans(deps: InspectionDeps, actor: Actor, q: InspectionPlanListQuery) {
  const where = and(
    inspectionPlanPolicy.readable?.(actor),
    q.year ? eq(inspectionPlans.year, q.year) : undefined,
    q.status ? eq(inspectionPlans.status, q.status) : undefined,
  );
  return paged(
    q,
    async (limit, offset) => {
      const rows = await deps.db
        .select({ p: inspectionPlans, tasks: taskCount })
        .from(inspectionPlans)
        .where(where)
        .orderBy(desc(inspectionPlans.year), desc(inspectionPlans.createdAt), asc(inspectionPlans.id))
        .limit(limit)
        .offset(offset);
      return Promise.all(rows.map((r) => presentSummary(deps.db, actor, r.p, r.tasks)));
    },
    () => totalOf(deps.db.select({ total: count() }).from(inspectionPlans).where(where)),
  );
}

export async function getPlan(
  deps: InspectionDeps,
  actor: Actor,
  id: string,
  db: Db = deps.db,
): Promise<InspectionPlanOut> {
  await loadReadable(inspectionPlanPolicy, db, actor, id);
  const [row] = await db
    .select({ p: inspectionPlans, tasks: taskCount })
    .from(inspectionPlans)
    .where(eq(inspectionPlans.id, id));
  if (!row) throw notFound('抽查计划');
  const itemRows = await db
    .select({ id: items.id, code: items.baseCode, name: items.name })
    .from(items)
    .where(inArray(items.id, row.p.itemIds));
  const byId = new Map(itemRows.map((i) => [i.id, i]));
  return {
    ...(await presentSummary(db, actor, row.p, row.tasks)),
    items: row.p.itemIds.map((i) => byId.get(i)).filter((i) => i !== undefined),
    targetFilter: row.p.targetFilter as InspectionPlanOut['targetFilter'],
    ratios: row.p.ratios,
    createdByName: row.p.createdByName,
  };
}

/** The orgs exist, are departments and include the actor's; each item is an active `inspection` item one of them claimed. */
async function checkPlanRefs(tx: Db, actor: Actor, body: InspectionPlanCreateBody) {
  const errors: { path: string; message: string }[] = [];
  const orgIds = [...new Set(body.orgIds)];
  if (orgIds.length !== body.orgIds.length) errors.push({ path: 'orgIds', message: '实施部门重复' });
  if (!orgIds.includes(actor.org.id))
    errors.push({ path: 'orgIds', message: '实施部门须包括本单位（联合抽查由牵头部门制定）' });
  const found = await tx.select({ id: orgs.id, kind: orgs.kind }).from(orgs).where(inArray(orgs.id, orgIds));
  orgIds.forEach((id, i) => {
    const o = found.find((f) => f.id === id);
    if (!o || (o.kind !== 'department' && o.kind !== 'comprehensive'))
      errors.push({ path: `orgIds.${i}`, message: '实施部门不存在或不是行政执法部门' });
  });
  const claimed = await tx
    .select({ id: items.id, type: items.type, status: items.status })
    .from(items)
    .innerJoin(itemClaims, eq(itemClaims.itemId, items.id))
    .where(and(inArray(items.id, [...new Set(body.itemIds)]), inArray(itemClaims.orgId, orgIds)));
  body.itemIds.forEach((id, i) => {
    const it = claimed.find((c) => c.id === id);
    if (it?.status !== 'active')
      errors.push({ path: `itemIds.${i}`, message: '抽查事项不存在、已废止或未被实施部门认领' });
    else if (it.type !== 'inspection') errors.push({ path: `itemIds.${i}`, message: '抽查事项须为“行政检查”类事项' });
  });
  if (errors.length > 0) throw fieldErrors(422, 'invalid_plan', errors);
}

export async function createPlan(
  deps: InspectionDeps,
  ctx: RequestContext,
  actor: Actor,
  body: InspectionPlanCreateBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'inspection_plan.create', resourceType: 'inspection_plan' },
    async (tx) => {
      authorize(inspectionPlanPolicy, 'create', actor);
      const period = checkPlanPeriod(body.year, body.from, body.to);
      if (period.length > 0) throw fieldErrors(422, 'invalid_plan', period);
      await checkPlanRefs(tx, actor, body);
      const ratios = Object.fromEntries(
        RISK_CLASSES.map((c) => [c, formatRatio(parseRatio(body.ratios[c], `ratios.${c}`))]),
      ) as PlanRow['ratios'];
      const id = randomUUID();
      await tx.insert(inspectionPlans).values({
        id,
        year: body.year,
        name: body.name,
        // the actor's org leads
        orgIds: [actor.org.id, ...body.orgIds.filter((o) => o !== actor.org.id)],
        itemIds: [...new Set(body.itemIds)],
        targetFilter: {
          regionCodes: [...new Set(body.targetFilter.regionCodes)],
          sectors: [...new Set(body.targetFilter.sectors)],
          kinds: [...new Set(body.targetFilter.kinds)],
        },
        ratios,
        inspectorsPerTarget: body.inspectorsPerTarget,
        from: body.from,
        to: body.to,
        status: 'draft',
        createdAt: deps.clock.now(),
        createdBy: actor.userId,
        createdByName: actor.displayName,
      });
      return { value: await getPlan(deps, actor, id, tx), resourceId: id };
    },
  );
}

export async function publishPlan(deps: InspectionDeps, ctx: RequestContext, actor: Actor, id: string) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'inspection_plan.publish', resourceType: 'inspection_plan', resourceId: id },
    async (tx) => {
      const facts = await loadReadable(inspectionPlanPolicy, tx, actor, id);
      if (facts.status !== 'draft') throw new AppError(409, 'plan_published', '该抽查计划已经公布');
      authorize(inspectionPlanPolicy, 'publish', actor, facts);
      const updated = await tx
        .update(inspectionPlans)
        .set({ status: 'published', publishedAt: deps.clock.now() })
        .where(and(eq(inspectionPlans.id, id), eq(inspectionPlans.status, 'draft')))
        .returning({ id: inspectionPlans.id });
      if (updated.length === 0) throw new AppError(409, 'plan_published', '该抽查计划已经公布');
      return { value: await getPlan(deps, actor, id, tx) };
    },
  );
}
