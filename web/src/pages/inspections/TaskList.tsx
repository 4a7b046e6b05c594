/** A list of 抽查任务 (all of the caller's, or one plan's): state, deadline and how far results have come. */
import { Flex, Progress } from 'antd';
import { Link } from 'react-router';
import type { InspectionTaskSummary } from '../../../../common/contracts/inspections.contract.js';
import type { Query } from '../../api/client';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { usePagedList } from '../../components/usePagedList';
import { JointTag, names, TaskStateTag } from './labels';

export function TaskList({
  query,
  ariaLabel,
  withPlan = true,
  pageSize = 20,
}: {
  /** Referentially stable between renders when unchanged. */
  query: Query;
  ariaLabel: string;
  /** Show the plan and its departments (not on the plan's own page). */
  withPlan?: boolean;
  pageSize?: number;
}) {
  const list = usePagedList<InspectionTaskSummary>('/api/v1/inspection-tasks', query, pageSize);
  const all: ListColumn<InspectionTaskSummary>[] = [
    {
      key: 'name',
      title: '任务名称',
      render: (_v, t) => <Link to={`/inspections/tasks/${encodeURIComponent(t.id)}`}>{t.name}</Link>,
    },
    { key: 'plan', title: '抽查计划', dataIndex: 'planName' },
    {
      key: 'orgs',
      title: '实施部门',
      render: (_v, t) => (
        <Flex wrap gap={4} align="center">
          <span>{names(t.orgs)}</span>
          <JointTag joint={t.joint} />
        </Flex>
      ),
    },
    { key: 'state', title: '状态', render: (_v, t) => <TaskStateTag value={t.state} /> },
    { key: 'deadline', title: '完成期限', dataIndex: 'deadline' },
    {
      key: 'progress',
      title: '结果录入',
      render: (_v, t) =>
        t.targetCount === 0 ? (
          '尚未抽取'
        ) : (
          <Flex vertical gap={2} style={{ minWidth: 140 }}>
            <span>
              已录入 {t.resultCount} / {t.targetCount} 户，已公示 {t.publishedCount} 户
            </span>
            <Progress
              percent={Math.round((t.resultCount / t.targetCount) * 100)}
              size="small"
              aria-label={`已录入 ${t.resultCount} / ${t.targetCount} 户`}
            />
          </Flex>
        ),
    },
  ];
  const columns = withPlan ? all : all.filter((c) => c.key !== 'plan' && c.key !== 'orgs');
  return (
    <ResponsiveList<InspectionTaskSummary>
      ariaLabel={ariaLabel}
      columns={columns}
      dataSource={list.data}
      rowKey={(t) => t.id}
      loading={list.loading}
      error={list.error}
      pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
    />
  );
}
