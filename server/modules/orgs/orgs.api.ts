/**
 * What other modules may use of organisations. The `orgs` table is exported for foreign keys and read-only joins
 * (scope conditions over `orgs.region_code`/`orgs.sector`); every write goes through orgs.service.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import { inScope } from '../../platform/scope.js';
import { orgs } from './orgs.schema.js';

export { orgs };
export { orgPolicy } from './orgs.policy.js';

export type OrgRow = typeof orgs.$inferSelect;

/** The org with this id, or null (`lock`: FOR UPDATE, inside the caller's transaction). */
export async function orgById(db: Db, id: string, lock = false): Promise<OrgRow | null> {
  const q = db.select().from(orgs).where(eq(orgs.id, id)).limit(1);
  const [row] = lock ? await q.for('update') : await q;
  return row ?? null;
}

/** The org with this id if the actor's scope covers it; 404 「单位不存在」 otherwise (as GET /orgs/:id answers). */
export async function orgInScope(db: Db, actor: Actor, id: string): Promise<OrgRow> {
  const org = await orgById(db, id);
  if (!org || !inScope(actor.scope, org)) throw notFound('单位');
  return org;
}
