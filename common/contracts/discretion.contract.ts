/** Contract of the discretion benchmarks (裁量基准): `/api/v1/benchmarks`. */
import { z } from 'zod';
import { CIRCUMSTANCES, FINE_BASES, PENALTY_KINDS } from '../enums.js';
import { Abilities, CivilDate, DateString, Instant, Page, QueryInstant, type Wire } from './kit.js';

// Requests

/** An amount in fen (分), up to 10¹³. */
export const Fen = z.number().int().min(0).max(1e13);
/** A multiple of the illegal income or goods value. */
export const Multiple = z.number().min(0).max(1000);
/** Tiers of one benchmark version: at least one, at most one per circumstance. */
export const TIERS_MAX = 5;

export const TierBody = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  conditions: z.string().max(2000).default(''),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  fine: z
    .union([
      z.object({ minFen: Fen, maxFen: Fen }).strict(),
      z.object({ minMultiple: Multiple, maxMultiple: Multiple, basis: z.enum(FINE_BASES) }).strict(),
    ])
    .nullish(),
  method: z.string().max(500).nullish(),
  timeLimitDays: z.number().int().min(1).max(3650).nullish(),
});
export type TierBody = z.output<typeof TierBody>;
export const TiersBody = z.array(TierBody).min(1).max(TIERS_MAX);

const EffectiveFrom = CivilDate();

export const BenchmarkListQuery = z.object({ itemId: z.uuid().optional(), ownerOrgId: z.uuid().optional() });
export type BenchmarkListQuery = z.output<typeof BenchmarkListQuery>;

export const BenchmarkCreateBody = z.object({
  itemId: z.uuid(),
  ownerOrgId: z.uuid(),
  effectiveFrom: EffectiveFrom,
  tiers: TiersBody,
});
export type BenchmarkCreateBody = z.output<typeof BenchmarkCreateBody>;

export const BenchmarkReviseBody = z.object({ effectiveFrom: EffectiveFrom, tiers: TiersBody });
export type BenchmarkReviseBody = z.output<typeof BenchmarkReviseBody>;

export const BenchmarkRefineBody = z.object({
  ownerOrgId: z.uuid().optional(),
  effectiveFrom: EffectiveFrom,
  tiers: TiersBody,
});
export type BenchmarkRefineBody = z.output<typeof BenchmarkRefineBody>;

export const BenchmarkEffectiveQuery = z.object({ itemId: z.uuid(), orgId: z.uuid(), at: QueryInstant.optional() });

export const BenchmarkEvaluateBody = z.object({
  itemId: z.uuid(),
  orgId: z.uuid(),
  circumstance: z.enum(CIRCUMSTANCES),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  amountFen: Fen,
  illegalIncomeFen: Fen.optional(),
  goodsValueFen: Fen.optional(),
  at: QueryInstant.optional(),
});

// Answers

export const FixedFineView = z.object({ minFen: z.number(), maxFen: z.number() });
export type FixedFine = Wire<typeof FixedFineView>;
export const MultipleFineView = z.object({
  minMultiple: z.number(),
  maxMultiple: z.number(),
  basis: z.enum(FINE_BASES),
});
export type MultipleFine = Wire<typeof MultipleFineView>;
export const FineView = z.union([FixedFineView, MultipleFineView]);
export type Fine = Wire<typeof FineView>;

/** A tier as stored: an omitted fine, method or time limit may be absent or null. */
export const TierView = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  conditions: z.string(),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  fine: FineView.nullish(),
  method: z.string().nullish(),
  timeLimitDays: z.number().int().nullish(),
});
export type Tier = Wire<typeof TierView>;
export type TierOut = z.output<typeof TierView>;

/** A row of GET /api/v1/benchmarks. */
export const BenchmarkSummaryView = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  ownerOrgId: z.uuid(),
  ownerOrgName: z.string(),
  parentId: z.uuid().nullable(),
  currentVersion: z.number().int(),
});
export type BenchmarkSummary = Wire<typeof BenchmarkSummaryView>;
export type BenchmarkSummaryOut = z.output<typeof BenchmarkSummaryView>;
export const BenchmarkPage = Page(BenchmarkSummaryView);

export const BenchmarkVersionView = z.object({
  version: z.number().int(),
  effectiveFrom: DateString,
  tiers: z.array(TierView),
  createdAt: Instant,
});
export type BenchmarkVersion = Wire<typeof BenchmarkVersionView>;

export const BenchmarkView = BenchmarkSummaryView.extend({
  tiers: z.array(TierView),
  effectiveFrom: DateString.nullable(),
  /** For a refinement: the parent's latest tiers (the bounds shown beside each tier); null otherwise. */
  parentTiers: z.array(TierView).nullable(),
  versions: z.array(BenchmarkVersionView),
  /** What the caller may do with this benchmark (`read`, `revise`, `refine`). */
  abilities: Abilities,
});
export type Benchmark = Wire<typeof BenchmarkView>;
export type BenchmarkOut = z.output<typeof BenchmarkView>;

const ParentRef = z.object({ benchmarkId: z.uuid(), version: z.number().int() });

export const EffectiveBenchmarkView = z.object({
  benchmarkId: z.uuid(),
  version: z.number().int(),
  ownerOrgId: z.uuid(),
  ownerOrgName: z.string(),
  effectiveFrom: DateString,
  /** For a refinement: the parent benchmark and the version whose bounds apply. */
  parent: ParentRef.nullable(),
  tiers: z.array(TierView),
});
export type EffectiveBenchmark = Wire<typeof EffectiveBenchmarkView>;
export type EffectiveBenchmarkOut = z.output<typeof EffectiveBenchmarkView>;

export const BenchmarkEvaluationView = z.object({
  withinRange: z.boolean(),
  benchmark: z
    .object({ id: z.uuid(), version: z.number().int(), ownerOrgName: z.string(), parent: ParentRef.nullable() })
    .nullable(),
  tier: z.enum(CIRCUMSTANCES).nullable(),
  allowed: z
    .object({
      circumstance: z.enum(CIRCUMSTANCES),
      penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
      minFen: z.number().nullable(),
      maxFen: z.number().nullable(),
    })
    .nullable(),
  reasons: z.array(z.object({ code: z.string(), message: z.string() })),
});
export type BenchmarkEvaluation = Wire<typeof BenchmarkEvaluationView>;
export type BenchmarkEvaluationOut = z.output<typeof BenchmarkEvaluationView>;
