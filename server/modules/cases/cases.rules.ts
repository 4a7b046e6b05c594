/**
 * Pure rules of the penalty procedure (DOMAIN.md §4). Every number is a parameter whose default is the national or
 * Guangdong rule; the config supplies them. Deadlines are counted by the platform's deadlines service.
 */
import { shanghaiDate } from '../../platform/clock.js';
import { addCivilDays, civilDaysBetween, periodEnd, runningDeadline } from '../../platform/deadlines.js';

export type PartyKind = 'person' | 'organisation';

export interface CaseThresholds {
  /** 简易程序 (art. 51): a warning, or a fine up to these amounts, decided on the spot. */
  simplifiedMaxFen: Record<PartyKind, number>;
  /** 听证 (art. 63): a fine of at least these amounts is a "large fine". */
  hearingMinFen: Record<PartyKind, number>;
  /** Days after prior notice for a hearing request, and for statement and defence. */
  hearingRequestDays: number;
  statementDays: number;
  /** Art. 60: decide within this many days of 立案. */
  decisionLimitDays: number;
  /** Art. 61: deliver within this many days of the decision. */
  deliveryDays: number;
}

export const DEFAULT_THRESHOLDS: CaseThresholds = {
  simplifiedMaxFen: { person: 200_00, organisation: 3_000_00 },
  hearingMinFen: { person: 5_000_00, organisation: 100_000_00 },
  hearingRequestDays: 5,
  statementDays: 5,
  decisionLimitDays: 90,
  deliveryDays: 7,
};

/** Penalty kinds that give a right to a hearing whatever the amount (art. 63). */
export const HEARING_KINDS = [
  'revoke_license',
  'lower_qualification',
  'suspend_business',
  'close',
  'restrict_practice',
  'restrict_business',
];

export function simplifiedAllowed(
  t: CaseThresholds,
  party: PartyKind,
  penaltyKinds: string[],
  amountFen: number,
): boolean {
  const onlyWarningOrFine = penaltyKinds.length > 0 && penaltyKinds.every((k) => k === 'warning' || k === 'fine');
  return onlyWarningOrFine && amountFen <= t.simplifiedMaxFen[party];
}

export function hearingRightsApply(
  t: CaseThresholds,
  party: PartyKind,
  penaltyKinds: string[],
  amountFen: number,
): boolean {
  return amountFen >= t.hearingMinFen[party] || penaltyKinds.some((k) => HEARING_KINDS.includes(k));
}

export const LEGAL_REVIEW_TRIGGERS = [
  'major_item',
  'hearing_held',
  'public_interest',
  'major_rights',
  'complex',
  'required_by_law',
] as const;
export type LegalReviewTrigger = (typeof LEGAL_REVIEW_TRIGGERS)[number];
export const LEGAL_REVIEW_TRIGGER_LABELS: Record<LegalReviewTrigger, string> = {
  major_item: '列入重大执法决定事项',
  hearing_held: '经过听证',
  public_interest: '涉及重大公共利益',
  major_rights: '涉及当事人重大权益',
  complex: '案情复杂或涉及多个法律关系',
  required_by_law: '法律法规规定须审核',
};

/** 法制审核 is required when any trigger holds (DOMAIN.md §4). */
export function legalReviewTriggers(c: {
  itemMajor: boolean;
  hearingHeld: boolean;
  flags: Partial<Record<'public_interest' | 'major_rights' | 'complex' | 'required_by_law', boolean>>;
}): LegalReviewTrigger[] {
  const out: LegalReviewTrigger[] = [];
  if (c.itemMajor) out.push('major_item');
  if (c.hearingHeld) out.push('hearing_held');
  for (const k of ['public_interest', 'major_rights', 'complex', 'required_by_law'] as const)
    if (c.flags[k]) out.push(k);
  return out;
}

const DAY = 86_400_000;

export interface DeadlineInput {
  filedAt: Date;
  /** Recorded, approved extensions in days. */
  extensionDays: number[];
  /** Periods of suspension (中止); `to` null while still suspended. */
  suspensions: { from: Date; to: Date | null }[];
  limitDays: number;
  now: Date;
}

/**
 * Art. 60: the decision is due `limitDays` after 立案, plus approved extensions; time suspended does not count, so
 * the due moment moves by the length of every suspension (an open one up to now).
 */
export function decisionDeadline(d: DeadlineInput): { dueAt: Date; daysRemaining: number; overdue: boolean } {
  return runningDeadline({ ...d, start: d.filedAt });
}

/** The end of a period of `days` days after `from` (the periods for a hearing request and for statements). */
export { periodEnd };

export const deliveryLate = (t: CaseThresholds, decidedAt: Date, deliveredAt: Date) =>
  deliveredAt.getTime() - decidedAt.getTime() > t.deliveryDays * DAY;

// ── money (行政处罚法 arts. 67, 72) ──

/** Art. 67: the fine is paid within 15 days of receiving the decision. */
export const PAYMENT_DAYS = 15;
/** Art. 72: overdue, 3 % of the fine is added for each day, never more than the fine itself. */
export const LATE_FEE_PERCENT_PER_DAY = 3;

/** The calendar date (YYYY-MM-DD) of an instant in Beijing time (the platform's `shanghaiDate`). */
export const beijingDate = shanghaiDate;
const addDays = addCivilDays;
const daysBetween = civilDaysBetween;

export interface Payment {
  amountFen: number;
  paidAt: Date;
}

export interface AmountOwed {
  fineFen: number;
  /**
   * The last day to pay without a late fee (Beijing time): 15 days after delivery, the day of delivery not counted;
   * null before delivery.
   */
  dueDate: string | null;
  /** Days after the due date until the fine was paid in full (or until `at`). */
  daysOverdue: number;
  /** 加处罚款: 3 % of the fine per day overdue, capped at the fine. */
  lateFeeFen: number;
  owedFen: number;
  paidFen: number;
  outstandingFen: number;
}

/**
 * What the party owes at `at`: the fine plus 加处罚款 (art. 72). The late fee accrues on each day after the due date
 * until the payments made reach the fine itself (payments pay the fine first); it is a whole number of fen, rounded
 * down, and never above the fine.
 */
export function amountOwed(
  fineFen: number,
  deliveredAt: Date | null,
  payments: readonly Payment[],
  at: Date,
): AmountOwed {
  const dueDate = deliveredAt ? addDays(beijingDate(deliveredAt), PAYMENT_DAYS) : null;
  const sorted = [...payments].sort((a, b) => a.paidAt.getTime() - b.paidAt.getTime());
  let sum = 0;
  let settledAt: Date | null = null;
  for (const p of sorted) {
    sum += p.amountFen;
    if (sum >= fineFen) {
      settledAt = p.paidAt;
      break;
    }
  }
  const until = settledAt && settledAt < at ? settledAt : at;
  const daysOverdue = dueDate && fineFen > 0 ? Math.max(0, daysBetween(dueDate, beijingDate(until))) : 0;
  const lateFeeFen = Math.min(fineFen, Math.floor((fineFen * LATE_FEE_PERCENT_PER_DAY * daysOverdue) / 100));
  const paidFen = payments.reduce((a, p) => a + p.amountFen, 0);
  const owedFen = fineFen + lateFeeFen;
  return {
    fineFen,
    dueDate,
    daysOverdue,
    lateFeeFen,
    owedFen,
    paidFen,
    outstandingFen: Math.max(0, owedFen - paidFen),
  };
}
