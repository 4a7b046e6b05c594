import { BranchesOutlined, EditOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Collapse, Descriptions, Empty, Flex, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Page } from '../../../../common/api-types.js';
import { allows } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { Item } from '../../../../common/contracts/catalog.contract.js';
import type { Benchmark, BenchmarkSummary } from '../../../../common/contracts/discretion.contract.js';
import { api } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { useDetail } from '../../components/useDetail';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { mayRefine } from './benchmarkAccess';
import { TierEditorModal } from './TierEditorModal';
import { TierTable } from './TierTable';

interface Loaded {
  benchmark: Benchmark;
  item: Item | null;
  /** Every benchmark of the item (for the parent's name and the refinements). */
  siblings: BenchmarkSummary[];
}

type Dialog = 'none' | 'revise' | 'refine';

export default function BenchmarkDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const {
    data: loaded,
    loading,
    error,
    reload,
  } = useDetail(id, async (signal): Promise<Loaded> => {
    const benchmark = await api.get<Benchmark>(`/api/v1/benchmarks/${encodeURIComponent(id)}`, undefined, signal);
    const [item, siblings] = await Promise.all([
      api.get<Item>(`/api/v1/items/${encodeURIComponent(benchmark.itemId)}`, undefined, signal).catch(() => null),
      api.get<Page<BenchmarkSummary>>('/api/v1/benchmarks', { itemId: benchmark.itemId }, signal),
    ]);
    return { benchmark, item, siblings: siblings.data };
  });
  const [dialog, setDialog] = useState<Dialog>('none');
  const [notice, setNotice] = useState<string | null>(null);

  const close = useCallback(() => setDialog('none'), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: another benchmark clears the notice.
  useEffect(() => {
    setNotice(null);
  }, [id]);

  // After navigating to another benchmark (parent, refinement) the previous one is not shown while loading.
  const data = loaded && loaded.benchmark.id === id ? loaded : null;
  if (!data) {
    return (
      <DetailPending
        loading={loading || (loaded && !error)}
        error={error}
        back={{ to: '/benchmarks', label: '返回裁量基准' }}
        onRetry={reload}
      />
    );
  }

  const { benchmark: b, item, siblings } = data;
  const parent = b.parentId ? siblings.find((s) => s.id === b.parentId) : undefined;
  const refinements = siblings.filter((s) => s.parentId === b.id);
  const ownRefinement = refinements.find((s) => s.ownerOrgId === me.org.id);
  const canRevise = allows(b, 'revise');
  const canRefine = allows(b, 'refine') && !b.parentId && mayRefine(me.org.regionCode) && !ownRefinement;
  const backTo = `/benchmarks?itemId=${encodeURIComponent(b.itemId)}`;

  const refinementColumns: ListColumn<BenchmarkSummary>[] = [
    {
      key: 'ownerOrgName',
      title: '细化单位',
      dataIndex: 'ownerOrgName',
      render: (_v, r) => <Link to={`/benchmarks/${encodeURIComponent(r.id)}`}>{r.ownerOrgName}</Link>,
    },
    {
      key: 'currentVersion',
      title: '当前版本',
      dataIndex: 'currentVersion',
      render: (_v, r) => `第 ${r.currentVersion} 版`,
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, r) => (
        <Button
          type="link"
          size="small"
          icon={<ProfileOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => navigate(`/benchmarks/${encodeURIComponent(r.id)}`)}
          aria-label={`查看 ${r.ownerOrgName} 的细化详情`}
        >
          详情
        </Button>
      ),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <DetailHeader
          back={{ to: backTo, label: '返回裁量基准列表' }}
          title={b.ownerOrgName}
          tags={
            <>
              {b.parentId ? <Tag color="purple">县级细化</Tag> : <Tag color="blue">裁量基准</Tag>}
              <Tag>第 {b.currentVersion} 版</Tag>
            </>
          }
          actions={
            <Space wrap>
              {ownRefinement ? (
                <Button
                  icon={<BranchesOutlined />}
                  onClick={() => navigate(`/benchmarks/${encodeURIComponent(ownRefinement.id)}`)}
                >
                  本单位细化
                </Button>
              ) : null}
              {canRefine ? (
                <Button type="primary" icon={<BranchesOutlined />} onClick={() => setDialog('refine')}>
                  细化
                </Button>
              ) : null}
              {canRevise ? (
                <Button icon={<EditOutlined />} onClick={() => setDialog('revise')}>
                  修订
                </Button>
              ) : null}
            </Space>
          }
        />
        {notice ? (
          <Alert
            type="success"
            showIcon
            closable={{ onClose: () => setNotice(null) }}
            title={notice}
            style={{ marginBottom: 12 }}
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'item',
              label: '执法事项',
              children: item ? (
                <Link to={`/items/${encodeURIComponent(item.id)}`} style={{ wordBreak: 'break-all' }}>
                  {item.baseCode} {item.name}
                </Link>
              ) : (
                '—'
              ),
            },
            { key: 'owner', label: b.parentId ? '细化单位' : '制定单位', children: b.ownerOrgName },
            {
              key: 'parent',
              label: '上级基准',
              children: b.parentId ? (
                <Link to={`/benchmarks/${encodeURIComponent(b.parentId)}`}>
                  {parent ? parent.ownerOrgName : '查看上级基准'}
                </Link>
              ) : (
                '—（省级或市级基准）'
              ),
            },
            { key: 'version', label: '当前版本', children: `第 ${b.currentVersion} 版` },
            { key: 'effectiveFrom', label: '施行日期', children: b.effectiveFrom ?? '—' },
          ]}
        />
      </Card>
      <Card size="small" title={`裁量档次（第 ${b.currentVersion} 版）`}>
        <Spin spinning={loading}>
          <TierTable tiers={b.tiers} parentTiers={b.parentTiers} ariaLabel="裁量档次" />
        </Spin>
      </Card>
      {!b.parentId ? (
        <Card size="small" title={`县级细化（${refinements.length}）`}>
          {refinements.length > 0 ? (
            <ResponsiveList<BenchmarkSummary>
              ariaLabel="县级细化列表"
              columns={refinementColumns}
              dataSource={refinements}
              rowKey={(r) => r.id}
              pagination={false}
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无县级细化" />
          )}
        </Card>
      ) : null}
      <Card size="small" title="历史版本">
        {b.versions.length > 0 ? (
          <Collapse
            size="small"
            defaultActiveKey={[]}
            items={b.versions.map((v) => ({
              key: String(v.version),
              label: (
                <span style={{ whiteSpace: 'normal' }}>
                  第 {v.version} 版 · 自 {v.effectiveFrom} 起施行
                  <Typography.Text type="secondary"> · 保存于 {formatDateTime(v.createdAt)}</Typography.Text>
                </span>
              ),
              children: <TierTable tiers={v.tiers} ariaLabel={`第 ${v.version} 版裁量档次`} />,
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无版本" />
        )}
      </Card>

      <TierEditorModal
        open={dialog === 'revise'}
        title={`修订${b.parentId ? '细化' : '基准'}：${b.ownerOrgName}`}
        description={
          b.parentId
            ? '修订保存为新版本。细化只能收窄上级基准的幅度、减少处罚种类、缩短时限；未设罚款或时限的档次沿用上级。'
            : '修订保存为新版本，原版本保留。罚款幅度以元为单位填写。'
        }
        parentTiers={b.parentTiers}
        initialTiers={b.tiers}
        onSubmit={(body) => api.put<Benchmark>(`/api/v1/benchmarks/${encodeURIComponent(b.id)}`, body)}
        onClose={close}
        onSaved={(saved) => {
          close();
          setNotice(`已保存第 ${saved.currentVersion} 版。`);
          reload();
        }}
      />
      <TierEditorModal
        open={dialog === 'refine'}
        title={`细化：${item?.name ?? b.ownerOrgName}`}
        okText="提交细化"
        description={`以${b.ownerOrgName}的基准为上级，由${me.org.name}细化。只能收窄幅度、减少处罚种类、缩短时限，不能新增情节；罚款“沿用上级”或时限留空的档次沿用上级。`}
        parentTiers={b.tiers}
        initialTiers={b.tiers}
        onSubmit={(body) => api.post<Benchmark>(`/api/v1/benchmarks/${encodeURIComponent(b.id)}/refinements`, body)}
        onClose={close}
        onSaved={(saved) => {
          close();
          setNotice(`${saved.ownerOrgName}的细化已保存。`);
          reload();
        }}
      />
    </Flex>
  );
}
