/** Labels of the catalogue's codes that are not in common/enums.ts: how the console tags an import row. */
import type { ItemImportStatus } from '../enums.js';

export const ITEM_IMPORT_STATUS_TAGS: Record<ItemImportStatus, { label: string; color: string }> = {
  created: { label: '新增', color: 'green' },
  updated: { label: '修订', color: 'blue' },
  unchanged: { label: '无变化', color: 'default' },
  error: { label: '错误', color: 'red' },
};
