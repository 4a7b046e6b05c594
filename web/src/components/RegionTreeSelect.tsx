import { TreeSelect } from 'antd';
import { regionTreeKey, useRegionTree } from './useRegionTree';

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
  const tree = useRegionTree(value ?? null);
  return (
    <TreeSelect
      {...tree}
      key={regionTreeKey(tree)}
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      placeholder={placeholder ?? '请选择行政区划'}
      allowClear={allowClear}
    />
  );
}
