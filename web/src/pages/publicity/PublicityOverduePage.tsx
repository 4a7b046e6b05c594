import { Card, Flex, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { PublicationPage, Publication } from '../../../../common/contracts/publicity.contract.js';
import { OrgSelect } from '../../components/OrgSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { CASE_COLUMNS, daysBetween, PublishByText } from './publicityDisplay';

interface Filters {
  orgId?: string | null;
}

/** 公示监督: decisions past their publish-by date and still not published, longest overdue first. */
export default function PublicityOverduePage() {
  const [filters, setFilters] = useState<Filters>({});
  const query = useMemo(() => compact({ orgId: filters.orgId ?? undefined }), [filters]);
  const list = usePagedList<Publication, Pick<PublicationPage, 'today'>>('/api/v1/publicity/overdue', query);
  const today = list.response?.today ?? null;

  const columns = useMemo<ListColumn<Publication>[]>(
    () => [
      ...CASE_COLUMNS,
      // Every row is overdue: the days column says by how much, so no 逾期 tag here.
      {
        key: 'publishBy',
        title: '公示期限',
        dataIndex: 'publishBy',
        render: (_v, p) => <PublishByText p={{ ...p, overdue: false }} />,
      },
      {
        key: 'overdueDays',
        title: '逾期天数',
        render: (_v, p) => {
          if (!today) return '—';
          const days = daysBetween(p.publishBy, today);
          return (
            <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="overdue-days" data-days={days}>
              逾期 {days} 日
            </Tag>
          );
        },
      },
    ],
    [today],
  );

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          公示监督
        </Typography.Title>
        {today ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            今日 {today}
          </Typography.Text>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary">
        已过公示期限仍未公示的执法决定（逾期天数按自然日计，自公示期限次日起算），逾期最久的在前。
      </Typography.Paragraph>
      <SearchForm<Filters>
        name="publicityOverdueSearch"
        ariaLabel="逾期公示查询"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[{ name: 'orgId', label: '执法单位', node: <OrgSelect allowClear placeholder="全部单位" /> }]}
      />
      <ResponsiveList<Publication>
        ariaLabel="逾期未公示决定"
        columns={columns}
        dataSource={list.data}
        rowKey={(p) => p.caseId}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
    </Card>
  );
}
