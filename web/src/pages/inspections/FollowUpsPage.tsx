/** 整改复查: the re-inspections that rectification orders opened, due after their rectification deadline. */
import { Card, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { FollowUp } from '../../../../common/contracts/inspections.contract.js';
import { FOLLOW_UP_STATUS_LABELS, FOLLOW_UP_STATUSES, type FollowUpStatus } from '../../../../common/enums.js';
import type { ListColumn } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { PagedList } from './PagedList';

export default function FollowUpsPage() {
  const [status, setStatus] = useState<FollowUpStatus | undefined>('open');
  const query = useMemo(() => compact({ status }), [status]);
  const list = usePagedList<FollowUp>('/api/v1/inspection-follow-ups', query);
  const columns = useMemo<ListColumn<FollowUp>[]>(
    () => [
      { key: 'entityName', title: '检查对象', dataIndex: 'entityName' },
      {
        key: 'task',
        title: '抽查任务',
        render: (_v, f) => <Link to={`/inspections/tasks/${encodeURIComponent(f.taskId)}`}>{f.taskName}</Link>,
      },
      { key: 'dueFrom', title: '整改期限', dataIndex: 'dueFrom' },
      {
        key: 'status',
        title: '状态',
        render: (_v, f) => (
          <Tag color={f.status === 'open' ? 'orange' : 'green'} style={{ marginInlineEnd: 0 }}>
            {FOLLOW_UP_STATUS_LABELS[f.status]}
          </Tag>
        ),
      },
      {
        key: 'actions',
        title: '操作',
        render: (_v, f) =>
          f.status === 'open' ? (
            <Link
              to={`/inspections/tasks/${encodeURIComponent(f.taskId)}/targets/${encodeURIComponent(f.entityId)}`}
              aria-label={`录入复查结果：${f.entityName}`}
            >
              录入复查结果
            </Link>
          ) : null,
      },
    ],
    [],
  );
  return (
    <Card size="small">
      <Typography.Title level={2} style={{ margin: 0, marginBottom: 12, fontSize: 18 }}>
        整改复查
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        抽查发现问题并责令整改的，整改期限届满后进行复查（个案检查），复查结果与抽查结果一并公示。
      </Typography.Paragraph>
      <SearchForm<{ status?: FollowUpStatus }>
        name="followUpSearch"
        ariaLabel="整改复查查询"
        initialValues={{ status: 'open' }}
        onSearch={(v) => setStatus(v.status)}
        onReset={() => setStatus(undefined)}
        fields={[
          {
            name: 'status',
            label: '状态',
            node: (
              <Select
                allowClear
                placeholder="全部"
                options={FOLLOW_UP_STATUSES.map((s) => ({ value: s, label: FOLLOW_UP_STATUS_LABELS[s] }))}
              />
            ),
          },
        ]}
      />
      <PagedList<FollowUp> list={list} columns={columns} ariaLabel="整改复查" rowKey={(f) => f.id} />
    </Card>
  );
}
