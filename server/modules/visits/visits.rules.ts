/**
 * Rules of 扫码入企 (issue 13, DOMAIN.md §6), pure: an org's level, which visits count against the frequency caps
 * (case-driven ones do not, and say why), the flags a visit carries, and the late back-fill (10 natural days,
 * 深府规〔2025〕6号).
 */
import { VISIT_FLAG_LABELS, type VisitFlag, type VisitPurpose } from '../../../common/enums.js';

/** An offline capture sent later than this many natural days after the entry is flagged. */
export const BACKFILL_DAYS = 10;
/** Another department's visit within this many days makes a joint inspection possible. */
export const JOINT_WINDOW_DAYS = 30;
/** Default frequency caps per enterprise per year (the health-department example of DOMAIN.md §6). */
export const DEFAULT_CAP = {
  perLevel: 2,
  acrossLevels: 4,
  basis: '默认：同一层级每年不超过 2 次，各层级合计不超过 4 次',
};
/** Enforcement visits need at least this many officers (行政处罚法 art. 42, 行政检查 by two). */
export const MIN_OFFICERS = 2;

export type OrgLevel = 'province' | 'city' | 'county' | 'township';

/** The level of an org from its region code: 440000 province, 440100 city, 440106 county, 9 digits township. */
export function orgLevel(regionCode: string): OrgLevel {
  if (regionCode.length > 6) return 'township';
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}

export const isEnforcement = (purpose: VisitPurpose) => purpose !== 'non_enforcement';

/**
 * Why a visit does not count against the frequency caps, or null when it counts. Case-driven checks — a case under
 * investigation, complaints, referrals, rectification re-checks, the enterprise's own application — are not
 * counted (国办发〔2024〕54号 limits planned checks; those driven by a specific clue or request cannot be planned);
 * a non-enforcement visit is no inspection at all.
 */
export function capExemption(v: { purpose: VisitPurpose; caseId?: string | null }): string | null {
  if (v.purpose === 'non_enforcement') return '非执法事项，不属于行政检查，不计入检查频次';
  if (v.caseId) return '因办理案件入企调查，由具体违法线索引起，不计入检查频次';
  const driven: Partial<Record<VisitPurpose, string>> = {
    complaint: '核查投诉举报，由具体违法线索引起，不计入检查频次',
    referral: '办理转办交办事项，由具体线索引起，不计入检查频次',
    follow_up: '整改复查，不计入检查频次',
    permit: '应企业申请核查，不计入检查频次',
  };
  return driven[v.purpose] ?? null;
}

/** The civil date `days` after `date` (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export const isLateBackfill = (startedDate: string, recordedDate: string) =>
  recordedDate > addDays(startedDate, BACKFILL_DAYS);

export interface FlagInput {
  purpose: VisitPurpose;
  taskId?: string | null;
  caseId?: string | null;
  complaintId?: string | null;
  officerCount: number;
  /** Names of the officers without a valid enforcement certificate for this sector and region at the entry. */
  uncertified: string[];
  startedDate: string;
  recordedDate: string;
  /** Counted visits to the entity this year before this one: by orgs of the same sector line at the same level, and at any level. */
  priorSameLevel: number;
  priorAllLevels: number;
  cap: { perLevel: number; acrossLevels: number; basis: string };
  /** Names of the other departments that visited the entity in the last 30 days for a similar item. */
  otherDepartments: string[];
}

/** The flags of a visit with their notes, in the order of VISIT_FLAGS. */
export function visitFlags(v: FlagInput): { code: VisitFlag; note: string }[] {
  const out: { code: VisitFlag; note: string }[] = [];
  const enforcement = isEnforcement(v.purpose);
  if (enforcement && !v.taskId && !v.caseId && !v.complaintId && v.purpose !== 'referral')
    out.push({ code: 'no_task', note: '执法入企未关联检查任务、案件、投诉举报或转办事项' });
  if (capExemption(v) === null) {
    const level = v.priorSameLevel + 1;
    const all = v.priorAllLevels + 1;
    if (level > v.cap.perLevel || all > v.cap.acrossLevels)
      out.push({
        code: 'over_cap',
        note: `本年度第 ${level} 次（本层级）、第 ${all} 次（各层级）入企检查，超过上限（${v.cap.basis}）`,
      });
  }
  if (enforcement && v.uncertified.length > 0)
    out.push({ code: 'uncertified_officer', note: `${v.uncertified.join('、')} 入企时无有效的执法证件` });
  if (enforcement && v.officerCount < MIN_OFFICERS)
    out.push({
      code: 'single_officer',
      note: `执法入企应不少于 ${MIN_OFFICERS} 名执法人员，本次 ${v.officerCount} 名`,
    });
  if (isLateBackfill(v.startedDate, v.recordedDate))
    out.push({
      code: 'late_backfill',
      note: `${v.startedDate} 入企，${v.recordedDate} 才登记，超过 ${BACKFILL_DAYS} 个自然日`,
    });
  if (enforcement && v.otherDepartments.length > 0)
    out.push({
      code: 'joint_possible',
      note: `${v.otherDepartments.join('、')} 在 ${JOINT_WINDOW_DAYS} 日内也就同类事项入企检查过，可联合检查`,
    });
  return out;
}

export const flagLabel = (code: VisitFlag) => VISIT_FLAG_LABELS[code];
