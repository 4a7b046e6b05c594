import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { regionIsLeaf, useRegionStore } from './regions';

export interface RegionMultiSelectProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  'aria-label'?: string;
}

/** Several 行政区划 (e.g. a certificate's 执法区域): the lazily loading region tree, each node selectable on its own. */
export function RegionMultiSelect({ id, value, onChange, placeholder, ...rest }: RegionMultiSelectProps) {
  const store = useRegionStore(value?.[0] ?? null);
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
      multiple
      value={value ?? []}
      onChange={(v: string[] | undefined) => onChange?.(v ?? [])}
      treeDataSimpleMode={{ id: 'id', pId: 'pId' }}
      treeData={treeData}
      loadData={async (node) => {
        const code = String(node.value);
        if (!store.loaded.has(code)) await store.loadChildren(code);
      }}
      treeDefaultExpandedKeys={topCodes}
      key={topCodes.join(',')}
      loading={store.loading}
      placeholder={placeholder ?? '请选择行政区划（可多选）'}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      style={{ width: '100%' }}
      notFoundContent={store.loading ? '加载中…' : '无匹配的行政区划'}
    />
  );
}
