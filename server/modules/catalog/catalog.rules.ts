/** Pure rules of the catalogue. */
import type { ItemLevel } from '../../../common/enums.js';

/** The level of an org from its region code. */
export function orgLevel(regionCode: string): ItemLevel {
  if (regionCode.length === 9) return 'township';
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}
