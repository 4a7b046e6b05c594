import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Grid, Select, Tabs, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router';
import { ENTITY_KIND_LABELS } from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api } from '../../api/client';
import type { EntityCase, EntityDetail } from '../../../../common/contracts/entities.contract.js';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useDetail } from '../../components/useDetail';
import { useLocalPage } from '../../components/useLocalPage';
import { EntityVisits } from '../visits/EntityVisits';
import { EntityFormModal } from './EntityFormModal';
import { CreditTag, EntityStatusTag, RiskTag, sectorNames } from './labels';

const caseColumns: ListColumn<EntityCase>[] = [
  {
    key: 'number',
    title: '案件编号',
    render: (_v, c) => <Link to={`/cases/${encodeURIComponent(c.id)}`}>{c.number}</Link>,
  },
  { key: 'itemName', title: '执法事项', render: (_v, c) => c.itemName ?? '—' },
  { key: 'orgName', title: '办案单位', dataIndex: 'orgName' },
  { key: 'state', title: '状态', render: (_v, c) => <Tag>{c.stateLabel}</Tag> },
  { key: 'filedAt', title: '立案时间', render: (_v, c) => formatDateTime(c.filedAt) || '—' },
];

const coming = (what: string) => <Empty description={`${what}将在相关功能上线后显示`} />;

/**
 * The entity's records (cases, inspections, visits, complaints): tabs from tablet width up; on a phone a select and
 * the chosen panel, since four tabs overflow a 390 px screen into antd's "more" menu (which axe flags:
 * aria-required-children).
 */
function RecordTabs({ items }: { items: { key: string; label: string; children: ReactNode }[] }) {
  const screens = Grid.useBreakpoint();
  const [active, setActive] = useState(items[0]?.key ?? '');
  if (screens.md !== false) return <Tabs items={items} activeKey={active} onChange={setActive} />;
  return (
    <Flex vertical gap={12}>
      <Select
        aria-label="查看记录"
        value={active}
        onChange={setActive}
        options={items.map((i) => ({ value: i.key, label: i.label }))}
        style={{ width: '100%' }}
      />
      <section aria-label={items.find((i) => i.key === active)?.label}>
        {items.find((i) => i.key === active)?.children}
      </section>
    </Flex>
  );
}

export default function EntityDetailPage() {
  const { id = '' } = useParams();
  const {
    data: entity,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) => api.get<EntityDetail>(`/api/v1/entities/${encodeURIComponent(id)}`, undefined, signal));
  const [editing, setEditing] = useState(false);
  const cases = useLocalPage(entity?.cases ?? [], 10);

  if (!entity) {
    return (
      <DetailPending
        loading={loading}
        error={error}
        back={{ to: '/entities', label: '返回检查对象名录库' }}
        onRetry={reload}
      />
    );
  }

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <DetailHeader
          back={{ to: '/entities', label: '返回检查对象名录库' }}
          title={entity.name}
          tags={<EntityStatusTag value={entity.status} />}
          actions={
            allows(entity, 'update') ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                编辑
              </Button>
            ) : null
          }
        />
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        {!entity.usccCheckValid ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title="统一社会信用代码的校验位与规则不符：早期赋码可能如此，已按原样保存，请与营业执照核对"
          />
        ) : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'uscc',
              label: '统一社会信用代码',
              children: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{entity.uscc}</span>,
            },
            { key: 'kind', label: '类型', children: ENTITY_KIND_LABELS[entity.kind] },
            { key: 'region', label: '所在区划', children: entity.regionName },
            { key: 'sectors', label: '行业领域', children: sectorNames(entity.sectors) },
            { key: 'address', label: '地址', children: entity.address },
            { key: 'legalRepresentative', label: '法定代表人', children: entity.legalRepresentative },
            { key: 'risk', label: '风险等级', children: <RiskTag value={entity.riskClass} /> },
            { key: 'credit', label: '信用等级', children: <CreditTag value={entity.creditClass} /> },
            { key: 'updatedAt', label: '更新时间', children: formatDateTime(entity.updatedAt) },
          ]}
        />
      </Card>
      <Card size="small">
        <RecordTabs
          items={[
            {
              key: 'cases',
              label: `处罚案件（${entity.cases.length}）`,
              children:
                entity.cases.length === 0 ? (
                  <Empty description="本单位管辖范围内暂无该对象的处罚案件" />
                ) : (
                  <ResponsiveList<EntityCase>
                    ariaLabel="处罚案件"
                    columns={caseColumns}
                    dataSource={cases.pageRows}
                    rowKey={(c) => c.id}
                    pagination={cases.pagination}
                  />
                ),
            },
            { key: 'inspections', label: '检查记录', children: coming('双随机抽查记录') },
            {
              key: 'visits',
              label: `入企记录（${entity.visits.length}）`,
              children: <EntityVisits entityId={entity.id} entityName={entity.name} visits={entity.visits} />,
            },
            { key: 'complaints', label: '投诉举报', children: coming('投诉举报') },
          ]}
        />
      </Card>
      <EntityFormModal
        open={editing}
        entity={entity}
        onClose={() => setEditing(false)}
        onSaved={(saved) => {
          setEditing(false);
          setData({ ...entity, ...saved });
        }}
      />
    </Flex>
  );
}
