import { ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  CREDIT_CLASS_LABELS,
  ENTITY_SECTORS,
  ENTITY_STATUSES,
  ENTITY_STATUS_LABELS,
  type EntityStatus,
  GRADE_CLASSES,
  type GradeClass,
  RISK_CLASS_LABELS,
  SECTOR_LABELS,
  type Sector,
} from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { Entity } from '../../../../common/contracts/entities.contract.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { EntityFormModal } from './EntityFormModal';
import { EntityImportModal } from './EntityImportModal';
import { CreditTag, EntityStatusTag, RiskTag, sectorNames } from './labels';

interface EntityFilters {
  q?: string;
  regionCode?: string;
  sector?: Sector;
  riskClass?: GradeClass;
  creditClass?: GradeClass;
  status?: EntityStatus;
}

export default function EntitiesPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<EntityFilters>({});
  const [dialog, setDialog] = useState<'none' | 'create' | 'import'>('none');
  const canCreate = mayDo(me, 'entity.create');
  const canImport = mayDo(me, 'entity.import');
  const query = useMemo(() => compact({ ...filters }), [filters]);
  const list = usePagedList<Entity>('/api/v1/entities', query);

  const columns: ListColumn<Entity>[] = [
    {
      key: 'name',
      title: '名称',
      dataIndex: 'name',
      render: (_v, e) => (
        <Link to={`/entities/${encodeURIComponent(e.id)}`}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {e.name}
          </Typography.Text>
        </Link>
      ),
    },
    {
      key: 'uscc',
      title: '统一社会信用代码',
      dataIndex: 'uscc',
      render: (_v, e) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{e.uscc}</span>,
    },
    { key: 'regionName', title: '所在区划', dataIndex: 'regionName' },
    { key: 'sectors', title: '行业领域', render: (_v, e) => sectorNames(e.sectors) },
    { key: 'riskClass', title: '风险等级', render: (_v, e) => <RiskTag value={e.riskClass} /> },
    { key: 'creditClass', title: '信用等级', render: (_v, e) => <CreditTag value={e.creditClass} /> },
    { key: 'status', title: '状态', render: (_v, e) => <EntityStatusTag value={e.status} /> },
  ];
  const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
    values.map((v) => ({ value: v, label: labels[v] }));

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          检查对象名录库
        </Typography.Title>
        {canCreate || canImport ? (
          <Flex gap={8} wrap>
            {canImport ? (
              <Button icon={<ImportOutlined />} onClick={() => setDialog('import')}>
                批量导入
              </Button>
            ) : null}
            {canCreate ? (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog('create')}>
                新增检查对象
              </Button>
            ) : null}
          </Flex>
        ) : null}
      </Flex>
      <SearchForm<EntityFilters>
        name="entitySearch"
        ariaLabel="检查对象查询"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          {
            name: 'q',
            label: '名称或信用代码',
            node: <Input placeholder="名称关键字，或统一社会信用代码（可只输前几位）" allowClear />,
          },
          { name: 'regionCode', label: '所在区划', node: <RegionTreeSelect allowClear placeholder="全部区划" /> },
          {
            name: 'sector',
            label: '行业领域',
            node: <Select allowClear placeholder="全部" options={options(ENTITY_SECTORS, SECTOR_LABELS)} />,
          },
          {
            name: 'riskClass',
            label: '风险等级',
            node: <Select allowClear placeholder="全部" options={options(GRADE_CLASSES, RISK_CLASS_LABELS)} />,
          },
          {
            name: 'creditClass',
            label: '信用等级',
            node: <Select allowClear placeholder="全部" options={options(GRADE_CLASSES, CREDIT_CLASS_LABELS)} />,
          },
          {
            name: 'status',
            label: '状态',
            node: <Select allowClear placeholder="全部" options={options(ENTITY_STATUSES, ENTITY_STATUS_LABELS)} />,
          },
        ]}
      />
      <ResponsiveList<Entity>
        ariaLabel="检查对象列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(e) => e.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <EntityFormModal
        open={dialog === 'create'}
        entity={null}
        onClose={() => setDialog('none')}
        onSaved={(saved) => {
          setDialog('none');
          navigate(`/entities/${encodeURIComponent(saved.id)}`);
        }}
      />
      <EntityImportModal
        open={dialog === 'import'}
        onClose={() => setDialog('none')}
        onImported={() => list.reload()}
      />
    </Card>
  );
}
