/**
 * The audit trail: one row per login, logout and mutating request (refused ones too), written in the same
 * transaction as the change. Rows are hash-chained; `verifyAuditChain` names the first broken link.
 */
import { and, asc, count, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { AuditEvent } from '../../../common/api-types.js';
import type { AuditOutcome } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { offsetOf, type PageQuery } from '../../platform/pagination.js';
import { type Scope, scopeCondition } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.schema.js';
import { auditEvents } from './audit.schema.js';

export const GENESIS_HASH = '0'.repeat(64);
/** Advisory lock key that serialises appends so that the chain never forks. */
const AUDIT_LOCK_KEY = 7_243_001;

export interface AuditEntry {
  action: string;
  resourceType?: string | null;
  resourceId?: string | null;
  outcome: AuditOutcome;
  code?: string | null;
  detail?: string | null;
  /** Overrides the context's actor, e.g. a failed login names the attempted username. */
  actorUsername?: string | null;
  actorId?: string | null;
  orgId?: string | null;
}

interface HashedFields {
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  orgId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: string;
  code: string | null;
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
  prevHash: string;
}

export function auditHash(e: HashedFields): string {
  return sha256Hex(
    JSON.stringify([
      e.at.toISOString(),
      e.actorId,
      e.actorUsername,
      e.orgId,
      e.action,
      e.resourceType,
      e.resourceId,
      e.outcome,
      e.code,
      e.detail,
      e.ip,
      e.userAgent,
      e.prevHash,
    ]),
  );
}

export async function appendAudit(tx: Db, clock: Clock, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx
    .select({ hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const fields: HashedFields = {
    at: clock.now(),
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.userId ?? null),
    actorUsername: entry.actorUsername !== undefined ? entry.actorUsername : (ctx.actor?.username ?? null),
    orgId: entry.orgId !== undefined ? entry.orgId : (ctx.actor?.org.id ?? null),
    action: entry.action,
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    outcome: entry.outcome,
    code: entry.code ?? null,
    detail: entry.detail?.slice(0, 500) ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent?.slice(0, 512) ?? null,
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await tx.insert(auditEvents).values({ ...fields, hash: auditHash(fields) });
}

export interface AuditMeta {
  action: string;
  resourceType?: string;
  resourceId?: string;
  detail?: string;
}

/**
 * Runs a use case in one transaction and writes its audit row inside it. When the use case is refused or
 * fails, the transaction is rolled back and a failure row is written on its own, naming the error code.
 */
export async function runAudited<T>(
  db: Db,
  clock: Clock,
  ctx: RequestContext,
  meta: AuditMeta,
  fn: (tx: Db) => Promise<{ value: T; resourceId?: string }>,
): Promise<T> {
  try {
    const value = await db.transaction(async (tx) => {
      const out = await fn(tx as unknown as Db);
      await appendAudit(tx as unknown as Db, clock, ctx, {
        ...meta,
        resourceId: out.resourceId ?? meta.resourceId ?? null,
        outcome: 'success',
      });
      return out.value;
    });
    ctx.audited = true;
    return value;
  } catch (err) {
    if (!ctx.audited) await auditFailure(db, clock, ctx, meta, err);
    throw err;
  }
}

export async function auditFailure(db: Db, clock: Clock, ctx: RequestContext, meta: AuditMeta, err: unknown) {
  const code = err instanceof AppError ? err.code : 'internal_error';
  await db.transaction(async (tx) => {
    await appendAudit(tx as unknown as Db, clock, ctx, { ...meta, outcome: 'failure', code });
  });
  ctx.audited = true;
}

export interface AuditQuery extends PageQuery {
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
}

/**
 * Audit events for an auditor: those of orgs in its scope. Events tied to no org (a failed login with an unknown
 * username, start-up) are shown to a province-wide auditor only.
 */
export async function listAuditEvents(db: Db, scope: Scope, q: AuditQuery): Promise<{ data: AuditEvent[]; total: number }> {
  const provinceWide = scope.regionPrefix.length <= 2 && scope.sector === null;
  const orgInScope = sql`${auditEvents.orgId} in (select ${orgs.id} from ${orgs} where ${scopeCondition(scope, orgs.regionCode, orgs.sector)})`;
  const where = and(
    provinceWide ? or(isNull(auditEvents.orgId), orgInScope) : orgInScope,
    q.from ? gte(auditEvents.at, q.from) : undefined,
    q.to ? lte(auditEvents.at, q.to) : undefined,
    q.actor ? eq(auditEvents.actorUsername, q.actor.toLowerCase()) : undefined,
    q.action ? eq(auditEvents.action, q.action) : undefined,
  );
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(where)
      .orderBy(desc(auditEvents.seq))
      .limit(q.pageSize)
      .offset(offsetOf(q)),
    db.select({ total: count() }).from(auditEvents).where(where),
  ]);
  return {
    total: Number(total),
    data: rows.map((r) => ({
      seq: r.seq,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorUsername: r.actorUsername,
      orgId: r.orgId,
      action: r.action,
      resourceType: r.resourceType,
      resourceId: r.resourceId,
      outcome: r.outcome as AuditOutcome,
      code: r.code,
      detail: r.detail,
      ip: r.ip,
      userAgent: r.userAgent,
    })),
  };
}

export type ChainReport =
  | { ok: true; checked: number; lastSeq: number | null }
  | { ok: false; checked: number; brokenSeq: number; reason: string };

/**
 * Recomputes every hash in order. The first remaining row anchors the chain (older rows may have been purged
 * after 184 days); every later row must point at its predecessor and hash to its stored value.
 */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  let prev: string | null = null;
  let afterSeq = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, afterSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      if (prev !== null && r.prevHash !== prev) {
        return { ok: false, checked, brokenSeq: r.seq, reason: '前一条事件的哈希与本条记录的 prev_hash 不一致（有事件被删除或改动）' };
      }
      if (auditHash(r) !== r.hash) {
        return { ok: false, checked, brokenSeq: r.seq, reason: '本条事件的内容与其哈希不一致（内容被改动）' };
      }
      prev = r.hash;
      afterSeq = r.seq;
      checked++;
    }
  }
  return { ok: true, checked, lastSeq: checked > 0 ? afterSeq : null };
}
