import { Tag } from 'antd';
import {
  DELEGATION_ACTION_LABELS,
  DELEGATION_EVALUATION_RESULT_LABELS,
  DELEGATION_STATUS_LABELS,
  type DelegationAction,
  type DelegationEvaluationResult,
  type DelegationStatus,
} from '../../../../common/enums.js';
import type { Delegation, DelegationStepAction } from '../../../../common/contracts/delegation.contract.js';

const STATUS_COLORS: Record<DelegationStatus, string> = {
  proposed: 'default',
  county_approved: 'cyan',
  city_decided: 'geekblue',
  announced: 'green',
  evaluated: 'purple',
  recalled: 'red',
};

export const delegationStatusLabel = (s: string) => DELEGATION_STATUS_LABELS[s as DelegationStatus] ?? s;

export function DelegationStatusTag({ status }: { status: string }) {
  return (
    <Tag color={STATUS_COLORS[status as DelegationStatus] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {delegationStatusLabel(status)}
    </Tag>
  );
}

export const stepActionLabel = (a: DelegationStepAction | string) =>
  a === 'propose' ? '提出赋权' : (DELEGATION_ACTION_LABELS[a as DelegationAction] ?? a);

/** The next actions allowed in each status (the server's DELEGATION_FLOW). */
export const NEXT_ACTIONS: Record<DelegationStatus, DelegationAction[]> = {
  proposed: ['county_approve'],
  county_approved: ['city_decide'],
  city_decided: ['announce'],
  announced: ['evaluate', 'recall'],
  evaluated: ['evaluate', 'recall'],
  recalled: [],
};

/** Chinese names of a step's payload fields; `reason` and `date` depend on the action. */
export function payloadLabel(action: string, field: string): string {
  switch (field) {
    case 'meetingDate':
      return '会议日期';
    case 'meetingNumber':
      return '会议名称';
    case 'announcementNumber':
      return action === 'recall' ? '收回公告文号' : '公告文号';
    case 'effectiveDate':
      return '生效日期';
    case 'date':
      return action === 'recall' ? '收回日期' : action === 'evaluate' ? '评估日期' : '日期';
    case 'result':
      return '评估结论';
    case 'comments':
      return '意见';
    case 'reason':
      return action === 'recall' ? '收回原因' : '理由';
    default:
      return field;
  }
}

/** Order in which payload fields are shown. */
const FIELD_ORDER = [
  'meetingDate',
  'meetingNumber',
  'announcementNumber',
  'effectiveDate',
  'date',
  'result',
  'comments',
  'reason',
];

export function payloadEntries(
  action: string,
  payload: Record<string, unknown>,
): { key: string; label: string; value: string }[] {
  const keys = Object.keys(payload).sort((a, b) => {
    const ia = FIELD_ORDER.indexOf(a);
    const ib = FIELD_ORDER.indexOf(b);
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  });
  return keys
    .filter((k) => payload[k] !== null && payload[k] !== undefined && payload[k] !== '')
    .map((k) => {
      const raw = payload[k];
      const value =
        k === 'result'
          ? (DELEGATION_EVALUATION_RESULT_LABELS[raw as DelegationEvaluationResult] ?? String(raw))
          : String(raw);
      return { key: k, label: payloadLabel(action, k), value };
    });
}

/** "对未按规定分类投放生活垃圾的处罚 等 3 项". */
export function itemsSummary(d: Pick<Delegation, 'items'>): string {
  const own = d.items.filter((i) => !i.parentItemId || !d.items.some((p) => p.id === i.parentItemId));
  const first = own[0] ?? d.items[0];
  if (!first) return '—';
  return d.items.length > 1 ? `${first.name} 等 ${d.items.length} 项` : first.name;
}
