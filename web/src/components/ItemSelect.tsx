import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ItemType } from '../../../common/enums.js';
import { api } from '../api/client';
import { useDebouncedPage } from './useDebouncedPage';
import type { Item } from '../../../common/contracts/catalog.contract.js';

/** "SC-CF-0126 对食品生产经营者未按规定建立并遵守进货查验记录制度的处罚". */
export const itemOptionLabel = (i: Pick<Item, 'baseCode' | 'name'>) => `${i.baseCode} ${i.name}`;

interface CommonProps {
  id?: string;
  /** Only items of this type (e.g. penalty for benchmarks and parent items). */
  type?: ItemType;
  /** Only items on (true) or off (false) the township guiding list. */
  townshipGuiding?: boolean;
  /** Only the items the caller's org may act on today (its competence: claimed, or delegated to the township). */
  competent?: boolean;
  /** Item ids that must not be offered (e.g. the item itself as its own parent). */
  exclude?: string[];
  /** Labels of current values that are not among the loaded options (edit forms, a value from the URL). */
  valueLabels?: Record<string, string>;
  placeholder?: string;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-label'?: string;
}

export interface ItemSelectProps extends CommonProps {
  value?: string | null;
  onChange?: (value: string | null, item: Item | null) => void;
}

export interface ItemMultiSelectProps extends CommonProps {
  value?: string[];
  onChange?: (value: string[]) => void;
}

/** Loads up to 20 items matching the search text (name or base-code prefix), debounced. */
function useItemOptions(type: ItemType | undefined, townshipGuiding: boolean | undefined, competent?: boolean) {
  const [query, setQuery] = useState('');
  const known = useRef(new Map<string, Item>());
  const { rows: items, loading } = useDebouncedPage<Item>(
    '/api/v1/items',
    { q: query.trim() || undefined, type, townshipGuiding, competent: competent || undefined, status: 'active' },
    (page) => {
      for (const i of page) known.current.set(i.id, i);
    },
  );

  return { items, loading, query, setQuery, known };
}

function mergeOptions(
  items: Item[],
  exclude: string[] | undefined,
  selected: string[],
  labelOf: (id: string) => string | undefined,
) {
  const list = items.filter((i) => !exclude?.includes(i.id)).map((i) => ({ value: i.id, label: itemOptionLabel(i) }));
  for (const id of selected) {
    const label = labelOf(id);
    if (label && !list.some((o) => o.value === id)) list.unshift({ value: id, label });
  }
  return list;
}

/** Searchable picker of one enforcement item backed by GET /api/v1/items?q=. */
export function ItemSelect({
  id,
  value,
  onChange,
  type,
  townshipGuiding,
  competent,
  exclude,
  valueLabels,
  placeholder,
  allowClear,
  disabled,
  ...rest
}: ItemSelectProps) {
  const { items, loading, query, setQuery, known } = useItemOptions(type, townshipGuiding, competent);
  // a value set from outside (the address, a restored draft) shows its item's name, never its id
  const [fetched, setFetched] = useState(0);
  useEffect(() => {
    if (!value || known.current.has(value) || valueLabels?.[value]) return;
    const ctrl = new AbortController();
    api
      .get<Item>(`/api/v1/items/${encodeURIComponent(value)}`, undefined, ctrl.signal)
      .then((item) => {
        known.current.set(item.id, item);
        setFetched((n) => n + 1);
      })
      .catch(() => {});
    return () => ctrl.abort();
  }, [value, valueLabels, known]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `fetched` re-reads `known` once a label has arrived.
  const options = useMemo(
    () =>
      mergeOptions(items, exclude, value ? [value] : [], (v) => {
        const k = known.current.get(v);
        return k ? itemOptionLabel(k) : valueLabels?.[v];
      }),
    [items, exclude, value, valueLabels, known, fetched],
  );
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null, v ? (known.current.get(v) ?? null) : null)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQuery }}
      onOpenChange={(open) => {
        if (!open && query) setQuery('');
      }}
      loading={loading}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? '输入事项名称或基本编码搜索'}
      notFoundContent={loading ? '搜索中…' : '无匹配事项'}
      style={{ width: '100%' }}
    />
  );
}

/** Several enforcement items (e.g. the items of a delegation). */
export function ItemMultiSelect({
  id,
  value,
  onChange,
  type,
  townshipGuiding,
  exclude,
  valueLabels,
  placeholder,
  allowClear,
  disabled,
  ...rest
}: ItemMultiSelectProps) {
  const { items, loading, query, setQuery, known } = useItemOptions(type, townshipGuiding);
  const selected = value ?? [];
  const options = useMemo(
    () =>
      mergeOptions(items, exclude, selected, (v) => {
        const k = known.current.get(v);
        return k ? itemOptionLabel(k) : valueLabels?.[v];
      }),
    [items, exclude, selected, valueLabels, known],
  );
  return (
    <Select
      id={id}
      aria-label={rest['aria-label']}
      mode="multiple"
      value={selected}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      showSearch={{ filterOption: false, onSearch: setQuery, autoClearSearchValue: true }}
      onOpenChange={(open) => {
        if (!open && query) setQuery('');
      }}
      loading={loading}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? '输入事项名称或基本编码搜索（可多选）'}
      notFoundContent={loading ? '搜索中…' : '无匹配事项'}
      style={{ width: '100%' }}
    />
  );
}
