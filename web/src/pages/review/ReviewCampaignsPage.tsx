import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import type { CampaignSummary } from '../../../../common/contracts/review.contract.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import type { ListColumn } from '../../components/ResponsiveList';
import { CampaignFormModal } from './CampaignFormModal';
import { PagedList, TitleBar } from './parts';

export const STATE_COLORS: Record<string, string> = {
  draft: 'default',
  committed: 'blue',
  drawn: 'green',
  closed: 'purple',
};

/** 案卷评查: the campaigns of the supervising body and of those it oversees (a reviewer: those naming them). */
export default function ReviewCampaignsPage() {
  const me = useMe();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const columns: ListColumn<CampaignSummary>[] = [
    {
      key: 'name',
      title: '评查活动',
      dataIndex: 'name',
      render: (_v, c) => <Link to={`/reviews/campaigns/${encodeURIComponent(c.id)}`}>{c.name}</Link>,
    },
    { key: 'year', title: '年度', dataIndex: 'year' },
    { key: 'bodyOrgName', title: '组织机关', dataIndex: 'bodyOrgName' },
    { key: 'orgs', title: '被评查单位', render: (_v, c) => c.orgs.map((o) => o.name).join('、') },
    { key: 'fileCount', title: '抽取案卷', render: (_v, c) => `${c.fileCount} 宗` },
    { key: 'state', title: '状态', render: (_v, c) => <Tag color={STATE_COLORS[c.state]}>{c.stateLabel}</Tag> },
  ];
  return (
    <Card size="small">
      <TitleBar title="案卷评查">
        {mayDo(me, 'review_campaign.create') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            组织案卷评查
          </Button>
        ) : null}
      </TitleBar>
      <PagedList<CampaignSummary> url="/api/v1/reviews/campaigns" label="案卷评查活动列表" columns={columns} />
      <CampaignFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(c) => navigate(`/reviews/campaigns/${encodeURIComponent(c.id)}`)}
      />
    </Card>
  );
}
