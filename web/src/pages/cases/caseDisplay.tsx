import { Badge, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import {
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  type CaseAction,
  type CaseState,
  PRE_DECISION_STATES,
} from '../../../../common/case-flow.js';
import {
  CIRCUMSTANCE_LABELS,
  type Circumstance,
  PENALTY_KIND_LABELS,
  type PenaltyKind,
  ROLE_LABELS,
  type Role,
} from '../../../../common/enums.js';
import type { CaseDeadline } from '../../../../common/contracts/cases.contract.js';
import {
  CASE_SOURCE_LABELS,
  DELIVERY_METHOD_LABELS,
  PARTY_KIND_LABELS,
  PAYMENT_CHANNEL_LABELS,
  REVIEW_OUTCOME_LABELS,
} from '../../../../common/labels/cases.js';
import { formatDateTime } from '../../components/format';
import { yuanNumber, yuanText } from '../../../../common/money.js';

const STATE_COLORS: Partial<Record<CaseState, string>> = {
  registered: 'default',
  filed: 'blue',
  investigating: 'blue',
  reviewing: 'geekblue',
  notified: 'cyan',
  hearing: 'purple',
  legal_review: 'purple',
  collective_discussion: 'purple',
  decided: 'green',
  delivered: 'green',
  executing: 'lime',
  closed: 'default',
  archived: 'default',
  not_filed: 'default',
  no_penalty: 'default',
  transferred: 'orange',
  suspended: 'orange',
  terminated: 'red',
};

export const caseStateLabel = (s: string) => CASE_STATE_LABELS[s as CaseState] ?? s;

export function CaseStateTag({ state, label }: { state: string; label?: string }) {
  return (
    <Tag color={STATE_COLORS[state as CaseState] ?? 'default'} style={{ marginInlineEnd: 0 }} data-testid="case-state">
      {label ?? caseStateLabel(state)}
    </Tag>
  );
}

const PUBLICITY_EVENT_LABELS: Record<string, string> = {
  publicity_publish: '公示',
  publicity_withdraw: '撤回公示',
  publicity_end: '结束公示',
};

/** Record event types: the actions, 'register' for the first event, and the publicity events. */
export function eventLabel(type: string): string {
  if (type === 'register') return '案源登记';
  return CASE_ACTION_LABELS[type as CaseAction] ?? PUBLICITY_EVENT_LABELS[type] ?? type;
}

export const rolesText = (role: string | null) =>
  role
    ? role
        .split(',')
        .map((r) => ROLE_LABELS[r.trim() as Role] ?? r)
        .join('、')
    : '—';

/** 2000000 fen → "20,000 元". */
export const yuan = (fen: number | null | undefined) => (typeof fen === 'number' ? yuanText(fen) : '—');

export const circumstanceLabel = (c: string) => CIRCUMSTANCE_LABELS[c as Circumstance] ?? c;
export const penaltyKindsText = (kinds: readonly string[] | undefined) =>
  kinds && kinds.length > 0 ? kinds.map((k) => PENALTY_KIND_LABELS[k as PenaltyKind] ?? k).join('、') : '无';

/** "一般 · 罚款 · 20,000 元" — a penalty (intended or decided) on one line. */
export function penaltyText(p: { circumstance: string; penaltyKinds: string[]; amountFen: number }): string {
  const parts = [circumstanceLabel(p.circumstance), penaltyKindsText(p.penaltyKinds)];
  if (p.amountFen > 0 || p.penaltyKinds.includes('fine')) parts.push(yuan(p.amountFen));
  return parts.join(' · ');
}

/** "18,500–36,500 元" (or "不设罚款"). */
export function rangeText(allowed: { minFen: number | null; maxFen: number | null } | null | undefined): string {
  if (!allowed || allowed.minFen === null || allowed.maxFen === null) return '不设罚款';
  return `${yuanNumber(allowed.minFen)}–${yuanText(allowed.maxFen)}`;
}

const SIZE = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 1 });
export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${SIZE.format(bytes / 1024)} KB`;
  return `${SIZE.format(bytes / 1024 / 1024)} MB`;
}

/** Whether the decision time limit is counting (or paused) in this state. */
export const deadlineRunning = (state: string) =>
  state === 'suspended' || PRE_DECISION_STATES.includes(state as CaseState);

/** The decision time limit: "剩余 N 日", a red "已超期 N 日" badge, or — when the clock stopped — a note. */
export function DeadlineText({ deadline, state }: { deadline: CaseDeadline | null; state: string }) {
  if (!deadline) return <>—</>;
  if (deadline.overdue) {
    return (
      <Badge
        status="error"
        text={
          <span style={{ color: '#cf1322', whiteSpace: 'nowrap' }}>已超期 {Math.abs(deadline.daysRemaining)} 日</span>
        }
        data-testid="deadline-overdue"
      />
    );
  }
  if (state === 'suspended') return <Typography.Text type="warning">中止，暂停计算</Typography.Text>;
  if (!deadlineRunning(state)) return <Typography.Text type="secondary">已停止计算</Typography.Text>;
  return (
    <span style={{ whiteSpace: 'nowrap', color: deadline.daysRemaining <= 7 ? '#d46b08' : undefined }}>
      剩余 {deadline.daysRemaining} 日
    </span>
  );
}

// ── record payloads ──

const bool = (v: unknown) => (v ? '是' : '否');
const labelOf = (labels: Record<string, string>) => (v: unknown) => labels[String(v)] ?? String(v);
const fen = (v: unknown) => (typeof v === 'number' ? yuan(v) : String(v));
const time = (v: unknown) => formatDateTime(typeof v === 'string' ? v : null);
const list = (v: unknown) => (Array.isArray(v) ? v.map(String).join('、') : String(v));

/** Payload fields worth showing, in display order, with their Chinese label and formatter. */
const PAYLOAD_FIELDS: {
  key: string;
  label: string;
  format?: (v: unknown, payload: Record<string, unknown>) => ReactNode;
}[] = [
  { key: 'source', label: '案件来源', format: labelOf(CASE_SOURCE_LABELS) },
  { key: 'partyKind', label: '当事人类型', format: labelOf(PARTY_KIND_LABELS) },
  { key: 'partyName', label: '当事人' },
  { key: 'occurredAt', label: '发生时间', format: time },
  { key: 'officers', label: '承办人员', format: list },
  { key: 'description', label: '证据说明' },
  { key: 'opinion', label: '意见' },
  { key: 'summary', label: '摘要' },
  { key: 'outcome', label: '审核结论', format: labelOf(REVIEW_OUTCOME_LABELS) },
  { key: 'circumstance', label: '情节', format: (v) => circumstanceLabel(String(v)) },
  { key: 'penaltyKinds', label: '处罚种类', format: (v) => penaltyKindsText(Array.isArray(v) ? v.map(String) : []) },
  { key: 'amountFen', label: '罚款金额', format: fen },
  { key: 'illegalIncomeFen', label: '违法所得', format: fen },
  { key: 'goodsValueFen', label: '货值金额', format: fen },
  { key: 'hearingRights', label: '享有听证权利', format: bool },
  {
    key: 'benchmark',
    label: '裁量基准',
    format: (v) => {
      const b = v as { ownerOrgName?: string; version?: number } | null;
      return b ? `${b.ownerOrgName ?? ''} 第 ${b.version ?? '?'} 版` : '无适用基准';
    },
  },
  {
    key: 'allowed',
    label: '基准幅度',
    format: (v) => rangeText(v as { minFen: number | null; maxFen: number | null } | null),
  },
  { key: 'withinRange', label: '在基准幅度内', format: bool },
  { key: 'deviationReason', label: '偏离理由' },
  { key: 'statement', label: '陈述申辩' },
  { key: 'waivesStatement', label: '放弃陈述申辩', format: bool },
  { key: 'waivesHearing', label: '放弃听证', format: bool },
  { key: 'requestedBy', label: '申请人' },
  { key: 'heldAt', label: '举行时间', format: time },
  { key: 'participants', label: '参加人员', format: list },
  { key: 'conclusion', label: '讨论结论' },
  { key: 'method', label: '送达方式', format: labelOf(DELIVERY_METHOD_LABELS) },
  { key: 'deliveredAt', label: '送达时间', format: time },
  { key: 'consentRef', label: '电子送达确认书' },
  { key: 'late', label: '超期送达', format: bool },
  { key: 'channel', label: '缴款渠道', format: labelOf(PAYMENT_CHANNEL_LABELS) },
  { key: 'reference', label: '交易流水号' },
  { key: 'paidAt', label: '缴款时间', format: time },
  { key: 'receiptNumber', label: '票据号码' },
  { key: 'archiveNumber', label: '档案号' },
  { key: 'days', label: '延长期限', format: (v) => `${String(v)} 日` },
  { key: 'approvalRef', label: '批准文号' },
  { key: 'to', label: '移送至' },
  { key: 'reason', label: '理由' },
  { key: 'reasons', label: '理由及依据' },
  { key: 'education', label: '教育措施' },
  { key: 'facts', label: '违法事实' },
  { key: 'publishBy', label: '公示期限' },
  { key: 'endsOn', label: '公示至' },
  { key: 'revokedAt', label: '撤销或更正时间', format: time },
  { key: 'withdrawBy', label: '撤回期限' },
  { key: 'note', label: '说明' },
];

/** Labels that read differently for some event types (the same payload key means another thing there). */
const LABELS_BY_TYPE: Record<string, Record<string, string>> = {
  publicity_publish: { late: '逾期公示' },
  publicity_withdraw: { late: '逾期撤回', reason: '撤回原因' },
  publicity_end: { reason: '结束原因', reference: '信用修复决定文号' },
};

/** Values that read differently for some event types. */
const VALUES_BY_TYPE: Record<string, Record<string, Record<string, string>>> = {
  publicity_withdraw: { reason: { revoked: '决定被撤销', corrected: '决定被更正' } },
  publicity_end: { reason: { credit_repair: '信用修复' } },
};

/** Keys that are shown elsewhere or are internal (ids, the state change shown in the title). */
const HIDDEN = new Set(['itemId', 'officerIds', 'chairOfficerId', 'fromState', 'toState', 'tier', 'location']);

/** The payload of a record event as [label, value] pairs, known fields first, unknown simple ones after. */
export function payloadEntries(
  payload: Record<string, unknown>,
  type?: string,
): { key: string; label: string; value: ReactNode }[] {
  const out: { key: string; label: string; value: ReactNode }[] = [];
  const known = new Set<string>();
  const labels = type ? LABELS_BY_TYPE[type] : undefined;
  const values = type ? VALUES_BY_TYPE[type] : undefined;
  for (const f of PAYLOAD_FIELDS) {
    known.add(f.key);
    const v = payload[f.key];
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v) && v.length === 0 && f.key !== 'penaltyKinds') continue;
    const named = values?.[f.key]?.[String(v)];
    out.push({
      key: f.key,
      label: labels?.[f.key] ?? f.label,
      value: named ?? (f.format ? f.format(v, payload) : String(v)),
    });
  }
  for (const [k, v] of Object.entries(payload)) {
    if (known.has(k) || HIDDEN.has(k) || v === null || v === undefined || v === '' || typeof v === 'object') continue;
    out.push({ key: k, label: k, value: String(v) });
  }
  return out;
}
