/** The tier editor's form values and their conversion to and from API tiers (yuan in the form, integer fen in the API). */
import type { Circumstance, FineBasis, PenaltyKind } from '../../../../common/enums.js';
import type { Tier } from '../../../../common/contracts/discretion.contract.js';
import { type DraftTier, isFixedFine } from './tierBounds';

export type FineType = 'none' | 'fixed' | 'multiple';

export interface TierFormValue {
  circumstance?: Circumstance;
  conditions?: string;
  penaltyKinds?: PenaltyKind[];
  fineType?: FineType;
  /** 元 (may have 2 decimals). */
  minYuan?: number | null;
  maxYuan?: number | null;
  minMultiple?: number | null;
  maxMultiple?: number | null;
  basis?: FineBasis;
  method?: string;
  timeLimitDays?: number | null;
}

/** Field names of one tier in the form. */
export type TierField = keyof TierFormValue;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** Yuan (as typed, up to 2 decimals) → integer fen. */
export const yuanToFen = (yuan: number): number => Math.round(yuan * 100);

export function tierToForm(t: Tier): TierFormValue {
  const base: TierFormValue = {
    circumstance: t.circumstance,
    conditions: t.conditions ?? '',
    penaltyKinds: [...t.penaltyKinds],
    method: t.method ?? '',
    timeLimitDays: t.timeLimitDays ?? null,
    fineType: 'none',
  };
  if (!t.fine) return base;
  if (isFixedFine(t.fine))
    return { ...base, fineType: 'fixed', minYuan: t.fine.minFen / 100, maxYuan: t.fine.maxFen / 100 };
  return {
    ...base,
    fineType: 'multiple',
    minMultiple: t.fine.minMultiple,
    maxMultiple: t.fine.maxMultiple,
    basis: t.fine.basis,
  };
}

/** The form value as the bound checks see it (empty inputs stay null). */
export function formToDraft(v: TierFormValue | undefined): DraftTier {
  const fineType = v?.fineType ?? 'none';
  const minYuan = num(v?.minYuan);
  const maxYuan = num(v?.maxYuan);
  return {
    circumstance: v?.circumstance ?? null,
    penaltyKinds: v?.penaltyKinds ?? [],
    fine:
      fineType === 'fixed'
        ? { minFen: minYuan === null ? null : yuanToFen(minYuan), maxFen: maxYuan === null ? null : yuanToFen(maxYuan) }
        : fineType === 'multiple'
          ? { minMultiple: num(v?.minMultiple), maxMultiple: num(v?.maxMultiple), basis: v?.basis ?? null }
          : null,
    timeLimitDays: num(v?.timeLimitDays),
  };
}

/** A validated form value → the API tier. */
export function formToTier(v: TierFormValue): Tier {
  const fineType = v.fineType ?? 'none';
  const method = v.method?.trim();
  const days = num(v.timeLimitDays);
  return {
    circumstance: v.circumstance as Circumstance,
    conditions: (v.conditions ?? '').trim(),
    penaltyKinds: v.penaltyKinds ?? [],
    fine:
      fineType === 'fixed'
        ? { minFen: yuanToFen(num(v.minYuan) ?? 0), maxFen: yuanToFen(num(v.maxYuan) ?? 0) }
        : fineType === 'multiple'
          ? { minMultiple: num(v.minMultiple) ?? 0, maxMultiple: num(v.maxMultiple) ?? 0, basis: v.basis as FineBasis }
          : null,
    ...(method ? { method } : {}),
    ...(days !== null ? { timeLimitDays: days } : {}),
  };
}

/**
 * The form field a bound (server path tail or inline check) belongs to. `fine` means either "the parent has no fine"
 * or "min above max": the latter is shown under the upper bound.
 */
export function fieldOfBound(bound: string, value: TierFormValue | undefined): TierField | null {
  switch (bound) {
    case 'circumstance':
    case 'conditions':
    case 'penaltyKinds':
    case 'method':
    case 'timeLimitDays':
      return bound;
    case 'fine.kind':
      return 'fineType';
    case 'fine.basis':
      return 'basis';
    case 'fine.minFen':
      return 'minYuan';
    case 'fine.maxFen':
      return 'maxYuan';
    case 'fine.minMultiple':
      return 'minMultiple';
    case 'fine.maxMultiple':
      return 'maxMultiple';
    case 'fine': {
      const draft = formToDraft(value);
      if (draft.fine && value?.fineType === 'fixed') {
        const f = draft.fine as { minFen: number | null; maxFen: number | null };
        if (f.minFen !== null && f.maxFen !== null && f.minFen > f.maxFen) return 'maxYuan';
      }
      if (draft.fine && value?.fineType === 'multiple') {
        const f = draft.fine as { minMultiple: number | null; maxMultiple: number | null };
        if (f.minMultiple !== null && f.maxMultiple !== null && f.minMultiple > f.maxMultiple) return 'maxMultiple';
      }
      return 'fineType';
    }
    default:
      if (bound.startsWith('fine.')) return 'fineType';
      if (bound.startsWith('penaltyKinds')) return 'penaltyKinds';
      return null;
  }
}
