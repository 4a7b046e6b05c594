import { useCallback, useMemo, useState } from 'react';
import type { ListPagination } from './ResponsiveList';

/**
 * Client-side paging of an in-memory list for {@link ResponsiveList} (which expects the current page's rows):
 * returns the rows of the current page and the pagination props. Going past the end (the list shrank) shows the
 * last page.
 */
export function useLocalPage<T>(
  rows: readonly T[],
  initialPageSize = 10,
): { pageRows: T[]; pagination: ListPagination } {
  const [paging, setPaging] = useState({ current: 1, pageSize: initialPageSize });
  const lastPage = Math.max(1, Math.ceil(rows.length / paging.pageSize));
  const current = Math.min(paging.current, lastPage);
  const pageRows = useMemo(
    () => rows.slice((current - 1) * paging.pageSize, current * paging.pageSize),
    [rows, current, paging.pageSize],
  );
  const onChange = useCallback((c: number, pageSize: number) => setPaging({ current: c, pageSize }), []);
  return { pageRows, pagination: { current, pageSize: paging.pageSize, total: rows.length, onChange } };
}
