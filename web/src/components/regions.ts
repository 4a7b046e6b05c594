import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page, Region } from '../../../common/api-types.js';
import { api } from '../api/client';

/** Children of a region (top level when parent is undefined), following pages if the server paginates. */
export async function fetchRegions(parent?: string): Promise<Region[]> {
  const first = await api.get<Page<Region>>('/api/v1/regions', { parent });
  const all = [...first.data];
  const pageSize = first.data.length;
  let current = 1;
  while (pageSize > 0 && all.length < first.total && current < 50) {
    current += 1;
    const next = await api.get<Page<Region>>('/api/v1/regions', { parent, current, pageSize });
    if (next.data.length === 0) break;
    all.push(...next.data);
  }
  return all;
}

/** Tree leaf flag for a region (the server tells whether it has children). */
export function regionIsLeaf(r: Region): boolean {
  return !r.hasChildren;
}

/** Likely ancestors of a GB/T 2260-style code, outermost first (province, city, county). */
export function ancestorCodes(code: string): string[] {
  if (!/^\d{6,}$/.test(code)) return [];
  const candidates = [`${code.slice(0, 2)}0000`, `${code.slice(0, 4)}00`, code.slice(0, 6)];
  return [...new Set(candidates)].filter((c) => c !== code);
}

export interface RegionStore {
  regions: Region[];
  /** Codes whose children have been loaded. */
  loaded: ReadonlySet<string>;
  loading: boolean;
  error: string | null;
  loadChildren: (code: string) => Promise<void>;
}

/**
 * Lazily loaded region list. Loads the top level and its direct children up front (so that
 * 广东省 → 广州市 is available without a click), then more on demand.
 */
export function useRegionStore(preloadPathOf?: string | null): RegionStore {
  const [regions, setRegions] = useState<Region[]>([]);
  const [loaded, setLoaded] = useState<ReadonlySet<string>>(new Set());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const inflight = useRef(new Map<string, Promise<void>>());
  const known = useRef(new Set<string>());
  // Only the value at mount matters: it tells which branch to open so the current value has a label.
  const preloadPath = useRef(preloadPathOf);

  const add = useCallback((items: Region[]) => {
    const fresh = items.filter((r) => !known.current.has(r.code));
    for (const r of fresh) known.current.add(r.code);
    if (fresh.length) setRegions((prev) => [...prev, ...fresh]);
  }, []);

  const loadChildren = useCallback(
    (code: string) => {
      const existing = inflight.current.get(code);
      if (existing) return existing;
      const p = fetchRegions(code)
        .then((children) => {
          add(children);
          setLoaded((prev) => new Set(prev).add(code));
        })
        .catch(() => {
          inflight.current.delete(code);
        });
      inflight.current.set(code, p);
      return p;
    },
    [add],
  );

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const top = await fetchRegions();
        if (cancelled) return;
        add(top);
        await Promise.all(top.filter((r) => !regionIsLeaf(r)).map((r) => loadChildren(r.code)));
        if (preloadPath.current) {
          for (const code of ancestorCodes(preloadPath.current)) {
            if (cancelled) return;
            if (known.current.has(code)) await loadChildren(code);
          }
        }
      } catch (err) {
        if (!cancelled) setError(err instanceof Error ? err.message : '行政区划加载失败');
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [add, loadChildren]);

  return { regions, loaded, loading, error, loadChildren };
}
