import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from '../../../../common/case-flow.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { CaseRow } from '../../../../common/contracts/cases.contract.js';
import { ItemSelect } from '../../components/ItemSelect';
import { ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { caseColumns } from './caseColumns';
import { RegisterCaseModal } from './RegisterCaseModal';

interface CaseFilters {
  q?: string;
  status?: CaseState;
  itemId?: string;
  mine?: boolean;
  overdue?: boolean;
}

/** The list's filters in the address (?mine=true&status=…), so 工作台 can link to them and a reload keeps them. */
function filtersFrom(params: URLSearchParams): CaseFilters {
  const status = params.get('status');
  return {
    q: params.get('q') ?? undefined,
    status: CASE_STATES.includes(status as CaseState) ? (status as CaseState) : undefined,
    itemId: params.get('itemId') ?? undefined,
    mine: params.get('mine') === 'true' || undefined,
    overdue: params.get('overdue') === 'true' || undefined,
  };
}

/** 案件管理: the cases the user may see, with 登记案源 for officers and department heads. */
export default function CasesPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => filtersFrom(params), [params]);
  const setFilters = (f: CaseFilters) =>
    setParams(
      compact({
        q: f.q?.trim() || undefined,
        status: f.status,
        itemId: f.itemId,
        mine: f.mine ? 'true' : undefined,
        overdue: f.overdue ? 'true' : undefined,
      }) as Record<string, string>,
      { replace: true },
    );
  // 我承办的: for those who are assigned cases (officers)
  const isOfficer = mayDo(me, 'case.tasks_assigned');
  // ?register=1 (a draft listed on 工作台) opens 登记案源 with the draft restored
  const [modalOpen, setModalOpen] = useState(() => params.get('register') === '1');
  const canRegister = mayDo(me, 'case.create');

  const query = useMemo(
    () =>
      compact({
        q: filters.q,
        status: filters.status,
        itemId: filters.itemId,
        mine: filters.mine ? 'true' : undefined,
        overdue: filters.overdue ? 'true' : undefined,
      }),
    [filters],
  );
  const list = usePagedList<CaseRow>('/api/v1/cases', query);
  const columns = useMemo(() => caseColumns(navigate), [navigate]);

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          案件管理
        </Typography.Title>
        {canRegister ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModalOpen(true)}>
            登记案源
          </Button>
        ) : null}
      </Flex>
      <SearchForm<CaseFilters>
        name="caseSearch"
        ariaLabel="案件查询"
        initialValues={filters}
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          { name: 'q', label: '关键词', node: <Input placeholder="案号、当事人或违法事实" allowClear /> },
          {
            name: 'status',
            label: '阶段',
            node: (
              <Select
                allowClear
                placeholder="全部阶段"
                options={CASE_STATES.map((s) => ({ value: s, label: CASE_STATE_LABELS[s] }))}
              />
            ),
          },
          {
            name: 'itemId',
            label: '执法事项',
            node: <ItemSelect type="penalty" allowClear placeholder="全部事项" aria-label="执法事项" />,
          },
          ...(isOfficer ? [{ name: 'mine' as const, label: '我承办的', node: <Switch aria-label="我承办的" /> }] : []),
          { name: 'overdue', label: '仅看超期', node: <Switch aria-label="仅看超期" /> },
        ]}
      />
      <ResponsiveList<CaseRow>
        ariaLabel="案件列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(c) => c.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <RegisterCaseModal
        open={modalOpen}
        onClose={() => setModalOpen(false)}
        onSaved={(created) => {
          setModalOpen(false);
          // the new case opens: its page says what it waits for
          navigate(`/cases/${encodeURIComponent(created.id)}`);
        }}
      />
    </Card>
  );
}
