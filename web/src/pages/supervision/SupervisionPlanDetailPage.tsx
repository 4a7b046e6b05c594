import { ArrowLeftOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Form, Input, Modal, Select, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { Plan, PlanItem } from '../../../../common/contracts/supervision.contract.js';
import { PROGRESS_NOTE_MAX } from '../../../../common/contracts/supervision.contract.js';
import {
  SUPERVISION_ITEM_KIND_LABELS,
  SUPERVISION_ITEM_STATUS_LABELS,
  SUPERVISION_ITEM_STATUSES,
  type SupervisionItemStatus,
} from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api } from '../../api/client';
import { DetailPending } from '../../components/DetailFrame';
import { formatDateTime } from '../../components/format';
import { useDetail } from '../../components/useDetail';
import { useModalForm } from '../../components/useModalForm';

const STATUS_COLORS: Record<SupervisionItemStatus, string> = { planned: 'default', in_progress: 'blue', done: 'green' };
const STATUS_OPTIONS = SUPERVISION_ITEM_STATUSES.map((s) => ({ value: s, label: SUPERVISION_ITEM_STATUS_LABELS[s] }));
const FIELDS = ['status', 'note'] as const;

function ProgressModal({
  plan,
  item,
  onClose,
  onSaved,
}: {
  plan: Plan;
  item: PlanItem | null;
  onClose: () => void;
  onSaved: (plan: Plan) => void;
}) {
  const [form] = Form.useForm<{ status: SupervisionItemStatus; note: string }>();
  const { message } = App.useApp();
  const initialValues = useMemo(
    () => ({ status: item?.status === 'planned' ? ('in_progress' as const) : (item?.status ?? 'in_progress') }),
    [item],
  );
  const { formError, saving, submitWith } = useModalForm(form, { open: !!item, initialValues, fields: FIELDS });
  const submit = () =>
    submitWith(async (values) => {
      if (!item) return;
      const saved = await api.post<Plan>(
        `/api/v1/supervision/plans/${encodeURIComponent(plan.id)}/items/${encodeURIComponent(item.id)}/progress`,
        { status: values.status, note: values.note.trim() },
      );
      message.success('进展已登记');
      onSaved(saved);
      onClose();
    });
  return (
    <Modal
      open={!!item}
      title={item ? `登记进展：${item.title}` : '登记进展'}
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name="progressForm">
        <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
          <Select options={STATUS_OPTIONS} />
        </Form.Item>
        <Form.Item name="note" label="进展情况" rules={[{ required: true, min: 2, message: '请写明进展情况' }]}>
          <Input.TextArea rows={4} maxLength={PROGRESS_NOTE_MAX} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** One plan: its items with their targets, due dates, status and dated progress. */
export default function SupervisionPlanDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const {
    data: plan,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) =>
    api.get<Plan>(`/api/v1/supervision/plans/${encodeURIComponent(id)}`, undefined, signal),
  );
  const [reporting, setReporting] = useState<PlanItem | null>(null);

  if (!plan) {
    return (
      <DetailPending
        loading={loading}
        error={error}
        back={{ to: '/supervision/plans', label: '返回监督工作计划' }}
        onRetry={reload}
      />
    );
  }
  const canReport = allows(plan, 'report_progress');

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Flex align="center" gap={8} wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/supervision/plans')}
            aria-label="返回监督工作计划"
          />
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            {plan.bodyOrgName} {plan.year} 年度监督工作计划
          </Typography.Title>
        </Flex>
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          共 {plan.itemCount} 项，已完成 {plan.doneCount} 项
          {plan.overdueCount > 0 ? `，逾期未完成 ${plan.overdueCount} 项` : ''}。
        </Typography.Paragraph>
      </Card>
      {plan.items.map((item) => (
        <Card
          key={item.id}
          size="small"
          data-testid="plan-item"
          title={
            <Flex wrap gap={8} align="center" style={{ whiteSpace: 'normal' }}>
              <span>{item.title}</span>
              <Tag color={STATUS_COLORS[item.status]}>{SUPERVISION_ITEM_STATUS_LABELS[item.status]}</Tag>
              {item.overdue ? <Tag color="red">已逾期</Tag> : null}
            </Flex>
          }
          extra={
            canReport ? (
              <Button size="small" onClick={() => setReporting(item)}>
                登记进展
              </Button>
            ) : null
          }
        >
          <Typography.Paragraph style={{ marginBottom: 8 }}>
            类别：{SUPERVISION_ITEM_KIND_LABELS[item.kind]} · 完成期限：{item.due}
            <br />
            被监督单位：{item.targets.map((t) => t.name).join('、')}
          </Typography.Paragraph>
          {item.progress.length === 0 ? (
            <Typography.Text>尚未登记进展</Typography.Text>
          ) : (
            <Timeline
              items={item.progress.map((p) => ({
                key: `${p.at}-${p.status}`,
                content: (
                  <>
                    <div>
                      {formatDateTime(p.at)} · {p.byName} · {SUPERVISION_ITEM_STATUS_LABELS[p.status]}
                    </div>
                    <div style={{ whiteSpace: 'pre-wrap' }}>{p.note}</div>
                  </>
                ),
              }))}
            />
          )}
        </Card>
      ))}
      <ProgressModal plan={plan} item={reporting} onClose={() => setReporting(null)} onSaved={setData} />
    </Flex>
  );
}
