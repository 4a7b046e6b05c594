import { Flex, Tag } from 'antd';
import {
  BASIS_LEVEL_LABELS,
  type BasisLevel,
  ITEM_LEVEL_LABELS,
  ITEM_STATUS_LABELS,
  ITEM_TYPE_LABELS,
  type ItemLevel,
  type ItemStatus,
  type ItemType,
  SECTOR_LABELS,
  type Sector,
} from '../../../../common/enums.js';

export const itemTypeLabel = (t: string) => ITEM_TYPE_LABELS[t as ItemType] ?? t;
export const sectorLabel = (s: string) => SECTOR_LABELS[s as Sector] ?? s;
export const basisLevelLabel = (b: string) => BASIS_LEVEL_LABELS[b as BasisLevel] ?? b;
export const itemStatusLabel = (s: string) => ITEM_STATUS_LABELS[s as ItemStatus] ?? s;
export const levelsText = (levels: readonly string[]) =>
  levels.map((l) => ITEM_LEVEL_LABELS[l as ItemLevel] ?? l).join('、') || '—';

/** 行使层级 as tags: 省级 市级 县级 乡镇（街道）. */
export function LevelTags({ levels }: { levels: readonly string[] }) {
  if (levels.length === 0) return <>—</>;
  return (
    <Flex wrap gap={4}>
      {levels.map((l) => (
        <Tag key={l} style={{ marginInlineEnd: 0 }}>
          {ITEM_LEVEL_LABELS[l as ItemLevel] ?? l}
        </Tag>
      ))}
    </Flex>
  );
}

export function GuidingTag() {
  return (
    <Tag color="cyan" style={{ marginInlineEnd: 0 }}>
      乡镇指导目录
    </Tag>
  );
}

export function MajorTag() {
  return (
    <Tag color="red" style={{ marginInlineEnd: 0 }}>
      重大
    </Tag>
  );
}

export function ItemStatusTag({ status }: { status: string }) {
  return (
    <Tag color={status === 'active' ? 'green' : 'default'} style={{ marginInlineEnd: 0 }}>
      {itemStatusLabel(status)}
    </Tag>
  );
}
