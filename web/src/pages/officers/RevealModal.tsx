import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { RevealResult } from '../../../../common/contracts/personnel.contract.js';
import { useModalForm } from '../../components/useModalForm';

const FIELDS = ['reason'] as const;
const NO_VALUES = {};

export interface RevealModalProps {
  open: boolean;
  officerId: string;
  officerName: string;
  onClose: () => void;
}

/**
 * 查看完整证件号: asks for a reason (recorded in the audit log), then shows the full ID number inside this modal
 * only. The value is dropped as soon as the modal closes; it never reaches the page's state.
 */
export function RevealModal({ open, officerId, officerName, onClose }: RevealModalProps) {
  const [form] = Form.useForm<{ reason: string }>();
  const [value, setValue] = useState<string | null>(null);
  const { formError, saving, submitWith } = useModalForm(form, { open, initialValues: NO_VALUES, fields: FIELDS });

  useEffect(() => {
    if (!open) setValue(null);
  }, [open]);

  const close = () => {
    setValue(null);
    onClose();
  };

  const submit = () =>
    submitWith(async (values) => {
      const res = await api.post<RevealResult>(`/api/v1/officers/${encodeURIComponent(officerId)}/reveal`, {
        field: 'idNumber',
        reason: values.reason.trim(),
      });
      setValue(res.value);
    });

  return (
    <Modal
      open={open}
      title={`查看完整证件号：${officerName}`}
      onCancel={close}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
      footer={
        value !== null ? (
          <Button type="primary" onClick={close}>
            关闭
          </Button>
        ) : (
          <>
            <Button onClick={close}>取消</Button>
            <Button type="primary" loading={saving} onClick={submit}>
              查看
            </Button>
          </>
        )
      }
    >
      {value !== null ? (
        <div>
          <Typography.Paragraph type="secondary">
            公民身份号码（本次查看已记入审计日志，关闭后不再显示）：
          </Typography.Paragraph>
          <Typography.Paragraph
            copyable={{ text: value }}
            style={{ fontSize: 20, fontVariantNumeric: 'tabular-nums' }}
            data-testid="revealed-value"
          >
            {value}
          </Typography.Paragraph>
        </div>
      ) : (
        <>
          <Typography.Paragraph>
            完整的公民身份号码属于个人敏感信息，查看须说明原因，并记入审计日志。
          </Typography.Paragraph>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
          <Form form={form} name="revealForm" layout="vertical" onFinish={submit} aria-label="查看完整证件号">
            <Form.Item
              name="reason"
              label="查看原因"
              rules={[
                { required: true, whitespace: true, message: '请填写查看原因' },
                {
                  validator: async (_r, v: string | undefined) => {
                    if (v && v.trim().length > 0 && v.trim().length < 2) throw new Error('查看原因至少 2 个字');
                  },
                },
              ]}
            >
              <Input.TextArea rows={3} maxLength={500} showCount placeholder="如：核对执法证件申领材料" />
            </Form.Item>
          </Form>
        </>
      )}
    </Modal>
  );
}
