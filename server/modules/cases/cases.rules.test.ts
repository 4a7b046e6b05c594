import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS as T,
  amountOwed,
  decisionDeadline,
  deliveryLate,
  hearingRightsApply,
  legalReviewTriggers,
  simplifiedAllowed,
} from './cases.rules.js';

const DAY = 86_400_000;
const filedAt = new Date('2026-01-01T00:00:00Z');

describe('simplified procedure (art. 51)', () => {
  it('allows a warning or a fine up to 200 元 for a person and 3,000 元 for an organisation', () => {
    expect(simplifiedAllowed(T, 'person', ['fine'], 200_00)).toBe(true);
    expect(simplifiedAllowed(T, 'person', ['fine'], 200_01)).toBe(false);
    expect(simplifiedAllowed(T, 'organisation', ['warning', 'fine'], 3_000_00)).toBe(true);
    expect(simplifiedAllowed(T, 'organisation', ['fine'], 3_000_01)).toBe(false);
    expect(simplifiedAllowed(T, 'person', ['confiscate_income'], 0)).toBe(false);
  });
});

describe('hearing rights (art. 63)', () => {
  it('apply from 5,000 元 for a person and 100,000 元 for an organisation, or for heavy kinds', () => {
    expect(hearingRightsApply(T, 'person', ['fine'], 4_999_99)).toBe(false);
    expect(hearingRightsApply(T, 'person', ['fine'], 5_000_00)).toBe(true);
    expect(hearingRightsApply(T, 'organisation', ['fine'], 99_999_99)).toBe(false);
    expect(hearingRightsApply(T, 'organisation', ['fine'], 100_000_00)).toBe(true);
    expect(hearingRightsApply(T, 'organisation', ['warning', 'revoke_license'], 0)).toBe(true);
  });
});

describe('legal review triggers', () => {
  it('lists every trigger that holds', () => {
    expect(legalReviewTriggers({ itemMajor: false, hearingHeld: false, flags: {} })).toEqual([]);
    expect(legalReviewTriggers({ itemMajor: true, hearingHeld: true, flags: { complex: true } })).toEqual([
      'major_item',
      'hearing_held',
      'complex',
    ]);
  });
});

describe('decision deadline (art. 60)', () => {
  it('is 90 days after filing, later by extensions and by time suspended', () => {
    const base = decisionDeadline({
      filedAt,
      extensionDays: [],
      suspensions: [],
      limitDays: 90,
      now: new Date(filedAt.getTime() + 89 * DAY),
    });
    expect(base.dueAt.toISOString()).toBe('2026-04-01T00:00:00.000Z');
    expect(base).toMatchObject({ daysRemaining: 1, overdue: false });
    const late = decisionDeadline({
      filedAt,
      extensionDays: [],
      suspensions: [],
      limitDays: 90,
      now: new Date(filedAt.getTime() + 90 * DAY + 1),
    });
    expect(late.overdue).toBe(true);
    const extended = decisionDeadline({
      filedAt,
      extensionDays: [30],
      suspensions: [{ from: new Date(filedAt.getTime() + 10 * DAY), to: new Date(filedAt.getTime() + 20 * DAY) }],
      limitDays: 90,
      now: new Date(filedAt.getTime() + 125 * DAY),
    });
    expect(extended.dueAt.getTime()).toBe(filedAt.getTime() + 130 * DAY);
    expect(extended).toMatchObject({ daysRemaining: 5, overdue: false });
    const open = decisionDeadline({
      filedAt,
      extensionDays: [],
      suspensions: [{ from: new Date(filedAt.getTime() + 80 * DAY), to: null }],
      limitDays: 90,
      now: new Date(filedAt.getTime() + 200 * DAY),
    });
    expect(open.overdue).toBe(false); // the clock stands still while suspended
    expect(open.daysRemaining).toBe(10);
  });
});

describe('delivery (art. 61)', () => {
  it('is late after 7 days', () => {
    const decided = new Date('2026-05-01T02:00:00Z');
    expect(deliveryLate(T, decided, new Date(decided.getTime() + 7 * DAY))).toBe(false);
    expect(deliveryLate(T, decided, new Date(decided.getTime() + 7 * DAY + 1))).toBe(true);
  });
});

describe('amount owed and 加处罚款 (arts. 67, 72)', () => {
  const delivered = new Date('2026-06-01T01:00:00Z'); // 09:00 in Beijing
  it('is due 15 days after delivery, the day of delivery not counted', () => {
    expect(amountOwed(100_000, delivered, [], new Date('2026-06-16T15:59:59Z'))).toMatchObject({
      dueDate: '2026-06-16',
      daysOverdue: 0,
      lateFeeFen: 0,
      owedFen: 100_000,
    });
    // one day late: 3 %
    expect(amountOwed(100_000, delivered, [], new Date('2026-06-16T16:00:00Z')).lateFeeFen).toBe(3_000);
  });
  it('adds 3 % of the fine a day, rounded down to the fen, never more than the fine', () => {
    expect(amountOwed(333, delivered, [], new Date('2026-06-17T02:00:00Z')).lateFeeFen).toBe(9); // 9.99 fen
    expect(amountOwed(100_000, delivered, [], new Date('2026-07-19T02:00:00Z')).lateFeeFen).toBe(99_000); // 33 days
    expect(amountOwed(100_000, delivered, [], new Date('2026-07-20T02:00:00Z')).lateFeeFen).toBe(100_000); // 34 days
    expect(amountOwed(100_000, delivered, [], new Date('2027-06-01T02:00:00Z'))).toMatchObject({
      lateFeeFen: 100_000,
      owedFen: 200_000,
    });
  });
  it('stops accruing once the payments reach the fine; partial payments do not stop it', () => {
    const late = new Date('2026-06-18T02:00:00Z'); // 2 days late
    const paid = [
      { amountFen: 50_000, paidAt: new Date('2026-06-10T02:00:00Z') },
      { amountFen: 50_000, paidAt: late },
    ];
    expect(amountOwed(100_000, delivered, paid, new Date('2026-09-01T00:00:00Z'))).toMatchObject({
      daysOverdue: 2,
      lateFeeFen: 6_000,
      paidFen: 100_000,
      outstandingFen: 6_000,
    });
    expect(amountOwed(100_000, delivered, paid.slice(0, 1), late)).toMatchObject({
      daysOverdue: 2,
      outstandingFen: 56_000,
    });
  });
  it('owes nothing late before delivery', () => {
    expect(amountOwed(100_000, null, [], new Date('2027-01-01T00:00:00Z'))).toMatchObject({
      dueDate: null,
      lateFeeFen: 0,
      outstandingFen: 100_000,
    });
  });
});
