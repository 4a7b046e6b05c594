import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { regionIsLeaf, useRegionStore } from './regions';

export interface RegionTreeSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  'aria-label'?: string;
}

/** 行政区划 picker: a lazily loading antd TreeSelect over /api/v1/regions. */
export function RegionTreeSelect({ id, value, onChange, placeholder, allowClear, ...rest }: RegionTreeSelectProps) {
  const store = useRegionStore(value ?? null);
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

  return (
    <TreeSelect
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={treeData}
      loadData={async (node) => {
        const code = String(node.value);
        if (!store.loaded.has(code)) await store.loadChildren(code);
      }}
      treeDefaultExpandedKeys={topCodes}
      key={topCodes.join(',')}
      loading={store.loading}
      placeholder={placeholder ?? '请选择行政区划'}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ width: '100%' }}
      notFoundContent={store.loading ? '加载中…' : '无匹配的行政区划'}
    />
  );
}
