/** Reference data every database gets: the region codes, the platform's root org and the `admin` account. */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { count, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../modules/accounts/accounts.schema.js';
import { orgs } from '../modules/orgs/orgs.schema.js';
import { regions } from '../modules/regions/regions.schema.js';

export interface RegionRow {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  source?: string;
}

export function readRegionsCsv(): RegionRow[] {
  const text = readFileSync(new URL('./data/regions-guangdong.csv', import.meta.url), 'utf8');
  const [header, ...lines] = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (header?.trim() !== 'code,name,level,parent') throw new Error('regions-guangdong.csv: unexpected header');
  return lines.map((line) => {
    const [code, name, level, parent] = line.split(',').map((c) => c.trim());
    if (!code || !name || !level) throw new Error(`regions-guangdong.csv: bad line "${line}"`);
    return { code, name, level, parentCode: parent || null };
  });
}

export async function upsertRegions(db: Db, rows: RegionRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insert(regions)
    .values(rows.map((r) => ({ ...r, source: r.source ?? 'GB/T 2260' })))
    .onConflictDoNothing();
}

export const ROOT_ORG = { name: '广东省司法厅', kind: 'justice', sector: 'justice', regionCode: '440000' } as const;

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return Number(row?.n ?? 0) === 0;
}

/** Creates the root org (if missing) and returns its id. */
export async function ensureRootOrg(db: Db, now: Date): Promise<string> {
  const existing = await db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.name} = ${ROOT_ORG.name}`).limit(1);
  if (existing[0]) return existing[0].id;
  const id = randomUUID();
  await db.insert(orgs).values({ id, ...ROOT_ORG, uscc: '11440000006395015E', createdAt: now, updatedAt: now });
  return id;
}
