/**
 * The audit trail: one row per login, logout and mutating request (refused ones too), written in the same
 * transaction as the change. Rows are hash-chained; `verifyAuditChain` names every broken link.
 */
import { and, asc, count, desc, eq, gt, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { AuditEventOut, AuditListQuery } from '../../../common/contracts/audit.contract.js';
import { canonicalJson } from '../../../common/canonical-json.js';
import type { AuditOutcome } from '../../../common/enums.js';
import { toStorableText } from '../../../common/safe-text.js';
import { type Db, pipelines, transactionThen } from '../../db/client.js';
import { type Compiled, compileSql } from '../../db/compiled.js';
import type { Clock } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import { sha256Hex } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { type Scope, scopeCondition } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.api.js';
import { auditEvents, auditHead } from './audit.schema.js';

export const GENESIS_HASH = '0'.repeat(64);

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

/** What `hash` covers, in order; `prevHash` comes last. */
function hashedValues(e: Omit<HashedFields, 'prevHash'>) {
  return [
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
  ];
}

/**
 * SHA-256 over the RFC 8785 canonical JSON of `[...fields, prevHash]` (common/canonical-json.ts). For these
 * strings and nulls it is the same text JSON.stringify gave, which rows written before RFC 8785 were hashed with.
 */
export function auditHash(e: HashedFields): string {
  return sha256Hex(canonicalJson([...hashedValues(e), e.prevHash]));
}

/**
 * Appending an event to the chain is one statement: it updates the one-row `audit_head` (whose row lock serialises
 * appends, so the chain never forks, and is held only until the transaction ends) and inserts the event linked to
 * the previous head. The hash is the one `auditHash` computes: SHA-256 over `canonicalJson([...fields, prevHash])`,
 * where the JSON of everything before `prevHash` is built here (`au_prefix`) and the database appends
 * `"<prevHash>"]` — a hex string needs no escaping. The event's `seq` is drawn after the head is locked, so `seq`
 * order is chain order; with no head row the insert fails on prev_hash not null instead of writing nothing. As two
 * CTEs, the same statement rides along with a use case's last statement (see `AuditInStatement`).
 */
const AUDIT_HEAD_CTE = 'audit_chain_head';
const AUDIT_ROW_CTE = 'audit_row';
const p = (name: string) => sql.placeholder(`au_${name}`);
const headSql = sql`update audit_head set prev_hash = hash, hash = encode(sha256(convert_to(${p('prefix')}::text || hash || '"]', 'UTF8')), 'hex') where id = 1 returning prev_hash, hash`;
const rowSql = sql`insert into audit_events (at, actor_id, actor_username, org_id, action, resource_type, resource_id, outcome, code, detail, ip, user_agent, prev_hash, hash)
  select ${p('at')}::timestamptz, ${p('actorId')}::uuid, ${p('actorUsername')}::text, ${p('orgId')}::uuid, ${p('action')}::text, ${p('resourceType')}::text, ${p('resourceId')}::text,
    ${p('outcome')}::text, ${p('code')}::text, ${p('detail')}::text, ${p('ip')}::text, ${p('userAgent')}::text, head.prev_hash, head.hash
  from (select 1) one left join ${sql.identifier(AUDIT_HEAD_CTE)} head on true
  returning seq`;
const appendStatement = compileSql<{ seq: number }>(
  sql`with ${sql.identifier(AUDIT_HEAD_CTE)} as (${headSql}) ${rowSql}`,
);

/** The audit row as CTEs, for a compiled statement that writes it along with its own change (`AuditInStatement`). */
export function auditRowCtes(db: Db) {
  return [db.$with(AUDIT_HEAD_CTE, {}).as(headSql), db.$with(AUDIT_ROW_CTE, {}).as(rowSql)] as const;
}

/**
 * Text as the row stores it: an audit row records hostile requests too (a user agent, a resource id from the
 * path), so NUL and lone surrogates — which the database cannot store — become U+FFFD before hashing, and the hash
 * covers exactly the stored text. Cut before that, so that a cut through a surrogate pair is mended too.
 */
const stored = (s: string | null | undefined, max = 1000): string | null =>
  s === null || s === undefined ? null : toStorableText(s.slice(0, max));

/** The audit statement's parameters for `entry`. */
function auditValues(clock: Clock, ctx: RequestContext, entry: AuditEntry): Record<string, unknown> {
  const fields: Omit<HashedFields, 'prevHash'> = {
    at: clock.now(),
    actorId: entry.actorId !== undefined ? entry.actorId : (ctx.actor?.userId ?? null),
    actorUsername: stored(entry.actorUsername !== undefined ? entry.actorUsername : (ctx.actor?.username ?? null)),
    orgId: entry.orgId !== undefined ? entry.orgId : (ctx.actor?.org.id ?? null),
    action: stored(entry.action) ?? '',
    resourceType: stored(entry.resourceType),
    resourceId: stored(entry.resourceId, 200),
    outcome: entry.outcome,
    code: stored(entry.code),
    detail: stored(entry.detail, 500),
    ip: stored(ctx.ip),
    userAgent: stored(ctx.userAgent, 512),
  };
  const values: Record<string, unknown> = {
    au_prefix: `${canonicalJson(hashedValues(fields)).slice(0, -1)},"`,
    au_at: fields.at.toISOString(),
  };
  for (const k of [
    'actorId',
    'actorUsername',
    'orgId',
    'action',
    'resourceType',
    'resourceId',
    'outcome',
    'code',
    'detail',
    'ip',
    'userAgent',
  ] as const)
    values[`au_${k}`] = fields[k];
  return values;
}

export async function appendAudit(tx: Db, clock: Clock, ctx: RequestContext, entry: AuditEntry): Promise<void> {
  const rows = await appendStatement.run(tx, auditValues(clock, ctx, entry));
  if (rows.length !== 1) throw new Error('audit event not written');
}

export interface AuditMeta {
  action: string;
  resourceType?: string;
  resourceId?: string;
  detail?: string;
}

/**
 * What a use case answers: its value, or `pending` — a promise of the value that waits on the use case's last
 * statement, already sent but not awaited. COMMIT (and the audit row, unless that statement writes it) then go
 * out right behind that statement instead of a round trip later. `pending` must wait on a query already sent (e.g.
 * a compiled statement's `run`), never on a lazy query builder; should the statement fail, nothing commits and its
 * error is the one thrown.
 */
export type AuditedOutcome<T> = { value: T; resourceId?: string } | { pending: Promise<T>; resourceId?: string };

/**
 * Lets a use case's last statement write the success audit row itself (one statement fewer): `run` runs a
 * statement compiled with `auditRowCtes` (checked) with the audit row's parameters added. At most once.
 */
export interface AuditInStatement {
  run<R>(tx: Db, statement: Compiled<R>, values: Record<string, unknown>, resourceId?: string): Promise<R>;
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
  fn: (tx: Db, audit: AuditInStatement) => Promise<AuditedOutcome<T>>,
): Promise<T> {
  let statement: Promise<unknown> | null = null; // the use case's statement that writes the audit row
  let pending: Promise<T> | null = null;
  const audit: AuditInStatement = {
    run(tx, compiled, values, resourceId) {
      if (statement) throw new Error('a use case writes one audit row');
      if (!compiled.text.includes(`"${AUDIT_ROW_CTE}" as (`))
        throw new Error('the statement does not write the audit row (auditRowCtes)');
      const sent = compiled.run(tx, {
        ...values,
        ...auditValues(clock, ctx, { ...meta, resourceId: resourceId ?? meta.resourceId ?? null, outcome: 'success' }),
      });
      statement = sent;
      sent.catch(() => {}); // awaited below
      return sent;
    },
  };
  try {
    const out = await transactionThen(
      db,
      async (tx) => {
        const o = await fn(tx, audit);
        if ('pending' in o) {
          pending = o.pending;
          pending.catch(() => {}); // awaited below
        }
        // not pipelined (PGlite): the statements settle inside the transaction
        if (!pipelines(db)) await (pending ?? statement);
        return o;
      },
      // the audit row is the transaction's last statement, sent together with its COMMIT (see transactionThen)
      (tx, o) =>
        statement
          ? null
          : appendAudit(tx, clock, ctx, {
              ...meta,
              resourceId: o.resourceId ?? meta.resourceId ?? null,
              outcome: 'success',
            }),
    );
    await statement;
    ctx.audited = true;
    return 'pending' in out ? await out.pending : out.value;
  } catch (err) {
    // a failed statement sent without awaiting fails the transaction: its own error is the cause
    const cause = await settledError(statement, await settledError(pending, err));
    if (!ctx.audited) await auditFailure(db, clock, ctx, meta, cause);
    throw cause;
  }
}

/** The promise's error, or `otherwise` when it is absent or fulfilled. */
const settledError = (p: Promise<unknown> | null, otherwise: unknown): Promise<unknown> =>
  p
    ? p.then(
        () => otherwise,
        (e: unknown) => e,
      )
    : Promise.resolve(otherwise);

export async function auditFailure(db: Db, clock: Clock, ctx: RequestContext, meta: AuditMeta, err: unknown) {
  const code = err instanceof AppError ? err.code : 'internal_error';
  await db.transaction(async (tx) => {
    await appendAudit(tx as unknown as Db, clock, ctx, { ...meta, outcome: 'failure', code });
  });
  ctx.audited = true;
}

/**
 * Audit events for an auditor: those of orgs in its scope. Events tied to no org (a failed login with an unknown
 * username, start-up) are shown to a province-wide auditor only.
 */
export async function listAuditEvents(
  db: Db,
  scope: Scope,
  q: AuditListQuery,
): Promise<{ data: AuditEventOut[]; total: number }> {
  const provinceWide = scope.regionPrefix.length <= 2 && scope.sector === null;
  const orgInScope = sql`${auditEvents.orgId} in (select ${orgs.id} from ${orgs} where ${scopeCondition(scope, orgs.regionCode, orgs.sector)})`;
  const where = and(
    provinceWide ? or(isNull(auditEvents.orgId), orgInScope) : orgInScope,
    q.from ? gte(auditEvents.at, q.from) : undefined,
    q.to ? lte(auditEvents.at, q.to) : undefined,
    q.actor ? eq(auditEvents.actorUsername, q.actor.toLowerCase()) : undefined,
    q.action ? eq(auditEvents.action, q.action) : undefined,
  );
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.seq)).limit(limit).offset(offset),
    () => totalOf(db.select({ total: count() }).from(auditEvents).where(where)),
  );
  return {
    total,
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

export interface ChainBreak {
  seq: number;
  reason: string;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  /** The first remaining row (older ones may have been purged) and the last one, with its hash. */
  firstSeq: number | null;
  lastSeq: number | null;
  lastHash: string | null;
  /** Every break found, in chain order (the walk goes on after each one). */
  breaks: ChainBreak[];
  /** The first break, if any. */
  brokenSeq?: number;
  reason?: string;
}

/**
 * Recomputes every hash in order and reports every break, not only the first: the walk re-anchors on each row. The
 * first remaining row anchors the chain (older rows may have been purged after 184 days); every later row must
 * point at its predecessor and hash to its stored value, and `audit_head` must hold the last row's hash. Truncation
 * of the newest rows is caught against the heads anchored in signed checkpoints (transparency `verifyAuditAnchors`).
 */
export async function verifyAuditChain(db: Db, batchSize = 1000): Promise<ChainReport> {
  let prev: string | null = null;
  let afterSeq = 0;
  let checked = 0;
  let firstSeq: number | null = null;
  const breaks: ChainBreak[] = [];
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, afterSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      firstSeq ??= r.seq;
      if (prev !== null && r.prevHash !== prev)
        breaks.push({ seq: r.seq, reason: '前一条事件的哈希与本条记录的 prev_hash 不一致（有事件被删除或改动）' });
      if (auditHash(r) !== r.hash) breaks.push({ seq: r.seq, reason: '本条事件的内容与其哈希不一致（内容被改动）' });
      prev = r.hash;
      afterSeq = r.seq;
      checked++;
    }
  }
  const [head] = await db.select().from(auditHead).where(eq(auditHead.id, 1));
  if (head && checked > 0 && head.hash !== prev)
    breaks.push({ seq: afterSeq, reason: '审计链头（audit_head）与最后一条事件的哈希不一致（链尾被删除或改动）' });
  const first = breaks[0];
  return {
    ok: breaks.length === 0,
    checked,
    firstSeq,
    lastSeq: checked > 0 ? afterSeq : null,
    lastHash: prev,
    breaks,
    ...(first ? { brokenSeq: first.seq, reason: first.reason } : {}),
  };
}
