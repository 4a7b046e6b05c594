/**
 * Rules of complaint handling (投诉举报, DOMAIN.md §7; 《广东省12345政务服务便民热线管理办法》), pure: the handling
 * limits by kind, the due date in working days, the working days left, which org a complaint is routed to, when a
 * closed complaint may be reopened and a misrouting disputed, and how the 12345 signature is checked.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ComplaintKind } from '../../../common/enums.js';
import { shanghaiDate } from '../../platform/clock.js';
import { regionWithin } from '../../platform/scope.js';
import type { WorkdayCalendar } from '../../platform/workdays.js';

/**
 * Working days to answer, by kind, counted from receipt (the ticket's `receivedAt` for 12345 tickets, the submission
 * otherwise): 咨询 2, 求助/建议 10, 投诉/举报 15 (Guangdong 12345 rules).
 */
export const HANDLING_WORKING_DAYS: Readonly<Record<ComplaintKind, number>> = {
  consultation: 2,
  help: 10,
  suggestion: 10,
  complaint: 15,
  report: 15,
};

/** A closed complaint rated 不满意 may be reopened once, within this many calendar days of its closing. */
export const REOPEN_WINDOW_DAYS = 15;
/** A misrouted complaint may be disputed (派单异议) within this many working days of its receipt. */
export const DISPUTE_WORKING_DAYS = 2;
/** A 12345 signature's timestamp may be this far from the server's clock. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export interface DueInput {
  kind: ComplaintKind;
  receivedAt: Date;
  /** Working days the complaint spent transferred (the limit does not run meanwhile). */
  pausedWorkingDays: number;
  /** The hotline's own due moment, when the ticket carries one: it wins when earlier. */
  hotlineDueAt?: Date | null;
  /** When the complaint was reopened: the limit runs again from then. */
  reopenedAt?: Date | null;
}

/**
 * The last civil date (Asia/Shanghai) on which the answer is on time: the n-th working day after the Beijing date of
 * receipt (n by kind, plus the working days paused), or the hotline's earlier due date.
 */
export function handlingDueDate(d: DueInput, cal: WorkdayCalendar): string {
  const from = shanghaiDate(d.reopenedAt ?? d.receivedAt);
  const own = cal.addWorkingDays(from, HANDLING_WORKING_DAYS[d.kind] + d.pausedWorkingDays).date;
  if (!d.hotlineDueAt || d.reopenedAt) return own;
  const hotline = shanghaiDate(d.hotlineDueAt);
  // civil dates 'YYYY-MM-DD' compare as strings
  return [hotline, own].sort()[0] as string;
}

/**
 * Working days left until the due date: 0 on the due date itself, negative once overdue (the working days past it).
 */
export function workingDaysLeft(today: string, due: string, cal: WorkdayCalendar): number {
  if (today <= due) return cal.workingDaysBetween(today, due);
  return -Math.max(1, cal.workingDaysBetween(due, today));
}

/** The states in which a complaint is still to be answered. */
export const OPEN_STATES: readonly string[] = ['received', 'accepted', 'transferred', 'disputed'];

/** An open complaint (not answered, closed, rejected or merged) past its due date. */
export const isOverdue = (c: { state: string; dueDate: string }, today: string) =>
  OPEN_STATES.includes(c.state) && c.dueDate < today;

/** Whether a misrouting may still be disputed (派单异议): within 2 working days of the Beijing date of receipt. */
export const mayDispute = (receivedAt: Date, today: string, cal: WorkdayCalendar) =>
  today <= cal.addWorkingDays(shanghaiDate(receivedAt), DISPUTE_WORKING_DAYS).date;

export interface RouteCandidate {
  id: string;
  kind: string;
  regionCode: string;
  /** The org claimed the complaint's item (认领). */
  claimed: boolean;
}

/**
 * Where a complaint goes: the org closest to the complaint's region that claimed its item for a region covering it;
 * else the closest comprehensive-enforcement org (综合行政执法) of a region covering it. Null when neither exists.
 */
export function routeTo(regionCode: string, candidates: readonly RouteCandidate[]): string | null {
  const covering = candidates.filter((c) => regionWithin(regionCode, c.regionCode));
  const closest = (list: RouteCandidate[]) =>
    [...list].sort(
      (a, b) =>
        b.regionCode.replace(/0+$/, '').length - a.regionCode.replace(/0+$/, '').length || a.id.localeCompare(b.id),
    )[0]?.id ?? null;
  return closest(covering.filter((c) => c.claimed)) ?? closest(covering.filter((c) => c.kind === 'comprehensive'));
}

/** Why a closed complaint may not be reopened, or null when it may. */
export function reopenRefusal(
  c: { rating: string | null; reopenCount: number; closedAt: Date | null },
  now: Date,
): string | null {
  if (c.rating !== 'dissatisfied') return '只有评价为“不满意”的投诉可以重新办理';
  if (c.reopenCount > 0) return '投诉已重新办理过一次，不能再次重新办理';
  if (!c.closedAt || now.getTime() - c.closedAt.getTime() > REOPEN_WINDOW_DAYS * 86_400_000)
    return `办结已超过 ${REOPEN_WINDOW_DAYS} 日，不能重新办理`;
  return null;
}

/** The 12345 signature's hex: HMAC-SHA256 over `timestamp + "." + body`. */
export const signatureOf = (secret: string, timestamp: string, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

/** The `X-Zhifa-Signature` header: `t=<unix>,v1=<hex>`. */
export const signatureHeader = (secret: string, unix: number, body: string) =>
  `t=${unix},v1=${signatureOf(secret, String(unix), body)}`;

/** Why a signature header is refused (null: it is good) — bad form, stale timestamp, wrong HMAC. */
export function signatureRefusal(header: string | undefined, secret: string, body: string, now: Date): string | null {
  const m = header ? /^t=(\d{1,12}),v1=([0-9a-f]{64})$/.exec(header.trim()) : null;
  if (!m) return '签名格式应为 t=<时间戳>,v1=<十六进制签名>';
  const t = Number(m[1]);
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_SECONDS) return '签名时间戳与服务器时间相差超过 5 分钟';
  const expected = Buffer.from(signatureOf(secret, m[1] as string, body), 'hex');
  const given = Buffer.from(m[2] as string, 'hex');
  return timingSafeEqual(expected, given) ? null : '签名不正确';
}

/** The complainant's phone as the handling org sees it: 138****5678, or the last four digits of a landline. */
export function maskComplainantPhone(phone: string): string {
  const d = phone.replace(/[\s-]+/g, '');
  return /^1\d{10}$/.test(d)
    ? `${d.slice(0, 3)}****${d.slice(-4)}`
    : `${'*'.repeat(Math.max(0, d.length - 4))}${d.slice(-4)}`;
}

/** The 6 digits of a 受理编号 allow this many complaints per Beijing day. */
export const TRACKING_DAILY_MAX = 999_999;

/** 受理编号: TS + the Beijing date of receipt + 6 digits (that day's sequence number, complaints.service). */
export const trackingNumberOf = (receivedAt: Date, digits: number) =>
  `TS${shanghaiDate(receivedAt).replace(/-/g, '')}${String(digits).padStart(6, '0')}`;

export interface NamedRegion {
  code: string;
  name: string;
  parentCode: string | null;
}

/**
 * The region an address names (Open311 `address_string`): the most specific region whose full name (广州市, 天河区,
 * 石牌街道) the address contains; among regions of the same level, the one more of whose ancestors it also names.
 * `ambiguous` when two remain (a 新区 in two cities, and the address names neither city).
 */
export function resolveRegion(
  address: string,
  regions: readonly NamedRegion[],
): { code: string | null; ambiguous: boolean } {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const named = (r: NamedRegion) => r.name.length >= 2 && address.includes(r.name);
  const candidates = regions.filter(named);
  if (candidates.length === 0) return { code: null, ambiguous: false };
  const depth = (r: NamedRegion) => {
    let n = 0;
    for (let p = r.parentCode; p; p = byCode.get(p)?.parentCode ?? null) n++;
    return n;
  };
  const ancestorsNamed = (r: NamedRegion) => {
    let n = 0;
    for (let p = r.parentCode; p; p = byCode.get(p)?.parentCode ?? null) {
      const up = byCode.get(p);
      if (up && named(up)) n++;
    }
    return n;
  };
  const score = (r: NamedRegion) => depth(r) * 100 + ancestorsNamed(r);
  const best = Math.max(...candidates.map(score));
  const top = candidates.filter((r) => score(r) === best);
  return top.length === 1 && top[0] ? { code: top[0].code, ambiguous: false } : { code: null, ambiguous: true };
}
