/**
 * 乡镇街道赋权: proposed bottom-up by a county government or township, approved by the county executive meeting,
 * decided by the city executive meeting, announced with an effective date, evaluated, possibly recalled.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ItemOut } from '../../../common/contracts/catalog.contract.js';
import type {
  DelegationListQuery,
  DelegationOut,
  DelegationProposeBody,
  DelegationStepAction,
} from '../../../common/contracts/delegation.contract.js';
import type { PageOf } from '../../../common/contracts/kit.js';
import {
  type DelegationAction,
  type DelegationStatus,
  DELEGATION_STATUS_LABELS,
  DELEGATION_ACTION_LABELS,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { items, presentItem, withLinkedItems } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { shanghaiDate } from '../../platform/clock.js';
import { countyOf, delegationPolicy } from './delegation.policy.js';
import { delegationInForce, nextDelegationStatus } from './delegation.rules.js';
import { delegationSteps, delegations } from './delegation.schema.js';

export interface DelegationDeps {
  db: Db;
  clock: Clock;
}

type DelegationRow = typeof delegations.$inferSelect;
const factsOf = (d: DelegationRow) => ({ id: d.id, orgId: d.proposerOrgId, regionCode: d.countyRegionCode });

/** A delegation's record view, with the steps the actor may take on it (`abilities`). */
async function present(db: Db, actor: Actor, d: DelegationRow): Promise<DelegationOut> {
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
      action: s.action as DelegationStepAction,
      fromStatus: s.fromStatus as DelegationStatus | null,
      toStatus: s.toStatus as DelegationStatus,
      payload: s.payload as Record<string, unknown>,
      actorId: s.actorId,
      at: s.at,
    })),
    createdAt: d.createdAt,
    abilities: abilitiesOf(delegationPolicy, actor, factsOf(d)),
  };
}

/** The delegation, when the actor holds the ability on it (404 when it may not even see it, 403 naming the rule). */
async function loadFor(db: Db, actor: Actor, id: string, ability: string) {
  const [d] = await db.select().from(delegations).where(eq(delegations.id, id)).limit(1);
  authorize(delegationPolicy, ability, actor, d ? factsOf(d) : null);
  return d as DelegationRow;
}

/** Proposed by the county government or a township of the county (bottom-up). */
export async function proposeDelegation(
  deps: DelegationDeps,
  ctx: RequestContext,
  actor: Actor,
  input: DelegationProposeBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'delegation.propose', resourceType: 'delegation' },
    async (tx) => {
      authorize(delegationPolicy, 'propose', actor);
      const proposerIsTownship = actor.org.kind === 'township';
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
      return { value: await present(tx, actor, d as DelegationRow), resourceId: id };
    },
  );
}

export type StepPayload = Record<string, string>;

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
      // Who takes each step (the county government; the city government decides) is the policy's rule.
      const d = await loadFor(tx, actor, id, action);
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
      return { value: await present(tx, actor, after as DelegationRow) };
    },
  );
}

export async function getDelegation(db: Db, actor: Actor, id: string) {
  return present(db, actor, await loadFor(db, actor, id, 'read'));
}

/** The delegations the actor may see (the policy's condition, in SQL). */
export async function listDelegations(db: Db, actor: Actor, q: DelegationListQuery): Promise<PageOf<DelegationOut>> {
  const where = and(delegationPolicy.readable?.(actor), q.status ? eq(delegations.status, q.status) : undefined);
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      db
        .select()
        .from(delegations)
        .where(where)
        .orderBy(desc(delegations.createdAt), asc(delegations.id))
        .limit(limit)
        .offset(offset),
    () => totalOf(db.select({ total: count() }).from(delegations).where(where)),
  );
  return { data: await Promise.all(rows.map((d) => present(db, actor, d))), total };
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
export async function delegatedItems(db: Db, orgId: string, at: Date): Promise<PageOf<ItemOut>> {
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
