import {
  DesktopOutlined,
  EditOutlined,
  LockOutlined,
  PlusOutlined,
  StopOutlined,
  UnlockOutlined,
  CheckCircleOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Drawer, Flex, Input, Modal, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { User } from '../../../../common/api-types.js';
import { ROLE_LABELS, ROLES } from '../../../../common/enums.js';
import { allows, mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { api, errorMessage } from '../../api/client';
import { formatDateTime, isFuture } from '../../components/format';
import { OrgSelect } from '../../components/OrgSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { SessionList } from '../sessions/SessionList';
import { UserFormModal } from './UserFormModal';

interface UserFilters {
  q?: string;
  orgId?: string | null;
  role?: string;
}

export function userStatus(u: User): { label: string; color: string } {
  if (u.disabled) return { label: '已停用', color: 'default' };
  if (isFuture(u.lockedUntil)) return { label: '已锁定', color: 'red' };
  return { label: '正常', color: 'green' };
}

export default function UsersPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [filters, setFilters] = useState<UserFilters>({});
  const [editing, setEditing] = useState<User | null>(null);
  const [modalOpen, setModalOpen] = useState(false);
  const [sessionsOf, setSessionsOf] = useState<User | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  /** A one-time password just issued (an administrator created, or granted its role): shown once. */
  const [issued, setIssued] = useState<{ username: string; password: string } | null>(null);

  const query = useMemo(() => compact({ ...filters, orgId: filters.orgId ?? undefined }), [filters]);
  const list = usePagedList<User>('/api/v1/users', query);

  const canCreate = mayDo(me, 'user.create');
  // each row's abilities say what the server accepts for that account
  const rows = list.data;
  const anyRow = (ability: string) => rows.some((u) => allows(u, ability));

  const act = async (u: User, label: string, call: () => Promise<unknown>) => {
    setBusy(u.id);
    try {
      await call();
      message.success(`${label}成功：${u.username}`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };

  const columns: ListColumn<User>[] = [
    {
      key: 'username',
      title: '用户名',
      dataIndex: 'username',
      render: (_v, u) => <Typography.Text strong>{u.username}</Typography.Text>,
    },
    { key: 'displayName', title: '姓名', dataIndex: 'displayName' },
    { key: 'orgName', title: '所属单位', dataIndex: 'orgName' },
    {
      key: 'roles',
      title: '角色',
      dataIndex: 'roles',
      render: (_v, u) => (
        <Flex wrap gap={4}>
          {u.roles.map((r) => (
            <Tag
              key={r}
              color={r === 'sysadmin' || r === 'secadmin' || r === 'auditor' ? 'purple' : 'blue'}
              style={{ marginInlineEnd: 0 }}
            >
              {ROLE_LABELS[r] ?? r}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: '状态',
      render: (_v, u) => {
        const s = userStatus(u);
        return (
          <Tag color={s.color} title={s.label === '已锁定' ? `锁定至 ${formatDateTime(u.lockedUntil)}` : undefined}>
            {s.label}
          </Tag>
        );
      },
    },
    {
      key: 'lastLoginAt',
      title: '最后登录',
      dataIndex: 'lastLoginAt',
      render: (_v, u) => formatDateTime(u.lastLoginAt),
    },
  ];

  if (anyRow('update') || anyRow('update_profile') || anyRow('lock') || anyRow('unlock')) {
    columns.push({
      key: 'actions',
      title: '操作',
      render: (_v, u) => {
        const locked = isFuture(u.lockedUntil);
        const self = u.id === me.id;
        return (
          <Space size={4} wrap>
            {allows(u, 'update') ? (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => {
                  setEditing(u);
                  setModalOpen(true);
                }}
              >
                编辑
              </Button>
            ) : null}
            {allows(u, 'update_profile') && !self ? (
              <Popconfirm
                title={u.disabled ? `确定启用 ${u.username}？` : `确定停用 ${u.username}？停用后该用户无法登录。`}
                okText="确定"
                cancelText="取消"
                onConfirm={() =>
                  act(u, u.disabled ? '启用' : '停用', () =>
                    api.patch(`/api/v1/users/${encodeURIComponent(u.id)}`, { disabled: !u.disabled }),
                  )
                }
              >
                <Button
                  type="link"
                  size="small"
                  danger={!u.disabled}
                  loading={busy === u.id}
                  icon={u.disabled ? <CheckCircleOutlined /> : <StopOutlined />}
                >
                  {u.disabled ? '启用' : '停用'}
                </Button>
              </Popconfirm>
            ) : null}
            {!self && allows(u, locked ? 'unlock' : 'lock') ? (
              locked ? (
                <Button
                  type="link"
                  size="small"
                  icon={<UnlockOutlined />}
                  loading={busy === u.id}
                  onClick={() => act(u, '解锁', () => api.post(`/api/v1/users/${encodeURIComponent(u.id)}/unlock`))}
                >
                  解锁
                </Button>
              ) : (
                <Popconfirm
                  title={`确定锁定 ${u.username}？锁定期间该用户无法登录。`}
                  okText="锁定"
                  cancelText="取消"
                  onConfirm={() => act(u, '锁定', () => api.post(`/api/v1/users/${encodeURIComponent(u.id)}/lock`))}
                >
                  <Button type="link" size="small" danger icon={<LockOutlined />} loading={busy === u.id}>
                    锁定
                  </Button>
                </Popconfirm>
              )
            ) : null}
            {mayDo(me, 'session.list') ? (
              <Button type="link" size="small" icon={<DesktopOutlined />} onClick={() => setSessionsOf(u)}>
                会话
              </Button>
            ) : null}
          </Space>
        );
      },
    });
  }

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          用户管理
        </Typography.Title>
        {canCreate ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              setEditing(null);
              setModalOpen(true);
            }}
          >
            新建用户
          </Button>
        ) : null}
      </Flex>
      <SearchForm<UserFilters>
        ariaLabel="用户查询"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          { name: 'q', label: '用户名/姓名', node: <Input placeholder="关键字" allowClear /> },
          { name: 'orgId', label: '所属单位', node: <OrgSelect allowClear placeholder="全部单位" /> },
          {
            name: 'role',
            label: '角色',
            node: (
              <Select
                allowClear
                placeholder="全部角色"
                options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
              />
            ),
          },
        ]}
      />
      <ResponsiveList<User>
        ariaLabel="用户列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(u) => u.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <UserFormModal
        open={modalOpen}
        user={editing}
        onClose={() => setModalOpen(false)}
        onSaved={(saved) => {
          setModalOpen(false);
          list.reload();
          if (saved.oneTimePassword) setIssued({ username: saved.username, password: saved.oneTimePassword });
        }}
      />
      <Modal
        open={!!issued}
        title="一次性密码"
        onOk={() => setIssued(null)}
        onCancel={() => setIssued(null)}
        okText="已告知用户"
        cancelButtonProps={{ style: { display: 'none' } }}
        destroyOnHidden
      >
        <Typography.Paragraph>
          账号 {issued?.username} 的一次性密码如下，只显示这一次。请当面或经安全渠道交给本人；首次登录后须修改。
        </Typography.Paragraph>
        <Typography.Paragraph copyable={{ text: issued?.password ?? '' }} data-testid="one-time-password">
          <Typography.Text code>{issued?.password}</Typography.Text>
        </Typography.Paragraph>
      </Modal>
      <Drawer
        open={!!sessionsOf}
        onClose={() => setSessionsOf(null)}
        title={sessionsOf ? `${sessionsOf.displayName}（${sessionsOf.username}）的会话` : '会话'}
        size="large"
        styles={{ wrapper: { maxWidth: '100vw' } }}
        destroyOnHidden
      >
        {sessionsOf ? <SessionList userId={sessionsOf.id} showUser={false} /> : null}
      </Drawer>
    </Card>
  );
}
