/**
 * 乡镇街道赋权: proposed bottom-up by a county government or township, approved by the county executive meeting,
 * decided by the city executive meeting, announced with an effective date, evaluated, possibly recalled.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import {
  type DelegationAction,
  type DelegationStatus,
  DELEGATION_STATUS_LABELS,
  DELEGATION_ACTION_LABELS,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, type RequestContext, hasRole } from '../../platform/context.js';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.js';
import type { PageQuery } from '../../platform/pagination.js';
import { regionWithin } from '../../platform/scope.js';
import { runAudited } from '../audit/audit.service.js';
import { items } from '../catalog/catalog.schema.js';
import { presentItem, withLinkedItems } from '../catalog/catalog.service.js';
import { orgs } from '../orgs/orgs.schema.js';
import { shanghaiDate } from '../personnel/personnel.rules.js';
import { delegationInForce, nextDelegationStatus } from './delegation.rules.js';
import { delegationSteps, delegations } from './delegation.schema.js';

export interface DelegationDeps {
  db: Db;
  clock: Clock;
}

const countyOf = (regionCode: string) => regionCode.slice(0, 6);
const cityOf = (regionCode: string) => `${regionCode.slice(0, 4)}00`;

async function present(db: Db, d: typeof delegations.$inferSelect) {
  const [itemRows, townships, steps] = await Promise.all([
    db.select().from(items).where(inArray(items.id, d.itemIds)),
    db
      .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode })
      .from(orgs)
      .where(inArray(orgs.id, d.townshipOrgIds)),
    db.select().from(delegationSteps).where(eq(delegationSteps.delegationId, d.id)).orderBy(asc(delegationSteps.seq)),
  ]);
  return {
    id: d.id,
    status: d.status as DelegationStatus,
    reason: d.reason,
    countyRegionCode: d.countyRegionCode,
    effectiveDate: d.effectiveDate,
    items: itemRows.map(presentItem),
    townships,
    steps: steps.map((s) => ({
      action: s.action,
      fromStatus: s.fromStatus,
      toStatus: s.toStatus,
      payload: s.payload,
      actorId: s.actorId,
      at: s.at.toISOString(),
    })),
    createdAt: d.createdAt.toISOString(),
  };
}

/** A delegation is seen in its county and above; a township sees its own county's. */
const visibleTo = (actor: Actor, countyRegionCode: string) =>
  actor.org.regionCode.length === 9
    ? countyOf(actor.org.regionCode) === countyRegionCode
    : regionWithin(countyRegionCode, actor.org.regionCode);

async function loadVisible(db: Db, actor: Actor, id: string) {
  const [d] = await db.select().from(delegations).where(eq(delegations.id, id)).limit(1);
  if (!d || !visibleTo(actor, d.countyRegionCode)) throw notFound('赋权事项');
  return d;
}

/** Proposed by the county government or a township of the county (bottom-up). */
export async function proposeDelegation(
  deps: DelegationDeps,
  ctx: RequestContext,
  actor: Actor,
  input: { itemIds: string[]; townshipOrgIds: string[]; reason: string },
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'delegation.propose', resourceType: 'delegation' },
    async (tx) => {
      const proposerIsCountyGov =
        actor.org.kind === 'government' && actor.org.regionCode.length === 6 && !actor.org.regionCode.endsWith('00');
      const proposerIsTownship = actor.org.kind === 'township';
      if (!hasRole(actor, 'org_admin') || !(proposerIsCountyGov || proposerIsTownship)) {
        throw forbidden('赋权由县级人民政府或乡镇（街道）提出，须由其单位管理员提交');
      }
      const county = countyOf(actor.org.regionCode);
      const townships = await tx.select().from(orgs).where(inArray(orgs.id, input.townshipOrgIds));
      const bad = input.townshipOrgIds.filter((id) => {
        const t = townships.find((o) => o.id === id);
        return (
          t?.kind !== 'township' || countyOf(t.regionCode) !== county || (proposerIsTownship && t.id !== actor.org.id)
        );
      });
      if (bad.length > 0)
        throw fieldError(
          422,
          'invalid_township',
          'townshipOrgIds',
          '承接单位须为本县（市、区）的乡镇（街道）；乡镇只能为自己提出',
        );
      const asked = await tx.select().from(items).where(inArray(items.id, input.itemIds));
      const missing = input.itemIds.filter((id) => !asked.some((i) => i.id === id));
      if (missing.length > 0) throw fieldError(422, 'unknown_item', 'itemIds', '事项不存在');
      const notDelegable = asked.filter((i) => !i.townshipGuiding || i.status !== 'active');
      if (notDelegable.length > 0) {
        throw fieldError(
          422,
          'item_not_delegable',
          'itemIds',
          `不在省指导目录内的事项不能赋权：${notDelegable.map((i) => i.name).join('、')}`,
        );
      }
      const all = await withLinkedItems(tx, input.itemIds);
      const id = randomUUID();
      const now = deps.clock.now();
      await tx.insert(delegations).values({
        id,
        itemIds: all.map((i) => i.id),
        townshipOrgIds: [...new Set(input.townshipOrgIds)],
        countyRegionCode: county,
        reason: input.reason,
        status: 'proposed',
        effectiveDate: null,
        proposerOrgId: actor.org.id,
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(delegationSteps).values({
        delegationId: id,
        action: 'propose',
        fromStatus: null,
        toStatus: 'proposed',
        payload: { reason: input.reason },
        actorId: actor.userId,
        orgId: actor.org.id,
        at: now,
      });
      const [d] = await tx.select().from(delegations).where(eq(delegations.id, id));
      return { value: await present(tx, d as typeof delegations.$inferSelect), resourceId: id };
    },
  );
}

export type StepPayload = Record<string, string>;

/** Who takes each step: the county government, the city government, or (evaluate) the county government too. */
function requireStepActor(actor: Actor, action: DelegationAction, countyRegion: string) {
  const isGovAdmin = hasRole(actor, 'org_admin') && actor.org.kind === 'government';
  const atCounty = actor.org.regionCode === countyRegion;
  const atCity = actor.org.regionCode === cityOf(countyRegion);
  const ok = action === 'city_decide' ? isGovAdmin && atCity : isGovAdmin && atCounty;
  if (!ok) {
    throw forbidden(
      action === 'city_decide'
        ? '市政府常务会议决定须由市人民政府单位管理员登记'
        : `“${DELEGATION_ACTION_LABELS[action]}”须由县级人民政府单位管理员登记`,
    );
  }
}

export async function delegationStep(
  deps: DelegationDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  action: DelegationAction,
  payload: StepPayload,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `delegation.${action}`, resourceType: 'delegation', resourceId: id },
    async (tx) => {
      const d = await loadVisible(tx, actor, id);
      requireStepActor(actor, action, d.countyRegionCode);
      const to = nextDelegationStatus(d.status as DelegationStatus, action);
      if (!to) {
        throw new AppError(
          409,
          'invalid_step',
          `当前状态为“${DELEGATION_STATUS_LABELS[d.status as DelegationStatus]}”，不能进行“${DELEGATION_ACTION_LABELS[action]}”`,
        );
      }
      const now = deps.clock.now();
      await tx
        .update(delegations)
        .set({ status: to, updatedAt: now, ...(action === 'announce' ? { effectiveDate: payload.effectiveDate } : {}) })
        .where(eq(delegations.id, id));
      await tx.insert(delegationSteps).values({
        delegationId: id,
        action,
        fromStatus: d.status,
        toStatus: to,
        payload,
        actorId: actor.userId,
        orgId: actor.org.id,
        at: now,
      });
      const [after] = await tx.select().from(delegations).where(eq(delegations.id, id));
      return { value: await present(tx, after as typeof delegations.$inferSelect) };
    },
  );
}

export async function getDelegation(db: Db, actor: Actor, id: string) {
  return present(db, await loadVisible(db, actor, id));
}

export async function listDelegations(db: Db, actor: Actor, q: PageQuery & { status?: DelegationStatus }) {
  const rows = await db
    .select()
    .from(delegations)
    .where(q.status ? eq(delegations.status, q.status) : undefined)
    .orderBy(desc(delegations.createdAt), asc(delegations.id));
  const visible = rows.filter((d) => visibleTo(actor, d.countyRegionCode));
  const page = visible.slice((q.current - 1) * q.pageSize, q.current * q.pageSize);
  return { data: await Promise.all(page.map((d) => present(db, d))), total: visible.length };
}

/** Whether a township org may act on an item on a date through a delegation in force. */
export async function townshipMayAct(db: Db, orgId: string, itemId: string, at: Date): Promise<boolean> {
  const date = shanghaiDate(at);
  const rows = await db
    .select({ status: delegations.status, effectiveDate: delegations.effectiveDate })
    .from(delegations)
    .where(and(sql`${orgId} = any(${delegations.townshipOrgIds})`, sql`${itemId} = any(${delegations.itemIds})`));
  return rows.some((d) => delegationInForce(d, date));
}

/** Items delegated to a township in force on a date. */
export async function delegatedItems(db: Db, orgId: string, at: Date) {
  const date = shanghaiDate(at);
  const rows = await db.select().from(delegations).where(sql`${orgId} = any(${delegations.townshipOrgIds})`);
  const ids = [...new Set(rows.filter((d) => delegationInForce(d, date)).flatMap((d) => d.itemIds))];
  if (ids.length === 0) return { data: [], total: 0 };
  const list = await db.select().from(items).where(inArray(items.id, ids)).orderBy(asc(items.baseCode));
  return { data: list.map(presentItem), total: list.length };
}

/** Delegations in force by the deadline and not evaluated by it. */
export async function unevaluatedDelegations(db: Db, actor: Actor, deadline: string) {
  const all = await listDelegations(db, actor, { current: 1, pageSize: 10_000 });
  const data = all.data.filter(
    (d) =>
      (d.status === 'announced' || d.status === 'evaluated') &&
      d.effectiveDate !== null &&
      d.effectiveDate <= deadline &&
      !d.steps.some((s) => s.action === 'evaluate' && String((s.payload as StepPayload).date ?? '') <= deadline),
  );
  return { data, total: data.length, deadline };
}
