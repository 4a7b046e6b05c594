/**
 * Input shapes shared by the routes: times and dates within sane bounds, so that nothing the database cannot store
 * (year 0, year 275760) or nothing absurd (a payment in 2999, `occurredAt: true` read as 1970-01-01) gets past the
 * edge. `z.coerce.date()` is not used for input: it turns `true`, `null`, `""` and `0` into 1970.
 */
import { z } from 'zod';
import type { Clock } from './clock.js';
import { AppError } from './errors.js';

/** Events that happened did so on or after this day (the platform keeps no older records). */
export const EVENT_TIME_MIN = '2000-01-01';
/** How far in the future an event that happened may lie: clocks of devices in the field drift. */
export const EVENT_TIME_LEEWAY_MS = 86_400_000;
/** Civil dates (validity, plans, effective dates) and query instants lie within these. */
export const CIVIL_DATE_MIN = '1950-01-01';
export const CIVIL_DATE_MAX = '2099-12-31';

const EVENT_MIN_MS = Date.parse(`${EVENT_TIME_MIN}T00:00:00Z`);
const CIVIL_MIN_MS = Date.parse(`${CIVIL_DATE_MIN}T00:00:00Z`);
const CIVIL_END_MS = Date.parse(`${CIVIL_DATE_MAX}T00:00:00Z`) + 86_400_000;

/**
 * The instant of an event that happened, as an ISO 8601 string with `Z` or an offset, not before 2000-01-01. That
 * it is not later than now + 1 day needs the app's clock: the route checks it with `assertHappened`.
 */
export const EventTimeString = z.iso
  .datetime({ offset: true, abort: true, error: '应为 ISO 8601 时间，例如 2026-03-02T09:30:00+08:00' })
  .refine((s) => {
    const ms = Date.parse(s);
    return ms >= EVENT_MIN_MS && ms < CIVIL_END_MS;
  }, `时间应在 ${EVENT_TIME_MIN} 之后且不晚于当前时间`);

/** `EventTimeString` as a Date. */
export const EventTime = EventTimeString.transform((s) => new Date(s));

/** A civil date `YYYY-MM-DD` from 1950-01-01 to 2099-12-31. */
export const CivilDate = (message = '日期应为 YYYY-MM-DD') =>
  z.iso.date({ error: message, abort: true }).refine((s) => {
    const ms = Date.parse(`${s}T00:00:00Z`);
    return ms >= CIVIL_MIN_MS && ms < CIVIL_END_MS;
  }, `日期应在 ${CIVIL_DATE_MIN} 至 ${CIVIL_DATE_MAX} 之间`);

/** A moment to look at (a filter bound, "as of"): a date `YYYY-MM-DD` or an ISO 8601 time, 1950–2099. */
export const QueryInstant = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })], {
    error: '应为日期 YYYY-MM-DD 或 ISO 8601 时间',
  })
  .transform((s) => new Date(s))
  .refine(
    (d) => d.getTime() >= CIVIL_MIN_MS && d.getTime() < CIVIL_END_MS,
    `时间应在 ${CIVIL_DATE_MIN} 至 ${CIVIL_DATE_MAX} 之间`,
  );

/**
 * Refuses (400 `validation_failed`, naming the field) any of `fields` of `values` that lies more than a day after
 * the clock's now: an event that happened cannot be in the future.
 */
export function assertHappened(clock: Clock, values: Record<string, unknown>, fields: readonly string[]): void {
  const latest = clock.now().getTime() + EVENT_TIME_LEEWAY_MS;
  const errors = fields.flatMap((path) => {
    const v = values[path];
    const ms = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return ms > latest ? [{ path, message: '时间不能晚于当前时间（最多允许提前一天）' }] : [];
  });
  if (errors.length > 0)
    throw new AppError(
      400,
      'validation_failed',
      `请求体有误：${errors.map((e) => `${e.path}：${e.message}`).join('；')}`,
      errors,
    );
}
