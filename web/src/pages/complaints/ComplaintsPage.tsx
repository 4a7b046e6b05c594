import { Card, Flex, Input, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ComplaintSummary } from '../../../../common/contracts/complaints.contract.js';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_KINDS,
  COMPLAINT_STATE_LABELS,
  COMPLAINT_STATES,
  type ComplaintChannel,
  type ComplaintKind,
  type ComplaintState,
} from '../../../../common/enums.js';
import { ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { channelLabel, COMPLAINT_COLUMNS } from './complaintDisplay';

interface Filters {
  q?: string;
  state?: ComplaintState | 'all';
  kind?: ComplaintKind | 'all';
  channel?: ComplaintChannel | 'all';
  overdue?: boolean;
}

const all = <T extends string>(v: T | 'all' | undefined) => (v === 'all' ? undefined : v);

/** 投诉举报: the org's inbox (首接负责制: what it handles and what a transfer waits on), nearest due date first. */
export default function ComplaintsPage() {
  const [filters, setFilters] = useState<Filters>({});
  const query = useMemo(
    () =>
      compact({
        q: filters.q?.trim() || undefined,
        state: all(filters.state),
        kind: all(filters.kind),
        channel: all(filters.channel),
        overdue: filters.overdue ? 'true' : undefined,
      }),
    [filters],
  );
  const list = usePagedList<ComplaintSummary>('/api/v1/complaints', query);

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          投诉举报
        </Typography.Title>
      </Flex>
      <Typography.Paragraph type="secondary">
        办理时限按工作日计：咨询 2 个工作日，求助、建议 10 个工作日，投诉、举报 15
        个工作日，自收到之日的次一工作日起算；转办、派单异议期间暂停计算。期限最近的在前。
      </Typography.Paragraph>
      <SearchForm<Filters>
        name="complaintSearch"
        ariaLabel="投诉举报查询"
        initialValues={{ state: 'all', kind: 'all', channel: 'all' }}
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          { name: 'q', label: '关键词', node: <Input placeholder="受理编号或内容" allowClear /> },
          {
            name: 'state',
            label: '状态',
            node: (
              <Select
                options={[
                  { value: 'all', label: '全部' },
                  ...COMPLAINT_STATES.map((s) => ({ value: s, label: COMPLAINT_STATE_LABELS[s] })),
                ]}
              />
            ),
          },
          {
            name: 'kind',
            label: '类别',
            node: (
              <Select
                options={[
                  { value: 'all', label: '全部' },
                  ...COMPLAINT_KINDS.map((k) => ({ value: k, label: COMPLAINT_KIND_LABELS[k] })),
                ]}
              />
            ),
          },
          {
            name: 'channel',
            label: '来源',
            node: (
              <Select
                options={[
                  { value: 'all', label: '全部' },
                  ...COMPLAINT_CHANNELS.map((c) => ({ value: c, label: channelLabel(c) })),
                ]}
              />
            ),
          },
          { name: 'overdue', label: '仅看逾期', node: <Switch aria-label="仅看逾期" /> },
        ]}
      />
      <ResponsiveList<ComplaintSummary>
        ariaLabel="投诉举报列表"
        columns={COMPLAINT_COLUMNS}
        dataSource={list.data}
        rowKey={(c) => c.id}
        cardTitleKey="trackingNumber"
        actionsKey="none"
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
    </Card>
  );
}
