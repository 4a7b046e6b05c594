import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, InputNumber, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { InspectionPlanSummary } from '../../../../common/contracts/inspections.contract.js';
import {
  INSPECTION_PLAN_STATUS_LABELS,
  INSPECTION_PLAN_STATUSES,
  type InspectionPlanStatus,
} from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { JointTag, names, PlanStatusTag } from './labels';
import { PlanFormModal } from './PlanFormModal';

interface Filters {
  year?: number;
  status?: InspectionPlanStatus;
}

const STATUS_OPTIONS = INSPECTION_PLAN_STATUSES.map((s) => ({ value: s, label: INSPECTION_PLAN_STATUS_LABELS[s] }));

/** 抽查计划: the random-inspection plans of the caller's departments (joint ones too), published or not. */
export default function InspectionPlansPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [filters, setFilters] = useState<Filters>({});
  const creating = params.get('create') === '1';
  const setCreating = (on: boolean) =>
    setParams((p) => {
      if (on) p.set('create', '1');
      else p.delete('create');
      return p;
    });
  const query = useMemo(
    () => compact({ year: filters.year === undefined ? undefined : String(filters.year), status: filters.status }),
    [filters],
  );
  const list = usePagedList<InspectionPlanSummary>('/api/v1/inspection-plans', query);

  const columns: ListColumn<InspectionPlanSummary>[] = [
    {
      key: 'name',
      title: '计划名称',
      dataIndex: 'name',
      render: (_v, p) => <Link to={`/inspections/plans/${encodeURIComponent(p.id)}`}>{p.name}</Link>,
    },
    { key: 'year', title: '年度', render: (_v, p) => `${p.year} 年` },
    {
      key: 'orgs',
      title: '实施部门',
      render: (_v, p) => (
        <Flex wrap gap={4} align="center">
          <span>{names(p.orgs)}</span>
          <JointTag joint={p.joint} />
        </Flex>
      ),
    },
    { key: 'period', title: '实施期间', render: (_v, p) => `${p.from} 至 ${p.to}` },
    { key: 'inspectors', title: '每户检查人员', render: (_v, p) => `${p.inspectorsPerTarget} 名` },
    { key: 'status', title: '状态', render: (_v, p) => <PlanStatusTag value={p.status} /> },
    { key: 'tasks', title: '抽查任务', render: (_v, p) => `${p.taskCount} 个` },
  ];

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          抽查计划
        </Typography.Title>
        {mayDo(me, 'inspection_plan.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            制定抽查计划
          </Button>
        ) : null}
      </Flex>
      <SearchForm<Filters>
        name="inspectionPlanSearch"
        ariaLabel="抽查计划查询"
        onSearch={(v) => setFilters({ year: v.year ?? undefined, status: v.status ?? undefined })}
        onReset={() => setFilters({})}
        fields={[
          {
            name: 'year',
            label: '年度',
            node: <InputNumber min={2020} max={2099} placeholder="全部" style={{ width: '100%' }} />,
          },
          { name: 'status', label: '状态', node: <Select allowClear placeholder="全部" options={STATUS_OPTIONS} /> },
        ]}
      />
      <ResponsiveList<InspectionPlanSummary>
        ariaLabel="抽查计划列表"
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
        onSaved={(plan) => navigate(`/inspections/plans/${encodeURIComponent(plan.id)}`)}
      />
    </Card>
  );
}
