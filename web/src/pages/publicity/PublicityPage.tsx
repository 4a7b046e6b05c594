import { ExportOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { allows } from '../../app/abilities';
import type { PublicationPage, Publication } from '../../../../common/contracts/publicity.contract.js';
import { PUBLICITY_STATUSES, type PublicityStatus } from '../../../../common/enums.js';
import { PUBLICITY_STATUS_LABELS } from '../../../../common/labels/publicity.js';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { type PublicityAction, PublicityActionModal } from './PublicityActionModal';
import { CASE_COLUMNS, PublishByText, PublishedText, StatusText } from './publicityDisplay';

interface Filters {
  q?: string;
  status?: PublicityStatus | 'all';
  overdue?: boolean;
}

/** 公示管理: the decisions in the user's scope with their publicity; the deciding org publishes, withdraws, ends. */
export default function PublicityPage() {
  const [filters, setFilters] = useState<Filters>({});
  const [target, setTarget] = useState<{ action: PublicityAction; row: Publication } | null>(null);

  const query = useMemo(
    () =>
      compact({
        q: filters.q,
        status: filters.status === 'all' ? undefined : filters.status,
        overdue: filters.overdue ? 'true' : undefined,
      }),
    [filters],
  );
  const list = usePagedList<Publication, Pick<PublicationPage, 'today'>>('/api/v1/publicity', query);

  const columns = useMemo<ListColumn<Publication>[]>(() => {
    return [
      ...CASE_COLUMNS,
      { key: 'publishBy', title: '公示期限', dataIndex: 'publishBy', render: (_v, p) => <PublishByText p={p} /> },
      { key: 'status', title: '状态', dataIndex: 'status', render: (_v, p) => <StatusText p={p} /> },
      { key: 'publishedAt', title: '公示日期', dataIndex: 'publishedAt', render: (_v, p) => <PublishedText p={p} /> },
      {
        key: 'actions',
        title: '操作',
        render: (_v, p) => {
          // The row's abilities say what the server accepts (only the deciding org acts); others get the link.
          const open = (action: PublicityAction) => () => setTarget({ action, row: p });
          const buttons = [
            allows(p, 'publish') && p.status === 'unpublished' ? (
              <Button key="publish" type="primary" size="small" onClick={open('publish')} data-action="publish">
                公示
              </Button>
            ) : null,
            allows(p, 'withdraw') && (p.status === 'published' || p.status === 'unpublished') ? (
              <Button key="withdraw" size="small" danger onClick={open('withdraw')} data-action="withdraw">
                撤回
              </Button>
            ) : null,
            allows(p, 'end') && p.status === 'published' ? (
              <Button key="end" size="small" onClick={open('end')} data-action="end">
                结束公示
              </Button>
            ) : null,
            p.publicUrl ? (
              <a
                key="public"
                href={p.publicUrl}
                target="_blank"
                rel="noopener noreferrer"
                style={{ whiteSpace: 'nowrap' }}
                data-testid="row-public-link"
              >
                <ExportOutlined aria-hidden /> 公开页面
              </a>
            ) : null,
          ].filter((b) => b !== null);
          return buttons.length > 0 ? (
            <Space wrap size={[8, 4]}>
              {buttons}
            </Space>
          ) : (
            '—'
          );
        },
      },
    ];
  }, []);

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          公示管理
        </Typography.Title>
        {list.response?.today ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            今日 {list.response.today}
          </Typography.Text>
        ) : null}
      </Flex>
      <Typography.Paragraph type="secondary">
        行政处罚决定应自作出之日起 7 个工作日内公示，其他执法决定 20 个工作日内；决定被撤销或更正的，应在 3
        个工作日内撤回公示。
      </Typography.Paragraph>
      <SearchForm<Filters>
        name="publicitySearch"
        ariaLabel="公示查询"
        initialValues={{ status: 'all' }}
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          { name: 'q', label: '关键词', node: <Input placeholder="案号或当事人" allowClear /> },
          {
            name: 'status',
            label: '公示状态',
            node: (
              <Select
                options={[
                  { value: 'all', label: '全部' },
                  ...PUBLICITY_STATUSES.map((s) => ({ value: s, label: PUBLICITY_STATUS_LABELS[s] })),
                ]}
              />
            ),
          },
          { name: 'overdue', label: '逾期未公示', node: <Switch aria-label="逾期未公示" /> },
        ]}
      />
      <ResponsiveList<Publication>
        ariaLabel="公示列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(p) => p.caseId}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <PublicityActionModal
        target={target}
        onClose={() => setTarget(null)}
        onSaved={() => {
          setTarget(null);
          list.reload();
        }}
        onStale={list.reload}
      />
    </Card>
  );
}
