/** The pre-fills against crafted records: each check passing, and failing just past its boundary. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../cases/cases.api.js';
import { type CaseRecordFacts, type RecordEvent, evaluateRecord } from './review.rules.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-02T02:00:00Z');
const at = (days: number) => new Date(T0 + days * DAY);
let seq = 0;
const ev = (type: string, days: number, payload: Record<string, unknown> = {}): RecordEvent => ({
  id: 1000 + ++seq,
  seq,
  type,
  at: at(days),
  payload,
});
const CERT = [{ validFrom: '2025-01-01', validTo: '2027-12-31' }];

function record(over: Partial<CaseRecordFacts> = {}, decideDay = 30, extra: RecordEvent[] = []): CaseRecordFacts {
  seq = 0;
  const events = [
    ev('file', 0),
    ev('assign', 1, { officerIds: ['o1', 'o2'] }),
    ev('notify', 20),
    ev('record_statement', 21, { waivesStatement: true, waivesHearing: true }),
    ...extra,
    ev('decide', decideDay, { withinRange: true }),
    ev('deliver', decideDay + 2),
    ev('publicity_publish', decideDay + 3),
  ].map((e, i) => ({ ...e, seq: i + 1, id: 1001 + i }));
  return {
    procedure: 'general',
    filedAt: at(0),
    extensionDays: [],
    suspensions: [],
    hearingRights: false,
    legalReviewTriggers: [],
    events,
    certificates: new Map([
      ['o1', CERT],
      ['o2', CERT],
    ]),
    publication: { publishBy: '2026-04-15', publishedAt: at(decideDay + 3), publishedLate: false },
    ...over,
  };
}
const result = (r: CaseRecordFacts, check: string) =>
  evaluateRecord(r, DEFAULT_THRESHOLDS).find((p) => p.check === check);

describe('pre-fills from the record', () => {
  it('passes a clean record, each check linked to its event', () => {
    const pre = evaluateRecord(record(), DEFAULT_THRESHOLDS);
    expect(pre.map((p) => [p.check, p.result, p.eventType])).toEqual([
      ['deadline_kept', 'pass', 'decide'],
      ['two_officers', 'pass', 'assign'],
      ['officers_certified', 'pass', 'assign'],
      ['legal_review', 'na', 'decide'],
      ['benchmark', 'pass', 'decide'],
      ['periods_kept', 'pass', 'notify'],
      ['delivered', 'pass', 'deliver'],
      ['published_on_time', 'pass', 'publicity_publish'],
    ]);
    expect(pre.every((p) => p.eventId === null || p.eventId > 1000)).toBe(true);
  });
  it('keeps the 90-day limit on day 90 and misses it on day 91 (an extension moves it)', () => {
    expect(result(record({}, 90), 'deadline_kept')?.result).toBe('pass');
    expect(result(record({}, 91), 'deadline_kept')?.result).toBe('fail');
    expect(result(record({ extensionDays: [30] }, 91), 'deadline_kept')?.result).toBe('pass');
  });
  it('fails a single officer and an officer without a certificate on the day', () => {
    const one = record();
    one.events[1] = { ...(one.events[1] as RecordEvent), payload: { officerIds: ['o1'] } };
    expect(result(one, 'two_officers')?.result).toBe('fail');
    const expired = record({
      certificates: new Map([
        ['o1', CERT],
        ['o2', [{ validFrom: '2025-01-01', validTo: '2026-03-20' }]],
      ]),
    });
    // valid on the assign date (03-03) but not on the decision's (04-01)
    expect(result(expired, 'officers_certified')?.result).toBe('fail');
  });
  it('requires an approving legal review before the decision where a trigger holds', () => {
    expect(result(record({ legalReviewTriggers: ['经过听证'] }), 'legal_review')?.result).toBe('fail');
    const reviewed = record({ legalReviewTriggers: ['经过听证'] }, 30, [
      ev('legal_review', 25, { outcome: 'approve' }),
    ]);
    expect(result(reviewed, 'legal_review')).toMatchObject({ result: 'pass', eventType: 'legal_review' });
  });
  it('fails a deviation from the benchmark without a reason, passes one with a reason', () => {
    const r = record();
    const decide = r.events.find((e) => e.type === 'decide') as RecordEvent;
    decide.payload = { withinRange: false };
    expect(result(r, 'benchmark')?.result).toBe('fail');
    decide.payload = { withinRange: false, deviationReason: '多次违法' };
    expect(result(r, 'benchmark')?.result).toBe('pass');
  });
  it('fails a decision inside the statement period unless waived, and a late delivery or publication', () => {
    const r = record({}, 24);
    r.events = r.events.filter((e) => e.type !== 'record_statement');
    expect(result(r, 'periods_kept')?.result).toBe('fail');
    const ok = record({}, 25);
    ok.events = ok.events.filter((e) => e.type !== 'record_statement');
    expect(result(ok, 'periods_kept')?.result).toBe('pass');
    const late = record();
    (late.events.find((e) => e.type === 'deliver') as RecordEvent).at = new Date(at(30).getTime() + 7 * DAY + 1);
    expect(result(late, 'delivered')?.result).toBe('fail');
    expect(
      result(
        record({ publication: { publishBy: '2026-04-10', publishedAt: at(40), publishedLate: true } }),
        'published_on_time',
      )?.result,
    ).toBe('fail');
    expect(result(record({ publication: null }), 'published_on_time')?.result).toBe('na');
  });
});
