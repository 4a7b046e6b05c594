import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, InputNumber, Progress, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { PlanSummary } from '../../../../common/contracts/supervision.contract.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { PlanFormModal } from './PlanFormModal';

/** 监督工作计划: the plans of the supervising body and of those it oversees, each with how far it has come. */
export default function SupervisionPlansPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [year, setYear] = useState<number | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const query = useMemo(() => compact({ year: year === undefined ? undefined : String(year) }), [year]);
  const list = usePagedList<PlanSummary>('/api/v1/supervision/plans', query);

  const columns: ListColumn<PlanSummary>[] = [
    {
      key: 'year',
      title: '年度',
      dataIndex: 'year',
      render: (_v, p) => <Link to={`/supervision/plans/${encodeURIComponent(p.id)}`}>{p.year} 年度</Link>,
    },
    { key: 'bodyOrgName', title: '监督机关', dataIndex: 'bodyOrgName' },
    {
      key: 'progress',
      title: '完成情况',
      render: (_v, p) => (
        <Flex vertical gap={2} style={{ minWidth: 140 }}>
          <span>
            已完成 {p.doneCount} / {p.itemCount} 项
          </span>
          <Progress
            percent={p.itemCount === 0 ? 0 : Math.round((p.doneCount / p.itemCount) * 100)}
            size="small"
            aria-label={`完成 ${p.doneCount} / ${p.itemCount} 项`}
          />
        </Flex>
      ),
    },
    {
      key: 'overdue',
      title: '逾期事项',
      render: (_v, p) => (p.overdueCount > 0 ? <Tag color="red">逾期 {p.overdueCount} 项</Tag> : <span>无</span>),
    },
  ];

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          监督工作计划
        </Typography.Title>
        {mayDo(me, 'supervision_plan.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            制定年度计划
          </Button>
        ) : null}
      </Flex>
      <SearchForm<{ year?: number }>
        name="planSearch"
        ariaLabel="监督工作计划查询"
        onSearch={(v) => setYear(v.year ?? undefined)}
        onReset={() => setYear(undefined)}
        fields={[
          {
            name: 'year',
            label: '年度',
            node: <InputNumber min={2020} max={2099} placeholder="全部" style={{ width: '100%' }} />,
          },
        ]}
      />
      <ResponsiveList<PlanSummary>
        ariaLabel="监督工作计划列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(p) => p.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <PlanFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(plan) => navigate(`/supervision/plans/${encodeURIComponent(plan.id)}`)}
      />
    </Card>
  );
}
