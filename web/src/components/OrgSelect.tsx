import { Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { Org } from '../../../common/api-types.js';
import { useDebouncedPage } from './useDebouncedPage';

export interface OrgSelectProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Label of the current value when it is not among the loaded options (edit forms). */
  valueLabel?: string | null;
  /** Org ids that must not be offered (e.g. the org itself as its own parent). */
  exclude?: string[];
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
}

/** Searchable org picker backed by GET /api/v1/orgs?q=. */
export function OrgSelect({
  id,
  value,
  onChange,
  valueLabel,
  exclude,
  placeholder,
  allowClear,
  disabled,
  ...rest
}: OrgSelectProps) {
  const [query, setQuery] = useState('');
  const labels = useRef(new Map<string, string>());
  const { rows, loading } = useDebouncedPage<Org>('/api/v1/orgs', { q: query || undefined }, (page) => {
    for (const o of page) labels.current.set(o.id, o.name);
  });
  const options = useMemo(() => rows.map((o) => ({ value: o.id, label: o.name })), [rows]);

  const merged = useMemo(() => {
    const list = options.filter((o) => !exclude?.includes(o.value));
    const label = value ? (labels.current.get(value) ?? valueLabel) : null;
    if (value && label && !list.some((o) => o.value === value)) list.unshift({ value, label });
    return list;
  }, [options, exclude, value, valueLabel]);

  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      options={merged}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      onOpenChange={(open) => {
        if (!open && query) setQuery('');
      }}
      loading={loading}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? '输入名称搜索单位'}
      notFoundContent={loading ? '搜索中…' : '无匹配单位'}
      style={{ width: '100%' }}
    />
  );
}
