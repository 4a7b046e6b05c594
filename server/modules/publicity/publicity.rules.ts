/**
 * How long a published decision stays public (DOMAIN.md §5), per penalty kind, in months — following the national
 * credit-repair rules (失信行为纠正后的信用信息修复管理办法): minor penalties at least three months, fines and
 * confiscation one year, the heavier kinds three years. A decision's period is that of its heaviest kind;
 * 信用修复 ends it earlier. `ZHIFA_PUBLICITY_MONTHS` overrides any of them (`fine=6,warning=3`).
 */
import { PENALTY_KINDS, type PenaltyKind } from '../../../common/enums.js';

export const DEFAULT_PUBLICITY_MONTHS: Readonly<Record<PenaltyKind, number>> = {
  warning: 3,
  criticism: 3,
  fine: 12,
  confiscate_income: 12,
  confiscate_property: 12,
  suspend_license: 36,
  revoke_license: 36,
  lower_qualification: 36,
  restrict_business: 36,
  suspend_business: 36,
  close: 36,
  restrict_practice: 36,
  detention: 36,
};

/** Other enforcement decisions (不予处罚 and the like). */
export const OTHER_DECISION_MONTHS = 3;

/** Parses `kind=months,…`; throws naming the bad part. */
export function parsePublicityMonths(text: string | undefined): Record<PenaltyKind, number> {
  const out = { ...DEFAULT_PUBLICITY_MONTHS };
  for (const part of (text ?? '')
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [kind, months] = part.split('=').map((s) => s.trim());
    if (!PENALTY_KINDS.includes(kind as PenaltyKind) || !/^\d{1,3}$/.test(months ?? '') || Number(months) < 1) {
      throw new Error(`ZHIFA_PUBLICITY_MONTHS 中的“${part}”无效：应为 处罚种类=月数，如 fine=12`);
    }
    out[kind as PenaltyKind] = Number(months);
  }
  return out;
}

export function publicityMonths(
  table: Readonly<Record<PenaltyKind, number>>,
  penaltyKinds: readonly string[] | null,
): number {
  const months = (penaltyKinds ?? []).map((k) => table[k as PenaltyKind] ?? 0);
  return months.length > 0 ? Math.max(...months) : OTHER_DECISION_MONTHS;
}

/** `YYYY-MM-DD` plus whole months; the 31st of a shorter month becomes its last day (2026-01-31 + 1 → 2026-02-28). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}
