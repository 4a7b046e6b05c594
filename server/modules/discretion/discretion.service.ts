/**
 * Discretion benchmarks: set by the province (or a city for items from city rules), refined only by counties and
 * only inside the parent, resolved for an org and a date, and applied to a decision.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, type SQL, sql } from 'drizzle-orm';
import type {
  BenchmarkCreateBody,
  BenchmarkEvaluationOut,
  BenchmarkListQuery,
  BenchmarkOut,
  BenchmarkSummaryOut,
  BenchmarkRefineBody,
  BenchmarkReviseBody,
  EffectiveBenchmarkOut,
  TierOut,
} from '../../../common/contracts/discretion.contract.js';
import type { PageOf } from '../../../common/contracts/kit.js';
import { CIRCUMSTANCE_LABELS, type PenaltyKind } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { compileSql } from '../../db/compiled.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { regionPrefix, regionWithin } from '../../platform/scope.js';
import { runAudited } from '../audit/audit.api.js';
import { loadItem, orgLevel } from '../catalog/catalog.api.js';
import { orgPolicy, orgs } from '../orgs/orgs.api.js';
import { shanghaiDate } from '../../platform/clock.js';
import {
  type BoundViolation,
  type Decision,
  type Tier,
  checkRefinement,
  checkTiers,
  evaluateDecision,
  mergeRefinement,
} from './discretion.rules.js';
import { benchmarkPolicy, loadBenchmarkFacts } from './discretion.policy.js';
import { benchmarkVersions, benchmarks } from './discretion.schema.js';

export interface DiscretionDeps {
  db: Db;
  clock: Clock;
}

const violationsError = (code: string, detailPrefix: string, v: BoundViolation[], tiers: Tier[]) =>
  new AppError(
    422,
    code,
    `${detailPrefix}：${v.map((x) => `【${CIRCUMSTANCE_LABELS[x.tier]}】${x.message}`).join('；')}`,
    v.map((x) => {
      const i = x.index ?? tiers.findIndex((t) => t.circumstance === x.tier);
      return { path: `tiers.${Math.max(i, 0)}.${x.bound}`, message: x.message };
    }),
  );

async function orgRow(db: Db, id: string) {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, id)).limit(1);
  return org ?? null;
}

/** The owner org named by the input: 422 when the actor cannot see it, 403 unless the actor may set its benchmarks. */
function requireOwner(actor: Actor, owner: typeof orgs.$inferSelect | null, path: string, what: string) {
  if (!owner || !can(orgPolicy, 'read', actor, { ...owner, orgId: owner.id }))
    throw fieldError(422, 'invalid_org', path, `${what}不存在或不在管辖范围内`);
  authorize(benchmarkPolicy, 'create', actor, {
    id: '',
    orgId: owner.id,
    regionCode: owner.regionCode,
    sector: owner.sector,
    parentId: null,
  });
  return owner;
}

export async function createBenchmark(
  deps: DiscretionDeps,
  ctx: RequestContext,
  actor: Actor,
  input: BenchmarkCreateBody,
) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'benchmark.create', resourceType: 'benchmark' }, async (tx) => {
    const item = await loadItem(tx, input.itemId);
    const owner = requireOwner(actor, await orgRow(tx, input.ownerOrgId), 'ownerOrgId', '制定单位');
    const level = orgLevel(owner.regionCode);
    if (level === 'county' || level === 'township') {
      throw fieldError(422, 'benchmark_level', 'ownerOrgId', '县级部门不能另行制定基准，只能在上级基准范围内细化');
    }
    if (level === 'city' && item.basisLevel !== 'city') {
      throw fieldError(422, 'benchmark_level', 'itemId', '设区的市部门只能为依据本市法规规章设定的事项制定裁量基准');
    }
    if (level === 'province' && item.basisLevel === 'city') {
      throw fieldError(422, 'benchmark_level', 'itemId', '依据设区的市法规规章设定的事项由市级部门制定裁量基准');
    }
    if (owner.sector !== item.sector)
      throw fieldError(422, 'sector_mismatch', 'itemId', '事项的行业领域与制定单位不符');
    const problems = checkTiers(input.tiers);
    if (problems.length > 0) throw violationsError('invalid_tiers', '裁量档次有误', problems, input.tiers);
    const [existing] = await tx
      .select({ id: benchmarks.id })
      .from(benchmarks)
      .where(and(eq(benchmarks.itemId, item.id), eq(benchmarks.ownerOrgId, owner.id)))
      .limit(1);
    if (existing) throw new AppError(409, 'duplicate_benchmark', '本单位已为该事项制定基准；修订请提交新版本（PUT）');
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(benchmarks).values({
      id,
      itemId: item.id,
      ownerOrgId: owner.id,
      parentId: null,
      currentVersion: 1,
      createdAt: now,
      createdBy: actor.userId,
    });
    await tx.insert(benchmarkVersions).values({
      benchmarkId: id,
      version: 1,
      effectiveFrom: input.effectiveFrom,
      tiers: input.tiers,
      createdAt: now,
      createdBy: actor.userId,
    });
    return { value: await getBenchmark(tx, id, actor), resourceId: id };
  });
}

/** The version of a benchmark in force on a date, or null. */
async function latestVersion(db: Db, benchmarkId: string) {
  const [v] = await db
    .select()
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, benchmarkId))
    .orderBy(desc(benchmarkVersions.version))
    .limit(1);
  return v ?? null;
}

export async function refineBenchmark(
  deps: DiscretionDeps,
  ctx: RequestContext,
  actor: Actor,
  parentId: string,
  input: BenchmarkRefineBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'benchmark.refine', resourceType: 'benchmark', resourceId: parentId },
    async (tx) => {
      const [parent] = await tx.select().from(benchmarks).where(eq(benchmarks.id, parentId)).limit(1);
      if (!parent) throw notFound('裁量基准');
      if (parent.parentId)
        throw new AppError(422, 'refinement_of_refinement', '细化只能基于省级或市级基准，不能再细化县级细化');
      const owner = requireOwner(actor, await orgRow(tx, input.ownerOrgId ?? actor.org.id), 'ownerOrgId', '细化单位');
      if (orgLevel(owner.regionCode) !== 'county')
        throw fieldError(422, 'refinement_level', 'ownerOrgId', '只有县级部门可以细化裁量基准');
      const parentOwner = await orgRow(tx, parent.ownerOrgId);
      if (!parentOwner || !regionWithin(owner.regionCode, parentOwner.regionCode)) {
        throw fieldError(422, 'refinement_level', 'ownerOrgId', '只能细化本行政区域的上级基准');
      }
      const item = await loadItem(tx, parent.itemId);
      if (owner.sector !== item.sector && owner.kind !== 'comprehensive')
        throw fieldError(422, 'sector_mismatch', 'ownerOrgId', '事项的行业领域与细化单位不符');
      const parentVersion = await latestVersion(tx, parent.id);
      const violations = checkRefinement(parentVersion?.tiers ?? [], input.tiers);
      if (violations.length > 0) throw violationsError('exceeds_parent', '细化超出上级基准', violations, input.tiers);
      const [existing] = await tx
        .select({ id: benchmarks.id })
        .from(benchmarks)
        .where(and(eq(benchmarks.parentId, parent.id), eq(benchmarks.ownerOrgId, owner.id)))
        .limit(1);
      if (existing) throw new AppError(409, 'duplicate_benchmark', '本单位已细化该基准；修订请提交新版本（PUT）');
      const id = randomUUID();
      const now = deps.clock.now();
      await tx.insert(benchmarks).values({
        id,
        itemId: parent.itemId,
        ownerOrgId: owner.id,
        parentId: parent.id,
        currentVersion: 1,
        createdAt: now,
        createdBy: actor.userId,
      });
      await tx.insert(benchmarkVersions).values({
        benchmarkId: id,
        version: 1,
        effectiveFrom: input.effectiveFrom,
        tiers: input.tiers,
        createdAt: now,
        createdBy: actor.userId,
      });
      return { value: await getBenchmark(tx, id, actor), resourceId: id };
    },
  );
}

/** A new version (PUT). A refinement is checked again against its parent's latest version. */
export async function reviseBenchmark(
  deps: DiscretionDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  input: BenchmarkReviseBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'benchmark.revise', resourceType: 'benchmark', resourceId: id },
    async (tx) => {
      const [b] = await tx.select().from(benchmarks).where(eq(benchmarks.id, id)).limit(1);
      const facts = b ? await loadBenchmarkFacts(tx, id) : null;
      if (!b || !facts) throw notFound('裁量基准');
      authorize(benchmarkPolicy, 'revise', actor, facts);
      const problems = b.parentId
        ? checkRefinement((await latestVersion(tx, b.parentId))?.tiers ?? [], input.tiers)
        : checkTiers(input.tiers);
      if (problems.length > 0)
        throw violationsError(
          b.parentId ? 'exceeds_parent' : 'invalid_tiers',
          b.parentId ? '细化超出上级基准' : '裁量档次有误',
          problems,
          input.tiers,
        );
      const version = b.currentVersion + 1;
      const now = deps.clock.now();
      await tx.update(benchmarks).set({ currentVersion: version }).where(eq(benchmarks.id, id));
      await tx.insert(benchmarkVersions).values({
        benchmarkId: id,
        version,
        effectiveFrom: input.effectiveFrom,
        tiers: input.tiers,
        createdAt: now,
        createdBy: actor.userId,
      });
      return { value: await getBenchmark(tx, id, actor) };
    },
  );
}

/**
 * Stored tiers as an answer states them: they were checked by the contract's `TierBody` when written (seeded tiers
 * are typed by the rules, whose penalty kinds are plain strings).
 */
const tiersOut = (tiers: Tier[]): TierOut[] =>
  tiers.map((t) => ({ ...t, penaltyKinds: t.penaltyKinds as PenaltyKind[] }));

/** A benchmark with its versions and what the actor may do with it (`abilities`). */
export async function getBenchmark(db: Db, id: string, actor: Actor): Promise<BenchmarkOut> {
  const [row] = await db
    .select({ b: benchmarks, ownerName: orgs.name, ownerRegion: orgs.regionCode, ownerSector: orgs.sector })
    .from(benchmarks)
    .innerJoin(orgs, eq(orgs.id, benchmarks.ownerOrgId))
    .where(eq(benchmarks.id, id))
    .limit(1);
  if (!row) throw notFound('裁量基准');
  const versions = await db
    .select()
    .from(benchmarkVersions)
    .where(eq(benchmarkVersions.benchmarkId, id))
    .orderBy(desc(benchmarkVersions.version));
  const parentTiers = row.b.parentId ? ((await latestVersion(db, row.b.parentId))?.tiers ?? null) : null;
  return {
    id: row.b.id,
    itemId: row.b.itemId,
    ownerOrgId: row.b.ownerOrgId,
    ownerOrgName: row.ownerName,
    parentId: row.b.parentId,
    currentVersion: row.b.currentVersion,
    tiers: tiersOut(versions[0]?.tiers ?? []),
    effectiveFrom: versions[0]?.effectiveFrom ?? null,
    /** For a refinement: the parent's latest tiers, i.e. the bounds the console shows beside each tier. */
    parentTiers: parentTiers && tiersOut(parentTiers),
    versions: versions.map((v) => ({
      version: v.version,
      effectiveFrom: v.effectiveFrom,
      tiers: tiersOut(v.tiers),
      createdAt: v.createdAt,
    })),
    abilities: abilitiesOf(benchmarkPolicy, actor, {
      id: row.b.id,
      orgId: row.b.ownerOrgId,
      regionCode: row.ownerRegion,
      sector: row.ownerSector,
      parentId: row.b.parentId,
    }),
  };
}

export async function listBenchmarks(db: Db, q: BenchmarkListQuery): Promise<PageOf<BenchmarkSummaryOut>> {
  const rows = await db
    .select({ b: benchmarks, ownerName: orgs.name })
    .from(benchmarks)
    .innerJoin(orgs, eq(orgs.id, benchmarks.ownerOrgId))
    .where(
      and(
        q.itemId ? eq(benchmarks.itemId, q.itemId) : undefined,
        q.ownerOrgId ? eq(benchmarks.ownerOrgId, q.ownerOrgId) : undefined,
      ),
    )
    .orderBy(asc(orgs.regionCode), asc(benchmarks.createdAt), asc(benchmarks.id));
  const data = rows.map((r) => ({
    id: r.b.id,
    itemId: r.b.itemId,
    ownerOrgId: r.b.ownerOrgId,
    ownerOrgName: r.ownerName,
    parentId: r.b.parentId,
    currentVersion: r.b.currentVersion,
  }));
  return { data, total: data.length };
}

/** The benchmark in force for an org on a date; `parent` for a refinement: the version whose bounds apply. */
export type EffectiveBenchmark = EffectiveBenchmarkOut;

/**
 * The benchmark that applies to an org on a date: the nearest benchmark (refinement first) owned by an org whose
 * region contains the org's region, with a version in force on that date; else the upper one.
 */
/**
 * One query: the org (no row: unknown org) and every benchmark of the item with its owner, the version in force on
 * the date and its parent's version in force on the date.
 */
const versionAtDate = (benchmarkId: SQL) =>
  sql`select v.version, v.effective_from::text as effective_from, v.tiers from ${benchmarkVersions} v where v.benchmark_id = ${benchmarkId} and v.effective_from <= ${sql.placeholder('date')}::date order by v.effective_from desc, v.version desc limit 1`;
const effectiveStatement = compileSql<{
  org_region: string;
  id: string | null;
  owner_org_id: string;
  parent_id: string | null;
  owner_name: string;
  owner_region: string;
  version: number | null;
  effective_from: string;
  tiers: Tier[];
  parent_version: number | null;
  parent_tiers: Tier[];
}>(sql`select o.region_code as org_region, c.*
  from ${orgs} o
  left join (
    select b.id, b.owner_org_id, b.parent_id, w.name as owner_name, w.region_code as owner_region, v.version, v.effective_from, v.tiers, pv.version as parent_version, pv.tiers as parent_tiers
    from ${benchmarks} b
    join ${orgs} w on w.id = b.owner_org_id
    left join lateral (${versionAtDate(sql`b.id`)}) v on true
    left join lateral (${versionAtDate(sql`b.parent_id`)}) pv on true
    where b.item_id = ${sql.placeholder('itemId')}::uuid
  ) c on true
  where o.id = ${sql.placeholder('orgId')}::uuid`);

export async function effectiveBenchmark(
  db: Db,
  itemId: string,
  orgId: string,
  at: Date,
): Promise<EffectiveBenchmark | null> {
  const date = shanghaiDate(at);
  const rows = await effectiveStatement.run(db, { itemId, orgId, date });
  const [first] = rows;
  if (!first) throw notFound('单位');
  const inLine = rows
    .filter((c) => c.id !== null && regionWithin(first.org_region, c.owner_region))
    .sort(
      (a, b) =>
        regionPrefix(b.owner_region).length - regionPrefix(a.owner_region).length ||
        Number(b.parent_id !== null) - Number(a.parent_id !== null),
    );
  for (const c of inLine) {
    if (c.version === null) continue;
    const benchmarkId = c.id as string;
    if (!c.parent_id) {
      return {
        benchmarkId,
        version: c.version,
        ownerOrgId: c.owner_org_id,
        ownerOrgName: c.owner_name,
        effectiveFrom: c.effective_from,
        parent: null,
        tiers: tiersOut(c.tiers),
      };
    }
    if (c.parent_version === null) continue; // the parent was not in force yet: nothing to refine
    return {
      benchmarkId,
      version: c.version,
      ownerOrgId: c.owner_org_id,
      ownerOrgName: c.owner_name,
      effectiveFrom: c.effective_from,
      parent: { benchmarkId: c.parent_id, version: c.parent_version },
      tiers: tiersOut(mergeRefinement(c.parent_tiers, c.tiers)),
    };
  }
  return null;
}

/** The case module calls this on every decision. */
export async function evaluateAgainstBenchmark(
  db: Db,
  input: Decision & { itemId: string; orgId: string; at: Date },
): Promise<BenchmarkEvaluationOut> {
  const effective = await effectiveBenchmark(db, input.itemId, input.orgId, input.at);
  if (!effective) {
    return {
      withinRange: false,
      benchmark: null,
      tier: null,
      allowed: null,
      reasons: [{ code: 'no_benchmark', message: '该事项在此日期没有适用的裁量基准' }],
    };
  }
  const result = evaluateDecision(effective.tiers, input);
  return {
    withinRange: result.withinRange,
    benchmark: {
      id: effective.benchmarkId,
      version: effective.version,
      ownerOrgName: effective.ownerOrgName,
      parent: effective.parent,
    },
    tier: input.circumstance,
    allowed: result.allowed && { ...result.allowed, penaltyKinds: result.allowed.penaltyKinds as PenaltyKind[] },
    reasons: result.reasons,
  };
}
