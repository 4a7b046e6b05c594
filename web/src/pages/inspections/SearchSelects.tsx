/** Searchable pickers of officers and entities for the 双随机 forms (substitute inspectors, conflicts). */
import { Select } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { Entity } from '../../../../common/contracts/entities.contract.js';
import type { Officer } from '../../../../common/contracts/personnel.contract.js';
import { useDebouncedPage } from '../../components/useDebouncedPage';

export interface Option {
  value: string;
  label: string;
}

/** Debounced search of `path?q=` turning each row into an option; `preset` are offered before anything is typed. */
function useSearch<T>(path: string, toOption: (row: T) => Option, preset: readonly Option[]) {
  const [query, setQuery] = useState('');
  const q = query.trim();
  const { rows, loading } = useDebouncedPage<T>(path, q ? { q } : null);
  const options = useMemo(() => (q ? rows.map(toOption) : [...preset]), [q, rows, toOption, preset]);
  return { options, loading, setQuery };
}

interface PickerProps {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null, label: string | null) => void;
  preset?: readonly Option[];
  placeholder?: string;
  'aria-label'?: string;
}

const officerOption = (o: Officer): Option => ({ value: o.id, label: `${o.name}（${o.orgName}）` });
const entityOption = (e: Entity): Option => ({ value: e.id, label: `${e.name}（${e.uscc}）` });

function SearchSelect({
  options,
  loading,
  setQuery,
  known,
  id,
  value,
  onChange,
  placeholder,
  notFound,
  ...rest
}: PickerProps & ReturnType<typeof useSearch> & { known: Map<string, string>; notFound: string }) {
  for (const o of options) known.set(o.value, o.label);
  const merged =
    value && !options.some((o) => o.value === value) && known.has(value)
      ? [{ value, label: known.get(value) ?? '' }, ...options]
      : options;
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      options={merged}
      onChange={(v: string | undefined) => onChange?.(v ?? null, v ? (known.get(v) ?? null) : null)}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      loading={loading}
      allowClear
      placeholder={placeholder}
      notFoundContent={loading ? '搜索中…' : notFound}
      style={{ width: '100%' }}
    />
  );
}

/** One officer, searched by name (GET /api/v1/officers?q=). */
export function OfficerSearchSelect(props: PickerProps) {
  const known = useRef(new Map<string, string>()).current;
  const search = useSearch<Officer>('/api/v1/officers', officerOption, props.preset ?? []);
  return (
    <SearchSelect
      {...props}
      {...search}
      known={known}
      placeholder={props.placeholder ?? '输入姓名搜索执法人员'}
      notFound="无匹配人员"
    />
  );
}

/** One entity of the target library, searched by name or USCC (GET /api/v1/entities?q=). */
export function EntitySearchSelect(props: PickerProps) {
  const known = useRef(new Map<string, string>()).current;
  const search = useSearch<Entity>('/api/v1/entities', entityOption, props.preset ?? []);
  return (
    <SearchSelect
      {...props}
      {...search}
      known={known}
      placeholder={props.placeholder ?? '输入名称或统一社会信用代码搜索'}
      notFound="无匹配检查对象"
    />
  );
}
