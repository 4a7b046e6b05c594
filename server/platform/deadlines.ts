/**
 * The deadlines service of every procedure: legal time limits counted in calendar days or in working days (the
 * national working-day calendar, workdays.ts), moved by approved extensions and stopped while the procedure is
 * suspended (中止). Pure: the calendar is data read once.
 *
 * - `runningDeadline`: a limit running from a start, plus extensions, with suspended time not counted — the penalty
 *   decision's 90 days (art. 60, cases.rules.ts `decisionDeadline`), and any later procedure's limit of that kind.
 * - `workingDaysAfter`: the n-th working day after an instant's civil date — publicity's 7 / 20 / 3 working days
 *   (workdays.ts `publishByDate`, `withdrawByDate`), the 工作台's "within five working days".
 * - `periodEnd`, `addCivilDays`, `civilDaysBetween`: plain calendar-day periods (statements, hearing requests,
 *   payment within 15 days).
 */
import { shanghaiDate } from './clock.js';
import { type Deadline, type WorkdayCalendar, loadWorkdayCalendar } from './workdays.js';

export { shanghaiDate };
export type { Deadline };

const DAY_MS = 86_400_000;

/** A period of suspension; `to` null while it lasts. */
export interface Suspension {
  from: Date;
  to: Date | null;
}

export interface RunningDeadlineInput {
  /** When the limit starts to run (立案, receipt of an application…). */
  start: Date;
  /** The limit in calendar days. */
  limitDays: number;
  /** Approved extensions, in days. */
  extensionDays: readonly number[];
  /** Time suspended does not count: the due moment moves by each suspension's length (an open one up to `now`). */
  suspensions: readonly Suspension[];
  now: Date;
}

export interface RunningDeadline {
  dueAt: Date;
  /** Whole days left, rounded up (negative once overdue). */
  daysRemaining: number;
  overdue: boolean;
}

/** Milliseconds suspended, an open suspension counted up to `now`. */
export const suspendedMs = (suspensions: readonly Suspension[], now: Date) =>
  suspensions.reduce((sum, s) => sum + Math.max(0, (s.to ?? now).getTime() - s.from.getTime()), 0);

/** A calendar-day limit with its extensions and suspensions (see the file's comment). */
export function runningDeadline(d: RunningDeadlineInput): RunningDeadline {
  const extension = d.extensionDays.reduce((a, b) => a + b, 0);
  const dueAt = new Date(d.start.getTime() + (d.limitDays + extension) * DAY_MS + suspendedMs(d.suspensions, d.now));
  const remainingMs = dueAt.getTime() - d.now.getTime();
  return { dueAt, daysRemaining: Math.ceil(remainingMs / DAY_MS), overdue: remainingMs < 0 };
}

/** The n-th working day after the civil date (Asia/Shanghai) of `from`; the start day never counts. */
export function workingDaysAfter(
  from: Date | string,
  n: number,
  cal: WorkdayCalendar = loadWorkdayCalendar(),
): Deadline {
  return cal.addWorkingDays(typeof from === 'string' ? from : shanghaiDate(from), n);
}

/** The end of a period of `days` calendar days after `from`. */
export const periodEnd = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

/** A civil date (YYYY-MM-DD) `days` calendar days after another. */
export const addCivilDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Calendar days from one civil date to another (negative when `to` is earlier). */
export const civilDaysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
