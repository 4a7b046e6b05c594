/**
 * 入企记录: the department's visits (its supervisors': those of the orgs they oversee) with their flags, filtered by
 * flag, purpose and date; supervisors also see the enterprises' ratings per department (only from 5 ratings); and
 * the frequency caps, set here by the supervising justice department.
 */
import { Card, DatePicker, Empty, Flex, Select, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { RatingAggregates, Visit } from '../../../../common/contracts/visits.contract.js';
import { VISIT_FLAG_LABELS, VISIT_FLAGS, VISIT_PURPOSE_LABELS, VISIT_PURPOSES } from '../../../../common/enums.js';
import { api } from '../../api/client';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { FlagTags } from './FlagTags';
import { VisitCaps } from './VisitCaps';

interface Filters {
  flag?: string;
  purpose?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

export const visitColumns: ListColumn<Visit>[] = [
  { key: 'startedAt', title: '入企时间', render: (_v, v) => formatDateTime(v.startedAt) },
  {
    key: 'entity',
    title: '检查对象',
    render: (_v, v) => <Link to={`/entities/${encodeURIComponent(v.entityId)}`}>{v.entityName}</Link>,
  },
  { key: 'org', title: '入企部门', dataIndex: 'orgName' },
  { key: 'officers', title: '入企人员', render: (_v, v) => v.officers.map((o) => o.name).join('、') },
  {
    key: 'purpose',
    title: '事由',
    render: (_v, v) => (v.taskName ? `${v.purposeLabel}（${v.taskName}）` : v.purposeLabel),
  },
  {
    key: 'offline',
    title: '登记方式',
    render: (_v, v) => (v.capturedOffline ? `离线补录（${formatDateTime(v.recordedAt)}）` : '现场扫码'),
  },
  { key: 'flags', title: '提示', render: (_v, v) => <FlagTags flags={v.flags} /> },
];

function Ratings() {
  const [data, setData] = useState<RatingAggregates | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<RatingAggregates>('/api/v1/visits/ratings', undefined, ctrl.signal)
      .then(setData)
      .catch(() => {});
    return () => ctrl.abort();
  }, []);
  if (!data) return null;
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 15 }}>企业评价（按部门汇总）</h2>}>
      <Typography.Paragraph type="secondary">
        评价匿名，被评价部门看不到；评价不少于 {data.minimum} 条的部门才显示汇总
        {data.withheldOrgs > 0 ? `（另有 ${data.withheldOrgs} 个部门评价不足 ${data.minimum} 条，未显示）` : ''}。
      </Typography.Paragraph>
      {data.data.length === 0 ? (
        <Empty description="暂无可显示的评价汇总" />
      ) : (
        <Table
          size="small"
          rowKey="orgId"
          pagination={false}
          dataSource={data.data}
          columns={[
            { key: 'org', title: '部门', dataIndex: 'orgName' },
            { key: 'count', title: '评价数', dataIndex: 'count' },
            { key: 'avg', title: '平均分', dataIndex: 'average' },
            {
              key: 'dist',
              title: '分布（1–5 分）',
              render: (_v, r) => r.distribution.map((n, i) => `${i + 1} 分 ${n} 条`).join('，'),
            },
          ]}
        />
      )}
    </Card>
  );
}

export default function VisitsPage() {
  const me = useMe();
  const [filters, setFilters] = useState<Filters>({});
  const query = useMemo(
    () =>
      compact({
        flag: filters.flag,
        purpose: filters.purpose,
        from: filters.range?.[0]?.format('YYYY-MM-DD'),
        to: filters.range?.[1]?.format('YYYY-MM-DD'),
      }),
    [filters],
  );
  const list = usePagedList<Visit>('/api/v1/visits', query);
  const { data: dataSource, loading, error, current, pageSize, total, setPage } = list;
  const listProps = { dataSource, loading, error, pagination: { current, pageSize, total, onChange: setPage } };
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <Typography.Title level={2} style={{ margin: '0 0 12px', fontSize: 18 }}>
          入企记录
        </Typography.Title>
        <SearchForm<Filters>
          name="visitSearch"
          ariaLabel="入企记录查询"
          onSearch={(v) => setFilters(v)}
          onReset={() => setFilters({})}
          fields={[
            {
              name: 'flag',
              label: '提示',
              node: (
                <Select
                  allowClear
                  placeholder="全部"
                  options={VISIT_FLAGS.map((f) => ({ value: f, label: VISIT_FLAG_LABELS[f] }))}
                />
              ),
            },
            {
              name: 'purpose',
              label: '事由',
              node: (
                <Select
                  allowClear
                  placeholder="全部"
                  options={VISIT_PURPOSES.map((p) => ({ value: p, label: VISIT_PURPOSE_LABELS[p] }))}
                />
              ),
            },
            {
              name: 'range',
              label: '入企日期',
              wide: true,
              node: <DatePicker.RangePicker style={{ width: '100%' }} inputReadOnly />,
            },
          ]}
        />
        <ResponsiveList<Visit> ariaLabel="入企记录列表" columns={visitColumns} rowKey={(v) => v.id} {...listProps} />
      </Card>
      {mayDo(me, 'visit.ratings') ? <Ratings /> : null}
      <VisitCaps />
    </Flex>
  );
}
