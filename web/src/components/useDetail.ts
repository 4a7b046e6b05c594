import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

export interface LoadError {
  status: number;
  message: string;
}

/**
 * Loads one record for a detail page: again when `key` changes or `reload()` is called; an answer that arrives
 * after the page moved on is dropped. `setData` replaces the record with what an action returned.
 */
export function useDetail<T>(key: string, load: (signal: AbortSignal) => Promise<T>) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<LoadError | null>(null);
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(() => setNonce((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` and `nonce` decide when to fetch; the loader is read from a ref.
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    loadRef
      .current(ctrl.signal)
      .then((next) => {
        // the page's render as a transition: React renders it in slices, not one long task (Total Blocking Time)
        startTransition(() => {
          setData(next);
          setError(null);
          setLoading(false);
        });
      })
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setError({ status: err instanceof ApiError ? err.status : 0, message: errorMessage(err) });
        setLoading(false);
      });
    return () => ctrl.abort();
  }, [key, nonce]);

  return { data, setData, loading, error, reload };
}
