/**
 * The tier editor's bound checks: the same rules as the server's `checkTiers` / `checkRefinement`
 * (server/modules/discretion/discretion.rules.ts), on tiers that may still be half filled in, with Chinese
 * messages, the index of the offending tier and the same `bound` names as the server's `tiers.N.<bound>` paths.
 * Pure functions; amounts in fen (integer).
 */
import {
  CIRCUMSTANCE_LABELS,
  type Circumstance,
  FINE_BASIS_LABELS,
  type FineBasis,
  PENALTY_KIND_LABELS,
  type PenaltyKind,
} from '../../../../common/enums.js';
import type { Fine, Tier } from '../../../../common/contracts/discretion.contract.js';
import { yuanNumber } from '../../../../common/money.js';

/** A fine as typed so far: bounds may still be empty. */
export type DraftFine =
  | { minFen: number | null; maxFen: number | null }
  | { minMultiple: number | null; maxMultiple: number | null; basis: FineBasis | null };

/** A tier as typed so far. */
export interface DraftTier {
  circumstance: Circumstance | null;
  penaltyKinds: string[];
  fine: DraftFine | null;
  timeLimitDays: number | null;
}

export interface TierViolation {
  /** Index of the offending tier in the edited list. */
  index: number;
  /** As in the server's error paths: circumstance, penaltyKinds, fine, fine.kind, fine.basis, fine.minFen, fine.maxFen, fine.minMultiple, fine.maxMultiple, timeLimitDays. */
  bound: string;
  message: string;
}

export const isFixedFine = (f: Fine | DraftFine): f is { minFen: number; maxFen: number } => 'minFen' in f;

const NUMBER = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 4, useGrouping: false });

/** 500000 fen → "5,000" (yuan, thousands separators, up to 2 decimals). */
export const yuanText = yuanNumber;

/** A fine range: "5,000–50,000 元", "货值金额 5–10 倍", or "不设罚款". */
export function fineText(fine: Fine | null | undefined): string {
  if (!fine) return '不设罚款';
  if (isFixedFine(fine)) return `${yuanText(fine.minFen)}–${yuanText(fine.maxFen)} 元`;
  return `${FINE_BASIS_LABELS[fine.basis] ?? fine.basis} ${NUMBER.format(fine.minMultiple)}–${NUMBER.format(fine.maxMultiple)} 倍`;
}

export const circumstanceLabel = (c: string): string => CIRCUMSTANCE_LABELS[c as Circumstance] ?? c;
export const penaltyKindsText = (kinds: readonly string[]): string =>
  kinds.length > 0 ? kinds.map((k) => PENALTY_KIND_LABELS[k as PenaltyKind] ?? k).join('、') : '无';

/** "上级：5,000–50,000 元；种类：警告、罚款；时限 15 日" — the parent's bounds for one circumstance. */
export function parentBoundsText(parent: Tier | undefined): string {
  if (!parent) return '上级基准没有该情节';
  const parts = [parent.fine ? fineText(parent.fine) : '不设罚款', `种类：${penaltyKindsText(parent.penaltyKinds)}`];
  if (parent.timeLimitDays != null) parts.push(`时限 ${parent.timeLimitDays} 日`);
  return `上级：${parts.join('；')}`;
}

const present = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** Problems inside one set of tiers: duplicate circumstances, min above max, a 不予处罚 tier with penalty kinds. */
export function checkDraftTiers(tiers: readonly DraftTier[]): TierViolation[] {
  const out: TierViolation[] = [];
  const seen = new Set<string>();
  tiers.forEach((t, index) => {
    if (t.circumstance) {
      if (seen.has(t.circumstance))
        out.push({ index, bound: 'circumstance', message: `情节“${circumstanceLabel(t.circumstance)}”重复` });
      seen.add(t.circumstance);
    }
    if (t.fine) {
      const [min, max] = isFixedFine(t.fine)
        ? [t.fine.minFen, t.fine.maxFen]
        : [
            (t.fine as { minMultiple: number | null }).minMultiple,
            (t.fine as { maxMultiple: number | null }).maxMultiple,
          ];
      if (present(min) && present(max) && min > max)
        out.push({ index, bound: 'fine', message: '罚款下限不能高于上限' });
      if (present(min) && min < 0) out.push({ index, bound: 'fine', message: '罚款下限不能为负' });
    }
    if (t.circumstance === 'none' && t.penaltyKinds.length > 0) {
      out.push({ index, bound: 'penaltyKinds', message: '“不予处罚”情节不能设定处罚种类' });
    }
  });
  return out;
}

/**
 * A refinement may narrow ranges and drop penalty kinds, never widen or add (DOMAIN.md §3). An omitted fine or time
 * limit inherits the parent's; a circumstance the parent lacks is an addition. Empty inputs are not judged yet.
 */
export function checkDraftRefinement(parent: readonly Tier[], child: readonly DraftTier[]): TierViolation[] {
  const out = checkDraftTiers(child);
  child.forEach((c, index) => {
    if (!c.circumstance) return;
    const p = parent.find((t) => t.circumstance === c.circumstance);
    if (!p) {
      out.push({
        index,
        bound: 'circumstance',
        message: `上级基准没有“${circumstanceLabel(c.circumstance)}”情节，细化不能新增情节`,
      });
      return;
    }
    const added = c.penaltyKinds.filter((k) => !p.penaltyKinds.includes(k as PenaltyKind));
    if (added.length > 0)
      out.push({ index, bound: 'penaltyKinds', message: `不能增加上级基准没有的处罚种类：${penaltyKindsText(added)}` });
    if (c.fine) {
      if (!p.fine) {
        out.push({ index, bound: 'fine', message: '上级基准该情节没有罚款幅度，细化不能增加' });
      } else if (isFixedFine(p.fine) !== isFixedFine(c.fine)) {
        out.push({
          index,
          bound: 'fine.kind',
          message: `罚款幅度的计算方式须与上级基准一致（上级为${isFixedFine(p.fine) ? '固定金额' : '倍数'}）`,
        });
      } else if (isFixedFine(p.fine) && isFixedFine(c.fine)) {
        const { minFen, maxFen } = c.fine as { minFen: number | null; maxFen: number | null };
        if (present(minFen) && minFen < p.fine.minFen) {
          out.push({
            index,
            bound: 'fine.minFen',
            message: `罚款下限 ${yuanText(minFen)} 元低于上级基准下限 ${yuanText(p.fine.minFen)} 元`,
          });
        }
        if (present(maxFen) && maxFen > p.fine.maxFen) {
          out.push({
            index,
            bound: 'fine.maxFen',
            message: `罚款上限 ${yuanText(maxFen)} 元高于上级基准上限 ${yuanText(p.fine.maxFen)} 元`,
          });
        }
      } else if (!isFixedFine(p.fine) && !isFixedFine(c.fine)) {
        const cf = c.fine as { minMultiple: number | null; maxMultiple: number | null; basis: FineBasis | null };
        if (cf.basis && cf.basis !== p.fine.basis) {
          out.push({
            index,
            bound: 'fine.basis',
            message: `罚款倍数的计算基数须与上级基准一致（${FINE_BASIS_LABELS[p.fine.basis] ?? p.fine.basis}）`,
          });
        }
        if (present(cf.minMultiple) && cf.minMultiple < p.fine.minMultiple) {
          out.push({
            index,
            bound: 'fine.minMultiple',
            message: `罚款倍数下限 ${NUMBER.format(cf.minMultiple)} 低于上级基准下限 ${NUMBER.format(p.fine.minMultiple)}`,
          });
        }
        if (present(cf.maxMultiple) && cf.maxMultiple > p.fine.maxMultiple) {
          out.push({
            index,
            bound: 'fine.maxMultiple',
            message: `罚款倍数上限 ${NUMBER.format(cf.maxMultiple)} 高于上级基准上限 ${NUMBER.format(p.fine.maxMultiple)}`,
          });
        }
      }
    }
    if (p.timeLimitDays != null && present(c.timeLimitDays) && c.timeLimitDays > p.timeLimitDays) {
      out.push({
        index,
        bound: 'timeLimitDays',
        message: `时限 ${c.timeLimitDays} 日长于上级基准 ${p.timeLimitDays} 日`,
      });
    }
  });
  return out;
}

/** "tiers.1.fine.maxFen" (also "/tiers/1/fine/maxFen", "body.tiers[1].fine.maxFen") → { index: 1, bound: "fine.maxFen" }. */
export function parseTierPath(path: string | undefined): { index: number; bound: string } | null {
  if (!path) return null;
  const parts = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter(Boolean);
  const at = parts.indexOf('tiers');
  if (at < 0) return null;
  const index = Number(parts[at + 1]);
  if (!Number.isInteger(index) || index < 0) return null;
  return { index, bound: parts.slice(at + 2).join('.') };
}
