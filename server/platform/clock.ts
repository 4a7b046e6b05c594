/** Time comes from a clock so that timeouts and lockouts can be tested without waiting. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock for tests: starts at `start` and moves only when told. */
export function manualClock(start = new Date()): Clock & { advance(ms: number): void; set(d: Date): void } {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
    set: (d) => {
      t = d.getTime();
    },
  };
}

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

const FULL_DATE_TIME = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** A moment in full, Beijing time, as people read it: 2026年12月2日 05:58. */
export const fullDateTime = (d: Date) => FULL_DATE_TIME.format(d).replace(/\s+/, ' ');

const DAY_MS = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The civil date (YYYY-MM-DD) of `instant` in Asia/Shanghai (UTC+8, no daylight saving): the one definition of the
 * platform's dates (deadlines, certificates, benchmarks, publicity). A RangeError for an invalid Date or a year
 * outside 0000–9999.
 */
export function shanghaiDate(instant: Date): string {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`Invalid instant ${String(instant)}: expected a valid Date`);
  const d = new Date(Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range: year ${y}`);
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}
