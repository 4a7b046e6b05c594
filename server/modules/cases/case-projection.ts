/**
 * The case row as a projection of its whole-process record: `projectCase` folds a case's record events into the
 * values its row must hold (state, decision, amounts, paid, dates, extensions, suspensions, officers…), and
 * `caseRowDifferences` names every column where the stored row says something else. Pure: no database.
 *
 * The row is what the steps read and what lists filter on; the record is what is hash-chained and logged. A row
 * changed behind the record's back (e.g. `UPDATE cases SET decision = jsonb_set(…)` as the database superuser) is
 * caught by `zhifa verify` and refused by the case view's check and the documents (case-files.ts).
 */
import type { Recusal, cases } from './cases.schema.js';

type CaseRow = typeof cases.$inferSelect;

export interface ProjectedEvent {
  type: string;
  at: Date;
  orgId: string | null;
  payload: unknown;
}

/** What the record says the row holds. Register fields are undefined when the record has no register event. */
export interface CaseProjection {
  orgId?: string | null;
  itemId?: string;
  source?: string;
  partyKind?: string;
  partyName?: string;
  facts?: string;
  occurredAt?: string;
  state: string;
  procedure: string;
  filedAt: string | null;
  notifiedAt: string | null;
  intended: unknown;
  hearingRights: boolean;
  hearingRequestedAt: string | null;
  hearingHeld: boolean;
  statementRecorded: boolean;
  statementWaived: boolean;
  hearingWaived: boolean;
  legalReviewOutcome: string | null;
  decision: unknown;
  decidedAt: string | null;
  deviation: boolean;
  deliveredAt: string | null;
  deliveryLate: boolean;
  paidFen: number;
  extensionDays: number[];
  suspensions: { from: string; to: string | null }[];
  stateBeforeSuspension: string | null;
  recusals: Recusal[];
  /** 承办人员, sorted. */
  officerIds: string[];
}

/** Keys a step adds to its payload around what it stores (the state change, and what decide records beside it). */
const ENVELOPE = ['fromState', 'toState'];
const SIMPLIFIED_EXTRA = ['officerIds', 'officers', 'statement', 'waivesStatement', 'delivery'];

const omit = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(Object.entries(o).filter(([k, v]) => !keys.includes(k) && v !== undefined));
const pick = (o: Record<string, unknown>, keys: string[]) =>
  Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
const iso = (v: unknown) => new Date(v as string).toISOString();
const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

/** Folds a case's record events (in `seq` order) into the row they imply. */
export function projectCase(events: readonly ProjectedEvent[]): CaseProjection {
  const p: CaseProjection = {
    state: 'registered',
    procedure: 'general',
    filedAt: null,
    notifiedAt: null,
    intended: null,
    hearingRights: false,
    hearingRequestedAt: null,
    hearingHeld: false,
    statementRecorded: false,
    statementWaived: false,
    hearingWaived: false,
    legalReviewOutcome: null,
    decision: null,
    decidedAt: null,
    deviation: false,
    deliveredAt: null,
    deliveryLate: false,
    paidFen: 0,
    extensionDays: [],
    suspensions: [],
    stateBeforeSuspension: null,
    recusals: [],
    officerIds: [],
  };
  let officers = new Set<string>();
  for (const e of events) {
    const body = (e.payload ?? {}) as Record<string, unknown>;
    const at = e.at.toISOString();
    if (typeof body.toState === 'string') p.state = body.toState;
    switch (e.type) {
      case 'register':
        Object.assign(p, {
          orgId: e.orgId,
          itemId: body.itemId,
          source: body.source,
          partyKind: body.partyKind,
          partyName: typeof body.partyName === 'string' ? body.partyName.trim() : body.partyName,
          facts: body.facts,
          occurredAt: body.occurredAt === undefined ? undefined : iso(body.occurredAt),
        });
        break;
      case 'file':
        p.filedAt = at;
        break;
      case 'assign':
        officers = new Set(strings(body.officerIds));
        break;
      case 'notify':
        p.notifiedAt = at;
        p.intended = omit(body, [...ENVELOPE, 'hearingRights']);
        p.hearingRights = body.hearingRights === true;
        break;
      case 'record_statement':
        p.statementRecorded = true;
        if (body.waivesStatement) p.statementWaived = true;
        if (body.waivesHearing) p.hearingWaived = true;
        break;
      case 'request_hearing':
        p.hearingRequestedAt = at;
        break;
      case 'hold_hearing':
        p.hearingHeld = true;
        break;
      case 'legal_review':
        p.legalReviewOutcome = (body.outcome as string | undefined) ?? null;
        break;
      case 'decide':
        p.decision = omit(body, ENVELOPE);
        p.decidedAt = at;
        p.deviation = body.withinRange === false;
        break;
      case 'simplified_decide':
        p.procedure = 'simplified';
        p.notifiedAt = at;
        p.intended = pick(body, ['circumstance', 'penaltyKinds', 'amountFen']);
        p.statementRecorded = true;
        p.statementWaived = body.waivesStatement === true;
        p.decision = omit(body, [...ENVELOPE, ...SIMPLIFIED_EXTRA]);
        p.decidedAt = at;
        p.deviation = body.withinRange === false;
        p.deliveredAt = at;
        for (const id of strings(body.officerIds)) officers.add(id);
        break;
      case 'deliver':
        p.deliveredAt = body.deliveredAt === undefined ? at : iso(body.deliveredAt);
        p.deliveryLate = body.late === true;
        break;
      case 'record_payment':
        p.paidFen += Number(body.amountFen ?? 0);
        break;
      case 'suspend':
        p.stateBeforeSuspension = (body.fromState as string | undefined) ?? null;
        p.suspensions = [...p.suspensions, { from: at, to: null }];
        break;
      case 'resume':
        p.stateBeforeSuspension = null;
        p.suspensions = p.suspensions.map((s) => (s.to === null ? { ...s, to: at } : s));
        break;
      case 'extend':
        p.extensionDays = [...p.extensionDays, Number(body.days)];
        break;
      case 'request_recusal':
        p.recusals = [
          ...p.recusals,
          {
            officerId: String(body.officerId),
            officerName: String(body.officer),
            applicant: body.applicant as Recusal['applicant'],
            reason: String(body.reason),
            requestedAt: at,
            outcome: null,
            decidedAt: null,
            opinion: null,
          },
        ];
        break;
      case 'decide_recusal': {
        const pending = p.recusals.find((r) => r.officerId === body.officerId && r.outcome === null);
        const outcome = body.outcome as 'granted' | 'denied';
        p.recusals = p.recusals.map((r) =>
          r === pending ? { ...r, outcome, decidedAt: at, opinion: String(body.opinion) } : r,
        );
        if (outcome === 'granted') officers.delete(String(body.officerId));
        break;
      }
    }
  }
  p.officerIds = [...officers].sort();
  return p;
}

/** One column where the row and its record disagree; `column` names a jsonb key as `decision.amountFen`. */
export interface RowDifference {
  column: string;
  /** The column in plain words (zh-CN), for people. */
  label: string;
  stored: string;
  recorded: string;
}

export const COLUMN_LABELS: Record<string, string> = {
  orgId: '办案单位',
  itemId: '执法事项',
  source: '案件来源',
  partyKind: '当事人类型',
  partyName: '当事人',
  facts: '违法事实',
  occurredAt: '违法行为发生时间',
  state: '办理阶段',
  procedure: '程序',
  filedAt: '立案时间',
  notifiedAt: '事先告知时间',
  intended: '拟作出的处罚',
  hearingRights: '听证权利',
  hearingRequestedAt: '听证申请时间',
  hearingHeld: '听证举行',
  statementRecorded: '陈述申辩记录',
  statementWaived: '放弃陈述申辩',
  hearingWaived: '放弃听证',
  legalReviewOutcome: '法制审核结论',
  decision: '处罚决定',
  decidedAt: '决定时间',
  deviation: '超出裁量基准',
  deliveredAt: '送达时间',
  deliveryLate: '逾期送达',
  paidFen: '已缴罚没款',
  extensionDays: '延期天数',
  suspensions: '中止期间',
  stateBeforeSuspension: '中止前阶段',
  recusals: '回避',
  officerIds: '承办人员',
};

/** Key order does not matter; undefined members are absent (as in jsonb). */
function stable(v: unknown): string {
  if (v === undefined) return 'null';
  if (v instanceof Date) return JSON.stringify(v.toISOString());
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, x]) => `${JSON.stringify(k)}:${stable(x)}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

const short = (s: string) => (s.length > 200 ? `${s.slice(0, 197)}…` : s);
const isRecord = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);

/** The row's trusted columns as the projection holds them (dates as ISO strings). */
function storedValues(row: CaseRow, officerIds: readonly string[]): Record<keyof CaseProjection, unknown> {
  const d = (x: Date | null) => x?.toISOString() ?? null;
  return {
    orgId: row.orgId,
    itemId: row.itemId,
    source: row.source,
    partyKind: row.partyKind,
    partyName: row.partyName,
    facts: row.facts,
    occurredAt: d(row.occurredAt),
    state: row.state,
    procedure: row.procedure,
    filedAt: d(row.filedAt),
    notifiedAt: d(row.notifiedAt),
    intended: row.intended,
    hearingRights: row.hearingRights,
    hearingRequestedAt: d(row.hearingRequestedAt),
    hearingHeld: row.hearingHeld,
    statementRecorded: row.statementRecorded,
    statementWaived: row.statementWaived,
    hearingWaived: row.hearingWaived,
    legalReviewOutcome: row.legalReviewOutcome,
    decision: row.decision,
    decidedAt: d(row.decidedAt),
    deviation: row.deviation,
    deliveredAt: d(row.deliveredAt),
    deliveryLate: row.deliveryLate,
    paidFen: row.paidFen,
    extensionDays: row.extensionDays,
    suspensions: row.suspensions,
    stateBeforeSuspension: row.stateBeforeSuspension,
    recusals: row.recusals,
    officerIds: [...officerIds].sort(),
  };
}

/**
 * Every trusted column where the stored row differs from what its record implies; an object column (decision,
 * intended) is named down to the differing key.
 */
export function caseRowDifferences(
  row: CaseRow,
  officerIds: readonly string[],
  projection: CaseProjection,
): RowDifference[] {
  const stored = storedValues(row, officerIds);
  const out: RowDifference[] = [];
  for (const column of Object.keys(COLUMN_LABELS) as (keyof CaseProjection)[]) {
    const recorded = projection[column];
    if (recorded === undefined && !(column in projection)) continue; // not recorded (no register event)
    const s = stored[column];
    if (stable(s) === stable(recorded)) continue;
    const label = COLUMN_LABELS[column] as string;
    if (isRecord(s) && isRecord(recorded)) {
      for (const key of [...new Set([...Object.keys(s), ...Object.keys(recorded)])].sort())
        if (stable(s[key]) !== stable(recorded[key]))
          out.push({
            column: `${column}.${key}`,
            label,
            stored: short(stable(s[key])),
            recorded: short(stable(recorded[key])),
          });
    } else out.push({ column, label, stored: short(stable(s)), recorded: short(stable(recorded)) });
  }
  return out;
}

/** The row with its trusted columns as the record has them: what a view shows when the row was changed. */
export function rowFromProjection(row: CaseRow, p: CaseProjection): CaseRow {
  const date = (x: string | null) => (x === null ? null : new Date(x));
  return {
    ...row,
    state: p.state,
    procedure: p.procedure,
    filedAt: date(p.filedAt),
    notifiedAt: date(p.notifiedAt),
    // the record's JSON as the steps wrote it (the same shapes as the columns)
    intended: p.intended as CaseRow['intended'],
    hearingRights: p.hearingRights,
    hearingRequestedAt: date(p.hearingRequestedAt),
    hearingHeld: p.hearingHeld,
    statementRecorded: p.statementRecorded,
    statementWaived: p.statementWaived,
    hearingWaived: p.hearingWaived,
    legalReviewOutcome: p.legalReviewOutcome,
    decision: p.decision as CaseRow['decision'],
    decidedAt: date(p.decidedAt),
    deviation: p.deviation,
    deliveredAt: date(p.deliveredAt),
    deliveryLate: p.deliveryLate,
    paidFen: p.paidFen,
    extensionDays: p.extensionDays,
    suspensions: p.suspensions,
    stateBeforeSuspension: p.stateBeforeSuspension,
    recusals: p.recusals,
    ...(p.partyName !== undefined ? { partyName: p.partyName } : {}),
    ...(p.facts !== undefined ? { facts: p.facts } : {}),
  };
}
