import { Card, DatePicker, Flex, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { z } from 'zod';
import type { ComplaintOrgStats, ComplaintSummary } from '../../../../common/contracts/complaints.contract.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { api, errorMessage } from '../../api/client';
import { ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { COMPLAINT_COLUMNS } from './complaintDisplay';

type OrgStats = z.infer<typeof ComplaintOrgStats>;

interface Filters {
  range?: [Dayjs | null, Dayjs | null] | null;
}

const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((part / whole) * 1000) / 10}%` : '—');

/** 各单位办理统计: received, closed, on time, overdue, satisfaction per handling org of the supervisor's region. */
function StatsCard() {
  const [filters, setFilters] = useState<Filters>({});
  const [rows, setRows] = useState<OrgStats[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const query = useMemo(
    () =>
      compact({
        from: filters.range?.[0]?.format('YYYY-MM-DD'),
        to: filters.range?.[1]?.format('YYYY-MM-DD'),
      }),
    [filters],
  );
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<{ data: OrgStats[] }>('/api/v1/complaints/stats', query, ctrl.signal)
      .then((res) => {
        setRows(res.data);
        setError(null);
        setLoading(false);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(errorMessage(err));
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [query]);
  const total = rows.reduce(
    (s, r) => ({
      received: s.received + r.received,
      closed: s.closed + r.closed,
      onTime: s.onTime + r.onTime,
      overdue: s.overdue + r.overdue,
    }),
    { received: 0, closed: 0, onTime: 0, overdue: 0 },
  );

  return (
    <Card size="small" title="各单位办理统计">
      <Typography.Paragraph type="secondary">
        按收到日期统计本地区各承办单位的投诉举报：按时答复指在办理期限内答复；逾期含尚未办结已过期限的和逾期答复的；满意率为（满意
        + 基本满意）÷ 已评价，据此立案查处的（执法办案类）不计入。
      </Typography.Paragraph>
      <SearchForm<Filters>
        name="complaintStatsSearch"
        ariaLabel="统计期间"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          {
            name: 'range',
            label: '收到日期',
            wide: true,
            node: <DatePicker.RangePicker style={{ width: '100%' }} placeholder={['开始日期', '结束日期']} />,
          },
        ]}
      />
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
      <ResponsiveList<OrgStats>
        ariaLabel="各单位投诉举报办理统计"
        dataSource={rows}
        rowKey={(r) => r.org.id}
        loading={loading}
        pagination={false}
        actionsKey="none"
        cardTitleKey="org"
        columns={[
          { key: 'org', title: '承办单位', render: (_v, r) => r.org.name },
          { key: 'received', title: '收到', dataIndex: 'received' },
          { key: 'closed', title: '已办结', dataIndex: 'closed' },
          {
            key: 'onTime',
            title: '按时答复',
            render: (_v, r) => `${r.onTime}（${percent(r.onTime, r.received)}）`,
          },
          {
            key: 'overdue',
            title: '逾期',
            render: (_v, r) =>
              r.overdue > 0 ? <Typography.Text type="danger">{r.overdue}</Typography.Text> : String(r.overdue),
          },
          { key: 'rated', title: '已评价', dataIndex: 'rated' },
          {
            key: 'satisfaction',
            title: '满意率',
            render: (_v, r) => (r.satisfaction === null ? '—' : `${Math.round(r.satisfaction * 1000) / 10}%`),
          },
        ]}
      />
      {rows.length > 0 ? (
        <Typography.Paragraph style={{ marginTop: 8 }} data-testid="stats-total">
          合计：收到 {total.received} 件，已办结 {total.closed} 件，按时答复 {total.onTime} 件，逾期 {total.overdue}{' '}
          件。
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

const NO_FILTERS = {};

/** 投诉督办: the supervising justice department's (or a department head's) overdue complaints and the statistics. */
export default function ComplaintSupervisionPage() {
  const me = useMe();
  const overdue = usePagedList<ComplaintSummary>('/api/v1/complaints/overdue', NO_FILTERS);
  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={2} style={{ margin: '0 0 12px', fontSize: 18 }}>
          投诉督办
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          已过办理期限仍未办结的投诉举报（待受理、办理中、转办中、派单异议中），逾期最久的在前。
        </Typography.Paragraph>
        <ResponsiveList<ComplaintSummary>
          ariaLabel="逾期未办结的投诉举报"
          columns={COMPLAINT_COLUMNS}
          dataSource={overdue.data}
          rowKey={(c) => c.id}
          cardTitleKey="trackingNumber"
          actionsKey="none"
          loading={overdue.loading}
          error={overdue.error}
          pagination={{
            current: overdue.current,
            pageSize: overdue.pageSize,
            total: overdue.total,
            onChange: overdue.setPage,
          }}
        />
      </Card>
      {mayDo(me, 'complaint.stats') ? <StatsCard /> : null}
    </Flex>
  );
}
