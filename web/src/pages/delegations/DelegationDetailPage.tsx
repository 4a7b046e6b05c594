import { Alert, Button, Card, Descriptions, Empty, Flex, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { DELEGATION_ACTION_LABELS, type DelegationAction } from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import type { Item } from '../../../../common/contracts/catalog.contract.js';
import type { Delegation, DelegationStep } from '../../../../common/contracts/delegation.contract.js';
import { api } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { useDetail } from '../../components/useDetail';
import { formatDateTime } from '../../components/format';
import { RegionNames } from '../../components/RegionNames';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { itemTypeLabel } from '../items/itemDisplay';
import {
  DelegationStatusTag,
  delegationStatusLabel,
  itemsSummary,
  NEXT_ACTIONS,
  payloadEntries,
  stepActionLabel,
} from './delegationDisplay';
import { DelegationStepModal } from './DelegationStepModal';

const STEP_COLORS: Record<string, string> = {
  propose: 'gray',
  county_approve: 'blue',
  city_decide: 'blue',
  announce: 'green',
  evaluate: 'purple',
  recall: 'red',
};

function stepItem(s: DelegationStep, i: number) {
  const entries = payloadEntries(s.action, s.payload ?? {});
  return {
    key: `${s.at}-${i}`,
    color: STEP_COLORS[s.action] ?? 'gray',
    content: (
      <div data-testid="delegation-step">
        <Flex wrap gap={8} align="baseline">
          <Typography.Text strong>{stepActionLabel(s.action)}</Typography.Text>
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(s.at)}
          </Typography.Text>
        </Flex>
        <Typography.Text type="secondary">
          {s.fromStatus ? `${delegationStatusLabel(s.fromStatus)} → ` : ''}
          {delegationStatusLabel(s.toStatus)}
        </Typography.Text>
        {entries.length > 0 ? (
          <dl style={{ margin: '4px 0 0' }}>
            {entries.map((e) => (
              <Flex key={e.key} gap={8} style={{ minWidth: 0 }}>
                <dt style={{ margin: 0, flex: '0 0 auto', color: 'rgba(0,0,0,0.55)' }}>{e.label}：</dt>
                <dd style={{ margin: 0, minWidth: 0, wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}>{e.value}</dd>
              </Flex>
            ))}
          </dl>
        ) : null}
      </div>
    ),
  };
}

export default function DelegationDetailPage() {
  const { id = '' } = useParams();
  const {
    data: delegation,
    setData: setDelegation,
    loading,
    error,
    reload,
  } = useDetail(id, (signal) =>
    api.get<Delegation>(`/api/v1/delegations/${encodeURIComponent(id)}`, undefined, signal),
  );
  const [action, setAction] = useState<DelegationAction | null>(null);

  const closeAction = useCallback(() => setAction(null), []);

  const current = delegation && delegation.id === id ? delegation : null;
  if (!current) {
    return (
      <DetailPending
        loading={loading || (delegation && !error)}
        error={error}
        back={{ to: '/delegations', label: '返回赋权管理' }}
        onRetry={reload}
      />
    );
  }

  const d = current;
  const ids = new Set(d.items.map((i) => i.id));
  const byId = new Map(d.items.map((i) => [i.id, i]));
  const linked = (i: Item) => (i.parentItemId && ids.has(i.parentItemId) ? byId.get(i.parentItemId) : undefined);
  const actions = (NEXT_ACTIONS[d.status] ?? []).filter((a) => allows(d, a));

  const itemColumns: ListColumn<Item>[] = [
    {
      key: 'baseCode',
      title: '基本编码',
      dataIndex: 'baseCode',
      render: (_v, i) => <span style={{ whiteSpace: 'nowrap' }}>{i.baseCode}</span>,
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
    { key: 'type', title: '类型', dataIndex: 'type', render: (_v, i) => itemTypeLabel(i.type) },
    {
      key: 'note',
      title: '说明',
      render: (_v, i) => {
        const parent = linked(i);
        return parent ? (
          <Flex wrap gap={4} align="center">
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              关联事项
            </Tag>
            <Typography.Text type="secondary" title={parent.name}>
              随 {parent.baseCode} 一并赋权
            </Typography.Text>
          </Flex>
        ) : (
          '—'
        );
      },
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <DetailHeader
          back={{ to: '/delegations', label: '返回赋权管理' }}
          title={<>赋权：{itemsSummary(d)}</>}
          tags={
            <span data-testid="delegation-status">
              <DelegationStatusTag status={d.status} />
            </span>
          }
          actions={
            actions.length > 0 ? (
              <Space wrap>
                {actions.map((a) => (
                  <Button
                    key={a}
                    type={a === 'recall' ? 'default' : 'primary'}
                    danger={a === 'recall'}
                    onClick={() => setAction(a)}
                  >
                    {DELEGATION_ACTION_LABELS[a]}
                  </Button>
                ))}
              </Space>
            ) : null
          }
        />
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'status', label: '状态', children: <DelegationStatusTag status={d.status} /> },
            { key: 'county', label: '县（市、区）', children: <RegionNames codes={[d.countyRegionCode]} /> },
            { key: 'effectiveDate', label: '生效日期', children: d.effectiveDate ?? '—' },
            { key: 'createdAt', label: '提出时间', children: formatDateTime(d.createdAt) },
            {
              key: 'townships',
              label: '承接乡镇（街道）',
              children: (
                <Flex wrap gap={4}>
                  {d.townships.map((t) => (
                    <Tag key={t.id} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>
                      {t.name}
                    </Tag>
                  ))}
                </Flex>
              ),
            },
            {
              key: 'reason',
              label: '理由',
              children: <span style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{d.reason}</span>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={`赋权事项（${d.items.length}）`}>
        <ResponsiveList<Item>
          ariaLabel="赋权事项"
          columns={itemColumns}
          dataSource={d.items}
          rowKey={(i) => i.id}
          cardTitleKey="name"
          pagination={false}
          actionsKey="none"
        />
      </Card>
      <Card size="small" title="办理过程">
        <Spin spinning={loading}>
          {d.steps.length > 0 ? (
            <Timeline items={d.steps.map(stepItem)} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
          )}
        </Spin>
      </Card>
      <DelegationStepModal
        action={action}
        delegationId={d.id}
        onClose={closeAction}
        onSaved={(saved) => {
          closeAction();
          setDelegation(saved);
          reload();
        }}
      />
    </Flex>
  );
}
