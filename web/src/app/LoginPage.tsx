import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Input } from 'antd';
import { type FormEvent, type ReactNode, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Role } from '../../../common/enums.js';
import { errorMessage, isApiError } from '../api/client';
import { firstAllowedPath, pathAllowed } from './access';
import { useAuth } from './auth';

interface LoginValues {
  username: string;
  password: string;
}

type FieldErrors = Partial<Record<keyof LoginValues, string>>;

function targetFor(from: unknown, roles: readonly Role[]): string {
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('/login') && pathAllowed(from, roles))
    return from;
  return firstAllowedPath(roles);
}

function validate(values: LoginValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.username.trim()) errors.username = '请输入用户名';
  if (!values.password) errors.password = '请输入密码';
  return errors;
}

/**
 * The first page most visitors load, so it is kept light: a plain <form> with antd's Input, Button and Alert only
 * (no antd Form, Card or Typography, which would bring the form store, validator, tabs and tooltips into the entry
 * chunk). Labels are real <label>s; a missing field is named under it and marked aria-invalid.
 */
export function LoginPage() {
  const { me, login, bootError } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: unknown } | null)?.from;
  const [values, setValues] = useState<LoginValues>({ username: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ text: string; warning: boolean } | null>(null);

  if (me) return <Navigate to={targetFor(from, me.roles)} replace />;

  const change = (field: keyof LoginValues, value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (fieldErrors[field]) setFieldErrors((e) => ({ ...e, [field]: validate({ ...values, [field]: value })[field] }));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const errors = validate(values);
    setFieldErrors(errors);
    if (errors.username || errors.password) {
      document.getElementById(errors.username ? 'login-username' : 'login-password')?.focus();
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const current = await login(values.username.trim(), values.password);
      navigate(targetFor(from, current.roles), { replace: true });
    } catch (err) {
      // the server's words: 用户名或密码错误, with the warning before a pause (再失败 1 次将暂停登录 1 分钟) or the
      // pause's end in full (2026年12月2日 05:58) — the same for every name, existing or not
      setError({ text: errorMessage(err), warning: isApiError(err) && err.problem.remainingAttempts === 1 });
      setValues((v) => ({ ...v, password: '' }));
    } finally {
      setSubmitting(false);
    }
  };

  const field = (name: keyof LoginValues, label: string, input: ReactNode) => (
    <div className="zf-login-field">
      <label htmlFor={`login-${name}`}>{label}</label>
      {input}
      {fieldErrors[name] ? (
        <div id={`login-${name}-error`} className="zf-login-field-error" role="alert">
          {fieldErrors[name]}
        </div>
      ) : null}
    </div>
  );
  const invalid = (name: keyof LoginValues) =>
    fieldErrors[name]
      ? { 'aria-invalid': true, 'aria-describedby': `login-${name}-error`, status: 'error' as const }
      : {};

  return (
    <main className="zf-login">
      <div className="zf-login-card">
        <h1 className="zf-login-title">zhifa 行政执法监督平台</h1>
        <p className="zf-login-subtitle">工作人员登录</p>
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
        <form name="login" aria-label="登录" autoComplete="on" noValidate onSubmit={onSubmit}>
          {field(
            'username',
            '用户名',
            <Input
              id="login-username"
              name="username"
              prefix={<UserOutlined aria-hidden />}
              placeholder="用户名"
              autoComplete="username"
              size="large"
              value={values.username}
              onChange={(e) => change('username', e.target.value)}
              {...invalid('username')}
            />,
          )}
          {field(
            'password',
            '密码',
            <Input.Password
              id="login-password"
              name="password"
              prefix={<LockOutlined aria-hidden />}
              placeholder="密码"
              autoComplete="current-password"
              size="large"
              value={values.password}
              onChange={(e) => change('password', e.target.value)}
              {...invalid('password')}
            />,
          )}
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
        </form>
      </div>
    </main>
  );
}
