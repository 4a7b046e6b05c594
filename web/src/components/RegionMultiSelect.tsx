import { TreeSelect } from 'antd';
import { regionTreeKey, useRegionTree } from './useRegionTree';

export interface RegionMultiSelectProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  'aria-label'?: string;
}

/** Several 行政区划 (e.g. a certificate's 执法区域): the lazily loading region tree, each node selectable on its own. */
export function RegionMultiSelect({ id, value, onChange, placeholder, ...rest }: RegionMultiSelectProps) {
  const tree = useRegionTree(value?.[0] ?? null);
  return (
    <TreeSelect
      {...tree}
      key={regionTreeKey(tree)}
      id={id}
      aria-label={rest['aria-label']}
      multiple
      value={value ?? []}
      onChange={(v: string[] | undefined) => onChange?.(v ?? [])}
      placeholder={placeholder ?? '请选择行政区划（可多选）'}
      allowClear
    />
  );
}
