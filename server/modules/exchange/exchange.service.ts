/**
 * The outbox's deliveries for the console (回调投递): what waits or stopped being retried with the receiver's answer,
 * a resend, and each receiver's figures (pending, failing, dead, last success, last failure, lag).
 */
import { and, asc, count, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type {
  DeliveryListQuery,
  DestinationStatusView,
  DeliveryView,
} from '../../../common/contracts/exchange.contract.js';
import { DELIVERY_STATE_LABELS, type DeliveryState } from '../../../common/enums.js';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { topicOf } from '../../platform/outbox/outbox.js';
import { outboxMessages } from '../../platform/outbox/outbox.schema.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { runAudited } from '../audit/audit.api.js';
import { hotlineClients } from '../complaints/complaints.api.js';

export interface ExchangeDeps {
  db: Db;
  clock: Clock;
}

const m = outboxMessages;

/** An earlier message of the same record is not delivered yet: this one waits (order per record). */
const waitingBehind = sql<boolean>`exists (select 1 from outbox_messages p where p.record_key = ${m.recordKey}
  and p.seq < ${m.seq} and p.state <> 'delivered')`;

const summaryOf = (topic: string, body: string) => {
  try {
    return topicOf(topic)?.describe?.(JSON.parse(body) as Record<string, unknown>) ?? '';
  } catch {
    return '';
  }
};

export async function listDeliveries(deps: ExchangeDeps, q: DeliveryListQuery) {
  const where = and(
    q.state ? eq(m.state, q.state) : inArray(m.state, ['pending', 'dead']),
    q.clientId ? eq(m.destination, q.clientId) : undefined,
    q.failing === 'true' ? and(eq(m.state, 'pending'), isNotNull(m.lastError)) : undefined,
  );
  return paged(
    q,
    async (limit, offset) => {
      const rows = await deps.db
        .select({ m, name: hotlineClients.name, waitingBehind })
        .from(m)
        .leftJoin(hotlineClients, eq(hotlineClients.id, m.destination))
        .where(where)
        .orderBy(sql`${m.state} = 'dead' desc`, asc(m.seq))
        .limit(limit)
        .offset(offset);
      return rows.map(
        ({ m: r, name, waitingBehind: behind }): z.output<typeof DeliveryView> => ({
          id: r.id,
          topic: r.topic,
          topicLabel: topicOf(r.topic)?.label ?? r.topic,
          destination: { id: r.destination, name: name ?? r.destination },
          summary: summaryOf(r.topic, r.body),
          state: r.state as DeliveryState,
          stateLabel: DELIVERY_STATE_LABELS[r.state as DeliveryState] ?? r.state,
          attempts: r.attempts,
          createdAt: r.createdAt,
          nextAttemptAt: r.state === 'pending' ? r.nextAttemptAt : null,
          lastAttemptAt: r.lastAttemptAt,
          lastStatus: r.lastStatus,
          lastError: r.lastError,
          deliveredAt: r.deliveredAt,
          waitingBehind: Boolean(behind),
        }),
      );
    },
    () => totalOf(deps.db.select({ total: count() }).from(m).where(where)),
  );
}

/**
 * Each receiver's figures: every 12345 client with a callback URL and every destination the outbox holds messages
 * for. The last failure is the last failed attempt of a message not delivered yet.
 */
export async function destinationStatus(
  deps: ExchangeDeps,
  q: { clientId?: string | undefined },
): Promise<{ data: z.output<typeof DestinationStatusView>[] }> {
  const now = deps.clock.now();
  const figures = await deps.db
    .select({
      destination: m.destination,
      pending: sql<number>`count(*) filter (where ${m.state} = 'pending')::int`,
      failing: sql<number>`count(*) filter (where ${m.state} = 'pending' and ${m.lastError} is not null)::int`,
      dead: sql<number>`count(*) filter (where ${m.state} = 'dead')::int`,
      delivered: sql<number>`count(*) filter (where ${m.state} = 'delivered')::int`,
      lastSuccessAt: sql<string | null>`max(${m.deliveredAt})`,
      lastFailureAt: sql<string | null>`max(${m.lastAttemptAt}) filter (where ${m.state} <> 'delivered')`,
      oldest: sql<string | null>`min(${m.createdAt}) filter (where ${m.state} <> 'delivered')`,
    })
    .from(m)
    .where(q.clientId ? eq(m.destination, q.clientId) : undefined)
    .groupBy(m.destination);
  const clients = await deps.db
    .select({ id: hotlineClients.id, name: hotlineClients.name, callbackUrl: hotlineClients.callbackUrl })
    .from(hotlineClients)
    .where(q.clientId ? eq(hotlineClients.id, q.clientId) : undefined)
    .orderBy(asc(hotlineClients.id));
  const byId = new Map(figures.map((f) => [f.destination, f]));
  const ids = [
    ...clients.filter((c) => c.callbackUrl || byId.has(c.id)).map((c) => c.id),
    ...figures.map((f) => f.destination).filter((d) => !clients.some((c) => c.id === d)),
  ];
  const date = (v: string | Date | null) => (v ? new Date(v) : null);
  return {
    data: ids.map((id) => {
      const f = byId.get(id);
      const c = clients.find((x) => x.id === id);
      const oldest = date(f?.oldest ?? null);
      return {
        id,
        name: c?.name ?? id,
        endpoint: c?.callbackUrl ?? null,
        pending: Number(f?.pending ?? 0),
        failing: Number(f?.failing ?? 0),
        dead: Number(f?.dead ?? 0),
        delivered: Number(f?.delivered ?? 0),
        lastSuccessAt: date(f?.lastSuccessAt ?? null),
        lastFailureAt: date(f?.lastFailureAt ?? null),
        lagSeconds: oldest ? Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000)) : 0,
      };
    }),
  };
}

/** A dead (or waiting) delivery goes again at once, its attempts counted anew; a delivered one is not sent twice. */
export async function resendDelivery(deps: ExchangeDeps, ctx: RequestContext, id: string) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'exchange_delivery.resend', resourceType: 'exchange_delivery', resourceId: id },
    async (tx) => {
      const [row] = await tx.select({ state: m.state }).from(m).where(eq(m.id, id)).limit(1);
      if (!row) throw new AppError(404, 'not_found', '投递记录不存在');
      if (row.state === 'delivered') throw new AppError(409, 'already_delivered', '该消息已送达，不再重复投递');
      await tx
        .update(m)
        .set({ state: 'pending', attempts: 0, nextAttemptAt: deps.clock.now(), leaseOwner: null, leaseUntil: null })
        .where(eq(m.id, id));
      return { value: { id, state: 'pending' as const } };
    },
  );
}
