import { LogoutOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Typography } from 'antd';
import { useMemo } from 'react';
import type { SessionInfo } from '../../../../common/api-types.js';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { usePagedList } from '../../components/usePagedList';

export interface SessionListProps {
  /** Only the sessions of this user; all sessions when omitted. */
  userId?: string;
  showUser?: boolean;
}

/** Active sessions with a 强制下线 action (secadmin). */
export function SessionList({ userId, showUser = true }: SessionListProps) {
  const { message } = App.useApp();
  const query = useMemo(() => ({ userId }), [userId]);
  const list = usePagedList<SessionInfo>('/api/v1/sessions', query);

  const revoke = async (s: SessionInfo) => {
    try {
      await api.delete(`/api/v1/sessions/${encodeURIComponent(s.id)}`);
      message.success(`已强制下线 ${s.username}`);
      list.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };

  const columns: ListColumn<SessionInfo>[] = [
    ...(showUser ? [{ key: 'username', title: '用户名', dataIndex: 'username' as const }] : []),
    { key: 'createdAt', title: '登录时间', dataIndex: 'createdAt', render: (_v, s) => formatDateTime(s.createdAt) },
    { key: 'lastSeenAt', title: '最后活动', dataIndex: 'lastSeenAt', render: (_v, s) => formatDateTime(s.lastSeenAt) },
    { key: 'expiresAt', title: '过期时间', dataIndex: 'expiresAt', render: (_v, s) => formatDateTime(s.expiresAt) },
    { key: 'ip', title: 'IP', dataIndex: 'ip' },
    {
      key: 'userAgent',
      title: '客户端',
      dataIndex: 'userAgent',
      render: (_v, s) =>
        s.userAgent ? (
          <Typography.Text ellipsis={{ tooltip: s.userAgent }} style={{ maxWidth: 260 }}>
            {s.userAgent}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, s) => (
        <Popconfirm title="确定强制该会话下线？" okText="强制下线" cancelText="取消" onConfirm={() => revoke(s)}>
          <Button type="link" danger size="small" icon={<LogoutOutlined />} style={{ paddingInline: 0 }}>
            强制下线
          </Button>
        </Popconfirm>
      ),
    },
  ];

  return (
    <ResponsiveList<SessionInfo>
      ariaLabel="会话列表"
      columns={columns}
      dataSource={list.data}
      rowKey={(s) => s.id}
      loading={list.loading}
      error={list.error}
      cardTitleKey={showUser ? 'username' : 'createdAt'}
      pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
    />
  );
}
