import { describe, expect, it } from 'vitest';
import {
  DEFAULT_THRESHOLDS as T,
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
