import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { ComplaintSummary } from '../../../../common/contracts/complaints.contract.js';
import {
  COMPLAINT_CHANNEL_LABELS,
  COMPLAINT_STATE_LABELS,
  type ComplaintChannel,
  type ComplaintState,
} from '../../../../common/enums.js';
import { formatDateTime } from '../../components/format';
import type { ListColumn } from '../../components/ResponsiveList';

const STATE_COLORS: Record<ComplaintState, string> = {
  received: 'orange',
  accepted: 'blue',
  transferred: 'purple',
  disputed: 'purple',
  replied: 'cyan',
  closed: 'green',
  rejected: 'default',
  merged: 'default',
};

/** States whose handling limit still runs (or is paused): the due badge counts working days for them. */
const OPEN: readonly ComplaintState[] = ['received', 'accepted', 'transferred', 'disputed'];

export const complaintPath = (id: string) => `/complaints/${encodeURIComponent(id)}`;
export const channelLabel = (c: ComplaintChannel) => COMPLAINT_CHANNEL_LABELS[c] ?? '其他';

export function ComplaintStateTag({ state }: { state: ComplaintState }) {
  return (
    <Tag color={STATE_COLORS[state]} style={{ marginInlineEnd: 0 }} data-testid="complaint-state" data-state={state}>
      {COMPLAINT_STATE_LABELS[state] ?? '—'}
    </Tag>
  );
}

/** 剩余 N 个工作日 / 今日到期 / 逾期 N 个工作日 for an open complaint; the due date alone once it is answered or closed. */
export function DueBadge({ c }: { c: Pick<ComplaintSummary, 'state' | 'dueDate' | 'dueInWorkingDays' | 'overdue'> }) {
  if (!OPEN.includes(c.state))
    return (
      <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
        期限 {c.dueDate}
      </Typography.Text>
    );
  const n = c.dueInWorkingDays;
  const paused = c.state === 'transferred' || c.state === 'disputed';
  const [color, text] =
    n < 0 || c.overdue
      ? ['red', `逾期 ${Math.max(1, -n)} 个工作日`]
      : n === 0
        ? ['orange', '今日到期']
        : [n <= 2 ? 'orange' : 'blue', `剩余 ${n} 个工作日`];
  return (
    <span style={{ whiteSpace: 'nowrap' }} title={`办理期限 ${c.dueDate}${paused ? '（转办、异议期间暂停计算）' : ''}`}>
      <Tag color={color} style={{ marginInlineEnd: 0 }} data-testid="due-badge" data-days={n}>
        {text}
      </Tag>
    </span>
  );
}

/** The columns the inbox and the overdue list share. */
export const COMPLAINT_COLUMNS: ListColumn<ComplaintSummary>[] = [
  {
    key: 'trackingNumber',
    title: '受理编号',
    dataIndex: 'trackingNumber',
    render: (_v, c) => (
      <Link to={complaintPath(c.id)} style={{ whiteSpace: 'nowrap' }}>
        {c.trackingNumber}
      </Link>
    ),
  },
  {
    key: 'summary',
    title: '事项',
    dataIndex: 'summary',
    render: (_v, c) => (
      <span style={{ display: 'inline-block', maxWidth: 360, whiteSpace: 'normal', wordBreak: 'break-word' }}>
        {c.summary}
      </span>
    ),
  },
  { key: 'kind', title: '类别', dataIndex: 'kindLabel' },
  { key: 'channel', title: '来源', dataIndex: 'channel', render: (_v, c) => channelLabel(c.channel) },
  { key: 'state', title: '状态', dataIndex: 'state', render: (_v, c) => <ComplaintStateTag state={c.state} /> },
  { key: 'due', title: '办理期限', dataIndex: 'dueDate', render: (_v, c) => <DueBadge c={c} /> },
  {
    key: 'handlingOrg',
    title: '承办单位',
    render: (_v, c) =>
      c.pendingOrg ? (
        <span>
          {c.handlingOrg.name}
          <Typography.Text type="secondary"> → {c.pendingOrg.name}（待接收）</Typography.Text>
        </span>
      ) : (
        c.handlingOrg.name
      ),
  },
  {
    key: 'receivedAt',
    title: '收到时间',
    dataIndex: 'receivedAt',
    render: (_v, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.receivedAt)}</span>,
  },
];
