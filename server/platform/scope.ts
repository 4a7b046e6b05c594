/**
 * Access scope (DESIGN.md "Access"): a staff account acts for one org and sees that org's region subtree and,
 * for a department, only its sector line. Pure functions here; SQL conditions next to them.
 */
import { type SQL, and, eq, like, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { CROSS_SECTOR_SECTORS, type Sector } from '../../common/enums.js';

export interface Scope {
  /** Region codes in scope start with this prefix. */
  regionPrefix: string;
  /** Only this sector's records, or null for every sector. */
  sector: string | null;
}

/**
 * The prefix shared by a region and its whole subtree: 440000 → "44", 440100 → "4401", 440106 → "440106",
 * 440106001 → "440106001".
 */
export function regionPrefix(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `code` is `ancestor` itself or lies in its subtree. */
export const regionWithin = (code: string, ancestor: string) => code.startsWith(regionPrefix(ancestor));

export function scopeOf(org: { regionCode: string; sector: string }): Scope {
  return {
    regionPrefix: regionPrefix(org.regionCode),
    sector: CROSS_SECTOR_SECTORS.includes(org.sector as Sector) ? null : org.sector,
  };
}

export function inScope(scope: Scope, record: { regionCode: string; sector?: string | null }): boolean {
  if (!record.regionCode.startsWith(scope.regionPrefix)) return false;
  if (scope.sector === null || record.sector === undefined) return true;
  return record.sector === scope.sector;
}

/** SQL condition: the record's region (and sector, if given) is in scope. */
export function scopeCondition(scope: Scope, regionColumn: AnyPgColumn, sectorColumn?: AnyPgColumn): SQL {
  const region = like(regionColumn, `${scope.regionPrefix}%`);
  if (scope.sector === null || !sectorColumn) return region;
  return and(region, eq(sectorColumn, scope.sector)) ?? sql`false`;
}
