import { useEffect, useRef, useState } from 'react';
import type { Page } from '../../../common/api-types.js';
import { api, type Query } from '../api/client';

/**
 * The first 20 rows of GET `path` with `query`, fetched 250 ms after the query last changed (typing in a searchable
 * picker); a `null` query fetches nothing. `onRows` sees each page as it arrives (pickers remember labels by id).
 */
export function useDebouncedPage<T>(path: string, query: Query | null, onRows?: (rows: T[]) => void) {
  const [rows, setRows] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const onRowsRef = useRef(onRows);
  onRowsRef.current = onRows;
  const key = query === null ? null : JSON.stringify(query);

  useEffect(() => {
    if (key === null) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<T>>(path, { ...(JSON.parse(key) as Query), current: 1, pageSize: 20 }, ctrl.signal)
        .then((page) => {
          onRowsRef.current?.(page.data);
          setRows(page.data);
        })
        .catch(() => {
          if (!ctrl.signal.aborted) setRows([]);
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 250);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [path, key]);
  return { rows, loading };
}
