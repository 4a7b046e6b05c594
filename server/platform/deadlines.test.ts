/** The deadlines service: calendar-day limits with extensions and suspensions, working days, civil dates. */
import { describe, expect, it } from 'vitest';
import { shanghaiDate } from './clock.js';
import {
  addCivilDays,
  civilDaysBetween,
  periodEnd,
  runningDeadline,
  suspendedMs,
  workingDaysAfter,
} from './deadlines.js';
import { publishByDate } from './workdays.js';

const DAY = 86_400_000;
const start = new Date('2026-03-02T02:00:00Z');

describe('runningDeadline', () => {
  it('counts the limit from the start', () => {
    const d = runningDeadline({ start, limitDays: 90, extensionDays: [], suspensions: [], now: start });
    expect(d.dueAt.toISOString()).toBe(new Date(start.getTime() + 90 * DAY).toISOString());
    expect(d).toMatchObject({ daysRemaining: 90, overdue: false });
  });

  it('adds approved extensions and leaves suspended time out, an open suspension up to now', () => {
    const now = new Date(start.getTime() + 40 * DAY);
    const suspensions = [
      { from: new Date(start.getTime() + 10 * DAY), to: new Date(start.getTime() + 15 * DAY) },
      { from: new Date(start.getTime() + 38 * DAY), to: null },
    ];
    expect(suspendedMs(suspensions, now)).toBe(7 * DAY);
    const d = runningDeadline({ start, limitDays: 90, extensionDays: [30, 10], suspensions, now });
    expect(d.dueAt.getTime()).toBe(start.getTime() + (90 + 40 + 7) * DAY);
    expect(d.daysRemaining).toBe(97);
  });

  it('is overdue once the due moment has passed', () => {
    const now = new Date(start.getTime() + 91 * DAY);
    expect(runningDeadline({ start, limitDays: 90, extensionDays: [], suspensions: [], now })).toMatchObject({
      daysRemaining: -1,
      overdue: true,
    });
  });
});

describe('working days and civil dates', () => {
  it('the n-th working day after an instant is the calendar of the platform (publicity counts the same)', () => {
    const decidedAt = new Date('2024-09-27T03:00:00Z');
    expect(workingDaysAfter(decidedAt, 7)).toEqual(publishByDate(decidedAt, 'penalty'));
    expect(workingDaysAfter('2024-09-27', 7)).toEqual(workingDaysAfter(decidedAt, 7));
  });

  it('civil dates are Asia/Shanghai dates', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(addCivilDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(civilDaysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(periodEnd(start, 3).getTime()).toBe(start.getTime() + 3 * DAY);
  });
});
