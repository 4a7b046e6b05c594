/**
 * The building blocks of every API contract (common/contracts/<module>.contract.ts): the shapes the server validates
 * requests with and serializes answers through, and that the console is typed from.
 *
 * - Requests: the server parses with the schema (`z.output`, e.g. a `Date` from an ISO string); the console sends
 *   `Wire<typeof Schema>` (`z.input`).
 * - Answers: the handler returns `z.output` (a `Date` for an instant); the serializer encodes it through the schema
 *   (fastify-type-provider-zod's `safeEncode`), dropping any key the contract does not name — a sealed column never
 *   leaves by accident — and the console reads `Wire<typeof Schema>` (an ISO string).
 *
 * Answer schemas use no `.default()`: an answer states every field (a default would make it optional on the wire).
 */
import { z } from 'zod';

/** What travels over HTTP: requests as the console sends them, answers as the console reads them. */
export type Wire<S extends z.ZodType> = z.input<S>;

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

/** `current` (1-based) and `pageSize` (≤ 200): the list contract of every `{ data, total }` endpoint. */
export const PageQuery = z.object({
  current: z.coerce.number().int().min(1).default(1).describe('页码，从 1 开始'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数，最多 200'),
});
export type PageQuery = z.infer<typeof PageQuery>;

/** `:id` of a record path. */
export const IdParams = z.object({ id: z.uuid('id 必须是 UUID') });

/** 6-digit (county and above) or 9-digit (township) administrative region code. */
export const RegionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字');

// ---------------------------------------------------------------------------------------------------------------
// Answers

/**
 * An instant in an answer: the handler gives a `Date` (or an ISO string it already has, e.g. from SQL), the wire
 * carries an ISO 8601 string (`date-time` in the OpenAPI document).
 */
export const Instant = z.codec(z.iso.datetime({ offset: true }), z.union([z.date(), z.string()]), {
  decode: (s) => s,
  encode: (v) => (v instanceof Date ? v.toISOString() : new Date(v).toISOString()),
});

/** A civil date `YYYY-MM-DD` in an answer. */
export const DateString = z.string().describe('YYYY-MM-DD');

/** A warning that did not stop the write (e.g. `uscc_check_mismatch`). */
export const Warning = z.object({ code: z.string(), message: z.string() });
export type Warning = Wire<typeof Warning>;

/** What the caller may do with the record (`read`, `update`, each action), as its policy says. */
export const Abilities = z.array(z.string()).describe('调用者对该记录可做的操作（由策略决定）');

/** A page of a list: `{ data, total }`. */
export const Page = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), total: z.number().int() });
export interface PageOf<T> {
  data: T[];
  total: number;
}

/** The problem+json body of every refusal (RFC 9457) with the platform's stable `code`. */
export const Problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** Login and 修改密码: failures still allowed before login pauses (the warning comes at 1). */
  remainingAttempts: z.number().int().optional(),
  /** Login paused (account_locked from failures) until then. */
  lockedUntil: z.string().optional(),
});
export type Problem = Wire<typeof Problem>;
