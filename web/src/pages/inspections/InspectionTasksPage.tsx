import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Progress, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { InspectionTaskSummary } from '../../../../common/contracts/inspections.contract.js';
import {
  INSPECTION_TASK_STATE_LABELS,
  INSPECTION_TASK_STATES,
  type InspectionTaskState,
} from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { JointTag, names, TaskStateTag } from './labels';
import { TaskFormModal } from './TaskFormModal';

const STATE_OPTIONS = INSPECTION_TASK_STATES.map((s) => ({ value: s, label: INSPECTION_TASK_STATE_LABELS[s] }));

/** 抽查任务: each task's draw state and how many of its targets have a recorded and a published result. */
export default function InspectionTasksPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [state, setState] = useState<InspectionTaskState | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const query = useMemo(() => compact({ state }), [state]);
  const list = usePagedList<InspectionTaskSummary>('/api/v1/inspection-tasks', query);

  const columns: ListColumn<InspectionTaskSummary>[] = [
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

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          抽查任务
        </Typography.Title>
        {/* tasks are created under a plan whose abilities allow it (create_task); heads of departments do both */}
        {mayDo(me, 'inspection_plan.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            创建抽查任务
          </Button>
        ) : null}
      </Flex>
      <SearchForm<{ state?: InspectionTaskState }>
        name="inspectionTaskSearch"
        ariaLabel="抽查任务查询"
        onSearch={(v) => setState(v.state ?? undefined)}
        onReset={() => setState(undefined)}
        fields={[
          { name: 'state', label: '状态', node: <Select allowClear placeholder="全部" options={STATE_OPTIONS} /> },
        ]}
      />
      <ResponsiveList<InspectionTaskSummary>
        ariaLabel="抽查任务列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(t) => t.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <TaskFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(task) => navigate(`/inspections/tasks/${encodeURIComponent(task.id)}`)}
      />
    </Card>
  );
}
