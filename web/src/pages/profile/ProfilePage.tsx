import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ROLE_LABELS } from '../../../../common/enums.js';
import { useAuth, useMe } from '../../app/auth';
import { api } from '../../api/client';
import { useProblemForm } from '../../components/useProblemForm';

interface PasswordValues {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const FIELDS = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

export default function ProfilePage() {
  const me = useMe();
  const { refresh } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<PasswordValues>();
  const [saving, setSaving] = useState(false);
  const { formError, handleError, clearError } = useProblemForm(form, {
    fields: FIELDS,
    codeToField: { invalid_current_password: 'currentPassword', weak_password: 'newPassword' },
  });

  const onFinish = async (values: PasswordValues) => {
    setSaving(true);
    clearError();
    try {
      await api.post<void>('/api/v1/auth/password', {
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      message.success('密码已修改');
      form.resetFields();
      if (me.mustChangePassword) await refresh();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      {me.mustChangePassword ? (
        <Col span={24}>
          <Alert
            type="warning"
            showIcon
            data-testid="must-change-password"
            title="您正在使用系统生成的一次性密码。请先修改密码，修改后方可使用其他功能。"
          />
        </Col>
      ) : null}
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
              账号信息
            </Typography.Title>
          }
        >
          <Descriptions column={1} size="small" bordered={false}>
            <Descriptions.Item label="用户名">{me.username}</Descriptions.Item>
            <Descriptions.Item label="姓名">{me.displayName}</Descriptions.Item>
            <Descriptions.Item label="所属单位">{me.org.name}</Descriptions.Item>
            <Descriptions.Item label="角色">
              {me.roles.map((r) => (
                <Tag key={r} color="blue">
                  {ROLE_LABELS[r] ?? r}
                </Tag>
              ))}
            </Descriptions.Item>
          </Descriptions>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 16 }}>
              修改密码
            </Typography.Title>
          }
        >
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
          <Form<PasswordValues>
            form={form}
            name="passwordForm"
            layout="vertical"
            onFinish={onFinish}
            aria-label="修改密码"
            style={{ maxWidth: 420 }}
          >
            <input type="text" name="username" autoComplete="username" value={me.username} readOnly hidden />
            <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
              <Input.Password autoComplete="current-password" placeholder="当前密码" />
            </Form.Item>
            <Form.Item
              name="newPassword"
              label="新密码"
              rules={[
                { required: true, message: '请输入新密码' },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    if (value && value === getFieldValue('currentPassword'))
                      throw new Error('新密码不能与当前密码相同');
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" placeholder="新密码" />
            </Form.Item>
            <Form.Item
              name="confirmPassword"
              label="确认新密码"
              dependencies={['newPassword']}
              rules={[
                { required: true, message: '请再次输入新密码' },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: string | undefined) => {
                    if (value && value !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
                  },
                }),
              ]}
            >
              <Input.Password autoComplete="new-password" placeholder="再次输入新密码" />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Button type="primary" htmlType="submit" loading={saving}>
                修改密码
              </Button>
            </Form.Item>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}
