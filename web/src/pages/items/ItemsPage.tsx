import { ImportOutlined, PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Space, Tabs, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Page } from '../../../../common/api-types.js';
import {
  ITEM_LEVEL_LABELS,
  ITEM_LEVELS,
  ITEM_TYPE_LABELS,
  ITEM_TYPES,
  type ItemLevel,
  type ItemType,
  SECTOR_LABELS,
  SECTORS,
  type Sector,
} from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { ClaimedItem, Item } from '../../../../common/contracts/catalog.contract.js';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { useLocalPage } from '../../components/useLocalPage';
import { usePagedList } from '../../components/usePagedList';
import { ItemFormModal } from './ItemFormModal';
import { ItemImportModal } from './ItemImportModal';
import { GuidingTag, itemTypeLabel, LevelTags, MajorTag, sectorLabel } from './itemDisplay';

interface ItemFilters {
  q?: string;
  type?: ItemType;
  sector?: Sector;
  level?: ItemLevel;
  townshipGuiding?: 'true' | 'false';
}

type TabKey = 'all' | 'claimed';

function itemColumns<T extends Item>(onOpen: (item: T) => void, extra: ListColumn<T>[] = []): ListColumn<T>[] {
  return [
    {
      key: 'baseCode',
      title: '基本编码',
      dataIndex: 'baseCode',
      render: (_v, i) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{i.baseCode}</span>,
    },
    {
      key: 'name',
      title: '事项名称',
      dataIndex: 'name',
      render: (_v, i) => (
        <Link
          to={`/items/${encodeURIComponent(i.id)}`}
          style={{ display: 'inline-block', maxWidth: 420, whiteSpace: 'normal' }}
        >
          {i.name}
        </Link>
      ),
    },
    {
      key: 'type',
      title: '类型',
      dataIndex: 'type',
      render: (_v, i) => <span style={{ whiteSpace: 'nowrap' }}>{itemTypeLabel(i.type)}</span>,
    },
    { key: 'sector', title: '行业领域', dataIndex: 'sector', render: (_v, i) => sectorLabel(i.sector) },
    { key: 'levels', title: '行使层级', dataIndex: 'levels', render: (_v, i) => <LevelTags levels={i.levels} /> },
    {
      key: 'townshipGuiding',
      title: '指导目录',
      dataIndex: 'townshipGuiding',
      render: (_v, i) => (i.townshipGuiding ? <GuidingTag /> : '—'),
    },
    { key: 'major', title: '重大', dataIndex: 'major', render: (_v, i) => (i.major ? <MajorTag /> : '—') },
    {
      key: 'version',
      title: '版本',
      dataIndex: 'version',
      render: (_v, i) => <span style={{ whiteSpace: 'nowrap' }}>第 {i.version} 版</span>,
    },
    ...extra,
    {
      key: 'actions',
      title: '操作',
      render: (_v, i) => (
        <Button
          type="link"
          size="small"
          icon={<ProfileOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => onOpen(i)}
          aria-label={`详情：${i.baseCode}`}
        >
          详情
        </Button>
      ),
    },
  ];
}

/** 本单位已认领: GET /api/v1/orgs/:id/items (the whole list, paged here). */
function ClaimedItems({ orgId, onOpen }: { orgId: string; onOpen: (item: Item) => void }) {
  const [rows, setRows] = useState<ClaimedItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<Page<ClaimedItem>>(`/api/v1/orgs/${encodeURIComponent(orgId)}/items`, undefined, ctrl.signal)
      .then((page) => {
        setRows(page.data);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [orgId]);

  const page = useLocalPage(rows, 20);
  const columns = useMemo(
    () =>
      itemColumns<ClaimedItem>(onOpen, [
        {
          key: 'claimedAt',
          title: '认领时间',
          dataIndex: 'claimedAt',
          render: (_v, i) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(i.claimedAt)}</span>,
        },
      ]),
    [onOpen],
  );
  return (
    <ResponsiveList<ClaimedItem>
      ariaLabel="本单位已认领事项"
      columns={columns}
      dataSource={page.pageRows}
      rowKey={(i) => i.id}
      loading={loading}
      error={error}
      cardTitleKey="name"
      pagination={page.pagination}
    />
  );
}

export default function ItemsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab: TabKey = params.get('tab') === 'claimed' ? 'claimed' : 'all';
  const [filters, setFilters] = useState<ItemFilters>({});
  const [dialog, setDialog] = useState<'none' | 'create' | 'import'>('none');
  const canCreate = mayDo(me, 'item.create');
  const canImport = mayDo(me, 'item.import');

  const query = useMemo(() => compact({ ...filters }), [filters]);
  const list = usePagedList<Item>('/api/v1/items', query);
  const open = useCallback((i: Item) => navigate(`/items/${encodeURIComponent(i.id)}`), [navigate]);
  const columns = useMemo(() => itemColumns<Item>(open), [open]);

  const allTab = (
    <>
      <SearchForm<ItemFilters>
        name="itemSearch"
        ariaLabel="事项查询"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          { name: 'q', label: '关键词', node: <Input placeholder="事项名称，或基本编码开头部分" allowClear /> },
          {
            name: 'type',
            label: '事项类型',
            node: (
              <Select
                allowClear
                placeholder="全部类型"
                options={ITEM_TYPES.map((t) => ({ value: t, label: ITEM_TYPE_LABELS[t] }))}
              />
            ),
          },
          {
            name: 'sector',
            label: '行业领域',
            node: (
              <Select
                allowClear
                placeholder="全部领域"
                options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
              />
            ),
          },
          {
            name: 'level',
            label: '行使层级',
            node: (
              <Select
                allowClear
                placeholder="全部层级"
                options={ITEM_LEVELS.map((l) => ({ value: l, label: ITEM_LEVEL_LABELS[l] }))}
              />
            ),
          },
          {
            name: 'townshipGuiding',
            label: '指导目录',
            node: (
              <Select
                allowClear
                placeholder="全部"
                options={[
                  { value: 'true', label: '在乡镇（街道）指导目录内' },
                  { value: 'false', label: '不在指导目录内' },
                ]}
              />
            ),
          },
        ]}
      />
      <ResponsiveList<Item>
        ariaLabel="事项清单"
        columns={columns}
        dataSource={list.data}
        rowKey={(i) => i.id}
        loading={list.loading}
        error={list.error}
        cardTitleKey="name"
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
    </>
  );

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 4 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          事项清单
        </Typography.Title>
        {canCreate || canImport ? (
          <Space wrap>
            {canImport ? (
              <Button icon={<ImportOutlined />} onClick={() => setDialog('import')}>
                导入
              </Button>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
                新增事项
              </Button>
            ) : null}
          </Space>
        ) : null}
      </Flex>
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'claimed' ? { tab: 'claimed' } : {}, { replace: true })}
        items={[
          { key: 'all', label: '全部事项', children: allTab },
          { key: 'claimed', label: '本单位已认领', children: <ClaimedItems orgId={me.org.id} onOpen={open} /> },
        ]}
        destroyOnHidden
      />
      <ItemFormModal
        open={dialog === 'create'}
        item={null}
        onClose={() => setDialog('none')}
        onSaved={(saved) => {
          setDialog('none');
          list.reload();
          navigate(`/items/${encodeURIComponent(saved.id)}`);
        }}
      />
      <ItemImportModal
        open={dialog === 'import'}
        onClose={() => {
          setDialog('none');
          list.reload();
        }}
      />
    </Card>
  );
}
