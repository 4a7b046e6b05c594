import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Page } from '../../../../common/api-types.js';
import {
  type InspectionPlanSummary,
  type InspectionTask,
  TASK_NAME_MAX,
} from '../../../../common/contracts/inspections.contract.js';
import { allows } from '../../app/abilities';
import { api } from '../../api/client';
import { useModalForm } from '../../components/useModalForm';

interface TaskValues {
  planId: string;
  name: string;
  deadline: Dayjs;
}
const FIELDS = ['planId', 'name', 'deadline'] as const;

/** 创建抽查任务 from a published plan: its name and by when the inspections are to be done. */
export function TaskFormModal({
  open,
  plan,
  onClose,
  onSaved,
}: {
  open: boolean;
  /** The plan it is created from (its page); otherwise chosen among the published plans. */
  plan?: Pick<InspectionPlanSummary, 'id' | 'name' | 'to'> | null;
  onClose: () => void;
  onSaved: (task: InspectionTask) => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<TaskValues>();
  const [plans, setPlans] = useState<InspectionPlanSummary[]>([]);
  const initialValues = useMemo<Partial<TaskValues>>(
    () => (plan ? { planId: plan.id, deadline: dayjs(plan.to) } : { deadline: dayjs().add(1, 'month') }),
    [plan],
  );
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { plan_not_published: 'planId' },
  });

  useEffect(() => {
    if (!open || plan) return;
    const ctrl = new AbortController();
    api
      .get<Page<InspectionPlanSummary>>('/api/v1/inspection-plans', { status: 'published', pageSize: 100 }, ctrl.signal)
      .then((page) => setPlans(page.data.filter((p) => allows(p, 'create_task'))))
      .catch(() => setPlans([]));
    return () => ctrl.abort();
  }, [open, plan]);

  const submit = () =>
    submitWith(async (v) => {
      const task = await api.post<InspectionTask>('/api/v1/inspection-tasks', {
        planId: v.planId,
        name: v.name.trim(),
        deadline: v.deadline.format('YYYY-MM-DD'),
      });
      message.success('抽查任务已创建，下一步冻结名录并承诺种子');
      onClose();
      onSaved(task);
    });

  return (
    <Modal
      open={open}
      title="创建抽查任务"
      okText="创建"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name="inspectionTask">
        {plan ? (
          <Form.Item label="抽查计划" htmlFor="inspection-task-plan">
            <Input id="inspection-task-plan" value={plan.name} disabled />
          </Form.Item>
        ) : (
          <Form.Item
            name="planId"
            label="抽查计划"
            extra="只能从已公布的计划创建任务"
            rules={[{ required: true, message: '请选择抽查计划' }]}
          >
            <Select
              options={plans.map((p) => ({ value: p.id, label: `${p.year} 年 ${p.name}` }))}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="选择已公布的抽查计划"
              notFoundContent="没有可创建任务的已公布计划"
            />
          </Form.Item>
        )}
        {plan ? (
          <Form.Item name="planId" hidden>
            <Input />
          </Form.Item>
        ) : null}
        <Form.Item
          name="name"
          label="任务名称"
          rules={[{ required: true, whitespace: true, min: 2, message: '任务名称至少 2 个字' }]}
        >
          <Input maxLength={TASK_NAME_MAX} placeholder="如：第一批次抽查" />
        </Form.Item>
        <Form.Item name="deadline" label="完成期限" rules={[{ required: true, message: '请选择完成期限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
