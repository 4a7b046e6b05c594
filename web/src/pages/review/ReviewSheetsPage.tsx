import { Card, Tag } from 'antd';
import { Link } from 'react-router';
import type { SheetListItem } from '../../../../common/contracts/review.contract.js';
import type { ListColumn } from '../../components/ResponsiveList';
import { PagedList, TitleBar } from './parts';

/** 我的评查表: the sheets the caller fills in (and, for a supervisor, those of the campaigns they oversee). */
export default function ReviewSheetsPage() {
  const columns: ListColumn<SheetListItem>[] = [
    {
      key: 'caseNumber',
      title: '案号',
      render: (_v, s) => <Link to={`/reviews/sheets/${encodeURIComponent(s.id)}`}>{s.caseNumber}</Link>,
    },
    { key: 'caseOrgName', title: '被评查单位', dataIndex: 'caseOrgName' },
    { key: 'campaignName', title: '评查活动', dataIndex: 'campaignName' },
    { key: 'reviewer', title: '评查人员', render: (_v, s) => s.reviewer.name },
    {
      key: 'status',
      title: '评查结果',
      render: (_v, s) =>
        s.submittedAt ? (
          <span>
            {s.total} 分 <Tag color={s.veto ? 'red' : 'green'}>{s.grade}</Tag>
          </span>
        ) : (
          <Tag color="orange">待评查</Tag>
        ),
    },
  ];
  return (
    <Card size="small">
      <TitleBar title="评查表" />
      <PagedList<SheetListItem> url="/api/v1/reviews/sheets" label="评查表列表" columns={columns} />
    </Card>
  );
}
