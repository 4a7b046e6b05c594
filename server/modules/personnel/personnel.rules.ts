/**
 * Pure personnel rules (DOMAIN.md §1): masking, training credit, certificate transitions, eligibility, exit flags.
 */
import {
  ANNUAL_HOURS_REQUIRED,
  type AssessmentGrade,
  type CertificateStatus,
  type EligibilityCode,
} from '../../../common/enums.js';
import { regionWithin } from '../../platform/scope.js';

/** First 6 and last 4 characters shown: 440106********1234. */
export function maskIdNumber(id: string): string {
  return id.length <= 10 ? '*'.repeat(id.length) : `${id.slice(0, 6)}${'*'.repeat(id.length - 10)}${id.slice(-4)}`;
}

/** 138****5678 for a mobile number; otherwise only the last 4 digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  return digits.length <= 4 ? '*'.repeat(digits.length) : `${'*'.repeat(digits.length - 4)}${digits.slice(-4)}`;
}

/** 学时 per 45 minutes (DOMAIN.md §1). */
export const MINUTES_PER_HOUR_CREDIT = 45;
/** Annual requirement in 学时 (in common/enums.ts: the console states it too). */
export { ANNUAL_HOURS_REQUIRED };

/**
 * Credit in thousandths of a 学时. Hours win when given; minutes convert at 45 min = 1 学时, rounded to the
 * nearest thousandth (so 30 min = 667, 45 min = 1000, 90 min = 2000).
 */
export function creditMilli(input: { hours?: number | null; minutes?: number | null }): number {
  if (input.hours !== undefined && input.hours !== null) return Math.round(input.hours * 1000);
  if (input.minutes !== undefined && input.minutes !== null)
    return Math.round((input.minutes * 1000) / MINUTES_PER_HOUR_CREDIT);
  throw new Error('hours or minutes required');
}

export const milliToHours = (milli: number) => Math.round(milli / 10) / 100;

/** The course name as compared for duplicates: width-folded, case-folded, without spaces and punctuation. */
export function courseKey(course: string): string {
  return course
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, '');
}

export type CertificateAction = 'suspend' | 'reinstate' | 'revoke';

/** Allowed transitions: valid ⇄ suspended, either → revoked; revoked is final. */
export function nextStatus(from: CertificateStatus, action: CertificateAction): CertificateStatus | null {
  if (action === 'suspend') return from === 'valid' ? 'suspended' : null;
  if (action === 'reinstate') return from === 'suspended' ? 'valid' : null;
  return from === 'revoked' ? null : 'revoked';
}

export interface CertificateAt {
  /** State at the moment asked about, or null when the certificate did not exist yet. */
  status: CertificateStatus | null;
  validFrom: string;
  validTo: string;
  sectors: string[];
  regionCodes: string[];
}

export interface EligibilityInput {
  certificates: CertificateAt[];
  sector: string;
  regionCode: string;
  /** YYYY-MM-DD in Asia/Shanghai. */
  date: string;
  /** The latest assessment grade of the current or previous year, if any. */
  recentGrade: AssessmentGrade | null;
  /** Whether a training shortfall blocks (configuration), and whether there is one for the previous year. */
  shortfallBlocks: boolean;
  previousYearShortfall: boolean;
}

export interface Reason {
  code: EligibilityCode;
  message: string;
}

const MESSAGES: Record<EligibilityCode, string> = {
  no_certificate: '未取得行政执法证件，不得独立从事行政执法工作',
  certificate_not_yet_valid: '行政执法证件尚未生效',
  certificate_suspended: '行政执法证件已被暂扣',
  certificate_revoked: '行政执法证件已被吊销或注销',
  certificate_expired: '行政执法证件已过有效期',
  sector_not_covered: '行政执法证件的执法领域不包含该行业领域',
  region_not_covered: '行政执法证件的执法区域不包含该行政区划',
  assessment_unfit: '年度考核为不称职',
  training_shortfall: `上一年度培训学时不足 ${ANNUAL_HOURS_REQUIRED} 学时`,
};

export const reason = (code: EligibilityCode): Reason => ({ code, message: MESSAGES[code] });

/**
 * May this officer act for this sector, in this region, on this date? Eligible when at least one enforcement
 * certificate passes every check and no officer-level bar applies; otherwise the reasons of every certificate.
 */
export function evaluateEligibility(input: EligibilityInput): { eligible: boolean; reasons: Reason[] } {
  const codes = new Set<EligibilityCode>();
  const existing = input.certificates.filter((c) => c.status !== null);
  let anyPasses = false;
  if (existing.length === 0) codes.add('no_certificate');
  for (const c of existing) {
    const own: EligibilityCode[] = [];
    if (c.status === 'revoked') own.push('certificate_revoked');
    else if (c.status === 'suspended') own.push('certificate_suspended');
    if (input.date < c.validFrom) own.push('certificate_not_yet_valid');
    if (input.date > c.validTo) own.push('certificate_expired');
    if (!c.sectors.includes(input.sector)) own.push('sector_not_covered');
    if (!c.regionCodes.some((r) => regionWithin(input.regionCode, r))) own.push('region_not_covered');
    if (own.length === 0) anyPasses = true;
    for (const code of own) codes.add(code);
  }
  const officerBars: EligibilityCode[] = [];
  if (input.recentGrade === 'incompetent') officerBars.push('assessment_unfit');
  if (input.shortfallBlocks && input.previousYearShortfall) officerBars.push('training_shortfall');
  if (anyPasses && officerBars.length === 0) return { eligible: true, reasons: [] };
  const reasons = anyPasses ? officerBars : [...codes, ...officerBars];
  return { eligible: false, reasons: reasons.map(reason) };
}

/**
 * 退出机制: an officer is flagged for exit when graded incompetent in the year, or short of the annual hours in
 * two consecutive years (the year and the one before).
 */
export function exitFlags(input: {
  grade: AssessmentGrade | null;
  shortfallThisYear: boolean;
  shortfallLastYear: boolean;
}) {
  const flags: { code: 'assessment_incompetent' | 'training_shortfall_two_years'; message: string }[] = [];
  if (input.grade === 'incompetent') flags.push({ code: 'assessment_incompetent', message: '年度考核不称职' });
  if (input.shortfallThisYear && input.shortfallLastYear) {
    flags.push({ code: 'training_shortfall_two_years', message: `连续两年培训不足 ${ANNUAL_HOURS_REQUIRED} 学时` });
  }
  return flags;
}
