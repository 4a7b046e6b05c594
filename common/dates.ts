/**
 * Dates and times as the platform states them: civil dates and clock times in Asia/Shanghai (UTC+8, no daylight
 * saving since 1991), whatever the time zone of the server or the browser. The one place `timeZone` is set: the
 * server's deadlines, documents and public pages, the console and the public verifier all format through here.
 */

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/**
 * The civil date (YYYY-MM-DD) of `instant` in Asia/Shanghai: the one definition of the platform's dates (deadlines,
 * certificates, benchmarks, publicity). A RangeError for an invalid Date or a year outside 0000–9999.
 */
export function shanghaiDate(instant: Date): string {
  const t = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(t)) throw new RangeError(`Invalid instant ${String(instant)}: expected a valid Date`);
  const d = new Date(Math.floor((t + SHANGHAI_OFFSET_MS) / DAY_MS) * DAY_MS);
  const y = d.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range: year ${y}`);
  return `${String(y).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** A zh-CN formatter of Beijing time with the given fields (for the formats below and the rare own one). */
export const shanghaiFormat = (options: Omit<Intl.DateTimeFormatOptions, 'timeZone'>) => {
  const f = new Intl.DateTimeFormat('zh-CN', { ...options, timeZone: 'Asia/Shanghai' });
  return (at: Date | string) => f.format(typeof at === 'string' ? new Date(at) : at);
};

const FULL = shanghaiFormat({
  year: 'numeric',
  month: 'long',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
/** A moment in full, as people read it: 2026年12月2日 05:58. */
export const fullDateTime = (at: Date | string) => FULL(at).replace(/\s+/, ' ');

/** A day in words: 2026年6月1日 (documents, public pages). */
export const longDate = shanghaiFormat({ year: 'numeric', month: 'long', day: 'numeric' });

const NUMERIC = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});
/** ISO timestamp → "YYYY-MM-DD HH:mm:ss" (the console's lists and records); "—" for empty values. */
export function numericDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts: Record<string, string> = {};
  for (const part of NUMERIC.formatToParts(date)) parts[part.type] = part.value;
  const hour = parts.hour === '24' ? '00' : parts.hour;
  return `${parts.year}-${parts.month}-${parts.day} ${hour}:${parts.minute}:${parts.second}`;
}
