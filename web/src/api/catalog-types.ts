/**
 * Shapes of the catalogue, discretion-benchmark and delegation API (事项清单、裁量基准、乡镇街道赋权) as the console
 * sees them, and the labels of the codes that are not in common/enums.ts.
 */
import type {
  BasisLevel,
  Circumstance,
  DelegationAction,
  DelegationStatus,
  FineBasis,
  ItemLevel,
  ItemStatus,
  ItemType,
  PenaltyKind,
  Sector,
} from '../../../common/enums.js';

export interface LegalBasis {
  /** The law, regulation or rule, e.g. 《中华人民共和国食品安全法》. */
  law: string;
  /** The article and its text (may contain line breaks). */
  article: string;
}

export interface Item {
  id: string;
  baseCode: string;
  name: string;
  legalBasis: LegalBasis;
  type: ItemType;
  sector: Sector;
  levels: ItemLevel[];
  basisLevel: BasisLevel;
  status: ItemStatus;
  version: number;
  townshipGuiding: boolean;
  major: boolean;
  parentItemId: string | null;
  updatedAt: string;
}

/** Body of POST /api/v1/items and PUT /api/v1/items/:id (the whole item). */
export interface ItemInput {
  baseCode: string;
  name: string;
  legalBasis: LegalBasis;
  type: ItemType;
  sector: Sector;
  levels: ItemLevel[];
  basisLevel: BasisLevel;
  status?: ItemStatus;
  townshipGuiding: boolean;
  major: boolean;
  parentItemId: string | null;
}

/** A claimed item of GET /api/v1/orgs/:id/items. */
export interface ClaimedItem extends Item {
  claimedAt: string;
}

export interface ItemClaim {
  itemId: string;
  orgId: string;
  claimedAt: string;
}

/** One entry of GET /api/v1/items/:id/versions: the item as it was saved. */
export interface ItemVersion {
  version: number;
  snapshot: Partial<Item> & Record<string, unknown>;
  changedBy: string | null;
  changedAt: string;
}

export type ItemImportStatus = 'created' | 'updated' | 'unchanged' | 'error';

export interface ItemImportRow {
  row: number;
  status: ItemImportStatus;
  id?: string;
  baseCode?: string;
  errors?: { field: string; message: string }[];
}

export interface ItemImportResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: number;
  rows: ItemImportRow[];
}

// ── Discretion benchmarks ──

export interface FixedFine {
  minFen: number;
  maxFen: number;
}

export interface MultipleFine {
  minMultiple: number;
  maxMultiple: number;
  basis: FineBasis;
}

export type Fine = FixedFine | MultipleFine;

export interface Tier {
  circumstance: Circumstance;
  conditions: string;
  penaltyKinds: PenaltyKind[];
  fine?: Fine | null;
  method?: string | null;
  timeLimitDays?: number | null;
}

/** A row of GET /api/v1/benchmarks. */
export interface BenchmarkSummary {
  id: string;
  itemId: string;
  ownerOrgId: string;
  ownerOrgName: string;
  parentId: string | null;
  currentVersion: number;
}

export interface BenchmarkVersion {
  version: number;
  effectiveFrom: string;
  tiers: Tier[];
  createdAt: string;
}

export interface Benchmark extends BenchmarkSummary {
  tiers: Tier[];
  effectiveFrom: string | null;
  /** For a refinement: the parent's latest tiers (the bounds shown beside each tier); null otherwise. */
  parentTiers: Tier[] | null;
  versions: BenchmarkVersion[];
}

export interface EffectiveBenchmark {
  benchmarkId: string;
  version: number;
  ownerOrgId: string;
  ownerOrgName: string;
  effectiveFrom: string;
  parent: { benchmarkId: string; version: number } | null;
  tiers: Tier[];
}

export interface BenchmarkEvaluation {
  withinRange: boolean;
  benchmark: {
    id: string;
    version: number;
    ownerOrgName: string;
    parent: { benchmarkId: string; version: number } | null;
  } | null;
  tier: Circumstance | null;
  allowed: {
    circumstance?: Circumstance;
    penaltyKinds: PenaltyKind[];
    minFen: number | null;
    maxFen: number | null;
  } | null;
  reasons: { code: string; message: string }[];
}

// ── Delegations ──

export type DelegationStepAction = 'propose' | DelegationAction;

export interface DelegationStep {
  action: DelegationStepAction;
  fromStatus: DelegationStatus | null;
  toStatus: DelegationStatus;
  payload: Record<string, unknown>;
  actorId: string | null;
  at: string;
}

export interface Township {
  id: string;
  name: string;
  regionCode: string;
}

export interface Delegation {
  id: string;
  status: DelegationStatus;
  reason: string;
  countyRegionCode: string;
  effectiveDate: string | null;
  items: Item[];
  townships: Township[];
  steps: DelegationStep[];
  createdAt: string;
}

/** Extra fields of GET /api/v1/reports/delegations-unevaluated besides `{ data, total }`. */
export interface UnevaluatedMeta {
  deadline: string;
}

export type EvaluationResult = 'capable' | 'partly_capable' | 'not_capable';

export const EVALUATION_RESULTS: readonly EvaluationResult[] = ['capable', 'partly_capable', 'not_capable'];

export const EVALUATION_RESULT_LABELS: Record<EvaluationResult, string> = {
  capable: '能够承接',
  partly_capable: '基本能够承接',
  not_capable: '不能承接',
};

export const ITEM_IMPORT_STATUS_TAGS: Record<ItemImportStatus, { label: string; color: string }> = {
  created: { label: '新增', color: 'green' },
  updated: { label: '修订', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
  error: { label: '错误', color: 'red' },
};
