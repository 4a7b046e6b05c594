/**
 * 行政执法公示 (DOMAIN.md §5): each decision's publication with its publish-by date on the working-day calendar,
 * publishing, withdrawal when the decision is revoked or corrected, the end of publicity (period or 信用修复), the
 * supervision list of decisions not published in time, and the public outputs — the decisions list and the case
 * page behind the QR code — all rendered through the one masking renderer.
 */
import { and, asc, count, desc, eq, gte, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import { CASE_ACTION_LABELS, type CaseAction } from '../../../common/case-flow.js';
import type { PublicDecisionQuery } from '../../../common/contracts/portal.contract.js';
import type {
  PublicationEndBody,
  PublicationListQuery,
  PublicationOut,
  PublicationWithdrawBody,
} from '../../../common/contracts/publicity.contract.js';
import type { PenaltyKind, PublicityStatus } from '../../../common/enums.js';
import type { Checkpoint, TransparencyLeaf } from '../../../common/transparency-leaf.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { containsPattern, type PageQuery } from '../../platform/pagination.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { items } from '../catalog/catalog.api.js';
import { DECISION_SPEC, appendCaseEvent, caseEventsOf, cases } from '../cases/cases.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type TransparencyDeps, leafOf, leavesWithCheckpoint } from '../transparency/transparency.api.js';
import { renderParty, renderPublic } from '../../platform/masking.js';
import { publicationFactsOf, publicationPolicy } from './publicity.policy.js';
import { addMonths, publicityMonths } from './publicity.rules.js';
import { publications } from './publicity.schema.js';
import { shanghaiDate } from '../../platform/clock.js';
import { type PublishKind, publishByDate, withdrawByDate } from '../../platform/workdays.js';

export interface PublicityDeps extends TransparencyDeps {
  publicBaseUrl: string;
  months: Readonly<Record<PenaltyKind, number>>;
  /** How long a public case page may be served from memory. */
  cacheSeconds: number;
}

type PublicationRow = typeof publications.$inferSelect;

// ── opening a publication at decision ──

/** Called inside the decision's transaction: the decision is due for publicity by its publish-by date. */
export async function openPublication(tx: Db, caseId: string, kind: PublishKind, decidedAt: Date) {
  const due = publishByDate(decidedAt, kind);
  await tx
    .insert(publications)
    .values({
      caseId,
      kind,
      decidedAt,
      publishBy: due.date,
      publishByProvisional: due.provisional,
      updatedAt: decidedAt,
    })
    .onConflictDoNothing();
}

/** Decisions made before this module existed (or loaded as data) get their publication; returns how many. */
export async function backfillPublications(db: Db): Promise<number> {
  const missing = await db
    .select({ id: cases.id, decidedAt: cases.decidedAt, state: cases.state })
    .from(cases)
    .leftJoin(publications, eq(publications.caseId, cases.id))
    .where(and(isNotNull(cases.decidedAt), isNull(publications.caseId)));
  for (const m of missing) await openPublication(db, m.id, 'penalty', m.decidedAt as Date);
  const noPenalty = await db
    .select({ id: cases.id, updatedAt: cases.updatedAt })
    .from(cases)
    .leftJoin(publications, eq(publications.caseId, cases.id))
    .where(and(eq(cases.state, 'no_penalty'), isNull(publications.caseId)));
  for (const m of noPenalty) await openPublication(db, m.id, 'other', m.updatedAt);
  return missing.length + noPenalty.length;
}

// ── status ──

export type { PublicityStatus };

function statusOf(p: PublicationRow, today: string): PublicityStatus {
  if (p.withdrawnAt) return 'withdrawn';
  if (p.endedAt || (p.endsOn && p.endsOn < today)) return 'ended';
  return p.publishedAt ? 'published' : 'unpublished';
}

function view(
  actor: Actor,
  p: PublicationRow,
  c: typeof cases.$inferSelect,
  org: typeof orgs.$inferSelect,
  today: string,
  deps: PublicityDeps,
) {
  const status = statusOf(p, today);
  return {
    caseId: c.id,
    number: c.number,
    orgId: org.id,
    orgName: org.name,
    partyName: c.partyName,
    kind: p.kind as PublishKind,
    decidedAt: p.decidedAt.toISOString(),
    publishBy: p.publishBy,
    publishByProvisional: p.publishByProvisional,
    overdue: status === 'unpublished' && p.publishBy < today,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    publishedLate: p.publishedLate,
    endsOn: p.endsOn,
    withdrawReason: p.withdrawReason,
    revokedAt: p.revokedAt?.toISOString() ?? null,
    withdrawBy: p.withdrawBy,
    withdrawnAt: p.withdrawnAt?.toISOString() ?? null,
    withdrawnLate: p.withdrawnLate,
    endedAt: p.endedAt?.toISOString() ?? null,
    endReason: p.endReason,
    status,
    caseCode: c.caseCode,
    publicUrl: c.caseCode ? `${deps.publicBaseUrl}/v/${c.caseCode}` : null,
    /** What the caller may do with this publication by role and org (publicity.policy.ts), whatever its status. */
    abilities: abilitiesOf(publicationPolicy, actor, publicationFactsOf(c, org)),
  } satisfies PublicationOut;
}

// ── staff: list, supervision, publish, withdraw, end ──

export type PublicationQuery = Partial<PublicationListQuery> & PageQuery;

function statusCondition(status: PublicityStatus | undefined, today: string) {
  const ended = sql`(${publications.endedAt} is not null or (${publications.endsOn} is not null and ${publications.endsOn} < ${today}))`;
  switch (status) {
    case 'withdrawn':
      return isNotNull(publications.withdrawnAt);
    case 'ended':
      return and(isNull(publications.withdrawnAt), ended);
    case 'published':
      return and(isNull(publications.withdrawnAt), isNotNull(publications.publishedAt), sql`not ${ended}`);
    case 'unpublished':
      return and(isNull(publications.withdrawnAt), isNull(publications.publishedAt), isNull(publications.endedAt));
    default:
      return undefined;
  }
}

export async function listPublications(deps: PublicityDeps, actor: Actor, q: PublicationQuery) {
  const today = shanghaiDate(deps.clock.now());
  const where = and(
    publicationPolicy.readable?.(actor),
    statusCondition(q.overdue ? 'unpublished' : q.status, today),
    q.overdue ? lt(publications.publishBy, today) : undefined,
    q.orgId ? eq(cases.orgId, q.orgId) : undefined,
    q.q
      ? sql`(${cases.number} ilike ${containsPattern(q.q)} or ${cases.partyName} ilike ${containsPattern(q.q)})`
      : undefined,
  );
  const base = deps.db
    .select({ p: publications, c: cases, org: orgs })
    .from(publications)
    .innerJoin(cases, eq(cases.id, publications.caseId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId));
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    base
      .where(where)
      .orderBy(q.overdue ? asc(publications.publishBy) : desc(publications.decidedAt), asc(publications.caseId))
      .limit(q.pageSize)
      .offset((q.current - 1) * q.pageSize),
    deps.db
      .select({ total: count() })
      .from(publications)
      .innerJoin(cases, eq(cases.id, publications.caseId))
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .where(where),
  ]);
  return { data: rows.map((r) => view(actor, r.p, r.c, r.org, today, deps)), total: Number(total), today };
}

async function lockPublication(tx: Db, actor: Actor, caseId: string) {
  const [row] = await tx
    .select({ p: publications, c: cases, org: orgs })
    .from(publications)
    .innerJoin(cases, eq(cases.id, publications.caseId))
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .where(eq(publications.caseId, caseId))
    .for('update', { of: [cases, publications] });
  if (!row || !can(publicationPolicy, 'read', actor, publicationFactsOf(row.c, row.org))) throw notFound('公示事项');
  return row;
}

type PublicityAction = 'publish' | 'withdraw' | 'end';

async function changePublication(
  deps: PublicityDeps,
  ctx: RequestContext,
  actor: Actor,
  caseId: string,
  action: PublicityAction,
  apply: (
    p: PublicationRow,
    c: typeof cases.$inferSelect,
    now: Date,
    today: string,
  ) => { set: Partial<typeof publications.$inferInsert>; payload: Record<string, unknown> },
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `publicity.${action}`, resourceType: 'case', resourceId: caseId },
    async (tx) => {
      const { p, c, org } = await lockPublication(tx, actor, caseId);
      authorize(publicationPolicy, action, actor, publicationFactsOf(c, org));
      const now = deps.clock.now();
      const today = shanghaiDate(now);
      const { set, payload } = apply(p, c, now, today);
      const [updated] = await tx
        .update(publications)
        .set({ ...set, updatedAt: now })
        .where(eq(publications.caseId, caseId))
        .returning();
      await appendCaseEvent(tx, caseId, {
        type: `publicity_${action}`,
        at: now,
        actorId: actor.userId,
        role: actor.roles.join(','),
        orgId: actor.org.id,
        payload,
        attachments: [],
      });
      return { value: view(actor, updated as PublicationRow, c, org, today, deps) };
    },
  );
}

const refuse = (status: number, code: string, detail: string) => new AppError(status, code, detail);

export function publishDecision(deps: PublicityDeps, ctx: RequestContext, actor: Actor, caseId: string) {
  return changePublication(deps, ctx, actor, caseId, 'publish', (p, c, now, today) => {
    if (p.withdrawnAt) throw refuse(409, 'publicity_withdrawn', '该决定已撤回公示');
    if (p.publishedAt) throw refuse(409, 'already_published', '该决定已经公示');
    const endsOn = addMonths(
      today,
      publicityMonths(
        deps.months,
        p.kind === 'penalty' ? ((c.decision as { penaltyKinds?: string[] } | null)?.penaltyKinds ?? null) : null,
      ),
    );
    const late = today > p.publishBy;
    return {
      set: { publishedAt: now, publishedLate: late, endsOn },
      payload: { publishBy: p.publishBy, late, endsOn },
    };
  });
}

export type WithdrawInput = PublicationWithdrawBody;

export function withdrawDecision(
  deps: PublicityDeps,
  ctx: RequestContext,
  actor: Actor,
  caseId: string,
  input: WithdrawInput,
) {
  return changePublication(deps, ctx, actor, caseId, 'withdraw', (p, _c, now, today) => {
    if (p.withdrawnAt) throw refuse(409, 'publicity_withdrawn', '该决定已撤回公示');
    if (input.revokedAt.getTime() > now.getTime())
      throw fieldError(422, 'revoked_in_future', 'revokedAt', '撤销或更正决定的时间不能晚于现在');
    if (input.revokedAt.getTime() < p.decidedAt.getTime())
      throw fieldError(422, 'revoked_before_decision', 'revokedAt', '撤销或更正决定的时间不能早于原决定');
    const due = withdrawByDate(input.revokedAt);
    const late = today > due.date;
    return {
      set: {
        withdrawReason: input.reason,
        revokedAt: input.revokedAt,
        withdrawBy: due.date,
        withdrawnAt: now,
        withdrawnLate: late,
      },
      payload: {
        reason: input.reason,
        revokedAt: input.revokedAt.toISOString(),
        withdrawBy: due.date,
        late,
        note: input.note,
      },
    };
  });
}

export type EndInput = PublicationEndBody;

export function endPublicity(deps: PublicityDeps, ctx: RequestContext, actor: Actor, caseId: string, input: EndInput) {
  return changePublication(deps, ctx, actor, caseId, 'end', (p, _c, now, today) => {
    if (p.withdrawnAt) throw refuse(409, 'publicity_withdrawn', '该决定已撤回公示');
    if (!p.publishedAt) throw refuse(409, 'not_published', '该决定尚未公示');
    if (p.endedAt || (p.endsOn && p.endsOn < today)) throw refuse(409, 'publicity_ended', '该决定的公示已经结束');
    return {
      set: { endedAt: now, endReason: input.reason },
      payload: { reason: input.reason, reference: input.reference },
    };
  });
}

// ── public outputs ──

const EVENT_LABELS: Record<string, string> = {
  register: '案源登记',
  publicity_publish: '公示',
  publicity_withdraw: '撤回公示',
  publicity_end: '公示结束',
  ...(CASE_ACTION_LABELS as Record<CaseAction, string>),
};
export const eventLabel = (type: string) => EVENT_LABELS[type] ?? type;

export type { PublicDecisionQuery };

/** Decisions in publicity now: published, not withdrawn, not ended. Party search covers organisations only. */
export async function publicDecisions(deps: PublicityDeps, q: PublicDecisionQuery) {
  const today = shanghaiDate(deps.clock.now());
  const where = and(
    statusCondition('published', today),
    q.org ? sql`${orgs.name} ilike ${containsPattern(q.org)}` : undefined,
    q.item ? sql`${items.name} ilike ${containsPattern(q.item)}` : undefined,
    q.party
      ? and(eq(cases.partyKind, 'organisation'), sql`${cases.partyName} ilike ${containsPattern(q.party)}`)
      : undefined,
    q.from ? gte(publications.decidedAt, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
    q.to ? lte(publications.decidedAt, new Date(`${q.to}T23:59:59.999+08:00`)) : undefined,
  );
  const from = () =>
    deps.db
      .select({ p: publications, c: cases, org: orgs, item: items })
      .from(publications)
      .innerJoin(cases, eq(cases.id, publications.caseId))
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .innerJoin(items, eq(items.id, cases.itemId));
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    from()
      .where(where)
      .orderBy(desc(publications.decidedAt), asc(publications.caseId))
      .limit(q.pageSize)
      .offset((q.current - 1) * q.pageSize),
    deps.db
      .select({ total: count() })
      .from(publications)
      .innerJoin(cases, eq(cases.id, publications.caseId))
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .innerJoin(items, eq(items.id, cases.itemId))
      .where(where),
  ]);
  return {
    data: rows.map(({ p, c, org, item }) => ({
      caseCode: c.caseCode,
      url: c.caseCode ? `/v/${c.caseCode}` : null,
      number: c.number,
      orgName: org.name,
      item: { baseCode: item.baseCode, name: item.name },
      party: renderParty({ kind: c.partyKind as 'person' | 'organisation', name: c.partyName, uscc: c.partyUscc }),
      kind: p.kind as PublishKind,
      decision: c.decision ? pickSummary(c.decision) : null,
      decidedAt: p.decidedAt.toISOString(),
      publishedAt: (p.publishedAt as Date).toISOString(),
    })),
    total: Number(total),
  };
}

function renderDecision(decision: unknown) {
  try {
    return renderPublic(DECISION_SPEC, decision);
  } catch {
    return null;
  }
}

function pickSummary(decision: unknown) {
  const d = renderDecision(decision);
  return d ? { penaltyKinds: d.penaltyKinds, amountFen: d.amountFen } : null;
}

export type PublicCase =
  | { status: 'withdrawn'; caseCode: string; withdrawnAt: string; reason: 'revoked' | 'corrected' }
  | { status: 'ended'; caseCode: string; endedAt: string; reason: 'period' | 'credit_repair' }
  | {
      status: 'active';
      caseCode: string;
      number: string;
      orgName: string;
      item: { baseCode: string; name: string; law: string | null };
      party: ReturnType<typeof renderParty>;
      decidedAt: string;
      decision: ReturnType<typeof renderDecision>;
      deviation: boolean;
      publicity: { publishBy: string | null; publishedAt: string | null };
      steps: { seq: number; type: string; label: string; at: string }[];
      events: { leafIndex: number; leaf: TransparencyLeaf }[];
      leafIndexes: number[];
      /** The latest signed checkpoint (null before the first). */
      checkpoint: Checkpoint | null;
      /**
       * Record events of the case that the latest checkpoint does not cover yet (the sequencer signs every few
       * seconds) — or never will, when the log was tampered with and the sequencer stopped. The page is verified
       * only when this is 0.
       */
      unlogged: number;
    };

interface CaseEntry {
  until: number;
  value: PublicCase | null;
  json?: string;
  html?: string;
  /** What the page was derived from (see pageHead); the same key gives the same page. */
  key?: string;
}
const cache = new Map<string, CaseEntry>();
/** Pages derived per checkpoint: kept while the case, its publication, its record and the log's head are unchanged. */
const derived = new Map<string, CaseEntry>();
const remember = (map: Map<string, CaseEntry>, code: string, entry: CaseEntry) => {
  if (map.size > 10_000) map.clear();
  map.set(code, entry);
};

async function cachedPublicCase(deps: PublicityDeps, code: string): Promise<CaseEntry> {
  const now = Date.now();
  const hit = cache.get(code);
  if (hit && hit.until > now) return hit;
  const entry = await derivedPublicCase(deps, code);
  // a page still waiting for the log is not kept: the next request may find its events signed
  if (deps.cacheSeconds > 0 && !(entry.value?.status === 'active' && entry.value.unlogged > 0))
    remember(cache, code, { ...entry, until: now + deps.cacheSeconds * 1000 });
  return entry;
}

/**
 * One query per request: the case with its publication, org and item, a digest of its record's rows as stored and
 * the log's latest checkpoint. The events, their leaves and the page built from them are derived again only when one
 * of those moved (a step, a row altered in the database, a publication change, a new checkpoint) or the date did —
 * not per request.
 */
async function derivedPublicCase(deps: PublicityDeps, code: string): Promise<CaseEntry> {
  const head = await pageHead(deps, code);
  if (!head) return { until: 0, value: null };
  const today = shanghaiDate(deps.clock.now());
  const key = JSON.stringify([head, today]);
  const known = derived.get(code);
  if (known?.key === key) return known;
  const entry: CaseEntry = { until: 0, key, value: await loadPublicCase(deps, head, today) };
  remember(derived, code, entry);
  return entry;
}

const pageHeadQuery = (db: Db, code: string) =>
  db
    // only what the page shows (a wide row costs more to read than the query takes to run)
    .select({
      c: {
        id: cases.id,
        caseCode: cases.caseCode,
        number: cases.number,
        partyKind: cases.partyKind,
        partyName: cases.partyName,
        partyUscc: cases.partyUscc,
        decidedAt: cases.decidedAt,
      },
      org: { name: orgs.name },
      item: { baseCode: items.baseCode, name: items.name, legalBasis: items.legalBasis },
      p: {
        caseId: publications.caseId,
        withdrawnAt: publications.withdrawnAt,
        withdrawReason: publications.withdrawReason,
        endedAt: publications.endedAt,
        endsOn: publications.endsOn,
        publishBy: publications.publishBy,
        publishedAt: publications.publishedAt,
      },
      // a digest of the record's rows as stored: a row altered in the database (which the page must then show, and
      // its check refuse) makes the page derived again, as a new row does
      record: sql<
        string | null
      >`(select md5(string_agg(e::text, '|' order by e.seq)) from case_events e where e.case_id = ${cases.id})`,
      checkpointId: sql<number | null>`(select max(id) from transparency_checkpoints)`,
    })
    .from(cases)
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .innerJoin(items, eq(items.id, cases.itemId))
    .leftJoin(publications, eq(publications.caseId, cases.id))
    .where(eq(cases.caseCode, code));

async function pageHead(deps: PublicityDeps, code: string) {
  const [row] = await pageHeadQuery(deps.db, code);
  return row?.c.caseCode && row.c.decidedAt ? row : null;
}

/** The public page behind a case code (一案一码); null for an unknown code. Served from memory for cacheSeconds. */
export async function publicCase(deps: PublicityDeps, code: string): Promise<PublicCase | null> {
  return (await cachedPublicCase(deps, code)).value;
}

/** The same, rendered once per cache period (JSON for the API, HTML for /v/<code>). */
export async function renderedPublicCase(
  deps: PublicityDeps,
  code: string,
  as: 'json' | 'html',
  render: (c: PublicCase) => string,
): Promise<string | null> {
  const entry = await cachedPublicCase(deps, code);
  if (!entry.value) return null;
  entry[as] ??= render(entry.value);
  return entry[as];
}

async function loadPublicCase(
  deps: PublicityDeps,
  row: NonNullable<Awaited<ReturnType<typeof pageHead>>>,
  today: string,
): Promise<PublicCase | null> {
  const code = row.c.caseCode as string;
  const { c, org, item, p } = row;
  if (p?.withdrawnAt)
    return {
      status: 'withdrawn',
      caseCode: code,
      withdrawnAt: p.withdrawnAt.toISOString(),
      reason: p.withdrawReason as 'revoked' | 'corrected',
    };
  if (p?.endedAt || (p?.endsOn && p.endsOn < today)) {
    return {
      status: 'ended',
      caseCode: code,
      endedAt: (p.endedAt ?? new Date(`${p.endsOn}T23:59:59+08:00`)).toISOString(),
      reason: p.endedAt ? 'credit_repair' : 'period',
    };
  }
  const events = (await caseEventsOf(deps.db, c.id)).filter(
    (e) => !e.type.startsWith('publicity_') || e.type === 'publicity_publish',
  );
  const { indexes, versions, checkpoint } = await leavesWithCheckpoint(
    deps,
    events.map((e) => e.id),
  );
  const covered = checkpoint?.treeSize ?? 0;
  const shown = events.filter((e) => indexes.has(e.id) && (indexes.get(e.id) as number) < covered);
  const leaves = shown.map((e) => ({ leafIndex: indexes.get(e.id) as number, leaf: leafOf(e, versions.get(e.id)) }));
  // what the page shows of the party and the decision is what the log holds (the leaves the browser verifies)
  const registered = leaves.find((l) => l.leaf.type === 'register')?.leaf.public.party as
    | ReturnType<typeof renderParty>
    | undefined;
  const decided = leaves.findLast((l) => l.leaf.type === 'decide' || l.leaf.type === 'simplified_decide')?.leaf.public;
  return {
    status: 'active',
    caseCode: code,
    number: c.number,
    orgName: org.name,
    item: { baseCode: item.baseCode, name: item.name, law: (item.legalBasis as { law?: string } | null)?.law ?? null },
    // an organisation's 统一社会信用代码 is public (the log's register leaf names the party only); a natural person's
    // identifiers never are
    party:
      registered?.kind === 'organisation'
        ? { ...registered, uscc: c.partyUscc }
        : (registered ??
          renderParty({ kind: c.partyKind as 'person' | 'organisation', name: c.partyName, uscc: c.partyUscc })),
    decidedAt: (c.decidedAt as Date).toISOString(),
    decision: decided ? renderDecision(decided) : null,
    deviation: decided ? decided.withinRange === false : false,
    publicity: { publishBy: p?.publishBy ?? null, publishedAt: p?.publishedAt?.toISOString() ?? null },
    steps: leaves.map(({ leaf }) => ({ seq: leaf.seq, type: leaf.type, label: eventLabel(leaf.type), at: leaf.at })),
    events: leaves,
    leafIndexes: leaves.map((l) => l.leafIndex),
    checkpoint,
    unlogged: events.length - shown.length,
  };
}
