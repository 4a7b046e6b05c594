import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { Region } from '../../../common/api-types.js';
import type { RegionLevel } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { regions } from './regions.schema.js';

export async function listRegions(db: Db, parent?: string): Promise<{ data: Region[]; total: number }> {
  const hasChildren = sql<boolean>`exists (select 1 from regions c where c.parent_code = "regions"."code")`;
  const rows = await db
    .select({
      code: regions.code,
      name: regions.name,
      level: regions.level,
      parentCode: regions.parentCode,
      hasChildren,
    })
    .from(regions)
    .where(parent ? eq(regions.parentCode, parent) : isNull(regions.parentCode))
    .orderBy(asc(regions.code));
  const data = rows.map((r) => ({ ...r, level: r.level as RegionLevel, hasChildren: Boolean(r.hasChildren) }));
  return { data, total: data.length };
}

export async function getRegion(db: Db, code: string) {
  const [row] = await db.select().from(regions).where(eq(regions.code, code)).limit(1);
  return row ?? null;
}
