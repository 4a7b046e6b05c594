/**
 * 机器客户端（12345 热线、Open311）: the system administrator's list of machine clients with their scopes, callback
 * URL, dates and state; making one (the secret shown once, in a dialog with a copy button), rotating its secret,
 * setting or clearing its callback URL, revoking it; 回调状态 per client and the undelivered callbacks with 重新投递
 * (CallbackDeliveries.tsx).
 */
import { KeyOutlined, LinkOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Flex, Form, Input, Modal, Popconfirm, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import {
  type HotlineClient,
  type HotlineClientWithSecret,
  MACHINE_SCOPE_LABELS,
  MACHINE_SCOPES,
  type MachineScope,
} from '../../../../common/contracts/complaints.contract.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { api, errorMessage } from '../../api/client';
import { Forbidden } from '../../components/Forbidden';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useDetail } from '../../components/useDetail';
import { useModalForm } from '../../components/useModalForm';
import { CallbackDeliveries, CallbackState, useDestinations } from './CallbackDeliveries';

const BASE = '/api/v1/hotline/clients';
const clientPath = (c: HotlineClient, action: string) => `${BASE}/${encodeURIComponent(c.id)}/${action}`;
const scopeLabel = (s: string) => MACHINE_SCOPE_LABELS[s as MachineScope] ?? '未知权限';

interface CreateValues {
  id: string;
  name: string;
  scopes: MachineScope[];
  callbackUrl?: string;
}
const CREATE_INITIAL: Partial<CreateValues> = { scopes: ['hotline:write'] };
const CREATE_FIELDS = ['id', 'name', 'scopes', 'callbackUrl'] as const;
const CALLBACK_FIELDS = ['callbackUrl'] as const;

/** The secret, this once: copy it now, it cannot be shown again. */
function SecretDialog({ shown, onClose }: { shown: HotlineClientWithSecret | null; onClose: () => void }) {
  return (
    <Modal
      open={!!shown}
      title="客户端密钥（只显示这一次）"
      onOk={onClose}
      onCancel={onClose}
      okText="我已妥善保存"
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        title="请立即复制并通过安全渠道交给对接单位"
        description="关闭此对话框后密钥无法再次查看，平台只保存其加密形式。如果遗失，只能更换密钥（旧密钥立即失效）。不要通过邮件、聊天软件明文发送。"
        style={{ marginBottom: 12 }}
      />
      <Typography.Paragraph>
        客户端：{shown?.name}（{shown?.id}）
      </Typography.Paragraph>
      <Typography.Paragraph copyable={{ text: shown?.secret ?? '' }} data-testid="client-secret">
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {shown?.secret}
        </Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
        12345 热线用它计算请求签名（X-Zhifa-Signature）；Open311 客户端把它作为 api_key 提交。
      </Typography.Paragraph>
    </Modal>
  );
}

function CreateDialog(props: { open: boolean; onClose: () => void; onCreated: (c: HotlineClientWithSecret) => void }) {
  const [form] = Form.useForm<CreateValues>();
  const { saving, submitWith, formError } = useModalForm(form, {
    open: props.open,
    initialValues: CREATE_INITIAL,
    fields: CREATE_FIELDS,
    codeToField: { client_exists: 'id' },
  });
  return (
    <Modal
      open={props.open}
      title="新建机器客户端"
      okText="新建并生成密钥"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={props.onClose}
      onOk={() =>
        submitWith(async (v) => {
          const created = await api.post<HotlineClientWithSecret>(BASE, {
            id: v.id.trim(),
            name: v.name.trim(),
            scopes: v.scopes,
            ...(v.callbackUrl?.trim() ? { callbackUrl: v.callbackUrl.trim() } : {}),
          });
          props.onCreated(created);
        })
      }
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="id"
          label="客户端标识"
          extra="3–40 位小写字母、数字、下划线或连字符，对接方在 X-Zhifa-Client 请求头中使用，创建后不能修改"
          rules={[
            {
              required: true,
              pattern: /^[a-z0-9][a-z0-9_-]{2,39}$/,
              message: '请填写 3–40 位小写字母、数字、下划线或连字符',
            },
          ]}
        >
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label="名称" rules={[{ required: true, min: 2, max: 100, message: '请填写客户端名称' }]}>
          <Input placeholder="例如：粤省心 12345 热线" />
        </Form.Item>
        <Form.Item
          name="scopes"
          label="权限范围"
          // a validator, not `required`: antd would set aria-required on the checkbox group's div (not allowed there)
          rules={[
            {
              validator: (_r, v?: string[]) =>
                v?.length ? Promise.resolve() : Promise.reject(new Error('至少选择一项权限范围')),
            },
          ]}
        >
          <Checkbox.Group options={MACHINE_SCOPES.map((s) => ({ value: s, label: MACHINE_SCOPE_LABELS[s] }))} />
        </Form.Item>
        <Form.Item
          name="callbackUrl"
          label="回调地址（可选）"
          rules={[{ type: 'url', message: '回调地址应为 http(s) 网址' }]}
        >
          <Input placeholder="https://…" inputMode="url" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CallbackDialog(props: { client: HotlineClient | null; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<{ callbackUrl?: string }>();
  const initialValues = useMemo(() => ({ callbackUrl: props.client?.callbackUrl ?? '' }), [props.client]);
  const { saving, submitWith, formError } = useModalForm(form, {
    open: !!props.client,
    initialValues,
    fields: CALLBACK_FIELDS,
  });
  return (
    <Modal
      open={!!props.client}
      title={`回调地址：${props.client?.name ?? ''}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onCancel={props.onClose}
      onOk={() =>
        submitWith(async (v) => {
          if (!props.client) return;
          await api.put(clientPath(props.client, 'callback'), { callbackUrl: v.callbackUrl?.trim() || null });
          props.onSaved();
        })
      }
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item
          name="callbackUrl"
          label="回调地址"
          extra="办理状态变化（受理、转办、答复、办结）推送到这个地址；留空则清除，不再推送"
          rules={[{ type: 'url', message: '回调地址应为 http(s) 网址' }]}
        >
          <Input placeholder="https://…" inputMode="url" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export default function MachineClientsPage() {
  const me = useMe();
  const { message } = App.useApp();
  const may = mayDo(me, 'hotline_client.manage');
  const destinations = useDestinations();
  const list = useDetail('clients', (signal) => api.get<{ data: HotlineClient[] }>(BASE, undefined, signal));
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<HotlineClientWithSecret | null>(null);
  const [callbackOf, setCallbackOf] = useState<HotlineClient | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  if (!may) return <Forbidden />;

  const act = async (c: HotlineClient, label: string, call: () => Promise<unknown>) => {
    setBusy(c.id);
    try {
      await call();
      message.success(`${label}成功：${c.name}`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const columns: ListColumn<HotlineClient>[] = [
    {
      key: 'name',
      title: '名称',
      render: (_v, c) => (
        <Flex vertical>
          <Typography.Text strong>{c.name}</Typography.Text>
          <Typography.Text type="secondary">标识 {c.id}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'scopes',
      title: '权限范围',
      render: (_v, c) => (
        <Flex wrap gap={4}>
          {c.scopes.map((s) => (
            <Tag key={s} color="blue" style={{ marginInlineEnd: 0 }}>
              {scopeLabel(s)}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'callbackUrl',
      title: '回调地址',
      render: (_v, c) =>
        c.callbackUrl ? (
          <Typography.Text style={{ wordBreak: 'break-all' }}>{c.callbackUrl}</Typography.Text>
        ) : (
          '未设置'
        ),
    },
    {
      key: 'callbackStatus',
      title: '回调状态',
      render: (_v, c) => <CallbackState status={destinations.get(c.id)} />,
    },
    { key: 'createdAt', title: '创建时间', render: (_v, c) => formatDateTime(c.createdAt) },
    { key: 'rotatedAt', title: '密钥更换时间', render: (_v, c) => formatDateTime(c.rotatedAt) },
    {
      key: 'state',
      title: '状态',
      render: (_v, c) =>
        c.state === 'revoked' ? (
          <Tag title={`停用于 ${formatDateTime(c.revokedAt)}`}>已停用</Tag>
        ) : (
          <Tag color="green">正常</Tag>
        ),
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, c) =>
        c.state === 'revoked' ? (
          <Typography.Text type="secondary">停用于 {formatDateTime(c.revokedAt)}</Typography.Text>
        ) : (
          <Space size={4} wrap>
            <Popconfirm
              title={`确定更换 ${c.name} 的密钥？`}
              description="旧密钥立即失效，对接方须改用新密钥。"
              okText="更换"
              cancelText="取消"
              onConfirm={async () => {
                setBusy(c.id);
                try {
                  setSecret(await api.post<HotlineClientWithSecret>(clientPath(c, 'rotate')));
                  list.reload();
                } catch (err) {
                  message.error(errorMessage(err));
                } finally {
                  setBusy(null);
                }
              }}
            >
              <Button type="link" size="small" icon={<KeyOutlined />} loading={busy === c.id}>
                更换密钥
              </Button>
            </Popconfirm>
            <Button type="link" size="small" icon={<LinkOutlined />} onClick={() => setCallbackOf(c)}>
              回调地址
            </Button>
            <Popconfirm
              title={`确定停用 ${c.name}？`}
              description="停用后其密钥在所有接口一律被拒绝，且不能恢复。"
              okText="停用"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() => act(c, '停用', () => api.post(clientPath(c, 'revoke')))}
            >
              <Button type="link" size="small" danger icon={<StopOutlined />}>
                停用
              </Button>
            </Popconfirm>
          </Space>
        ),
    },
  ];

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 8 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          机器客户端
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          新建客户端
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary">
        对接平台的系统：12345 热线（签名提交工单）和 Open311 应用（以 api_key
        提交服务请求）。密钥只在新建和更换时显示一次。
      </Typography.Paragraph>
      <ResponsiveList
        ariaLabel="机器客户端"
        columns={columns}
        dataSource={list.data?.data ?? []}
        rowKey={(c) => c.id}
        loading={list.loading}
        error={list.error?.message ?? null}
        pagination={false}
      />
      <CallbackDeliveries />
      <CreateDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          setSecret(c);
          list.reload();
        }}
      />
      <CallbackDialog
        client={callbackOf}
        onClose={() => setCallbackOf(null)}
        onSaved={() => {
          setCallbackOf(null);
          message.success('回调地址已保存');
          list.reload();
        }}
      />
      <SecretDialog shown={secret} onClose={() => setSecret(null)} />
    </Card>
  );
}
