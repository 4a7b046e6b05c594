/**
 * Access scope (DESIGN.md "Access"): a staff account acts for one org and sees that org's region subtree and,
 * for a department, only its sector line. Pure functions here; SQL conditions next to them.
 */
import { type SQL, and, eq, like, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { CROSS_SECTOR_SECTORS, type Sector } from '../../common/enums.js';
import { regionPrefix } from './region-prefix.js';

export interface Scope {
  /** Region codes in scope start with this prefix. */
  regionPrefix: string;
  /** Only this sector's records, or null for every sector. */
  sector: string | null;
}

export { regionPrefix };

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
