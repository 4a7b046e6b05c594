/**
 * The frequency caps as data (visit_caps): the list everyone may read, and setting one item's or one org's cap (the
 * supervising justice department, visit-caps.policy.ts), audited; the visit flags read them (visits.service capFor).
 */
import { randomUUID } from 'node:crypto';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { VisitCapBody, VisitCapOut } from '../../../common/contracts/visits.contract.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { authorize, can } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type VisitCapTarget, visitCapPolicy } from './visit-caps.policy.js';
import { DEFAULT_CAP } from './visits.rules.js';
import { visitCaps } from './visits.schema.js';

const capSelect = (db: Db) =>
  db
    .select({ c: visitCaps, itemName: items.name, orgName: orgs.name })
    .from(visitCaps)
    .leftJoin(items, eq(items.id, visitCaps.itemId))
    .leftJoin(orgs, eq(orgs.id, visitCaps.orgId));

const present = (r: Awaited<ReturnType<ReturnType<typeof capSelect>['execute']>>[number]): VisitCapOut => ({
  id: r.c.id,
  itemId: r.c.itemId,
  itemName: r.itemName,
  orgId: r.c.itemId ? null : r.c.orgId,
  orgName: r.c.itemId ? null : r.orgName,
  perLevel: r.c.perLevel,
  acrossLevels: r.c.acrossLevels,
  basis: r.c.basis,
  updatedAt: r.c.updatedAt ?? r.c.createdAt,
});

export async function listVisitCaps(db: Db, actor: Actor) {
  authorize(visitCapPolicy, 'list', actor);
  const rows = await capSelect(db).orderBy(asc(items.name), asc(orgs.name));
  return { data: rows.map(present), default: DEFAULT_CAP, canEdit: can(visitCapPolicy, 'update', actor) };
}

/** The cap's target as the policy sees it, or a field error naming it. */
async function targetOf(db: Db, body: VisitCapBody): Promise<VisitCapTarget> {
  if (body.itemId) {
    const [item] = await db.select({ status: items.status }).from(items).where(eq(items.id, body.itemId));
    if (item?.status !== 'active') throw fieldError(422, 'unknown_item', 'itemId', '执法事项不存在或已废止');
    return { id: body.itemId, kind: 'item', regionCode: '' };
  }
  const [org] = await db
    .select({ regionCode: orgs.regionCode })
    .from(orgs)
    .where(eq(orgs.id, body.orgId as string));
  if (!org) throw fieldError(422, 'unknown_org', 'orgId', '单位不存在');
  return { id: body.orgId as string, kind: 'org', regionCode: org.regionCode };
}

/** Sets (replaces) the cap of one item or org. */
export async function putVisitCap(
  deps: { db: Db; clock: Clock },
  ctx: RequestContext,
  actor: Actor,
  body: VisitCapBody,
): Promise<VisitCapOut> {
  authorize(visitCapPolicy, 'update', actor, await targetOf(deps.db, body));
  return runAudited(deps.db, deps.clock, ctx, { action: 'visit_cap.update', resourceType: 'visit_cap' }, async (tx) => {
    const now = deps.clock.now();
    const where = body.itemId
      ? eq(visitCaps.itemId, body.itemId)
      : and(eq(visitCaps.orgId, body.orgId as string), isNull(visitCaps.itemId));
    const [existing] = await tx.select({ id: visitCaps.id }).from(visitCaps).where(where).for('update');
    const set = { perLevel: body.perLevel, acrossLevels: body.acrossLevels, basis: body.basis, updatedAt: now };
    const id = existing?.id ?? randomUUID();
    if (existing) await tx.update(visitCaps).set(set).where(eq(visitCaps.id, id));
    else
      await tx.insert(visitCaps).values({
        id,
        itemId: body.itemId ?? null,
        orgId: body.itemId ? null : (body.orgId as string),
        createdAt: now,
        ...set,
      });
    const [row] = await capSelect(tx).where(eq(visitCaps.id, id));
    return { value: present(row as NonNullable<typeof row>), resourceId: id };
  });
}
