import { Alert, Button, Flex, Spin, Tree, Typography } from 'antd';
import type { DataNode } from 'antd/es/tree';
import { useMemo } from 'react';
import type { Region } from '../../../../common/api-types.js';
import { regionIsLeaf, useRegionStore } from '../../components/regions';

export interface RegionTreeProps {
  selected: string | null;
  onSelect: (region: Region | null) => void;
}

/** Lazily loaded 行政区划 tree; selecting a node filters the org list by that region subtree. */
export function RegionTree({ selected, onSelect }: RegionTreeProps) {
  const store = useRegionStore();

  const { treeData, byCode, topCodes } = useMemo(() => {
    const byCode = new Map(store.regions.map((r) => [r.code, r]));
    const children = new Map<string, Region[]>();
    const roots: Region[] = [];
    for (const r of store.regions) {
      if (r.parentCode && byCode.has(r.parentCode)) {
        const list = children.get(r.parentCode) ?? [];
        list.push(r);
        children.set(r.parentCode, list);
      } else roots.push(r);
    }
    const toNode = (r: Region): DataNode => {
      const kids = children.get(r.code);
      return {
        key: r.code,
        title: r.name,
        isLeaf: regionIsLeaf(r),
        children: kids ? kids.map(toNode) : undefined,
      };
    };
    return { treeData: roots.map(toNode), byCode, topCodes: roots.map((r) => r.code) };
  }, [store.regions]);

  if (store.error) return <Alert type="error" showIcon title={store.error} />;

  return (
    <nav aria-label="行政区划">
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>行政区划</Typography.Text>
        <Button size="small" type="link" disabled={!selected} onClick={() => onSelect(null)}>
          全部
        </Button>
      </Flex>
      <Spin spinning={store.loading}>
        {treeData.length > 0 ? (
          <Tree
            key={topCodes.join(',')}
            blockNode
            treeData={treeData}
            defaultExpandedKeys={topCodes}
            selectedKeys={selected ? [selected] : []}
            loadData={async (node) => {
              const code = String(node.key);
              if (!store.loaded.has(code)) await store.loadChildren(code);
            }}
            loadedKeys={[...store.loaded]}
            onSelect={(keys) => {
              const code = keys[0] === undefined ? null : String(keys[0]);
              onSelect(code ? (byCode.get(code) ?? null) : null);
            }}
          />
        ) : (
          <div style={{ minHeight: 48 }} />
        )}
      </Spin>
    </nav>
  );
}
