/** Which org levels may set or refine a benchmark (the server decides; this only shapes the buttons). */
import type { ItemLevel } from '../../../../common/enums.js';

/** The level of an org from its region code (as the server's orgLevel). */
export function orgLevelOf(regionCode: string): ItemLevel {
  if (regionCode.length === 9) return 'township';
  if (regionCode.endsWith('0000')) return 'province';
  if (regionCode.endsWith('00')) return 'city';
  return 'county';
}

/** A province or city department sets benchmarks (a city only for items from city rules). */
export const maySetBenchmarks = (regionCode: string) => ['province', 'city'].includes(orgLevelOf(regionCode));

/** Only a county department refines an upper benchmark. */
export const mayRefine = (regionCode: string) => orgLevelOf(regionCode) === 'county';
