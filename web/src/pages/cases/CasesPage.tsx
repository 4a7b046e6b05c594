import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { CASE_STATE_LABELS, CASE_STATES, type CaseState } from '../../../../common/case-flow.js';
import { can } from '../../app/access';
import { useMe } from '../../app/auth';
import type { CaseRow } from '../../api/case-types';
import { ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { caseColumns } from './caseColumns';
import { RegisterCaseModal } from './RegisterCaseModal';

interface CaseFilters {
  q?: string;
  status?: CaseState;
  overdue?: boolean;
}

/** 案件管理: the cases the user may see, with 登记案源 for officers and department heads. */
export default function CasesPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<CaseFilters>({});
  const [modalOpen, setModalOpen] = useState(false);
  const canRegister = can.registerCases(me.roles);

  const query = useMemo(
    () => compact({ q: filters.q, status: filters.status, overdue: filters.overdue ? 'true' : undefined }),
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
        onSaved={() => {
          setModalOpen(false);
          list.reload();
        }}
      />
    </Card>
  );
}
