import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Role } from '../../../common/enums.js';
import { errorMessage, isApiError } from '../api/client';
import { firstAllowedPath, pathAllowed } from './access';
import { useAuth } from './auth';

interface LoginValues {
  username: string;
  password: string;
}

function targetFor(from: unknown, roles: readonly Role[]): string {
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') && pathAllowed(from, roles))
    return from;
  return firstAllowedPath(roles);
}

export function LoginPage() {
  const { me, login, bootError } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  const [form] = Form.useForm<LoginValues>();
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ text: string; warning: boolean } | null>(null);

  if (me) return <Navigate to={targetFor(from, me.roles)} replace />;

  const onFinish = async (values: LoginValues) => {
    setSubmitting(true);
    setError(null);
    try {
      const current = await login(values.username.trim(), values.password);
      navigate(targetFor(from, current.roles), { replace: true });
    } catch (err) {
      // the server's words: 用户名或密码错误, with the warning before a pause (再失败 1 次将暂停登录 1 分钟) or the
      // pause's end in full (2026年12月2日 05:58) — the same for every name, existing or not
      setError({ text: errorMessage(err), warning: isApiError(err) && err.problem.remainingAttempts === 1 });
      form.setFieldValue('password', '');
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <main className="zf-login">
      <Card className="zf-login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          zhifa 行政执法监督平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          工作人员登录
        </Typography.Paragraph>
        {error ? (
          <Alert
            type={error.warning ? 'warning' : 'error'}
            showIcon
            title={error.text}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
            role="alert"
          />
        ) : bootError ? (
          <Alert type="warning" showIcon title={bootError} style={{ marginBottom: 16 }} />
        ) : null}
        <Form<LoginValues>
          form={form}
          name="login"
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          aria-label="登录"
          autoComplete="on"
        >
          <Form.Item
            label="用户名"
            name="username"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} placeholder="用户名" autoComplete="username" size="large" />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              placeholder="密码"
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Form.Item style={{ marginBottom: 0 }}>
            <Button
              type="primary"
              htmlType="submit"
              block
              size="large"
              loading={submitting}
              data-testid="login-submit"
              aria-label="登录"
            >
              登录
            </Button>
          </Form.Item>
        </Form>
      </Card>
    </main>
  );
}
