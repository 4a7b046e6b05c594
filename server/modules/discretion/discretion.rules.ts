/**
 * Discretion benchmark rules (DOMAIN.md §3): a refinement stays inside its parent; a decision is checked against
 * the tier of its circumstance. Pure functions; amounts in fen (integer).
 */
import {
  CIRCUMSTANCE_LABELS,
  type Circumstance,
  type FineBasis,
  PENALTY_KIND_LABELS,
  type PenaltyKind,
} from '../../../common/enums.js';
import { yuanText } from '../../../common/money.js';

const circ = (c: Circumstance) => CIRCUMSTANCE_LABELS[c] ?? c;
const kindNames = (k: string[]) => k.map((x) => PENALTY_KIND_LABELS[x as PenaltyKind] ?? x).join('、');

export type Fine = { minFen: number; maxFen: number } | { minMultiple: number; maxMultiple: number; basis: FineBasis };

export interface Tier {
  circumstance: Circumstance;
  conditions: string;
  penaltyKinds: string[];
  fine?: Fine | null;
  method?: string | null;
  timeLimitDays?: number | null;
}

export interface BoundViolation {
  /** The tier's circumstance. */
  tier: Circumstance;
  /** Position of the offending tier in the submitted list, when it is not the first with that circumstance. */
  index?: number;
  /** Which bound: circumstance, penaltyKinds, fine.kind, fine.basis, fine.minFen, fine.maxFen, fine.minMultiple, fine.maxMultiple, timeLimitDays. */
  bound: string;
  message: string;
}

export const isFixed = (f: Fine): f is { minFen: number; maxFen: number } => 'minFen' in f;

const yuan = yuanText;

/** Problems inside one set of tiers (no parent needed): duplicate circumstances, min above max. */
export function checkTiers(tiers: Tier[]): BoundViolation[] {
  const out: BoundViolation[] = [];
  const seen = new Set<string>();
  for (const [index, t] of tiers.entries()) {
    if (seen.has(t.circumstance))
      out.push({ tier: t.circumstance, index, bound: 'circumstance', message: `情节“${circ(t.circumstance)}”重复` });
    seen.add(t.circumstance);
    if (t.fine) {
      const [min, max] = isFixed(t.fine) ? [t.fine.minFen, t.fine.maxFen] : [t.fine.minMultiple, t.fine.maxMultiple];
      if (min > max) out.push({ tier: t.circumstance, bound: 'fine', message: '罚款下限不能高于上限' });
      if (min < 0) out.push({ tier: t.circumstance, bound: 'fine', message: '罚款下限不能为负' });
    }
    if (t.circumstance === 'none' && t.penaltyKinds.length > 0) {
      out.push({ tier: t.circumstance, bound: 'penaltyKinds', message: '“不予处罚”情节不能设定处罚种类' });
    }
  }
  return out;
}

/**
 * A refinement may narrow ranges and drop penalty kinds, never widen or add. Every violation names its tier and
 * its bound. An omitted fine inherits the parent's; a tier the parent lacks is an addition.
 */
export function checkRefinement(parent: Tier[], child: Tier[]): BoundViolation[] {
  const out = checkTiers(child);
  for (const c of child) {
    const p = parent.find((t) => t.circumstance === c.circumstance);
    if (!p) {
      out.push({
        tier: c.circumstance,
        bound: 'circumstance',
        message: `上级基准没有“${circ(c.circumstance)}”情节，细化不能新增情节`,
      });
      continue;
    }
    const added = c.penaltyKinds.filter((k) => !p.penaltyKinds.includes(k));
    if (added.length > 0)
      out.push({
        tier: c.circumstance,
        bound: 'penaltyKinds',
        message: `不能增加上级基准没有的处罚种类：${kindNames(added)}`,
      });
    if (c.fine) {
      if (!p.fine) {
        out.push({ tier: c.circumstance, bound: 'fine', message: '上级基准该情节没有罚款幅度，细化不能增加' });
      } else if (isFixed(p.fine) !== isFixed(c.fine)) {
        out.push({
          tier: c.circumstance,
          bound: 'fine.kind',
          message: '罚款幅度的计算方式（固定金额或倍数）须与上级基准一致',
        });
      } else if (isFixed(p.fine) && isFixed(c.fine)) {
        if (c.fine.minFen < p.fine.minFen)
          out.push({
            tier: c.circumstance,
            bound: 'fine.minFen',
            message: `罚款下限 ${yuan(c.fine.minFen)} 低于上级基准下限 ${yuan(p.fine.minFen)}`,
          });
        if (c.fine.maxFen > p.fine.maxFen)
          out.push({
            tier: c.circumstance,
            bound: 'fine.maxFen',
            message: `罚款上限 ${yuan(c.fine.maxFen)} 高于上级基准上限 ${yuan(p.fine.maxFen)}`,
          });
      } else if (!isFixed(p.fine) && !isFixed(c.fine)) {
        if (c.fine.basis !== p.fine.basis)
          out.push({ tier: c.circumstance, bound: 'fine.basis', message: '罚款倍数的计算基数须与上级基准一致' });
        if (c.fine.minMultiple < p.fine.minMultiple)
          out.push({
            tier: c.circumstance,
            bound: 'fine.minMultiple',
            message: `罚款倍数下限 ${c.fine.minMultiple} 低于上级基准下限 ${p.fine.minMultiple}`,
          });
        if (c.fine.maxMultiple > p.fine.maxMultiple)
          out.push({
            tier: c.circumstance,
            bound: 'fine.maxMultiple',
            message: `罚款倍数上限 ${c.fine.maxMultiple} 高于上级基准上限 ${p.fine.maxMultiple}`,
          });
      }
    }
    if (p.timeLimitDays != null && c.timeLimitDays != null && c.timeLimitDays > p.timeLimitDays) {
      out.push({
        tier: c.circumstance,
        bound: 'timeLimitDays',
        message: `时限 ${c.timeLimitDays} 日长于上级基准 ${p.timeLimitDays} 日`,
      });
    }
  }
  return out;
}

/** A refinement's tiers as they apply: the child's own, with an omitted fine or time limit taken from the parent. */
export function mergeRefinement(parent: Tier[], child: Tier[]): Tier[] {
  return child.map((c) => {
    const p = parent.find((t) => t.circumstance === c.circumstance);
    return { ...c, fine: c.fine ?? p?.fine ?? null, timeLimitDays: c.timeLimitDays ?? p?.timeLimitDays ?? null };
  });
}

export interface Decision {
  circumstance: Circumstance;
  penaltyKinds: string[];
  amountFen: number;
  illegalIncomeFen?: number | null;
  goodsValueFen?: number | null;
}

export interface Evaluation {
  withinRange: boolean;
  allowed: { circumstance: Circumstance; penaltyKinds: string[]; minFen: number | null; maxFen: number | null } | null;
  reasons: { code: string; message: string }[];
}

/** Is a decision inside the tier of its circumstance? Multiples are applied to the basis amount, rounded to fen. */
export function evaluateDecision(tiers: Tier[], d: Decision): Evaluation {
  const tier = tiers.find((t) => t.circumstance === d.circumstance);
  if (!tier)
    return { withinRange: false, allowed: null, reasons: [{ code: 'no_tier', message: '裁量基准没有该情节的档次' }] };
  const reasons: Evaluation['reasons'] = [];
  const extra = d.penaltyKinds.filter((k) => !tier.penaltyKinds.includes(k));
  if (extra.length > 0)
    reasons.push({ code: 'penalty_kind_not_allowed', message: `该档次不包含处罚种类：${kindNames(extra)}` });
  let minFen: number | null = null;
  let maxFen: number | null = null;
  if (tier.fine) {
    if (isFixed(tier.fine)) {
      minFen = tier.fine.minFen;
      maxFen = tier.fine.maxFen;
    } else {
      const base = tier.fine.basis === 'illegal_income' ? d.illegalIncomeFen : d.goodsValueFen;
      if (base == null) {
        reasons.push({
          code: 'basis_missing',
          message: `须提供${tier.fine.basis === 'illegal_income' ? '违法所得' : '货值金额'}以计算罚款幅度`,
        });
      } else {
        minFen = Math.round(base * tier.fine.minMultiple);
        maxFen = Math.round(base * tier.fine.maxMultiple);
      }
    }
  }
  const fining = d.penaltyKinds.includes('fine') || d.amountFen > 0;
  if (fining) {
    if (!tier.fine) {
      if (d.amountFen > 0) reasons.push({ code: 'fine_not_allowed', message: '该档次不设罚款' });
    } else if (minFen !== null && maxFen !== null) {
      if (d.amountFen < minFen)
        reasons.push({
          code: 'amount_below_range',
          message: `罚款 ${yuan(d.amountFen)} 低于该档次下限 ${yuan(minFen)}`,
        });
      if (d.amountFen > maxFen)
        reasons.push({
          code: 'amount_above_range',
          message: `罚款 ${yuan(d.amountFen)} 高于该档次上限 ${yuan(maxFen)}`,
        });
    }
  }
  return {
    withinRange: reasons.length === 0,
    allowed: { circumstance: tier.circumstance, penaltyKinds: tier.penaltyKinds, minFen, maxFen },
    reasons,
  };
}
