import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { errorMessage } from '../api/client';

export interface ReauthDialogProps {
  /** Open while a request waits for the user to sign in again. */
  open: boolean;
  displayName: string;
  /** Signs in with the password; rejects with the server's refusal (wrong password, locked …). */
  onSubmit: (password: string) => Promise<void>;
  /** The user gives up: the work is dropped and the console goes to the login page. */
  onCancel: () => void;
}

/**
 * The session ended while the user worked (idle timeout, ended by the security administrator): the page and what
 * was typed stay as they are; after the password the waiting request is sent again.
 */
export function ReauthDialog({ open, displayName, onSubmit, onCancel }: ReauthDialogProps) {
  const [form] = Form.useForm<{ password: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      form.resetFields();
      setError(null);
    }
  }, [open, form]);

  const submit = async () => {
    let password: string;
    try {
      ({ password } = await form.validateFields());
    } catch {
      return;
    }
    setSaving(true);
    setError(null);
    try {
      await onSubmit(password);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登录已超时，请重新验证"
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      footer={[
        <Button key="leave" onClick={onCancel}>
          放弃并退出
        </Button>,
        <Button key="ok" type="primary" loading={saving} onClick={submit}>
          验证并继续
        </Button>,
      ]}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
      width={420}
    >
      <Typography.Paragraph>
        为保护账号安全，登录状态已结束。您填写的内容仍保留在页面上；输入 {displayName} 的密码后，刚才的操作将继续提交。
      </Typography.Paragraph>
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="reauth-error" />
      ) : null}
      <Form form={form} layout="vertical" name="reauth" onFinish={submit} aria-label="重新验证">
        <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" autoFocus />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
