/** A ResponsiveList over a usePagedList result (the follow-up and late-result lists). */
import type { Key } from 'react';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import type { usePagedList } from '../../components/usePagedList';

export function PagedList<T>(props: {
  list: ReturnType<typeof usePagedList<T>>;
  columns: ListColumn<T>[];
  ariaLabel: string;
  rowKey: (record: T) => Key;
}) {
  const { list } = props;
  return (
    <ResponsiveList<T>
      ariaLabel={props.ariaLabel}
      columns={props.columns}
      dataSource={list.data}
      rowKey={props.rowKey}
      loading={list.loading}
      error={list.error}
      pagination={{ current: list.current, pageSize: list.pageSize, total: list.total, onChange: list.setPage }}
    />
  );
}
