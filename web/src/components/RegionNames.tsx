import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ancestorCodes, fetchRegions } from './regions';

/** Region names already seen, by code (the region list is static reference data). */
const names = new Map<string, string>();
const levelLoads = new Map<string, Promise<void>>();

function loadLevel(parent?: string): Promise<void> {
  const key = parent ?? '';
  let p = levelLoads.get(key);
  if (!p) {
    p = fetchRegions(parent)
      .then((regions) => {
        for (const r of regions) names.set(r.code, r.name);
      })
      .catch(() => {
        levelLoads.delete(key);
      });
    levelLoads.set(key, p);
  }
  return p;
}

/** Loads the levels above `code` until its name is known (top level, then province, city, county). */
async function resolveName(code: string): Promise<void> {
  if (names.has(code)) return;
  await loadLevel();
  for (const ancestor of ancestorCodes(code)) {
    if (names.has(code)) return;
    await loadLevel(ancestor);
  }
}

/** Names of region codes ("广州市、深圳市"), resolved lazily from /api/v1/regions; codes until then. */
export function RegionNames({ codes }: { codes: readonly string[] }) {
  const [, setTick] = useState(0);
  const key = codes.join(',');

  useEffect(() => {
    let cancelled = false;
    const missing = key.split(',').filter((c) => c && !names.has(c));
    if (missing.length === 0) return;
    Promise.all(missing.map(resolveName)).then(() => {
      if (!cancelled) setTick((t) => t + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [key]);

  if (codes.length === 0) return <>—</>;
  return (
    <Typography.Text title={codes.join('、')} style={{ color: 'inherit' }}>
      {codes.map((c) => names.get(c) ?? c).join('、')}
    </Typography.Text>
  );
}
