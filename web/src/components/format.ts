/** Date/time formatting in China Standard Time, independent of the browser's time zone (common/dates.ts). */
import { numericDateTime } from '../../../common/dates.js';

/** ISO timestamp → "YYYY-MM-DD HH:mm:ss" (Asia/Shanghai); "—" for empty values. */
export const formatDateTime = numericDateTime;

export function isFuture(value: string | null | undefined): boolean {
  if (!value) return false;
  const t = new Date(value).getTime();
  return !Number.isNaN(t) && t > Date.now();
}
