/**
 * Working-day calendar: boundary cases worked out by hand against the bundled data (data/cn-workday-calendar.csv),
 * plus a property over random dates 2023–2026.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  PUBLISH_WORKING_DAYS,
  WITHDRAW_WORKING_DAYS,
  WorkdayCalendar,
  loadWorkdayCalendar,
  parseWorkdayCsv,
  publishByDate,
  withdrawByDate,
} from './workdays.js';
import { shanghaiDate } from './clock.js';

const cal = loadWorkdayCalendar();

describe('bundled calendar', () => {
  it('is loaded once and covers 2023–2026', () => {
    expect(loadWorkdayCalendar()).toBe(cal);
    expect(cal.years).toEqual([2023, 2024, 2025, 2026]);
    expect(cal.covers('2023-01-01')).toBe(true);
    expect(cal.covers('2026-12-31')).toBe(true);
    expect(cal.covers('2022-12-31')).toBe(false);
    expect(cal.covers('2027-01-01')).toBe(false);
  });

  it('a make-up working Saturday or Sunday (调休) is a working day', () => {
    expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, 春节调休
    expect(cal.isWorkingDay('2026-02-28')).toBe(true); // Saturday, 春节调休
    expect(cal.isWorkingDay('2024-10-12')).toBe(true); // Saturday, 国庆节调休
    expect(cal.isWorkingDay('2024-09-29')).toBe(true); // Sunday, 国庆节调休
    expect(cal.holidayName('2026-02-14')).toBe('春节调休');
  });

  it('a listed holiday on a weekday is not a working day', () => {
    expect(cal.isWorkingDay('2026-02-16')).toBe(false); // Monday, 春节
    expect(cal.isWorkingDay('2024-10-01')).toBe(false); // Tuesday, 国庆节
    expect(cal.isWorkingDay('2025-10-06')).toBe(false); // Monday, 中秋节
    expect(cal.holidayName('2025-10-06')).toBe('中秋节');
    expect(cal.holidayName('2024-10-03')).toBe('国庆节');
  });

  it('unlisted days follow Monday–Friday', () => {
    expect(cal.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
    expect(cal.isWorkingDay('2026-03-08')).toBe(false); // Sunday
    expect(cal.holidayName('2026-03-07')).toBeNull();
    // Outside the data the weekday rule still applies: 2027-01-01 is a Friday.
    expect(cal.isWorkingDay('2027-01-01')).toBe(true);
  });
});

describe('publishByDate', () => {
  it('penalty decided Friday 2024-09-27: skips 国庆 10-01..07, counts 调休 Sunday 09-29 and Saturday 10-12', () => {
    // 09-28 Sat off · 09-29 Sun 调休 =1 · 09-30 Mon =2 · 10-01..07 国庆节 off · 10-08 Tue =3 · 10-09 =4 · 10-10 =5
    // · 10-11 Fri =6 · 10-12 Sat 调休 =7
    const decidedAt = new Date('2024-09-27T10:00:00+08:00');
    expect(publishByDate(decidedAt, 'penalty')).toEqual({ date: '2024-10-12', provisional: false });
    expect(publishByDate(decidedAt, 'permit')).toEqual({ date: '2024-10-12', provisional: false });
  });

  it('Spring Festival 2025: decided Friday 2025-01-24', () => {
    // 01-25 Sat off · 01-26 Sun 调休 =1 · 01-27 Mon =2 · 01-28..02-04 春节 off · 02-05 Wed =3 · 02-06 =4
    // · 02-07 Fri =5 · 02-08 Sat 调休 =6 · 02-09 Sun off · 02-10 Mon =7
    expect(publishByDate(new Date('2025-01-24T09:00:00+08:00'), 'penalty')).toEqual({
      date: '2025-02-10',
      provisional: false,
    });
  });

  it('a decision made on a holiday counts from the day after it', () => {
    // Decided Friday 2025-10-03 (国庆节). 10-04..08 off · 10-09 Thu =1 · 10-10 Fri =2 · 10-11 Sat 调休 =3
    // · 10-12 Sun off · 10-13 Mon =4 · 10-14 =5 · 10-15 =6 · 10-16 Thu =7
    expect(publishByDate(new Date('2025-10-03T15:00:00+08:00'), 'penalty')).toEqual({
      date: '2025-10-16',
      provisional: false,
    });
  });

  it('a decision made on a weekend counts from the day after it', () => {
    // Decided Saturday 2026-03-07. 03-08 Sun off · 03-09 Mon =1 … 03-13 Fri =5 · 03-16 Mon =6 · 03-17 Tue =7
    expect(publishByDate(new Date('2026-03-07T11:00:00+08:00'), 'permit')).toEqual({
      date: '2026-03-17',
      provisional: false,
    });
  });

  it('uses the civil date in Shanghai, not in UTC', () => {
    // 2026-03-05T17:30Z is Friday 2026-03-06 01:30 in Shanghai. 03-09 Mon =1 … 03-13 =5 · 03-16 =6 · 03-17 =7.
    // (Counting from the UTC date 03-05 would give 03-16.)
    const decidedAt = new Date('2026-03-05T17:30:00Z');
    expect(shanghaiDate(decidedAt)).toBe('2026-03-06');
    expect(publishByDate(decidedAt, 'penalty')).toEqual({ date: '2026-03-17', provisional: false });
  });

  it('other decisions: 20 working days, across 中秋 and 国庆 2026', () => {
    // Decided Friday 2026-09-18. 09-19 Sat off · 09-20 Sun 调休 =1 · 09-21..24 Mon–Thu =2..5 · 09-25..27 中秋节 off
    // · 09-28 Mon =6 · 09-29 =7 · 09-30 =8 · 10-01..07 国庆节 off · 10-08 Thu =9 · 10-09 Fri =10 · 10-10 Sat 调休 =11
    // · 10-11 Sun off · 10-12..16 Mon–Fri =12..16 · 10-19..22 Mon–Thu =17..20
    expect(publishByDate(new Date('2026-09-18T16:00:00+08:00'), 'other')).toEqual({
      date: '2026-10-22',
      provisional: false,
    });
    expect(PUBLISH_WORKING_DAYS).toEqual({ penalty: 7, permit: 7, other: 20 });
  });

  it('ends of 2026: within the data, then spilling into 2027 (provisional)', () => {
    // Decided Friday 2026-12-18: 12-21..25 Mon–Fri =1..5 · 12-28 Mon =6 · 12-29 Tue =7 — all within 2026.
    expect(publishByDate(new Date('2026-12-18T10:00:00+08:00'), 'penalty')).toEqual({
      date: '2026-12-29',
      provisional: false,
    });
    // Decided Monday 2026-12-28: 12-29 =1 · 12-30 =2 · 12-31 Thu =3 · 2027-01-01 Fri =4 by the weekday rule (the 2027
    // notice is not in the data yet; 元旦 will likely be off) · 01-04 Mon =5 · 01-05 =6 · 01-06 Wed =7.
    expect(publishByDate(new Date('2026-12-28T10:00:00+08:00'), 'penalty')).toEqual({
      date: '2027-01-06',
      provisional: true,
    });
  });

  it('rejects an invalid instant or kind', () => {
    expect(() => publishByDate(new Date('nope'), 'penalty')).toThrow(RangeError);
    expect(() => publishByDate(new Date(), 'fine' as never)).toThrow(/"fine"/);
  });
});

describe('withdrawByDate', () => {
  it('3 working days, skipping 国庆 2024', () => {
    // Revoked Monday 2024-09-30. 10-01..07 off · 10-08 Tue =1 · 10-09 =2 · 10-10 Thu =3
    expect(withdrawByDate(new Date('2024-09-30T10:00:00+08:00'))).toEqual({ date: '2024-10-10', provisional: false });
    expect(WITHDRAW_WORKING_DAYS).toBe(3);
  });

  it('3 working days, counting a 调休 Saturday', () => {
    // Revoked Wednesday 2026-02-25. 02-26 Thu =1 · 02-27 Fri =2 · 02-28 Sat 调休 =3
    expect(withdrawByDate(new Date('2026-02-25T10:00:00+08:00'))).toEqual({ date: '2026-02-28', provisional: false });
  });
});

describe('addWorkingDays and workingDaysBetween', () => {
  it('the start day never counts', () => {
    // Thursday 2026-03-05 is a working day; the next working day after it is Friday 03-06.
    expect(cal.addWorkingDays('2026-03-05', 1)).toEqual({ date: '2026-03-06', provisional: false });
    expect(cal.workingDaysBetween('2026-03-05', '2026-03-06')).toBe(1);
    expect(cal.workingDaysBetween('2026-03-05', '2026-03-05')).toBe(0);
    expect(cal.workingDaysBetween('2026-03-06', '2026-03-05')).toBe(0);
  });

  it('counts across a whole holiday period', () => {
    // 2024-09-27 (Fri) < d ≤ 2024-10-12 (Sat): 09-29, 09-30, 10-08, 10-09, 10-10, 10-11, 10-12.
    expect(cal.workingDaysBetween('2024-09-27', '2024-10-12')).toBe(7);
  });

  it('is provisional as soon as a day examined lies outside the data', () => {
    expect(cal.addWorkingDays('2022-12-29', 1)).toEqual({ date: '2022-12-30', provisional: true });
    // Friday 2026-12-31 → the next working day is in 2027.
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-01', provisional: true });
  });

  it('rejects a bad n', () => {
    expect(() => cal.addWorkingDays('2026-03-05', 0)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2026-03-05', 1.5)).toThrow(/1\.5/);
  });

  it('property: the result is a working day strictly after d, with exactly n working days in between', () => {
    const first = Date.UTC(2023, 0, 1) / 86_400_000;
    const last = Date.UTC(2026, 11, 1) / 86_400_000;
    const civilDate = fc
      .integer({ min: first, max: last })
      .map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(civilDate, fc.integer({ min: 1, max: 30 }), (d, n) => {
        const { date } = cal.addWorkingDays(d, n);
        expect(cal.isWorkingDay(date)).toBe(true);
        expect(date > d).toBe(true);
        expect(cal.workingDaysBetween(d, date)).toBe(n);
        // And it is the first such day: up to the day before it there are only n − 1.
        const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
        expect(cal.workingDaysBetween(d, dayBefore)).toBe(n - 1);
      }),
      { numRuns: 500 },
    );
  });
});

describe('input validation', () => {
  it('bad date strings throw a RangeError naming the value', () => {
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('2026-02-30')).toThrow(/2026-02-30/);
    expect(() => cal.isWorkingDay('abc')).toThrow(RangeError);
    expect(() => cal.isWorkingDay('abc')).toThrow(/abc/);
    expect(() => cal.addWorkingDays('2026-2-3', 1)).toThrow(/2026-2-3/);
    expect(() => cal.workingDaysBetween('2026-01-01', '2026-13-01')).toThrow(/2026-13-01/);
    expect(() => cal.covers('')).toThrow(RangeError);
    expect(() => cal.holidayName('2026-04-31')).toThrow(/2026-04-31/);
  });

  it('shanghaiDate rejects an invalid Date', () => {
    expect(() => shanghaiDate(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('small calendars and parsing', () => {
  it('a calendar built from a few entries', () => {
    const small = new WorkdayCalendar([
      { date: '2030-10-01', kind: 'off', name: '国庆节' }, // Tuesday
      { date: '2030-10-05', kind: 'work', name: '国庆节调休' }, // Saturday
    ]);
    expect(small.years).toEqual([2030]);
    expect(small.isWorkingDay('2030-10-01')).toBe(false);
    expect(small.isWorkingDay('2030-10-05')).toBe(true);
    // Monday 2030-09-30: 10-01 off · 10-02 =1 · 10-03 =2 · 10-04 =3 · 10-05 Sat 调休 =4
    expect(small.addWorkingDays('2030-09-30', 4)).toEqual({ date: '2030-10-05', provisional: false });
    expect(publishByDate(new Date('2030-09-30T12:00:00+08:00'), 'penalty', small).date).toBe('2030-10-09');
  });

  it('rejects duplicates and bad kinds', () => {
    expect(
      () =>
        new WorkdayCalendar([
          { date: '2030-10-01', kind: 'off', name: 'a' },
          { date: '2030-10-01', kind: 'work', name: 'b' },
        ]),
    ).toThrow(/2030-10-01/);
    expect(() => new WorkdayCalendar([{ date: '2030-10-01', kind: 'holiday' as never, name: 'a' }])).toThrow(
      RangeError,
    );
  });

  it('parses comments, the header and CRLF; reports the line of a bad row', () => {
    expect(parseWorkdayCsv('# c\r\ndate,kind,name\r\n2030-10-01,off,国庆节\r\n\r\n')).toEqual([
      { date: '2030-10-01', kind: 'off', name: '国庆节' },
    ]);
    expect(() => parseWorkdayCsv('date,kind,name\n2030-02-30,off,x\n', 'x.csv')).toThrow(/x\.csv:2: .*2030-02-30/);
    expect(() => parseWorkdayCsv('date,kind,name\n2030-02-03,holiday,x\n')).toThrow(/holiday/);
    expect(() => parseWorkdayCsv('2030-02-03,off,x\n')).toThrow(/header/);
  });
});
