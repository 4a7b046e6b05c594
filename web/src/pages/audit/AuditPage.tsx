import { Card, DatePicker, Input, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import type { AuditEvent } from '../../../../common/api-types.js';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';

interface AuditFilters {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
}

export default function AuditPage() {
  const [filters, setFilters] = useState<AuditFilters>({});
  const query = useMemo(
    () => ({
      from: filters.range?.[0]?.toISOString(),
      to: filters.range?.[1]?.toISOString(),
      actor: filters.actor?.trim() || undefined,
      action: filters.action?.trim() || undefined,
    }),
    [filters],
  );
  const list = usePagedList<AuditEvent>('/api/v1/audit-events', query, 50);

  const columns: ListColumn<AuditEvent>[] = [
    {
      key: 'seq',
      title: '序号',
      dataIndex: 'seq',
      render: (_v, e) => <Typography.Text code>#{e.seq}</Typography.Text>,
    },
    {
      key: 'at',
      title: '时间',
      dataIndex: 'at',
      render: (_v, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</span>,
    },
    {
      key: 'actorUsername',
      title: '操作者',
      dataIndex: 'actorUsername',
      render: (_v, e) => e.actorUsername ?? '（匿名）',
    },
    {
      key: 'action',
      title: '操作',
      dataIndex: 'action',
      render: (_v, e) => <Typography.Text code>{e.action}</Typography.Text>,
    },
    {
      key: 'resource',
      title: '对象',
      render: (_v, e) => (e.resourceType ? `${e.resourceType}${e.resourceId ? ` / ${e.resourceId}` : ''}` : '—'),
    },
    {
      key: 'outcome',
      title: '结果',
      dataIndex: 'outcome',
      render: (_v, e) => (
        <span>
          <Tag color={e.outcome === 'success' ? 'green' : 'red'}>{e.outcome === 'success' ? '成功' : '失败'}</Tag>
          {e.code ? <Typography.Text type="secondary">{e.code}</Typography.Text> : null}
        </span>
      ),
    },
    { key: 'ip', title: 'IP', dataIndex: 'ip' },
  ];

  return (
    <Card size="small">
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 18 }}>
        审计日志
      </Typography.Title>
      <SearchForm<AuditFilters>
        ariaLabel="审计日志查询"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          {
            name: 'range',
            label: '时间范围',
            wide: true,
            node: <DatePicker.RangePicker showTime style={{ width: '100%' }} placeholder={['开始时间', '结束时间']} />,
          },
          { name: 'actor', label: '操作者', node: <Input placeholder="用户名" allowClear /> },
          { name: 'action', label: '操作', node: <Input placeholder="如 auth.login" allowClear /> },
        ]}
      />
      <ResponsiveList<AuditEvent>
        ariaLabel="审计日志列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(e) => e.seq}
        loading={list.loading}
        error={list.error}
        cardTitleKey="at"
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
    </Card>
  );
}
