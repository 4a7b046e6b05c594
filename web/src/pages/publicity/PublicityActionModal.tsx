import { Alert, App, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Publication } from '../../../../common/contracts/publicity.contract.js';
import { WITHDRAW_REASONS, type WithdrawReason } from '../../../../common/enums.js';
import { WITHDRAW_REASON_LABELS } from '../../../../common/labels/publicity.js';
import { ApiError, api } from '../../api/client';
import { useModalForm } from '../../components/useModalForm';
import { dateOf, publicityPath } from './publicityDisplay';

export type PublicityAction = 'publish' | 'withdraw' | 'end';

export const PUBLICITY_ACTION_LABELS: Record<PublicityAction, string> = {
  publish: '公示',
  withdraw: '撤回公示',
  end: '结束公示',
};

const FIELDS = ['reason', 'revokedAt', 'note', 'reference'] as const;
const NO_VALUES = {};

interface FormValues {
  reason?: WithdrawReason;
  revokedAt?: Dayjs;
  note?: string;
  reference?: string;
}

export interface PublicityActionModalProps {
  /** The action and the decision it applies to; null keeps the dialog closed. */
  target: { action: PublicityAction; row: Publication } | null;
  onClose: () => void;
  onSaved: (updated: Publication) => void;
  /** The server refused with 403/404/409: the decision's publicity changed underneath, reload the list. */
  onStale?: () => void;
}

function bodyOf(action: PublicityAction, v: FormValues): Record<string, unknown> | undefined {
  if (action === 'withdraw')
    return { reason: v.reason, revokedAt: v.revokedAt?.toISOString(), note: (v.note ?? '').trim() };
  if (action === 'end') return { reason: 'credit_repair', reference: (v.reference ?? '').trim() };
  return undefined;
}

/**
 * 公示 (a confirmation), 撤回公示 (why, when the decision was revoked or corrected, a note) and 结束公示 (the credit
 * repair decision's reference): POST /api/v1/publicity/:caseId/<action>, the server's refusal shown in the dialog.
 */
export function PublicityActionModal({ target, onClose, onSaved, onStale }: PublicityActionModalProps) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [refusal, setRefusal] = useState<{ detail: string; code: string } | null>(null);
  const action = target?.action ?? null;
  const row = target?.row ?? null;
  const initialValues = useMemo<Partial<FormValues>>(
    () => (action === 'withdraw' ? { reason: 'revoked' } : NO_VALUES),
    [action],
  );
  const { formError, saving, submitWith } = useModalForm(form, {
    open: target !== null,
    initialValues,
    fields: FIELDS,
  });

  useEffect(() => {
    if (target) setRefusal(null);
  }, [target]);

  const submit = () =>
    submitWith(async (values) => {
      if (!action || !row) return;
      setRefusal(null);
      try {
        const updated = await api.post<Publication>(`${publicityPath(row.caseId)}/${action}`, bodyOf(action, values));
        message.success(`已${PUBLICITY_ACTION_LABELS[action]}`);
        onSaved(updated);
      } catch (err) {
        if (err instanceof ApiError) {
          setRefusal({ detail: err.problem.detail, code: err.problem.code });
          if (err.status === 403 || err.status === 404 || err.status === 409) onStale?.();
        }
        throw err;
      }
    });

  const title = action ? (action === 'publish' ? '公示决定' : PUBLICITY_ACTION_LABELS[action]) : '';
  // A refusal naming a field is shown under that field only (formError is then null or the leftovers).
  const fieldOnly = refusal !== null && formError === null;
  const alert = fieldOnly ? null : (formError ?? refusal?.detail ?? null);

  return (
    <Modal
      open={target !== null}
      title={title}
      okText={action ? PUBLICITY_ACTION_LABELS[action] : '确定'}
      cancelText="取消"
      okButtonProps={{ danger: action === 'withdraw' || action === 'end' }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {row ? (
        <Typography.Paragraph>
          <Typography.Text strong style={{ wordBreak: 'break-all' }}>
            {row.number}
          </Typography.Text>
          <br />
          {row.orgName} · 当事人 {row.partyName} · {dateOf(row.decidedAt)} 决定
        </Typography.Paragraph>
      ) : null}
      {action === 'publish' && row ? (
        <Typography.Paragraph type="secondary">
          公示后，该决定（已隐去个人信息）将在“行政执法决定公示”公开页面展示，公示期满或信用修复后结束。公示期限{' '}
          {row.publishBy}
          {row.overdue ? '，已逾期，将记为逾期公示' : ''}。
        </Typography.Paragraph>
      ) : null}
      {alert ? (
        <Alert
          type="error"
          showIcon
          title={alert}
          style={{ marginBottom: 16 }}
          data-testid="publicity-error"
          data-code={refusal?.code}
        />
      ) : null}
      {/* 公示 has no fields: a form without an element keeps the instance connected for the reset and validation */}
      {action === 'publish' ? <Form<FormValues> form={form} component={false} /> : null}
      {action === 'withdraw' ? (
        <Form<FormValues> form={form} name="withdrawPublicity" layout="vertical" aria-label="撤回公示">
          <Typography.Paragraph type="secondary">
            决定被撤销或更正的，应自撤销或更正之日起 3 个工作日内撤回公示。
          </Typography.Paragraph>
          <Form.Item name="reason" label="撤回原因" rules={[{ required: true, message: '请选择撤回原因' }]}>
            <Radio.Group options={WITHDRAW_REASONS.map((r) => ({ value: r, label: WITHDRAW_REASON_LABELS[r] }))} />
          </Form.Item>
          <Form.Item
            name="revokedAt"
            label="撤销或更正时间"
            rules={[{ required: true, message: '请选择决定被撤销或更正的时间' }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              placeholder="YYYY-MM-DD HH:mm"
              disabledDate={(d) => d.isAfter(dayjs(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
          <Form.Item
            name="note"
            label="说明"
            rules={[
              { required: true, whitespace: true, message: '请填写说明' },
              { min: 2, message: '说明至少 2 个字' },
              { max: 2000, message: '说明不超过 2000 个字' },
            ]}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder="如：经行政复议撤销（复议决定书文号）" />
          </Form.Item>
        </Form>
      ) : null}
      {action === 'end' ? (
        <Form<FormValues> form={form} name="endPublicity" layout="vertical" aria-label="结束公示">
          <Typography.Paragraph type="secondary">当事人已完成信用修复的，提前结束公示。</Typography.Paragraph>
          <Form.Item
            name="reference"
            label="信用修复决定文号"
            rules={[
              { required: true, whitespace: true, message: '请填写信用修复决定文号' },
              { max: 100, message: '不超过 100 个字' },
            ]}
          >
            <Input maxLength={100} />
          </Form.Item>
        </Form>
      ) : null}
    </Modal>
  );
}
