import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Col, Collapse, Flex, Grid, Input, Row, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Org, Region } from '../../../../common/api-types.js';
import {
  ORG_KIND_LABELS,
  ORG_KINDS,
  ORG_STATUS_LABELS,
  ORG_STATUSES,
  SECTOR_LABELS,
  SECTORS,
} from '../../../../common/enums.js';
import { allows, mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { OrgFormModal } from './OrgFormModal';
import { RegionTree } from './RegionTree';

interface OrgFilters {
  q?: string;
  kind?: string;
  sector?: string;
  status?: string;
}

export default function OrgsPage() {
  const me = useMe();
  const canCreate = mayDo(me, 'org.create');
  const screens = Grid.useBreakpoint();
  const [region, setRegion] = useState<Region | null>(null);
  const [filters, setFilters] = useState<OrgFilters>({});
  const [editing, setEditing] = useState<Org | null>(null);
  const [modalOpen, setModalOpen] = useState(false);

  const query = useMemo(() => ({ ...compact(filters), regionCode: region?.code }), [filters, region]);
  const list = usePagedList<Org>('/api/v1/orgs', query);

  const columns: ListColumn<Org>[] = [
    {
      key: 'name',
      title: '名称',
      dataIndex: 'name',
      render: (_v, o) => <Typography.Text strong>{o.name}</Typography.Text>,
    },
    { key: 'kind', title: '类型', dataIndex: 'kind', render: (_v, o) => ORG_KIND_LABELS[o.kind] ?? o.kind },
    { key: 'sector', title: '行业领域', dataIndex: 'sector', render: (_v, o) => SECTOR_LABELS[o.sector] ?? o.sector },
    { key: 'regionName', title: '行政区划', dataIndex: 'regionName' },
    { key: 'parentName', title: '上级单位', dataIndex: 'parentName' },
    {
      key: 'uscc',
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      render: (_v, o) => (o.uscc ? <Typography.Text code>{o.uscc}</Typography.Text> : '—'),
    },
    {
      key: 'status',
      title: '状态',
      dataIndex: 'status',
      render: (_v, o) => (
        <Tag color={o.status === 'active' ? 'green' : 'default'}>{ORG_STATUS_LABELS[o.status] ?? o.status}</Tag>
      ),
    },
  ];
  if (canCreate) {
    columns.push({
      key: 'actions',
      title: '操作',
      fixed: screens.md ? 'right' : undefined,
      render: (_v, o) =>
        allows(o, 'update') ? (
          <Button
            type="link"
            size="small"
            icon={<EditOutlined />}
            style={{ paddingInline: 0 }}
            onClick={() => {
              setEditing(o);
              setModalOpen(true);
            }}
            aria-label={`编辑 ${o.name}`}
          >
            编辑
          </Button>
        ) : null,
    });
  }

  const tree = <RegionTree selected={region?.code ?? null} onSelect={setRegion} />;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7} xl={6}>
        {screens.lg ? (
          <Card size="small" styles={{ body: { maxHeight: 'calc(100vh - 160px)', overflow: 'auto' } }}>
            {tree}
          </Card>
        ) : (
          <Collapse
            size="small"
            items={[
              {
                key: 'regions',
                label: region ? `行政区划：${region.name}` : '按行政区划筛选',
                children: <div style={{ maxHeight: 320, overflow: 'auto' }}>{tree}</div>,
              },
            ]}
          />
        )}
      </Col>
      <Col xs={24} lg={17} xl={18} style={{ minWidth: 0 }}>
        <Card size="small">
          <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
            <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
              组织机构
              {region ? (
                <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal', marginInlineStart: 8 }}>
                  {region.name}
                </Typography.Text>
              ) : null}
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
                新建单位
              </Button>
            ) : null}
          </Flex>
          <SearchForm<OrgFilters>
            ariaLabel="单位查询"
            onSearch={(v) => setFilters({ ...v })}
            onReset={() => setFilters({})}
            fields={[
              { name: 'q', label: '名称', node: <Input placeholder="单位名称关键字" allowClear /> },
              {
                name: 'kind',
                label: '类型',
                node: (
                  <Select
                    allowClear
                    placeholder="全部类型"
                    options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))}
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
                name: 'status',
                label: '状态',
                node: (
                  <Select
                    allowClear
                    placeholder="全部状态"
                    options={ORG_STATUSES.map((s) => ({ value: s, label: ORG_STATUS_LABELS[s] }))}
                  />
                ),
              },
            ]}
          />
          <ResponsiveList<Org>
            ariaLabel="单位列表"
            columns={columns}
            dataSource={list.data}
            rowKey={(o) => o.id}
            loading={list.loading}
            error={list.error}
            pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
          />
        </Card>
      </Col>
      <OrgFormModal
        open={modalOpen}
        org={editing}
        defaultRegionCode={region?.code ?? null}
        onClose={() => setModalOpen(false)}
        onSaved={() => {
          setModalOpen(false);
          list.reload();
        }}
      />
    </Row>
  );
}
