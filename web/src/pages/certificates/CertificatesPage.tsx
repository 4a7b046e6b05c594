import { Card, Input, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  CERTIFICATE_KIND_LABELS,
  CERTIFICATE_STATUS_LABELS,
  type CertificateDisplayStatus,
} from '../../../../common/enums.js';
import type { CertificateListItem } from '../../../../common/contracts/personnel.contract.js';
import { CertificateStatusTag, sectorsText, validityText } from '../../components/CertificateStatusTag';
import { OrgSelect } from '../../components/OrgSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';

interface CertificateFilters {
  status?: CertificateDisplayStatus;
  q?: string;
  orgId?: string | null;
}

const STATUS_FILTERS: CertificateDisplayStatus[] = ['valid', 'suspended', 'revoked', 'expired'];

const columns: ListColumn<CertificateListItem>[] = [
  {
    key: 'number',
    title: '证件编号',
    dataIndex: 'number',
    render: (_v, c) => (
      <Typography.Text strong style={{ fontVariantNumeric: 'tabular-nums' }}>
        {c.number}
      </Typography.Text>
    ),
  },
  {
    key: 'officerName',
    title: '持证人',
    dataIndex: 'officerName',
    render: (_v, c) => <Link to={`/officers/${encodeURIComponent(c.officerId)}`}>{c.officerName}</Link>,
  },
  { key: 'orgName', title: '单位', dataIndex: 'orgName' },
  { key: 'kind', title: '类型', dataIndex: 'kind', render: (_v, c) => CERTIFICATE_KIND_LABELS[c.kind] ?? c.kind },
  {
    key: 'status',
    title: '状态',
    dataIndex: 'displayStatus',
    render: (_v, c) => <CertificateStatusTag status={c.displayStatus} />,
  },
  {
    key: 'validity',
    title: '有效期',
    render: (_v, c) => <span style={{ whiteSpace: 'nowrap' }}>{validityText(c.validFrom, c.validTo)}</span>,
  },
  { key: 'sectors', title: '执法领域', dataIndex: 'sectors', render: (_v, c) => sectorsText(c.sectors) },
];

export default function CertificatesPage() {
  const [filters, setFilters] = useState<CertificateFilters>({});
  const query = useMemo(() => compact({ ...filters, orgId: filters.orgId ?? undefined }), [filters]);
  const list = usePagedList<CertificateListItem>('/api/v1/certificates', query);

  return (
    <Card size="small">
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 18 }}>
        证件管理
      </Typography.Title>
      <SearchForm<CertificateFilters>
        name="certificateSearch"
        ariaLabel="证件查询"
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
                options={STATUS_FILTERS.map((s) => ({ value: s, label: CERTIFICATE_STATUS_LABELS[s] }))}
              />
            ),
          },
          { name: 'q', label: '姓名或证件号', node: <Input placeholder="持证人姓名，或完整证件编号" allowClear /> },
          { name: 'orgId', label: '所属单位', node: <OrgSelect allowClear placeholder="全部单位" /> },
        ]}
      />
      <ResponsiveList<CertificateListItem>
        ariaLabel="证件列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(c) => c.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
    </Card>
  );
}
