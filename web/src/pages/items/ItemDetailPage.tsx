import { CheckCircleOutlined, EditOutlined, SlidersOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Space,
  Spin,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { Page } from '../../../../common/api-types.js';
import { allows } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { Item, ItemClaim, ItemVersion } from '../../../../common/contracts/catalog.contract.js';
import { ApiError, api, errorMessage } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { useDetail } from '../../components/useDetail';
import { formatDateTime } from '../../components/format';
import { ItemFormModal } from './ItemFormModal';
import {
  basisLevelLabel,
  GuidingTag,
  ItemStatusTag,
  itemTypeLabel,
  LevelTags,
  levelsText,
  MajorTag,
  sectorLabel,
} from './itemDisplay';

interface Loaded {
  item: Item;
  versions: ItemVersion[];
  parent: Item | null;
}

interface ClaimOutcome {
  type: 'success' | 'warning' | 'error';
  message: string;
}

function versionItem(v: ItemVersion, current: number) {
  const s = v.snapshot;
  const levels = Array.isArray(s.levels) ? (s.levels as string[]) : [];
  return {
    key: String(v.version),
    color: v.version === current ? 'blue' : 'gray',
    content: (
      <div data-testid="item-version">
        <Flex wrap gap={8} align="baseline">
          <Typography.Text strong>第 {v.version} 版</Typography.Text>
          {v.version === current ? <Tag color="blue">当前</Tag> : null}
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {formatDateTime(v.changedAt)}
          </Typography.Text>
        </Flex>
        <div style={{ wordBreak: 'break-all' }}>{typeof s.name === 'string' ? s.name : '—'}</div>
        <Typography.Text type="secondary">
          行使层级：{levelsText(levels)}；乡镇指导目录：{s.townshipGuiding === true ? '是' : '否'}
        </Typography.Text>
      </div>
    ),
  };
}

export default function ItemDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const {
    data: loaded,
    loading,
    error,
    reload,
  } = useDetail(id, async (signal): Promise<Loaded> => {
    const path = `/api/v1/items/${encodeURIComponent(id)}`;
    const [item, versions] = await Promise.all([
      api.get<Item>(path, undefined, signal),
      api.get<Page<ItemVersion>>(`${path}/versions`, undefined, signal),
    ]);
    const parent = item.parentItemId
      ? await api
          .get<Item>(`/api/v1/items/${encodeURIComponent(item.parentItemId)}`, undefined, signal)
          .catch(() => null)
      : null;
    return { item, versions: versions.data, parent };
  });
  const [editing, setEditing] = useState(false);
  const [claiming, setClaiming] = useState(false);
  const [claim, setClaim] = useState<ClaimOutcome | null>(null);

  // After navigating to another item (the parent item) the previous one is not shown while loading.
  const data = loaded && loaded.item.id === id ? loaded : null;
  if (!data) {
    return (
      <DetailPending
        loading={loading || (loaded && !error)}
        error={error}
        back={{ to: '/items', label: '返回事项清单' }}
        onRetry={reload}
      />
    );
  }

  const { item, versions, parent } = data;
  const canEdit = allows(item, 'update');
  const canClaim = allows(item, 'claim');

  const doClaim = async () => {
    setClaiming(true);
    setClaim(null);
    try {
      await api.post<ItemClaim>(`/api/v1/items/${encodeURIComponent(item.id)}/claims`, { orgId: me.org.id });
      setClaim({ type: 'success', message: `已为${me.org.name}认领该事项。` });
      message.success('已认领');
    } catch (err) {
      const status = err instanceof ApiError ? err.status : 0;
      setClaim({ type: status === 409 ? 'warning' : 'error', message: errorMessage(err) });
    } finally {
      setClaiming(false);
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <DetailHeader
          back={{ to: '/items', label: '返回事项清单' }}
          title={item.name}
          tags={
            <>
              {item.townshipGuiding ? <GuidingTag /> : null}
              {item.major ? <MajorTag /> : null}
              {item.status !== 'active' ? <ItemStatusTag status={item.status} /> : null}
            </>
          }
          actions={
            <Space wrap>
              {item.type === 'penalty' ? (
                <Button
                  icon={<SlidersOutlined />}
                  onClick={() => navigate(`/benchmarks?itemId=${encodeURIComponent(item.id)}`)}
                >
                  裁量基准
                </Button>
              ) : null}
              {canClaim ? (
                <Popconfirm
                  title="认领事项"
                  description={`为${me.org.name}认领该事项？`}
                  okText="认领"
                  cancelText="取消"
                  onConfirm={doClaim}
                >
                  <Button icon={<CheckCircleOutlined />} loading={claiming}>
                    认领
                  </Button>
                </Popconfirm>
              ) : null}
              {canEdit ? (
                <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                  修订
                </Button>
              ) : null}
            </Space>
          }
        />
        {claim ? (
          <Alert
            type={claim.type}
            showIcon
            closable={{ onClose: () => setClaim(null) }}
            title={claim.message}
            style={{ marginBottom: 12 }}
            data-testid="claim-result"
          />
        ) : null}
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            {
              key: 'baseCode',
              label: '基本编码',
              children: <span style={{ wordBreak: 'break-all' }}>{item.baseCode}</span>,
            },
            { key: 'type', label: '事项类型', children: itemTypeLabel(item.type) },
            { key: 'sector', label: '行业领域', children: sectorLabel(item.sector) },
            { key: 'levels', label: '行使层级', children: <LevelTags levels={item.levels} /> },
            { key: 'basisLevel', label: '依据层级', children: basisLevelLabel(item.basisLevel) },
            { key: 'status', label: '状态', children: <ItemStatusTag status={item.status} /> },
            { key: 'townshipGuiding', label: '乡镇（街道）指导目录', children: item.townshipGuiding ? '是' : '否' },
            { key: 'major', label: '重大执法决定', children: item.major ? '是（须法制审核）' : '否' },
            { key: 'version', label: '版本', children: `第 ${item.version} 版` },
            {
              key: 'parent',
              label: '所属处罚事项',
              children: item.parentItemId ? (
                <Link to={`/items/${encodeURIComponent(item.parentItemId)}`} style={{ wordBreak: 'break-all' }}>
                  {parent ? `${parent.baseCode} ${parent.name}` : '查看所属事项'}
                </Link>
              ) : (
                '—'
              ),
            },
            { key: 'updatedAt', label: '更新时间', children: formatDateTime(item.updatedAt) },
          ]}
        />
      </Card>
      <Card size="small" title="设定依据">
        <Typography.Paragraph strong style={{ marginBottom: 8 }}>
          {item.legalBasis.law}
        </Typography.Paragraph>
        <Typography.Paragraph
          style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', marginBottom: 0 }}
          data-testid="item-article"
        >
          {item.legalBasis.article}
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="历史版本">
        <Spin spinning={loading}>
          {versions.length > 0 ? (
            <Timeline items={versions.map((v) => versionItem(v, item.version))} />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无历史版本" />
          )}
        </Spin>
      </Card>
      <ItemFormModal
        open={editing}
        item={item}
        parentLabel={parent ? `${parent.baseCode} ${parent.name}` : undefined}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          reload();
        }}
      />
    </Flex>
  );
}
