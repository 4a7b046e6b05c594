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
  type DrawEntity,
  type DrawInput,
  DrawInputError,
  type DrawPair,
  type DrawResult,
  type DrawTarget,
  type PublicDraw,
  type RiskClass,
  cmp,
  draw,
  newServerSeed,
  nodeDrawHash,
  normalizeParams,
  normalizePublicSeed,
  parseRatio,
  poolHash,
  populationHasher,
  RISK_CLASSES,
  seedCommitment,
  toPublicDraw,
} from '../../../common/draw.js';
import type { InspectionTaskState } from '../../../common/enums.js';
import { type Db, queryRows } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { entities } from '../entities/entity-details.api.js';
import { regionPrefix } from '../../platform/region-prefix.js';
import {
  inspectionAssignments,
  inspectionPairs,
  inspectionPlans,
  inspectionPool,
  inspectionPopulation,
  inspectionTargets,
  POPULATION_CHUNK,
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

/** The characters of a USCC of the draw's shape (common/draw.ts isUsccShape: 18 of them, GB 32100). */
const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/**
 * The condition for the entities a plan's filter admits (inspections.rules.ts matchesFilter, in SQL) with a USCC of
 * the draw's shape.
 */
function eligibleCondition(filter: { regionCodes: string[]; sectors: string[]; kinds: string[] }) {
  const regionCond =
    filter.regionCodes.length === 0
      ? sql`false`
      : sql.join(
          filter.regionCodes.map((c) => sql`${entities.regionCode} like ${`${regionPrefix(c)}%`}`),
          sql` or `,
        );
  return and(
    eq(entities.status, 'active'),
    sql`(${regionCond})`,
    filter.sectors.length > 0 ? sql`${entities.sectors} && ${sql.param(filter.sectors)}::text[]` : undefined,
    filter.kinds.length > 0 ? sql`${entities.kind} = any(${sql.param(filter.kinds)}::text[])` : undefined,
    // 18 bytes, all of the set (cheaper than a regular expression on millions of rows)
    sql`octet_length(${entities.uscc}) = 18 and ltrim(${entities.uscc}, ${USCC_CHARS}) = ''`,
  );
}

/**
 * The commit and draw steps sort and aggregate the whole population (millions of rows) once: room for that in
 * memory for this transaction only, instead of the default 4 MB's external merge on disk.
 */
const roomToSort = (tx: Db) => tx.execute(sql`set local work_mem = '128MB'`);

// characters per entity in a chunk of the frozen population: its USCC (18) and its risk class letter
const ENTRY = 19;
const ENTRY_RE = /([0-9A-Z]{18})([ABCD])/g;

/**
 * Freezes the eligible entities as the task's population in one `INSERT … SELECT` on the server, sorted by `uscc
 * COLLATE "C"` (byte order = the draw's code-unit order for these ASCII codes), in chunks of POPULATION_CHUNK;
 * returns the chunks' entries in order.
 */
async function freezePopulation(
  tx: Db,
  taskId: string,
  filter: { regionCodes: string[]; sectors: string[]; kinds: string[] },
) {
  const rows = await queryRows<{ chunk: number; entries: string }>(
    tx,
    sql`insert into ${inspectionPopulation} (task_id, chunk, entries, entity_ids)
      select ${taskId}::uuid, n / ${sql.raw(String(POPULATION_CHUNK))}, string_agg(uscc || risk_class, '' order by n),
             array_agg(id order by n)
      from (select ${entities.id} as id, ${entities.uscc} as uscc, ${entities.riskClass} as risk_class,
                   (row_number() over (order by ${entities.uscc} collate "C"))::int - 1 as n
            from ${entities} where ${eligibleCondition(filter)}) e
      group by n / ${sql.raw(String(POPULATION_CHUNK))}
      returning chunk, entries`,
  );
  return rows.sort((x, y) => x.chunk - y.chunk).map((r) => r.entries);
}

/** The frozen population's chunks of entries, in order. */
async function populationChunks(db: Db, taskId: string) {
  const rows = await db
    .select({ entries: inspectionPopulation.entries })
    .from(inspectionPopulation)
    .where(eq(inspectionPopulation.taskId, taskId))
    .orderBy(asc(inspectionPopulation.chunk));
  return rows.map((r) => r.entries);
}

/** The entities of chunks of entries, as the draw takes them. */
function entitiesOf(chunks: readonly string[]): DrawEntity[] {
  const population: DrawEntity[] = [];
  for (const text of chunks) {
    if (text.length % ENTRY !== 0) throw new AppError(500, 'draw_population_corrupt', '冻结的检查对象名单无法读取');
    for (let k = 0; k < text.length; k += ENTRY) {
      population.push({ uscc: text.slice(k, k + 18), riskClass: text[k + 18] as RiskClass });
    }
  }
  return population;
}

/** populationHash (common/draw.ts) of chunks of entries, without building the entities. */
function chunksHash(chunks: readonly string[], ratios: Record<RiskClass, string>) {
  const ratiosPpm = Object.fromEntries(RISK_CLASSES.map((c) => [c, parseRatio(ratios[c], `ratios.${c}`)]));
  const h = populationHasher(ratiosPpm as Record<RiskClass, number>, drawHash);
  // populationLine (common/draw-input.ts) + "\n" of every entry, in one native pass over the chunk
  for (const text of chunks) {
    const lines = text.replace(ENTRY_RE, 'entity,$1,$2\n');
    if (text.length % ENTRY !== 0 || lines.length !== (text.length / ENTRY) * 28) {
      throw new AppError(500, 'draw_population_corrupt', '冻结的检查对象名单无法读取');
    }
    h.lines(lines);
  }
  return h.hex();
}

/** Position (from 1) of a USCC in the frozen population (sorted strictly ascending), by binary search. */
function positionOf(population: readonly DrawEntity[], uscc: string): number {
  let lo = 0;
  let hi = population.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const u = (population[mid] as DrawEntity).uscc;
    if (u === uscc) return mid + 1;
    if (u < uscc) lo = mid + 1;
    else hi = mid - 1;
  }
  throw new AppError(500, 'draw_population_corrupt', '抽中的检查对象不在冻结的名单中');
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
  await roomToSort(tx);
  const chunks = await freezePopulation(tx, taskId, plan.targetFilter);
  const populationSize = chunks.reduce((n, text) => n + text.length / ENTRY, 0);
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
  // everything but the population, validated as commitDraw would (the population is frozen sorted and of the
  // draw's shape by the server, and hashed streaming: the same bytes as populationHash)
  const norm = normalizeParams(drawParams(plan, task, [], pool, conflicts, previous));
  const commitment = {
    seedCommitment: seedCommitment(serverSeed, drawHash),
    populationHash: chunksHash(chunks, plan.ratios),
    poolHash: poolHash(norm, drawHash),
  };
  await insertMany(
    tx,
    inspectionPool,
    pool.map((p, i) => ({ taskId, position: i + 1, ...p })),
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
      populationSize,
      poolSize: pool.length,
      committedAt: now,
      state: 'committed',
    })
    .where(eq(inspectionTasks.id, taskId));
  return { ...commitment, populationSize, poolSize: pool.length, drawDate };
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
  const population = entitiesOf(await populationChunks(db, taskId));
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
  await roomToSort(tx);
  const stored = await storedParams(tx, taskId);
  if (!stored.task.serverSeedSealed) throw new AppError(409, 'not_committed', '抽查任务尚未承诺种子，不能抽取');
  const serverSeed = sealer.open(stored.task.serverSeedSealed);
  const result = draw({ ...stored.params, serverSeed, publicSeed }, { hash: drawHash });
  if (result.populationHash !== stored.task.populationHash || result.poolHash !== stored.task.poolHash) {
    throw new AppError(500, 'draw_frozen_mismatch', '冻结的检查对象或执法人员名单与承诺的哈希不一致');
  }
  const officerOf = new Map(stored.pool.map((p) => [p.certificateNumber, p.officerId]));
  // entity ids from the frozen chunks (by position, found by binary search over the sorted population)
  const targetPos = result.targets.map((t) => positionOf(stored.population, t.uscc));
  for (let i = 0; i < result.targets.length; i += MANY_CHUNK) {
    const part = result.targets.slice(i, i + MANY_CHUNK);
    await tx.execute(sql`
      insert into ${inspectionTargets} (task_id, entity_id, position, uscc, risk_class, pick, unfilled)
      select ${taskId}::uuid, x.id, u.position, u.uscc, u.risk_class, u.pick, u.unfilled
      from ${inspectionPopulation} c cross join lateral unnest(c.entity_ids) with ordinality as x(id, k)
      join unnest(${sql.param(targetPos.slice(i, i + MANY_CHUNK))}::int[],
                  ${sql.param(part.map((_, j) => i + j + 1))}::int[],
                  ${sql.param(part.map((t) => t.uscc))}::text[],
                  ${sql.param(part.map((t) => t.riskClass))}::text[],
                  ${sql.param(part.map((t) => t.pick))}::int[],
                  ${sql.param(part.map((t) => (t.unfilled ? JSON.stringify(t.unfilled) : null)))}::jsonb[])
           as u(pop, position, uscc, risk_class, pick, unfilled)
        on u.pop = c.chunk * ${sql.raw(String(POPULATION_CHUNK))} + x.k
      where c.task_id = ${taskId}::uuid`);
  }
  // assignments by their target's position (the targets' unique (task, position) index)
  const assignments = result.targets.flatMap((t, i) =>
    t.inspectors.map((m, j) => ({ target: i + 1, position: j + 1, ...m })),
  );
  for (let i = 0; i < assignments.length; i += MANY_CHUNK) {
    const part = assignments.slice(i, i + MANY_CHUNK);
    await tx.execute(sql`
      insert into ${inspectionAssignments} (task_id, entity_id, position, officer_id, certificate_number, org_id, pick)
      select ${taskId}::uuid, t.entity_id, u.position, u.officer_id, u.certificate_number, u.org_id, u.pick
      from unnest(${sql.param(part.map((a) => a.target))}::int[],
                  ${sql.param(part.map((a) => a.position))}::int[],
                  ${sql.param(part.map((a) => officerOf.get(a.certificateNumber) as string))}::uuid[],
                  ${sql.param(part.map((a) => a.certificateNumber))}::text[],
                  ${sql.param(part.map((a) => a.department))}::uuid[],
                  ${sql.param(part.map((a) => a.pick))}::int[])
           as u(target, position, officer_id, certificate_number, org_id, pick)
      join ${inspectionTargets} t on t.task_id = ${taskId}::uuid and t.position = u.target`);
  }
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
