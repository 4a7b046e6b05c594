import { Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { Publication } from '../../../../common/contracts/publicity.contract.js';
import type { PublicityStatus } from '../../../../common/enums.js';
import { PUBLICITY_STATUS_LABELS, WITHDRAW_REASON_LABELS } from '../../../../common/labels/publicity.js';
import { formatDateTime } from '../../components/format';
import type { ListColumn } from '../../components/ResponsiveList';

const STATUS_COLORS: Record<PublicityStatus, string> = {
  unpublished: 'orange',
  published: 'green',
  withdrawn: 'red',
  ended: 'default',
};

export const publicityPath = (caseId: string) => `/api/v1/publicity/${encodeURIComponent(caseId)}`;

/** ISO timestamp → "YYYY-MM-DD" in China Standard Time; "—" when empty. */
export const dateOf = (iso: string | null | undefined) => (iso ? formatDateTime(iso).slice(0, 10) : '—');

export function PublicityStatusTag({ status }: { status: PublicityStatus }) {
  return (
    <Tag
      color={STATUS_COLORS[status]}
      style={{ marginInlineEnd: 0 }}
      data-testid="publicity-status"
      data-status={status}
    >
      {PUBLICITY_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

/** Calendar days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const day = (d: string) => {
    const [y, m, dd] = d.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, dd) / 86_400_000;
  };
  return Math.round(day(to) - day(from));
}

/** 公示期限: the publish-by date, 预计 when the working-day calendar did not cover it, a red 逾期 tag when missed. */
export function PublishByText({ p }: { p: Pick<Publication, 'publishBy' | 'publishByProvisional' | 'overdue'> }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span data-testid="publish-by">{p.publishBy}</span>
      {p.publishByProvisional ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} title="工作日历未覆盖全部日期，按周一至周五推算">
          （预计）
        </Typography.Text>
      ) : null}
      {p.overdue ? (
        <Tag color="red" style={{ marginInlineStart: 6 }} data-testid="publicity-overdue">
          逾期
        </Tag>
      ) : null}
    </span>
  );
}

/** 状态: the tag, and for withdrawn / ended decisions why and when. */
export function StatusText({ p }: { p: Publication }) {
  let note: string | null = null;
  if (p.status === 'withdrawn') {
    note = `决定${p.withdrawReason ? WITHDRAW_REASON_LABELS[p.withdrawReason] : '撤销或更正'}，${dateOf(p.withdrawnAt)} 撤回`;
  } else if (p.status === 'ended') {
    note = p.endReason === 'credit_repair' ? `信用修复，${dateOf(p.endedAt)} 结束` : `公示期满（${p.endsOn ?? '—'}）`;
  }
  return (
    <span>
      <PublicityStatusTag status={p.status} />
      {p.status === 'withdrawn' && p.withdrawnLate ? (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          逾期撤回
        </Tag>
      ) : null}
      {note ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {note}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** 公示日期: when it was published (逾期公示 when after the publish-by date) and until when. */
export function PublishedText({ p }: { p: Publication }) {
  if (!p.publishedAt) return <>—</>;
  return (
    <span>
      <span style={{ whiteSpace: 'nowrap' }}>{dateOf(p.publishedAt)}</span>
      {p.publishedLate ? (
        <Tag color="orange" style={{ marginInlineStart: 6 }} data-testid="published-late">
          逾期公示
        </Tag>
      ) : null}
      {p.endsOn && p.status === 'published' ? (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          公示至 {p.endsOn}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** The columns both publicity lists start with: 案号 (to the case), 执法单位, 当事人, 决定日期. */
export const CASE_COLUMNS: ListColumn<Publication>[] = [
  {
    key: 'number',
    title: '案号',
    dataIndex: 'number',
    render: (_v, p) => (
      <Link to={`/cases/${encodeURIComponent(p.caseId)}`}>
        <Typography.Text strong style={{ color: 'inherit', whiteSpace: 'nowrap' }}>
          {p.number}
        </Typography.Text>
      </Link>
    ),
  },
  { key: 'orgName', title: '执法单位', dataIndex: 'orgName' },
  { key: 'partyName', title: '当事人', dataIndex: 'partyName' },
  {
    key: 'decidedAt',
    title: '决定日期',
    dataIndex: 'decidedAt',
    render: (_v, p) => <span style={{ whiteSpace: 'nowrap' }}>{dateOf(p.decidedAt)}</span>,
  },
];
