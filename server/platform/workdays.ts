/**
 * The platform's working-day calendar (moved here from server/modules/publicity in issue 12; deadlines.ts is the
 * service every procedure uses). It started as the calendar of the publicity deadlines (DOMAIN.md §5): decisions are published within 7 working days
 * (penalty, permit) or 20 working days (other decisions) and withdrawn within 3 working days. Working days follow
 * the national holiday calendar with its make-up working weekends (调休), kept as data in
 * `data/cn-workday-calendar.csv` (see data/README.md). Dates are civil dates in Asia/Shanghai as 'YYYY-MM-DD'.
 * Pure apart from reading the bundled CSV once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shanghaiDate } from './clock.js';

/** `off`: a holiday, no work even on a weekday. `work`: a make-up working day, work even on a Saturday or Sunday. */
export type DayKind = 'off' | 'work';

export interface WorkdayEntry {
  /** Civil date in Asia/Shanghai, 'YYYY-MM-DD'. */
  date: string;
  kind: DayKind;
  /** Chinese name from the State Council notice, e.g. 国庆节 or 国庆节调休. */
  name: string;
}

export interface Deadline {
  /** The last civil date (Asia/Shanghai) on which the act is still on time. */
  date: string;
  /** True when a day counted lies in a year the calendar has no data for: the weekday rule was used there. */
  provisional: boolean;
}

export type PublishKind = 'penalty' | 'permit' | 'other';

/** Working days allowed between a decision and its publication (DOMAIN.md §5). */
export const PUBLISH_WORKING_DAYS: Readonly<Record<PublishKind, number>> = { penalty: 7, permit: 7, other: 20 };
/** Working days allowed to withdraw a revoked or corrected decision (DOMAIN.md §5). */
export const WITHDRAW_WORKING_DAYS = 3;

const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const CSV_HEADER = 'date,kind,name';

/** Days since 1970-01-01 of a civil date; a RangeError naming the value when it is not a real 'YYYY-MM-DD' date. */
function dayNumber(date: string): number {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw new RangeError(`Invalid date ${JSON.stringify(date)}: expected a civil date 'YYYY-MM-DD'`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  // setUTCFullYear, unlike Date.UTC, does not map years 0–99 to 1900–1999.
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) {
    throw new RangeError(`Invalid date ${JSON.stringify(date)}: no such day in the calendar`);
  }
  return t.getTime() / DAY_MS;
}

function yearOfDay(day: number): number {
  return new Date(day * DAY_MS).getUTCFullYear();
}

function formatDay(day: number): string {
  const t = new Date(day * DAY_MS);
  const y = t.getUTCFullYear();
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range: year ${y}`);
  return `${String(y).padStart(4, '0')}-${String(t.getUTCMonth() + 1).padStart(2, '0')}-${String(t.getUTCDate()).padStart(2, '0')}`;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** The working-day calendar built from listed exceptions; unlisted days follow Monday–Friday. */
export class WorkdayCalendar {
  readonly #byDay = new Map<number, WorkdayEntry>();
  readonly #years = new Set<number>();

  /** Throws a RangeError for a malformed date or kind and for a date listed twice. */
  constructor(entries: Iterable<WorkdayEntry>) {
    for (const e of entries) {
      const day = dayNumber(e.date);
      if (e.kind !== 'off' && e.kind !== 'work')
        throw new RangeError(`Invalid kind ${JSON.stringify(e.kind)} for ${e.date}: expected 'off' or 'work'`);
      if (this.#byDay.has(day)) throw new RangeError(`Date ${e.date} is listed twice`);
      this.#byDay.set(day, { date: e.date, kind: e.kind, name: e.name });
      this.#years.add(yearOfDay(day));
    }
  }

  /** The years the data covers (every year with at least one listed date), ascending. */
  get years(): number[] {
    return [...this.#years].sort((a, b) => a - b);
  }

  /** Listed `off` → false; listed `work` → true even on a weekend; otherwise Monday–Friday. */
  isWorkingDay(date: string): boolean {
    return this.#isWorking(dayNumber(date));
  }

  /** Whether the data covers the year of `date`. */
  covers(date: string): boolean {
    return this.#years.has(yearOfDay(dayNumber(date)));
  }

  /**
   * The n-th working day after `date` (n ≥ 1). The start day never counts, working day or not. `provisional` when
   * any day after `date` up to the result lies in a year the data does not cover.
   */
  addWorkingDays(date: string, n: number): Deadline {
    let day = dayNumber(date);
    if (!Number.isSafeInteger(n) || n < 1)
      throw new RangeError(`Invalid number of working days ${String(n)}: expected an integer ≥ 1`);
    let provisional = false;
    for (let counted = 0; counted < n; ) {
      day += 1;
      if (!this.#years.has(yearOfDay(day))) provisional = true;
      if (this.#isWorking(day)) counted += 1;
    }
    return { date: formatDay(day), provisional };
  }

  /** The number of working days d with from < d ≤ to (0 when `to` is not after `from`). */
  workingDaysBetween(from: string, to: string): number {
    const start = dayNumber(from);
    const end = dayNumber(to);
    let count = 0;
    for (let day = start + 1; day <= end; day++) if (this.#isWorking(day)) count += 1;
    return count;
  }

  /** The listed name of `date` (e.g. 国庆节, or 国庆节调休 for a make-up working day); null when it is not listed. */
  holidayName(date: string): string | null {
    return this.#byDay.get(dayNumber(date))?.name ?? null;
  }

  #isWorking(day: number): boolean {
    const listed = this.#byDay.get(day);
    if (listed) return listed.kind === 'work';
    const wd = weekday(day);
    return wd !== 0 && wd !== 6;
  }
}

/**
 * Parses the calendar CSV: `#` lines are comments, blank lines are skipped, the first other line is the header
 * `date,kind,name`. Errors name the source and line.
 */
export function parseWorkdayCsv(text: string, source = 'cn-workday-calendar.csv'): WorkdayEntry[] {
  const entries: WorkdayEntry[] = [];
  let headerSeen = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const where = `${source}:${i + 1}`;
    if (!headerSeen) {
      if (line !== CSV_HEADER)
        throw new Error(`${where}: expected the header '${CSV_HEADER}', got ${JSON.stringify(line)}`);
      headerSeen = true;
      continue;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (cells.length !== 3) throw new Error(`${where}: expected 3 fields (date,kind,name), got ${cells.length}`);
    const [date, kind, name] = cells as [string, string, string];
    try {
      dayNumber(date);
    } catch (e) {
      throw new RangeError(`${where}: ${(e as Error).message}`);
    }
    if (kind !== 'off' && kind !== 'work')
      throw new RangeError(`${where}: invalid kind ${JSON.stringify(kind)}, expected 'off' or 'work'`);
    entries.push({ date, kind, name });
  }
  if (!headerSeen) throw new Error(`${source}: no header '${CSV_HEADER}'`);
  return entries;
}

let bundled: WorkdayCalendar | undefined;

/** The calendar of the bundled `data/cn-workday-calendar.csv`, read and parsed once. */
export function loadWorkdayCalendar(): WorkdayCalendar {
  if (!bundled) {
    const path = fileURLToPath(new URL('./data/cn-workday-calendar.csv', import.meta.url));
    bundled = new WorkdayCalendar(parseWorkdayCsv(readFileSync(path, 'utf8'), path));
  }
  return bundled;
}

/**
 * Last day to publish a decision: 7 working days for penalty and permit decisions, 20 for others, counted from the
 * day after the decision's civil date in Asia/Shanghai.
 */
export function publishByDate(
  decidedAt: Date,
  kind: PublishKind,
  cal: WorkdayCalendar = loadWorkdayCalendar(),
): Deadline {
  if (!Object.hasOwn(PUBLISH_WORKING_DAYS, kind))
    throw new RangeError(`Invalid decision kind ${JSON.stringify(kind)}: expected 'penalty', 'permit' or 'other'`);
  return cal.addWorkingDays(shanghaiDate(decidedAt), PUBLISH_WORKING_DAYS[kind]);
}

/** Last day to withdraw the publication of a revoked or corrected decision: 3 working days after that day. */
export function withdrawByDate(revokedAt: Date, cal: WorkdayCalendar = loadWorkdayCalendar()): Deadline {
  return cal.addWorkingDays(shanghaiDate(revokedAt), WITHDRAW_WORKING_DAYS);
}
