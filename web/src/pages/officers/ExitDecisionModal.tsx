import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { api } from '../../api/client';
import type { ExitDecision } from '../../../../common/contracts/personnel.contract.js';
import { EXIT_ACTION_LABELS, EXIT_BASIS_LABELS, type ExitAction, type ExitBasis } from '../../../../common/enums.js';
import { useModalForm } from '../../components/useModalForm';

interface ExitFormValues {
  action: ExitAction;
  basis: ExitBasis;
  reason: string;
}

const FIELDS = ['action', 'basis', 'reason'] as const;
const ACTIONS: ExitAction[] = ['suspend', 'revoke'];
const INITIAL: Partial<ExitFormValues> = { action: 'suspend' };
const BASES: ExitBasis[] = ['assessment_incompetent', 'training_shortfall_two_years', 'other'];

export interface ExitDecisionModalProps {
  open: boolean;
  officerId: string;
  officerName: string;
  onClose: () => void;
  onSaved: () => void;
}

/** 退出决定: suspends or revokes every certificate of the officer that the action applies to, with the basis and reason. */
export function ExitDecisionModal({ open, officerId, officerName, onClose, onSaved }: ExitDecisionModalProps) {
  const [form] = Form.useForm<ExitFormValues>();
  const { message } = App.useApp();
  const { formError, saving, submitWith } = useModalForm(form, { open, initialValues: INITIAL, fields: FIELDS });

  const submit = () =>
    submitWith(async (values) => {
      const decision = await api.post<ExitDecision>(
        `/api/v1/officers/${encodeURIComponent(officerId)}/exit-decisions`,
        {
          action: values.action,
          basis: values.basis,
          reason: values.reason.trim(),
        },
      );
      message.success(`已${EXIT_ACTION_LABELS[decision.action] ?? '处理'}（${decision.certificateIds.length} 个证件）`);
      onSaved();
    });

  return (
    <Modal
      open={open}
      title={`退出决定：${officerName}`}
      okText="确定"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      <Typography.Paragraph type="secondary">
        退出决定将暂扣该人员全部有效证件，或吊销其全部有效及暂扣的证件，并记入证件履历和审计日志。
      </Typography.Paragraph>
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<ExitFormValues> form={form} name="exitForm" layout="vertical" onFinish={submit} aria-label="退出决定">
        <Form.Item name="action" label="处理方式" rules={[{ required: true, message: '请选择处理方式' }]}>
          <Radio.Group options={ACTIONS.map((a) => ({ value: a, label: EXIT_ACTION_LABELS[a] }))} />
        </Form.Item>
        <Form.Item name="basis" label="依据" rules={[{ required: true, message: '请选择依据' }]}>
          <Select placeholder="请选择依据" options={BASES.map((b) => ({ value: b, label: EXIT_BASIS_LABELS[b] }))} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            {
              validator: async (_r, v: string | undefined) => {
                if (v && v.trim().length > 0 && v.trim().length < 2) throw new Error('理由至少 2 个字');
              },
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：2026 年度考核不称职" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
