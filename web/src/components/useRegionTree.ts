import type { TreeSelectProps } from 'antd';
import { useMemo } from 'react';
import { regionIsLeaf, useRegionStore } from './regions';

/**
 * The props a 行政区划 TreeSelect shares, single or multiple: the lazily loading tree over /api/v1/regions, opened at
 * the top level, searchable by name. `selected` is a code whose branch is loaded first (the current value).
 */
export function useRegionTree(selected: string | null): TreeSelectProps {
  const store = useRegionStore(selected);
  const treeData = useMemo(
    () =>
      store.regions.map((r) => ({
        id: r.code,
        pId: r.parentCode ?? 0,
        value: r.code,
        title: r.name,
        isLeaf: regionIsLeaf(r),
      })),
    [store.regions],
  );
  const topCodes = useMemo(() => store.regions.filter((r) => !r.parentCode).map((r) => r.code), [store.regions]);
  return {
    treeDataSimpleMode: { id: 'id', pId: 'pId' },
    treeData,
    loadData: async (node) => {
      const code = String(node.value);
      if (!store.loaded.has(code)) await store.loadChildren(code);
    },
    treeDefaultExpandedKeys: topCodes,
    loading: store.loading,
    showSearch: { treeNodeFilterProp: 'title' },
    style: { width: '100%' },
    notFoundContent: store.loading ? '加载中…' : '无匹配的行政区划',
  };
}

/** The TreeSelect key that remounts it once the top level has loaded (so that it opens expanded). */
export const regionTreeKey = (tree: TreeSelectProps) => (tree.treeDefaultExpandedKeys ?? []).join(',');
