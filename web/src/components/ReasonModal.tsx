import { Alert, Form, Input, Modal, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useModalForm } from './useModalForm';

const FIELDS = ['reason'] as const;
const NO_VALUES = {};

export interface ReasonModalProps {
  open: boolean;
  title: string;
  /** Shown above the reason field (what is about to happen). */
  description?: ReactNode;
  okText?: string;
  danger?: boolean;
  /** Label of the reason field (default 原因). */
  label?: string;
  /** Performs the action; a thrown ApiError is shown in the modal (under the field when it names `reason`). */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for the reason of an action that the server records (暂扣、恢复、吊销、查看完整证件号 …): at least 2 characters. */
export function ReasonModal({
  open,
  title,
  description,
  okText,
  danger,
  label = '原因',
  onSubmit,
  onClose,
}: ReasonModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const { formError, saving, submitWith } = useModalForm(form, { open, initialValues: NO_VALUES, fields: FIELDS });

  const submit = () => submitWith(async (values) => onSubmit(values.reason.trim()));

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? '确定'}
      cancelText="取消"
      okButtonProps={{ danger }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {description ? <Typography.Paragraph>{description}</Typography.Paragraph> : null}
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} name="reasonForm" layout="vertical" onFinish={submit} aria-label={title}>
        <Form.Item
          name="reason"
          label={label}
          rules={[
            { required: true, whitespace: true, message: `请填写${label}` },
            {
              validator: async (_r, value: string | undefined) => {
                if (value && value.trim().length > 0 && value.trim().length < 2) throw new Error(`${label}至少 2 个字`);
              },
            },
            { max: 500, message: `${label}不超过 500 个字` },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={`请填写${label}（至少 2 个字），将记入审计日志`}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
