/**
 * Input shapes shared by the routes: times and dates within sane bounds, so that nothing the database cannot store
 * (year 0, year 275760) or nothing absurd (a payment in 2999, `occurredAt: true` read as 1970-01-01) gets past the
 * edge. `z.coerce.date()` is not used for input: it turns `true`, `null`, `""` and `0` into 1970.
 */
import { EVENT_TIME_LEEWAY_MS } from '../../common/contracts/kit.js';
import type { Clock } from './clock.js';
import { fieldErrors } from './errors.js';

export {
  CIVIL_DATE_MAX,
  CIVIL_DATE_MIN,
  CivilDate,
  EVENT_TIME_LEEWAY_MS,
  EVENT_TIME_MIN,
  EventTime,
  EventTimeString,
  QueryInstant,
} from '../../common/contracts/kit.js';

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
  if (errors.length > 0) throw fieldErrors(400, 'validation_failed', errors, '请求体有误：');
}
