import { PlusOutlined, ProfileOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Input, Select, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { Officer } from '../../../../common/contracts/personnel.contract.js';
import { OrgSelect } from '../../components/OrgSelect';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { compact, SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { OfficerFormModal } from './OfficerFormModal';

interface OfficerFilters {
  q?: string;
  orgId?: string | null;
  regionCode?: string;
  legalReviewer?: 'true' | 'false';
}

export default function OfficersPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [filters, setFilters] = useState<OfficerFilters>({});
  const [modalOpen, setModalOpen] = useState(false);
  const canCreate = mayDo(me, 'officer.create');

  const query = useMemo(() => compact({ ...filters, orgId: filters.orgId ?? undefined }), [filters]);
  const list = usePagedList<Officer>('/api/v1/officers', query);

  const columns: ListColumn<Officer>[] = [
    {
      key: 'name',
      title: '姓名',
      dataIndex: 'name',
      render: (_v, o) => (
        <Link to={`/officers/${encodeURIComponent(o.id)}`}>
          <Typography.Text strong style={{ color: 'inherit' }}>
            {o.name}
          </Typography.Text>
        </Link>
      ),
    },
    {
      key: 'idNumber',
      title: '身份证号',
      dataIndex: 'idNumber',
      render: (_v, o) => <span style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>{o.idNumber}</span>,
    },
    { key: 'orgName', title: '所属单位', dataIndex: 'orgName' },
    { key: 'position', title: '职务', dataIndex: 'position' },
    {
      key: 'phone',
      title: '联系电话',
      dataIndex: 'phone',
      render: (_v, o) => (o.phone ? <span style={{ whiteSpace: 'nowrap' }}>{o.phone}</span> : '—'),
    },
    {
      key: 'legalReviewer',
      title: '法制审核人员',
      dataIndex: 'legalReviewer',
      render: (_v, o) => (o.legalReviewer ? <Tag color="blue">法制审核人员</Tag> : '—'),
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, o) => (
        <Button
          type="link"
          size="small"
          icon={<ProfileOutlined />}
          style={{ paddingInline: 0 }}
          onClick={() => navigate(`/officers/${encodeURIComponent(o.id)}`)}
          aria-label={`详情：${o.name}`}
        >
          详情
        </Button>
      ),
    },
  ];

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          执法人员
        </Typography.Title>
        {canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setModalOpen(true)}>
            新增人员
          </Button>
        ) : null}
      </Flex>
      <SearchForm<OfficerFilters>
        name="officerSearch"
        ariaLabel="执法人员查询"
        onSearch={(v) => setFilters({ ...v })}
        onReset={() => setFilters({})}
        fields={[
          { name: 'q', label: '姓名或身份证号', node: <Input placeholder="姓名，或完整的 18 位身份证号" allowClear /> },
          { name: 'orgId', label: '所属单位', node: <OrgSelect allowClear placeholder="全部单位" /> },
          { name: 'regionCode', label: '行政区划', node: <RegionTreeSelect allowClear placeholder="全部区划" /> },
          {
            name: 'legalReviewer',
            label: '法制审核人员',
            node: (
              <Select
                allowClear
                placeholder="全部"
                options={[
                  { value: 'true', label: '是' },
                  { value: 'false', label: '否' },
                ]}
              />
            ),
          },
        ]}
      />
      <ResponsiveList<Officer>
        ariaLabel="执法人员列表"
        columns={columns}
        dataSource={list.data}
        rowKey={(o) => o.id}
        loading={list.loading}
        error={list.error}
        pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
      />
      <OfficerFormModal
        open={modalOpen}
        officer={null}
        onClose={() => setModalOpen(false)}
        onSaved={(saved) => {
          setModalOpen(false);
          list.reload();
          navigate(`/officers/${encodeURIComponent(saved.id)}`);
        }}
      />
    </Card>
  );
}
