import { describe, expect, it } from 'vitest';
import { fullDateTime, longDate, numericDateTime, shanghaiDate, shanghaiFormat } from './dates';

describe('Beijing-time dates, whatever the machine’s zone', () => {
  it('turns the civil day at 16:00 UTC (midnight in Beijing)', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
  it('states a moment, a day and a console timestamp in Beijing time', () => {
    const at = '2026-06-01T01:05:09Z';
    expect(fullDateTime(at)).toBe('2026年6月1日 09:05');
    expect(longDate(at)).toBe('2026年6月1日');
    // the same day as the zh-CN long date style
    expect(longDate(at)).toBe(shanghaiFormat({ dateStyle: 'long' })(at));
    expect(numericDateTime(at)).toBe('2026-06-01 09:05:09');
    expect(numericDateTime('2026-06-01T16:00:00Z')).toBe('2026-06-02 00:00:00');
    expect(numericDateTime(null)).toBe('—');
    expect(numericDateTime('not a time')).toBe('not a time');
  });
});
