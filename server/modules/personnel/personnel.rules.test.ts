import { describe, expect, it } from 'vitest';
import {
  type CertificateAt,
  courseKey,
  creditMilli,
  evaluateEligibility,
  exitFlags,
  maskIdNumber,
  maskPhone,
  milliToHours,
  nextStatus,
} from './personnel.rules.js';
import { shanghaiDate } from '../../platform/clock.js';

describe('training credit: 45 minutes = 1 学时', () => {
  it('converts minutes and keeps thousandths', () => {
    expect(creditMilli({ minutes: 45 })).toBe(1000);
    expect(creditMilli({ minutes: 90 })).toBe(2000);
    expect(creditMilli({ minutes: 30 })).toBe(667);
    expect(creditMilli({ minutes: 44 })).toBe(978);
    expect(creditMilli({ minutes: 2700 })).toBe(60_000); // exactly the annual 60 学时
    expect(creditMilli({ hours: 1.5, minutes: 45 })).toBe(1500); // hours win
    expect(milliToHours(667)).toBe(0.67);
  });
  it('compares course names across platforms ignoring width, case, spaces and punctuation', () => {
    expect(courseKey('《行政处罚法》专题 解读')).toBe(courseKey('行政处罚法专题解读'));
    expect(courseKey('ＡＢＣ 课程')).toBe(courseKey('abc课程'));
    expect(courseKey('行政处罚法解读')).not.toBe(courseKey('行政许可法解读'));
  });
});

describe('masking', () => {
  it('keeps the first 6 and last 4 of an ID number, and 3+4 of a mobile', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('020-83331234'.replace('-', ''))).toBe('*******1234');
  });
});

describe('certificate transitions', () => {
  it('allows valid ⇄ suspended and any → revoked, never out of revoked', () => {
    expect(nextStatus('valid', 'suspend')).toBe('suspended');
    expect(nextStatus('suspended', 'reinstate')).toBe('valid');
    expect(nextStatus('valid', 'reinstate')).toBeNull();
    expect(nextStatus('suspended', 'suspend')).toBeNull();
    expect(nextStatus('suspended', 'revoke')).toBe('revoked');
    expect(nextStatus('revoked', 'reinstate')).toBeNull();
    expect(nextStatus('revoked', 'revoke')).toBeNull();
  });
});

describe('dates are Asia/Shanghai dates', () => {
  it('turns over at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toBe('2026-12-31');
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('eligibility', () => {
  const cert = (over: Partial<CertificateAt> = {}): CertificateAt => ({
    status: 'valid',
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    sectors: ['market_regulation'],
    regionCodes: ['440100'],
    ...over,
  });
  const ask = (certificates: CertificateAt[], over: Partial<Parameters<typeof evaluateEligibility>[0]> = {}) =>
    evaluateEligibility({
      certificates,
      sector: 'market_regulation',
      regionCode: '440106001',
      date: '2026-06-01',
      recentGrade: null,
      shortfallBlocks: false,
      previousYearShortfall: false,
      ...over,
    });
  const codes = (r: ReturnType<typeof ask>) => r.reasons.map((x) => x.code).sort();

  it('is eligible with a valid certificate covering the sector and the region subtree', () => {
    expect(ask([cert()])).toEqual({ eligible: true, reasons: [] });
  });
  it('names every reason', () => {
    expect(codes(ask([]))).toEqual(['no_certificate']);
    expect(codes(ask([cert({ status: null })]))).toEqual(['no_certificate']);
    expect(codes(ask([cert({ status: 'suspended' })]))).toEqual(['certificate_suspended']);
    expect(codes(ask([cert({ status: 'revoked' })]))).toEqual(['certificate_revoked']);
    expect(codes(ask([cert()], { date: '2027-01-01' }))).toEqual(['certificate_expired']);
    expect(codes(ask([cert()], { date: '2025-12-31' }))).toEqual(['certificate_not_yet_valid']);
    expect(codes(ask([cert()], { sector: 'ecology_environment' }))).toEqual(['sector_not_covered']);
    expect(codes(ask([cert()], { regionCode: '440305' }))).toEqual(['region_not_covered']);
    expect(codes(ask([cert()], { recentGrade: 'incompetent' }))).toEqual(['assessment_unfit']);
    expect(codes(ask([cert()], { shortfallBlocks: true, previousYearShortfall: true }))).toEqual([
      'training_shortfall',
    ]);
  });
  it('treats the validity dates as inclusive', () => {
    expect(ask([cert()], { date: '2026-01-01' }).eligible).toBe(true);
    expect(ask([cert()], { date: '2026-12-31' }).eligible).toBe(true);
  });
  it('a shortfall blocks only when configured to', () => {
    expect(ask([cert()], { previousYearShortfall: true }).eligible).toBe(true);
  });
  it('one good certificate is enough; otherwise every certificate’s reasons are given', () => {
    expect(
      ask([cert({ status: 'revoked' }), cert({ sectors: ['market_regulation', 'urban_management'] })]).eligible,
    ).toBe(true);
    expect(codes(ask([cert({ status: 'revoked' }), cert({ regionCodes: ['440300'] })]))).toEqual([
      'certificate_revoked',
      'region_not_covered',
    ]);
  });
});

describe('exit flags', () => {
  it('flags incompetent, and a shortfall in two consecutive years only', () => {
    expect(
      exitFlags({ grade: 'incompetent', shortfallThisYear: false, shortfallLastYear: false }).map((f) => f.code),
    ).toEqual(['assessment_incompetent']);
    expect(exitFlags({ grade: 'competent', shortfallThisYear: true, shortfallLastYear: false })).toEqual([]);
    expect(exitFlags({ grade: null, shortfallThisYear: true, shortfallLastYear: true }).map((f) => f.code)).toEqual([
      'training_shortfall_two_years',
    ]);
  });
});
