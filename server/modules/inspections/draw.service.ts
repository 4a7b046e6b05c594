/**
 * The verifiable draw of a task (common/draw.ts, docs/draw.md) against the database: the commit step freezes the
 * population, the pool and the exclusions and commits to a secret server seed; the draw step reveals it and stores
 * the result; the public record and `zhifa redraw` rebuild the draw's input and result from what was stored.
 */
import * as nodeCrypto from 'node:crypto';
import { and, asc, desc, eq, getTableColumns, inArray, isNotNull, lt, ne, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { PublicTaskDrawOut } from '../../../common/contracts/inspections.contract.js';
import { canonicalJson } from '../../../common/canonical-json.js';
import {
  DRAW_ALGORITHM,
  type DrawInput,
  DrawInputError,
  type DrawPair,
  type DrawResult,
  type DrawTarget,
  type PublicDraw,
  type RiskClass,
  cmp,
  commitDraw,
  draw,
  isUsccShape,
  newServerSeed,
  nodeDrawHash,
  normalizePublicSeed,
  toPublicDraw,
} from '../../../common/draw.js';
import type { InspectionTaskState } from '../../../common/enums.js';
import { type Db, queryRows } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { entities } from '../entities/entity-details.api.js';
import { regionPrefix } from '../../platform/region-prefix.js';
import { matchesFilter } from './inspections.rules.js';
import {
  inspectionAssignments,
  inspectionPairs,
  inspectionPlans,
  inspectionPool,
  inspectionPopulation,
  inspectionTargets,
  inspectionTasks,
  officerConflicts,
} from './inspections.schema.js';
import { byEntity } from './group.js';
import { orgRefs } from './plans.service.js';

export const drawHash = nodeDrawHash(nodeCrypto);
// rows per INSERT: the widest table (7 columns) stays under PostgreSQL's 65,535 bind parameters
const CHUNK = 8000;

const MANY_CHUNK = 100_000;

/**
 * Inserts many rows (a population of millions, a draw's targets and inspectors) as one `INSERT … SELECT FROM
 * unnest(…)` per 100,000 rows: one array parameter per column instead of one bind parameter per value, which the
 * database and the driver handle an order of magnitude faster (bench/results/draw-postgresql.txt).
 */
async function insertMany<T extends PgTable>(tx: Db, table: T, rows: T['$inferInsert'][]) {
  const first = rows[0];
  if (!first) return;
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => key in first);
  for (let i = 0; i < rows.length; i += MANY_CHUNK) {
    const part = rows.slice(i, i + MANY_CHUNK) as Record<string, unknown>[];
    const arrays = columns.map(([key, col]) => {
      const type = col.getSQLType();
      const values = part.map((r) => (type === 'jsonb' && r[key] != null ? JSON.stringify(r[key]) : (r[key] ?? null)));
      return sql`${sql.param(values)}::${sql.raw(type)}[]`;
    });
    await tx.execute(
      sql`insert into ${table} (${sql.join(
        columns.map(([, col]) => sql.identifier(col.name)),
        sql`, `,
      )}) select * from unnest(${sql.join(arrays, sql`, `)})`,
    );
  }
}

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

export async function taskWithPlan(db: Db, taskId: string) {
  const [row] = await db
    .select({ task: inspectionTasks, plan: inspectionPlans })
    .from(inspectionTasks)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId))
    .where(eq(inspectionTasks.id, taskId))
    .limit(1);
  if (!row) throw new AppError(404, 'not_found', '抽查任务不存在或不在本单位的管辖范围内');
  return row;
}

/** Active entities the plan's filter admits, with a USCC of the draw's shape, ascending by USCC. */
async function eligibleEntities(tx: Db, filter: { regionCodes: string[]; sectors: string[]; kinds: string[] }) {
  const regionCond = sql.join(
    filter.regionCodes.map((c) => sql`${entities.regionCode} like ${`${regionPrefix(c)}%`}`),
    sql` or `,
  );
  const rows = await tx
    .select({
      id: entities.id,
      uscc: entities.uscc,
      riskClass: entities.riskClass,
      regionCode: entities.regionCode,
      sectors: entities.sectors,
      kind: entities.kind,
      status: entities.status,
    })
    .from(entities)
    .where(and(eq(entities.status, 'active'), sql`(${regionCond})`));
  return rows.filter((e) => matchesFilter(filter, e) && isUsccShape(e.uscc)).sort((a, b) => cmp(a.uscc, b.uscc));
}

/**
 * Officers of the orgs with an enforcement certificate valid on `date` (status valid, validFrom ≤ date ≤ validTo);
 * one line per officer (its lowest such certificate number), ascending by certificate number.
 */
async function eligiblePool(tx: Db, orgIds: string[], date: string) {
  const list = await queryRows<{ officer_id: string; number: string; org_id: string }>(
    tx,
    sql`
    select distinct on (o.id) o.id as officer_id, c.number, o.org_id
    from officers o join certificates c on c.officer_id = o.id
    where o.org_id = any(${sql.param(orgIds)}::uuid[]) and c.kind = 'enforcement' and c.status = 'valid'
      and c.valid_from <= ${date}::date and c.valid_to >= ${date}::date
    order by o.id, c.number`,
  );
  return list
    .map((r) => ({ officerId: r.officer_id, certificateNumber: r.number, orgId: r.org_id }))
    .sort((a, b) => cmp(a.certificateNumber, b.certificateNumber));
}

/** The inspector–entity pairs of the plan's previous drawn task. */
async function previousPairs(tx: Db, planId: string, taskId: string, before: Date): Promise<DrawPair[]> {
  const [prev] = await tx
    .select({ id: inspectionTasks.id })
    .from(inspectionTasks)
    .where(
      and(
        eq(inspectionTasks.planId, planId),
        ne(inspectionTasks.id, taskId),
        isNotNull(inspectionTasks.drawnAt),
        lt(inspectionTasks.drawnAt, before),
      ),
    )
    .orderBy(desc(inspectionTasks.drawnAt))
    .limit(1);
  if (!prev) return [];
  return tx
    .select({ certificateNumber: inspectionAssignments.certificateNumber, uscc: inspectionTargets.uscc })
    .from(inspectionAssignments)
    .innerJoin(
      inspectionTargets,
      and(
        eq(inspectionTargets.taskId, inspectionAssignments.taskId),
        eq(inspectionTargets.entityId, inspectionAssignments.entityId),
      ),
    )
    .where(eq(inspectionAssignments.taskId, prev.id));
}

/** The commit step: freeze, store, commit. Returns the event's payload (what is published). */
export async function commitTask(tx: Db, sealer: Sealer, taskId: string, now: Date) {
  const { task, plan } = await taskWithPlan(tx, taskId);
  const drawDate = shanghaiDate(now);
  const population = await eligibleEntities(tx, plan.targetFilter);
  const pool = await eligiblePool(tx, task.orgIds, drawDate);
  const poolOfficers = pool.map((p) => p.officerId);
  const certOf = new Map(pool.map((p) => [p.officerId, p.certificateNumber]));
  const conflictRows =
    poolOfficers.length === 0
      ? []
      : await tx
          .select({ officerId: officerConflicts.officerId, uscc: entities.uscc })
          .from(officerConflicts)
          .innerJoin(entities, eq(entities.id, officerConflicts.entityId))
          .where(inArray(officerConflicts.officerId, poolOfficers));
  const conflicts = conflictRows.map((c) => ({ certificateNumber: certOf.get(c.officerId) as string, uscc: c.uscc }));
  const previous = await previousPairs(tx, plan.id, task.id, now);
  const serverSeed = newServerSeed();
  const params = drawParams(plan, task, population, pool, conflicts, previous);
  const commitment = commitDraw({ ...params, serverSeed }, drawHash);
  await insertMany(
    tx,
    inspectionPopulation,
    population.map((e, i) => ({ taskId, position: i + 1, entityId: e.id, uscc: e.uscc, riskClass: e.riskClass })),
  );
  await insertChunked(
    pool.map((p, i) => ({ taskId, position: i + 1, ...p })),
    (c) => tx.insert(inspectionPool).values(c),
  );
  const pairs = [
    ...conflicts.map((p) => ({ taskId, kind: 'conflict', ...p })),
    ...previous.map((p) => ({ taskId, kind: 'previous', ...p })),
  ];
  await insertChunked(pairs, (c) => tx.insert(inspectionPairs).values(c).onConflictDoNothing());
  await tx
    .update(inspectionTasks)
    .set({
      serverSeedSealed: sealer.seal(serverSeed),
      drawDate,
      ...commitment,
      populationSize: population.length,
      poolSize: pool.length,
      committedAt: now,
      state: 'committed',
    })
    .where(eq(inspectionTasks.id, taskId));
  return { ...commitment, populationSize: population.length, poolSize: pool.length, drawDate };
}

type Pair = { certificateNumber: string; uscc: string };

/** The draw's inputs (common/draw.ts) from the plan, the task, and the frozen population, pool and pairs. */
function drawParams(
  plan: { ratios: Record<RiskClass, string>; inspectorsPerTarget: number },
  task: { orgIds: string[] },
  population: readonly { uscc: string; riskClass: string }[],
  pool: readonly { certificateNumber: string; orgId: string }[],
  conflicts: Pair[],
  previousPairs: Pair[],
) {
  return {
    population: population.map((e) => ({ uscc: e.uscc, riskClass: e.riskClass as RiskClass })),
    ratios: plan.ratios,
    pool: pool.map((p) => ({ certificateNumber: p.certificateNumber, department: p.orgId })),
    inspectorsPerTarget: plan.inspectorsPerTarget,
    departments: task.orgIds,
    conflicts,
    previousPairs,
  };
}

/** The frozen inputs of a committed task (without the seeds). */
export async function storedParams(db: Db, taskId: string) {
  const { task, plan } = await taskWithPlan(db, taskId);
  const population = await db
    .select()
    .from(inspectionPopulation)
    .where(eq(inspectionPopulation.taskId, taskId))
    .orderBy(asc(inspectionPopulation.position));
  const pool = await db
    .select()
    .from(inspectionPool)
    .where(eq(inspectionPool.taskId, taskId))
    .orderBy(asc(inspectionPool.position));
  const pairs = await db.select().from(inspectionPairs).where(eq(inspectionPairs.taskId, taskId));
  const pairOf = (kind: string) =>
    pairs.filter((p) => p.kind === kind).map((p) => ({ certificateNumber: p.certificateNumber, uscc: p.uscc }));
  return {
    task,
    plan,
    population,
    pool,
    params: drawParams(plan, task, population, pool, pairOf('conflict'), pairOf('previous')),
  };
}

/** SHA-256 of the canonical JSON of the targets: what the draw event records of the result. */
export const resultHash = (targets: readonly DrawTarget[]) =>
  nodeCrypto.createHash('sha256').update(canonicalJson(targets)).digest('hex');

/** The draw step: reveal, run, store. Returns the event's payload. */
export async function drawTask(tx: Db, sealer: Sealer, taskId: string, rawPublicSeed: unknown, now: Date) {
  let publicSeed: string;
  try {
    publicSeed = normalizePublicSeed(rawPublicSeed);
  } catch (e) {
    if (e instanceof DrawInputError) throw fieldError(422, 'invalid_public_seed', 'publicSeed', e.detail);
    throw e;
  }
  const stored = await storedParams(tx, taskId);
  if (!stored.task.serverSeedSealed) throw new AppError(409, 'not_committed', '抽查任务尚未承诺种子，不能抽取');
  const serverSeed = sealer.open(stored.task.serverSeedSealed);
  const result = draw({ ...stored.params, serverSeed, publicSeed }, { hash: drawHash });
  const entityOf = new Map(stored.population.map((e) => [e.uscc, e.entityId]));
  const officerOf = new Map(stored.pool.map((p) => [p.certificateNumber, p.officerId]));
  await insertMany(
    tx,
    inspectionTargets,
    result.targets.map((t, i) => ({
      taskId,
      entityId: entityOf.get(t.uscc) as string,
      position: i + 1,
      uscc: t.uscc,
      riskClass: t.riskClass,
      pick: t.pick,
      unfilled: (t.unfilled as Record<string, unknown> | undefined) ?? null,
    })),
  );
  await insertMany(
    tx,
    inspectionAssignments,
    result.targets.flatMap((t) =>
      t.inspectors.map((m, j) => ({
        taskId,
        entityId: entityOf.get(t.uscc) as string,
        position: j + 1,
        officerId: officerOf.get(m.certificateNumber) as string,
        certificateNumber: m.certificateNumber,
        orgId: m.department,
        pick: m.pick,
      })),
    ),
  );
  await tx
    .update(inspectionTasks)
    .set({ serverSeed, publicSeed, seed: result.seed, classes: result.classes, drawnAt: now, state: 'drawn' })
    .where(eq(inspectionTasks.id, taskId));
  return {
    publicSeed,
    serverSeed,
    seed: result.seed,
    targetCount: result.targets.length,
    resultHash: resultHash(result.targets),
  };
}

/** The stored result of a drawn task, in the shape of common/draw.ts's DrawResult. */
export async function storedResult(db: Db, taskId: string): Promise<{ input: DrawInput; result: DrawResult } | null> {
  const stored = await storedParams(db, taskId);
  const t = stored.task;
  if (!t.drawnAt || !t.serverSeed || !t.publicSeed || !t.seed) return null;
  const targets = await db
    .select()
    .from(inspectionTargets)
    .where(eq(inspectionTargets.taskId, taskId))
    .orderBy(asc(inspectionTargets.position));
  const assigned = await db
    .select()
    .from(inspectionAssignments)
    .where(eq(inspectionAssignments.taskId, taskId))
    .orderBy(asc(inspectionAssignments.entityId), asc(inspectionAssignments.position));
  const assignedTo = byEntity(assigned);
  const input: DrawInput = { ...stored.params, serverSeed: t.serverSeed, publicSeed: t.publicSeed };
  const result: DrawResult = {
    algorithm: DRAW_ALGORITHM,
    seedCommitment: t.seedCommitment as string,
    populationHash: t.populationHash as string,
    poolHash: t.poolHash as string,
    publicSeed: t.publicSeed,
    seed: t.seed,
    classes: (t.classes ?? []) as DrawResult['classes'],
    targets: targets.map((x) => ({
      uscc: x.uscc,
      riskClass: x.riskClass as RiskClass,
      pick: x.pick,
      inspectors: assignedTo(x.entityId).map((a) => ({
        certificateNumber: a.certificateNumber,
        department: a.orgId,
        pick: a.pick,
      })),
      ...(x.unfilled ? { unfilled: x.unfilled as unknown as DrawTarget['unfilled'] } : {}),
    })),
  };
  return { input, result };
}

/** The public record of a drawn task (toPublicDraw over the stored input and result), or null before the draw. */
export async function publicRecord(db: Db, taskId: string): Promise<PublicDraw | null> {
  const stored = await storedResult(db, taskId);
  return stored ? toPublicDraw(stored.input, stored.result) : null;
}

/** GET /api/v1/public/inspection-tasks/:id/draw — only tasks of published plans, from the commitment on. */
export async function publicTaskDraw(db: Db, taskId: string): Promise<PublicTaskDrawOut> {
  const [row] = await db
    .select({ task: inspectionTasks, plan: inspectionPlans })
    .from(inspectionTasks)
    .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId))
    .where(and(eq(inspectionTasks.id, taskId), eq(inspectionPlans.status, 'published')))
    .limit(1);
  if (!row) throw new AppError(404, 'not_found', '抽查任务不存在或尚未公开');
  const t = row.task;
  return {
    taskId: t.id,
    taskName: t.name,
    planName: row.plan.name,
    state: t.state as InspectionTaskState,
    orgs: await orgRefs(db, t.orgIds),
    committedAt: t.committedAt,
    seedCommitment: t.seedCommitment,
    populationHash: t.populationHash,
    poolHash: t.poolHash,
    drawnAt: t.drawnAt,
    record: t.drawnAt ? await publicRecord(db, taskId) : null,
  };
}

/** The commitment as the commit event recorded it (for verifyDraw's `committed`). */
export const committedOf = (t: typeof inspectionTasks.$inferSelect) => ({
  seedCommitment: t.seedCommitment ?? undefined,
  populationHash: t.populationHash ?? undefined,
  poolHash: t.poolHash ?? undefined,
});
