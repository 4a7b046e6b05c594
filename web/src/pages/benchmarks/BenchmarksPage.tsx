import { PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Flex, Form, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Page } from '../../../../common/api-types.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { Item } from '../../../../common/contracts/catalog.contract.js';
import type { Benchmark, BenchmarkSummary, Tier } from '../../../../common/contracts/discretion.contract.js';
import { api, errorMessage } from '../../api/client';
import { ItemSelect, itemOptionLabel } from '../../components/ItemSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { sectorLabel } from '../items/itemDisplay';
import { maySetBenchmarks } from './benchmarkAccess';
import { EffectiveLookup } from './EffectiveLookup';
import { TierEditorModal } from './TierEditorModal';

const NEW_TIERS: Tier[] = [{ circumstance: 'general', conditions: '', penaltyKinds: [], fine: null }];

export default function BenchmarksPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const itemId = params.get('itemId');
  const [item, setItem] = useState<Item | null>(null);
  const [rows, setRows] = useState<BenchmarkSummary[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    if (!itemId) {
      setItem(null);
      setRows([]);
      setError(null);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    Promise.all([
      api.get<Item>(`/api/v1/items/${encodeURIComponent(itemId)}`, undefined, ctrl.signal),
      api.get<Page<BenchmarkSummary>>('/api/v1/benchmarks', { itemId }, ctrl.signal),
    ])
      .then(([i, list]) => {
        setItem(i);
        setRows(list.data);
        setError(null);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(errorMessage(err));
        setRows([]);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [itemId]);

  const ownerOf = useMemo(() => new Map(rows.map((r) => [r.id, r.ownerOrgName])), [rows]);
  const canCreate =
    !!item &&
    mayDo(me, 'benchmark.create') &&
    maySetBenchmarks(me.org.regionCode) &&
    !rows.some((r) => r.ownerOrgId === me.org.id && !r.parentId);
  const valueLabels = useMemo(() => (item ? { [item.id]: itemOptionLabel(item) } : undefined), [item]);

  const columns: ListColumn<BenchmarkSummary>[] = [
    {
      key: 'ownerOrgName',
      title: '制定单位',
      dataIndex: 'ownerOrgName',
      render: (_v, b) => <Link to={`/benchmarks/${encodeURIComponent(b.id)}`}>{b.ownerOrgName}</Link>,
    },
    {
      key: 'kind',
      title: '类型',
      render: (_v, b) =>
        b.parentId ? (
          <Flex wrap gap={4} align="center">
            <Tag color="purple" style={{ marginInlineEnd: 0 }}>
              县级细化
            </Tag>
            <Typography.Text type="secondary">细化自 {ownerOf.get(b.parentId) ?? '上级基准'}</Typography.Text>
          </Flex>
        ) : (
          <Tag color="blue" style={{ marginInlineEnd: 0 }}>
            裁量基准
          </Tag>
        ),
    },
    {
      key: 'currentVersion',
      title: '当前版本',
      dataIndex: 'currentVersion',
      render: (_v, b) => `第 ${b.currentVersion} 版`,
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, b) => (
        <Button
          type="link"
          size="small"
          icon={<ProfileOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => navigate(`/benchmarks/${encodeURIComponent(b.id)}`)}
          aria-label={`查看 ${b.ownerOrgName} 的裁量基准详情`}
        >
          详情
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            裁量基准
          </Typography.Title>
          {canCreate ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建基准
            </Button>
          ) : null}
        </Flex>
        <Form
          layout="vertical"
          name="benchmarkItem"
          style={{ maxWidth: 720 }}
          onSubmitCapture={(e) => e.preventDefault()}
        >
          <Form.Item label="执法事项（行政处罚）" htmlFor="benchmark-item" style={{ marginBottom: 12 }}>
            <ItemSelect
              id="benchmark-item"
              type="penalty"
              value={itemId}
              valueLabels={valueLabels}
              onChange={(v) => setParams(v ? { itemId: v } : {})}
              allowClear
              placeholder="输入事项名称或基本编码搜索行政处罚事项"
            />
          </Form.Item>
        </Form>
        {item ? (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
            <Link to={`/items/${encodeURIComponent(item.id)}`}>{item.baseCode}</Link> · {sectorLabel(item.sector)} ·{' '}
            {item.legalBasis.law}
          </Typography.Paragraph>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        {itemId ? (
          <ResponsiveList<BenchmarkSummary>
            ariaLabel="裁量基准列表"
            columns={columns}
            dataSource={rows}
            rowKey={(b) => b.id}
            loading={loading}
            pagination={false}
          />
        ) : (
          <Empty description="请选择一个行政处罚事项，查看其裁量基准" />
        )}
      </Card>
      {itemId ? (
        <Card size="small" title="适用基准查询与试算">
          <EffectiveLookup itemId={itemId} />
        </Card>
      ) : null}
      {item ? (
        <TierEditorModal
          open={creating}
          title={`新建基准：${item.name}`}
          description={`由${me.org.name}制定。罚款幅度以元为单位填写，保存时换算为分。`}
          parentTiers={null}
          initialTiers={NEW_TIERS}
          onSubmit={(body) =>
            api.post<Benchmark>('/api/v1/benchmarks', { itemId: item.id, ownerOrgId: me.org.id, ...body })
          }
          onClose={() => setCreating(false)}
          onSaved={(saved) => {
            setCreating(false);
            navigate(`/benchmarks/${encodeURIComponent(saved.id)}`);
          }}
        />
      ) : null}
    </Flex>
  );
}
