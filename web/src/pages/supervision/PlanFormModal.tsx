import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Org, Page } from '../../../../common/api-types.js';
import type { Plan } from '../../../../common/contracts/supervision.contract.js';
import {
  SUPERVISION_ITEM_KIND_LABELS,
  SUPERVISION_ITEM_KINDS,
  type SupervisionItemKind,
} from '../../../../common/enums.js';
import { api } from '../../api/client';
import { useModalForm } from '../../components/useModalForm';

interface ItemValues {
  title: string;
  kind: SupervisionItemKind;
  targetOrgIds: string[];
  due: Dayjs;
}
interface PlanValues {
  year: number;
  items: ItemValues[];
}

const FIELDS = ['year', 'items'] as const;
const KIND_OPTIONS = SUPERVISION_ITEM_KINDS.map((k) => ({ value: k, label: SUPERVISION_ITEM_KIND_LABELS[k] }));

/** 制定年度计划: the year and its items (what, in which orgs, by when). */
export function PlanFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (plan: Plan) => void;
}) {
  const [form] = Form.useForm<PlanValues>();
  const [orgs, setOrgs] = useState<{ value: string; label: string }[]>([]);
  const initialValues = useMemo<Partial<PlanValues>>(
    () => ({ year: new Date().getFullYear(), items: [{ kind: 'file_review' } as ItemValues] }),
    [],
  );
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { plan_exists: 'year' },
  });

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    api
      .get<Page<Org>>('/api/v1/orgs', { pageSize: '200' }, ctrl.signal)
      .then((page) => setOrgs(page.data.map((o) => ({ value: o.id, label: o.name }))))
      .catch(() => setOrgs([]));
    return () => ctrl.abort();
  }, [open]);

  const submit = () =>
    submitWith(async (values) => {
      const plan = await api.post<Plan>('/api/v1/supervision/plans', {
        year: values.year,
        items: values.items.map((i) => ({
          title: i.title.trim(),
          kind: i.kind,
          targetOrgIds: i.targetOrgIds,
          due: i.due.format('YYYY-MM-DD'),
        })),
      });
      onClose();
      onSaved(plan);
    });

  return (
    <Modal
      open={open}
      title="制定年度监督工作计划"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={640}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name="planForm">
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2020} max={2099} style={{ width: 160 }} />
        </Form.Item>
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  title={`事项 ${index + 1}`}
                  style={{ marginBottom: 12 }}
                  extra={
                    fields.length > 1 ? (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={`删除事项 ${index + 1}`}
                        onClick={() => remove(field.name)}
                      />
                    ) : null
                  }
                >
                  <Form.Item
                    name={[field.name, 'title']}
                    label="事项名称"
                    rules={[{ required: true, min: 2, message: '事项名称至少 2 个字' }]}
                  >
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'kind']}
                    label="类别"
                    rules={[{ required: true, message: '请选择类别' }]}
                  >
                    <Select options={KIND_OPTIONS} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'targetOrgIds']}
                    label="被监督单位"
                    rules={[{ required: true, message: '至少选择一个被监督单位' }]}
                  >
                    <Select mode="multiple" options={orgs} optionFilterProp="label" placeholder="可搜索单位名称" />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'due']}
                    label="完成期限"
                    rules={[{ required: true, message: '请选择完成期限' }]}
                  >
                    <DatePicker style={{ width: '100%' }} />
                  </Form.Item>
                </Card>
              ))}
              <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ kind: 'file_review' })}>
                添加事项
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
