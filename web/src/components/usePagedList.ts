import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../../common/api-types.js';
import { api, errorMessage, type Query } from '../api/client';

export interface PagedList<T, X extends object = object> {
  data: T[];
  total: number;
  /** The whole last response (lists such as reports carry extra fields next to `data` and `total`). */
  response: (Page<T> & X) | null;
  loading: boolean;
  error: string | null;
  current: number;
  pageSize: number;
  setPage: (current: number, pageSize: number) => void;
  reload: () => void;
}

/**
 * Loads a `{ data, total }` list with the ProTable paging contract (`current` 1-based, `pageSize`).
 * `filters` must be referentially stable between renders when unchanged (keep it in state).
 */
export function usePagedList<T, X extends object = object>(
  path: string,
  filters: Query,
  initialPageSize = 20,
): PagedList<T, X> {
  const [data, setData] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [response, setResponse] = useState<(Page<T> & X) | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [paging, setPaging] = useState({ current: 1, pageSize: initialPageSize });
  const [nonce, setNonce] = useState(0);
  const lastFilters = useRef(filters);

  // New filters → back to page 1.
  if (lastFilters.current !== filters) {
    lastFilters.current = filters;
    if (paging.current !== 1) setPaging((p) => ({ ...p, current: 1 }));
  }

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is bumped by reload() to fetch again.
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<Page<T> & X>(path, { ...filters, current: paging.current, pageSize: paging.pageSize }, ctrl.signal)
      .then((page) => {
        setData(page.data);
        setTotal(page.total);
        setResponse(page);
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError(errorMessage(err));
        setData([]);
        setTotal(0);
        setResponse(null);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [path, filters, paging.current, paging.pageSize, nonce]);

  const setPage = useCallback((current: number, pageSize: number) => setPaging({ current, pageSize }), []);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return { data, total, response, loading, error, current: paging.current, pageSize: paging.pageSize, setPage, reload };
}
