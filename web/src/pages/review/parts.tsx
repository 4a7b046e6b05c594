/** Pieces the review pages share: the title bar (with a way back) and a paged list of one endpoint. */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { usePagedList } from '../../components/usePagedList';

const NO_FILTER = {};

export function TitleBar({ title, back, children }: { title: ReactNode; back?: string; children?: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Flex align="center" gap={8} wrap style={{ marginBottom: back ? 0 : 12 }}>
      {back ? (
        <Button type="text" icon={<ArrowLeftOutlined />} aria-label="返回" onClick={() => navigate(back)} />
      ) : null}
      <Typography.Title level={2} style={{ margin: 0, fontSize: 18, flex: back ? undefined : 1 }}>
        {title}
      </Typography.Title>
      {children}
    </Flex>
  );
}

export function PagedList<T extends { id: string }>({
  url,
  label,
  columns,
}: {
  url: string;
  label: string;
  columns: ListColumn<T>[];
}) {
  const list = usePagedList<T>(url, NO_FILTER);
  const { current, pageSize, total, setPage } = list;
  return (
    <ResponsiveList<T>
      rowKey={(r) => r.id}
      ariaLabel={label}
      dataSource={list.data}
      columns={columns}
      error={list.error}
      loading={list.loading}
      pagination={{ onChange: setPage, current, pageSize, total }}
    />
  );
}
