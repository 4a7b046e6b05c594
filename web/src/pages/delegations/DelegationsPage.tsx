import { PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { DELEGATION_STATUS_LABELS, DELEGATION_STATUSES, type DelegationStatus } from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { Delegation, UnevaluatedDelegations } from '../../../../common/contracts/delegation.contract.js';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { RegionNames } from '../../components/RegionNames';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { DelegationStatusTag, itemsSummary } from './delegationDisplay';
import { ProposeDelegationModal } from './ProposeDelegationModal';

interface DelegationFilters {
  status?: DelegationStatus;
}

const townshipsText = (d: Delegation) => d.townships.map((t) => t.name).join('、') || '—';

function delegationColumns(onOpen: (d: Delegation) => void): ListColumn<Delegation>[] {
  return [
    {
      key: 'items',
      title: '赋权事项',
      render: (_v, d) => (
        <Link
          to={`/delegations/${encodeURIComponent(d.id)}`}
          style={{ display: 'inline-block', maxWidth: 420, whiteSpace: 'normal' }}
        >
          {itemsSummary(d)}
        </Link>
      ),
    },
    { key: 'status', title: '状态', dataIndex: 'status', render: (_v, d) => <DelegationStatusTag status={d.status} /> },
    {
      key: 'townships',
      title: '承接乡镇（街道）',
      render: (_v, d) => (
        <span style={{ display: 'inline-block', maxWidth: 320, whiteSpace: 'normal' }}>{townshipsText(d)}</span>
      ),
    },
    {
      key: 'county',
      title: '县（市、区）',
      dataIndex: 'countyRegionCode',
      render: (_v, d) => <RegionNames codes={[d.countyRegionCode]} />,
    },
    { key: 'effectiveDate', title: '生效日期', dataIndex: 'effectiveDate', render: (_v, d) => d.effectiveDate ?? '—' },
    {
      key: 'createdAt',
      title: '提出时间',
      dataIndex: 'createdAt',
      render: (_v, d) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(d.createdAt)}</span>,
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, d) => (
        <Button
          type="link"
          size="small"
          icon={<ProfileOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => onOpen(d)}
          aria-label={`查看赋权详情：${itemsSummary(d)}`}
        >
          详情
        </Button>
      ),
    },
  ];
}

/** 逾期未评估: delegations in force by the deadline that were not evaluated by it. */
function UnevaluatedCard({ onOpen }: { onOpen: (d: Delegation) => void }) {
  const [rows, setRows] = useState<Delegation[]>([]);
  const [deadline, setDeadline] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<UnevaluatedDelegations>('/api/v1/reports/delegations-unevaluated', undefined, ctrl.signal)
      .then((res) => {
        setRows(res.data);
        setDeadline(res.deadline);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, []);

  const columns = useMemo(
    () => delegationColumns(onOpen).filter((c) => c.key !== 'createdAt' && c.key !== 'county'),
    [onOpen],
  );
  return (
    <Card
      size="small"
      title={
        <span style={{ whiteSpace: 'normal' }}>
          逾期未评估{rows.length > 0 ? `（${rows.length}）` : ''}
          {deadline ? (
            <Typography.Text type="secondary" style={{ fontWeight: 'normal', marginInlineStart: 8 }}>
              评估截止日期 {deadline}
            </Typography.Text>
          ) : null}
        </span>
      }
      data-testid="unevaluated-card"
    >
      {rows.length > 0 ? (
        <Alert
          type="warning"
          showIcon
          title="以下赋权已生效，但截止日期前未进行评估，请县级人民政府及时组织评估。"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <ResponsiveList<Delegation>
        ariaLabel="逾期未评估的赋权"
        columns={columns}
        dataSource={rows}
        rowKey={(d) => d.id}
        loading={loading}
        error={error}
        pagination={false}
      />
    </Card>
  );
}

export default function DelegationsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<DelegationFilters>({});
  const [proposing, setProposing] = useState(false);
  const query = useMemo(() => compact({ ...filters }), [filters]);
  const list = usePagedList<Delegation>('/api/v1/delegations', query);
  const open = useMemo(() => (d: Delegation) => navigate(`/delegations/${encodeURIComponent(d.id)}`), [navigate]);
  const columns = useMemo(() => delegationColumns(open), [open]);

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
          <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
            赋权管理
          </Typography.Title>
          {mayDo(me, 'delegation.propose') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setProposing(true)}>
              提出赋权
            </Button>
          ) : null}
        </Flex>
        <SearchForm<DelegationFilters>
          name="delegationSearch"
          ariaLabel="赋权查询"
          onSearch={(v) => setFilters({ ...v })}
          onReset={() => setFilters({})}
          fields={[
            {
              name: 'status',
              label: '状态',
              node: (
                <Select
                  allowClear
                  placeholder="全部状态"
                  options={DELEGATION_STATUSES.map((s) => ({ value: s, label: DELEGATION_STATUS_LABELS[s] }))}
                />
              ),
            },
          ]}
        />
        <ResponsiveList<Delegation>
          ariaLabel="赋权列表"
          columns={columns}
          dataSource={list.data}
          rowKey={(d) => d.id}
          loading={list.loading}
          error={list.error}
          pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
        />
      </Card>
      <UnevaluatedCard onOpen={open} />
      <ProposeDelegationModal
        open={proposing}
        onClose={() => setProposing(false)}
        onSaved={(d) => {
          setProposing(false);
          list.reload();
          navigate(`/delegations/${encodeURIComponent(d.id)}`);
        }}
      />
    </Flex>
  );
}
