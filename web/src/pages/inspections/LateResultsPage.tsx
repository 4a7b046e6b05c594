/** 逾期未公示: inspection results past their publish-by date (20 working days) and still unpublished. */
import { Card, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import type { LateResult } from '../../../../common/contracts/inspections.contract.js';
import { formatDateTime } from '../../components/format';
import type { ListColumn } from '../../components/ResponsiveList';
import { usePagedList } from '../../components/usePagedList';
import { PagedList } from './PagedList';

const NO_QUERY = {};

export default function LateResultsPage() {
  const list = usePagedList<LateResult>('/api/v1/inspection-tasks/late-results', NO_QUERY);
  const columns = useMemo<ListColumn<LateResult>[]>(
    () => [
      { key: 'entityName', title: '检查对象', dataIndex: 'entityName' },
      {
        key: 'task',
        title: '抽查任务',
        render: (_v, r) => (
          <span>
            <Link to={`/inspections/tasks/${encodeURIComponent(r.taskId)}`}>{r.taskName}</Link>
            <br />
            <Typography.Text type="secondary">{r.planName}</Typography.Text>
          </span>
        ),
      },
      { key: 'orgs', title: '实施部门', render: (_v, r) => r.orgs.map((o) => o.name).join('、') },
      { key: 'inspectedAt', title: '检查时间', render: (_v, r) => formatDateTime(r.inspectedAt) },
      { key: 'publishBy', title: '公示期限', dataIndex: 'publishBy' },
      {
        key: 'late',
        title: '逾期',
        render: (_v, r) => (
          <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="late-days">
            逾期 {r.workingDaysLate} 个工作日
          </Tag>
        ),
      },
    ],
    [],
  );
  return (
    <Card size="small">
      <Typography.Title level={2} style={{ margin: 0, marginBottom: 12, fontSize: 18 }}>
        逾期未公示的抽查结果
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        抽查检查结果应自检查之日起 20 个工作日内公示；以下结果已过公示期限仍未公示，期限最早的在前。
      </Typography.Paragraph>
      <PagedList<LateResult>
        list={list}
        columns={columns}
        ariaLabel="逾期未公示的抽查结果"
        rowKey={(r) => r.resultId}
      />
    </Card>
  );
}
