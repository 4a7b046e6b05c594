import { ProfileOutlined } from '@ant-design/icons';
import { Button, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { CaseRow } from '../../../../common/contracts/cases.contract.js';
import { formatDateTime } from '../../components/format';
import type { ListColumn } from '../../components/ResponsiveList';
import { CaseStateTag, DeadlineText } from './caseDisplay';

/** Columns of a case list (案件管理, 法制审核). */
export const caseColumns = (navigate: (to: string) => void): ListColumn<CaseRow>[] => [
  {
    key: 'number',
    title: '案号',
    dataIndex: 'number',
    render: (_v, c) => (
      <Link to={`/cases/${encodeURIComponent(c.id)}`}>
        <Typography.Text strong style={{ color: 'inherit', whiteSpace: 'nowrap' }}>
          {c.number}
        </Typography.Text>
      </Link>
    ),
  },
  { key: 'partyName', title: '当事人', dataIndex: 'partyName' },
  {
    key: 'item',
    title: '执法事项',
    render: (_v, c) =>
      c.item ? (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: c.item.name }} style={{ margin: 0, maxWidth: 280 }}>
          {c.item.name}
        </Typography.Paragraph>
      ) : (
        '—'
      ),
  },
  {
    key: 'officers',
    title: '承办人员',
    render: (_v, c) => (c.officers?.length ? c.officers.map((o) => o.name).join('、') : '未指派'),
  },
  { key: 'orgName', title: '办案单位', dataIndex: 'orgName' },
  {
    key: 'state',
    title: '阶段',
    dataIndex: 'stateLabel',
    render: (_v, c) => <CaseStateTag state={c.state} label={c.stateLabel} />,
  },
  { key: 'deadline', title: '办案期限', render: (_v, c) => <DeadlineText deadline={c.deadline} state={c.state} /> },
  {
    key: 'deviation',
    title: '偏离基准',
    dataIndex: 'deviation',
    render: (_v, c) => (c.deviation ? <Tag color="orange">偏离基准</Tag> : '—'),
  },
  {
    key: 'updatedAt',
    title: '更新时间',
    dataIndex: 'updatedAt',
    render: (_v, c) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(c.updatedAt)}</span>,
  },
  {
    key: 'actions',
    title: '操作',
    render: (_v, c) => (
      <Button
        type="link"
        size="small"
        icon={<ProfileOutlined />}
        style={{ paddingInline: 0 }}
        onClick={() => navigate(`/cases/${encodeURIComponent(c.id)}`)}
        aria-label={`详情：案件 ${c.number}`}
      >
        详情
      </Button>
    ),
  },
];
