import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  INSPECTION_TASK_STATE_LABELS,
  INSPECTION_TASK_STATES,
  type InspectionTaskState,
} from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { compact, SearchForm } from '../../components/SearchForm';
import { TaskFormModal } from './TaskFormModal';
import { TaskList } from './TaskList';

const STATE_OPTIONS = INSPECTION_TASK_STATES.map((s) => ({ value: s, label: INSPECTION_TASK_STATE_LABELS[s] }));

/** 抽查任务: each task's draw state and how many of its targets have a recorded and a published result. */
export default function InspectionTasksPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [state, setState] = useState<InspectionTaskState | undefined>(undefined);
  const [creating, setCreating] = useState(false);
  const query = useMemo(() => compact({ state }), [state]);

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          抽查任务
        </Typography.Title>
        {/* tasks are created under a plan whose abilities allow it (create_task); heads of departments do both */}
        {mayDo(me, 'inspection_task.create') ? (
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
      <TaskList query={query} ariaLabel="抽查任务列表" />
      <TaskFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(task) => navigate(`/inspections/tasks/${encodeURIComponent(task.id)}`)}
      />
    </Card>
  );
}
