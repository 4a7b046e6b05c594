/**
 * Penalty cases: registration, the procedure's actions checked against the flow table and the law's rules, and the
 * whole-process record. Each action is one transaction that locks the case row, applies its rule, updates the
 * case, appends the record event and the audit row.
 */
import { randomUUID } from 'node:crypto';
import { SQL, and, asc, count, desc, eq, getTableColumns, is, sql } from 'drizzle-orm';
import {
  CASE_ACTION_LABELS,
  CASE_STATE_LABELS,
  type CaseAction,
  type CaseState,
  PRE_DECISION_STATES,
  actionsFrom,
} from '../../../common/case-flow.js';
import type {
  CaseActionBody,
  CaseCreateBody,
  CaseDetailOut,
  CaseEventOut,
  CaseListQuery,
  CaseRowOut,
} from '../../../common/contracts/cases.contract.js';
import type { PageOf, Warning } from '../../../common/contracts/kit.js';
import type { CaseSource, ReviewOutcome } from '../../../common/enums.js';
import { checkResidentId, checkUscc } from '../../../common/identifiers.js';
import type { Db } from '../../db/client.js';
import { compile, compiledByShape, encode, param } from '../../db/compiled.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { containsPattern } from '../../platform/pagination.js';
import { inScope } from '../../platform/scope.js';
import { flowRefusal, nextState as stateAfter } from '../../platform/procedure/perform.js';
import { CHAIN_START } from '../../platform/procedure/record.js';
import { auditRowCtes, runAudited } from '../audit/audit.api.js';
import { itemClaims, items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { maskIdNumber, officers } from '../personnel/personnel.api.js';
import { caseAmountOwed, splitByRules, waitingFor } from './case-guards.js';
import { DOCUMENT_KINDS, DOCUMENT_TITLES, documentAvailable } from './documents.js';
import { caseRowDifferences, projectCase, rowFromProjection } from './case-projection.js';
import { caseProcedure } from './case-procedure.js';
import { caseEventsOf, nextCaseEvent } from './case-record.js';
import { brokenSeqOf } from './case-verify.js';
import { CASE_ACTION_HANDLERS, refuse } from './case-actions.js';
import { assertCompetence, claimedByCaseOrg } from './case-competence.js';
import { type PartyKind, decisionDeadline } from './cases.rules.js';
import { type CaseFacts, caseFactsOf, casePolicy, registrationFor } from './cases.policy.js';
import { caseEvents, caseNumberSeq, caseOfficers, cases } from './cases.schema.js';
import { CASE_ITEM, type CaseDeps, type CaseItem, type EvidenceFile } from './case-context.js';

export type { CaseDeps, CaseItem, CaseListQuery, EvidenceFile };

type CaseRow = typeof cases.$inferSelect;

// ── reading ──

type OfficerRef = { id: string; name: string };

/** The case's assigned officers by name, as the case view lists them (qualified by hand: RETURNING lists columns bare). */
export const officersOfCase = sql<
  OfficerRef[]
>`coalesce((select json_agg(json_build_object('id', o.id, 'name', o.name) order by o.name, o.id) from ${caseOfficers} co join ${officers} o on o.id = co.officer_id where co.case_id = "cases"."id"), '[]'::json)`;

/** The case and its org, if in the actor's scope (404 otherwise); `lock` takes the row lock. */
export async function loadCase(db: Db, actor: Actor, id: string, lock = false) {
  const base = db
    .select({ c: cases, org: orgs })
    .from(cases)
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .where(eq(cases.id, id));
  const [row] = lock ? await base.for('update', { of: cases }) : await base;
  if (!row || !can(casePolicy, 'read', actor, caseFactsOf(row.c, row.org))) throw notFound('案件');
  return row;
}

/** The case with its org and item (for the view and the rules), and — unless locking — its officers; one query. */
const caseFullForUpdate = compile((db) =>
  db
    .select({ c: cases, org: orgs, item: CASE_ITEM, claimed: claimedByCaseOrg })
    .from(cases)
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(eq(cases.id, sql.placeholder('id')))
    .for('update', { of: cases }),
);
const caseFullView = compile((db) =>
  db
    .select({ c: cases, org: orgs, item: CASE_ITEM, officers: officersOfCase })
    .from(cases)
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(eq(cases.id, sql.placeholder('id'))),
);

async function loadCaseFull(
  db: Db,
  actor: Actor,
  id: string,
  lock: true,
): Promise<{ c: CaseRow; org: typeof orgs.$inferSelect; item: CaseItem | null; claimed: boolean }>;
async function loadCaseFull(db: Db, actor: Actor, id: string, lock: false): Promise<CaseView>;
async function loadCaseFull(db: Db, actor: Actor, id: string, lock: boolean) {
  const [row] = lock ? await caseFullForUpdate.run(db, { id }) : await caseFullView.run(db, { id });
  if (!row || !can(casePolicy, 'read', actor, caseFactsOf(row.c, row.org))) throw notFound('案件');
  return row;
}

interface CaseView {
  c: CaseRow;
  org: typeof orgs.$inferSelect;
  item: CaseItem | null;
  officers: OfficerRef[];
}

export function deadlineOf(c: CaseRow, limitDays: number, now: Date) {
  if (!c.filedAt) return null;
  const running = PRE_DECISION_STATES.includes(c.state as CaseState) || c.state === 'suspended';
  const d = decisionDeadline({
    filedAt: c.filedAt,
    extensionDays: c.extensionDays,
    suspensions: c.suspensions.map((s) => ({ from: new Date(s.from), to: s.to ? new Date(s.to) : null })),
    limitDays,
    now: running ? now : (c.decidedAt ?? now),
  });
  return { dueAt: d.dueAt.toISOString(), daysRemaining: d.daysRemaining, overdue: running && d.overdue };
}

/**
 * Actions the caller may take now: those the case's state admits (the flow table) that the policy grants the caller
 * on this case (role and org, cases.policy.ts).
 */
export function allowedActionsFor(actor: Actor, c: CaseRow, facts: CaseFacts): CaseAction[] {
  return actionsFrom(c.state as CaseState)
    .filter((a) => can(casePolicy, a, actor, facts))
    .filter((a) => a !== 'request_hearing' || (c.hearingRights && !c.hearingWaived && !c.hearingRequestedAt))
    .filter((a) => a !== 'decide_recusal' || c.recusals.some((r) => r.outcome === null));
}

function present(deps: CaseDeps, actor: Actor, row: CaseView) {
  const { c, item } = row;
  const facts = caseFactsOf(c, row.org);
  const guard = {
    c,
    item,
    thresholds: deps.thresholds,
    now: deps.clock.now(),
    officerCount: row.officers.length,
  };
  const steps = splitByRules(allowedActionsFor(actor, c, facts), guard);
  return {
    id: c.id,
    number: c.number,
    orgId: c.orgId,
    orgName: row.org.name,
    item: item ? { id: item.id, baseCode: item.baseCode, name: item.name, major: item.major } : null,
    source: c.source as CaseSource,
    party: { kind: c.partyKind as PartyKind, name: c.partyName, idNumber: c.partyIdMasked, uscc: c.partyUscc },
    facts: c.facts,
    occurredAt: c.occurredAt.toISOString(),
    location: c.location,
    state: c.state as CaseState,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    procedure: c.procedure as 'general' | 'simplified',
    officers: row.officers,
    recusals: c.recusals,
    filedAt: c.filedAt?.toISOString() ?? null,
    notifiedAt: c.notifiedAt?.toISOString() ?? null,
    intended: c.intended,
    hearingRights: c.hearingRights,
    hearingRequested: c.hearingRequestedAt !== null,
    hearingHeld: c.hearingHeld,
    legalReviewOutcome: c.legalReviewOutcome as ReviewOutcome | null,
    decision: c.decision,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    caseCode: c.caseCode,
    publicUrl: c.caseCode ? `${deps.publicBaseUrl}/v/${c.caseCode}` : null,
    deviation: c.deviation,
    deliveredAt: c.deliveredAt?.toISOString() ?? null,
    deliveryLate: c.deliveryLate,
    paidFen: c.paidFen,
    /** Fine, 加处罚款 (art. 72, computed by the server), what is owed and outstanding now; null without a fine. */
    payment: caseAmountOwed(c, deps.clock.now()),
    payments: c.payments,
    deadline: deadlineOf(c, deps.thresholds.decisionLimitDays, deps.clock.now()),
    allowedActions: steps.allowed,
    /** Steps the caller could take by state and role that the rules refuse now, each with the rule's reason. */
    blockedActions: steps.blocked,
    /** What the procedure waits for next, and who takes that step; null once archived. */
    waitingFor: waitingFor(guard),
    /** 文书 that exist at this point of the procedure, as PDFs (GET …/documents/:kind). */
    documents: DOCUMENT_KINDS.filter((kind) => documentAvailable(kind, c)).map((kind) => ({
      kind,
      title: DOCUMENT_TITLES[kind],
      url: `/api/v1/cases/${c.id}/documents/${kind}`,
    })),
    updatedAt: c.updatedAt.toISOString(),
    /** What the caller may do with this case by role and org (cases.policy.ts), whatever its stage. */
    abilities: abilitiesOf(casePolicy, actor, facts),
  } satisfies CaseDetailOut;
}

/** The case with its org, item and officers, if in the actor's scope (404 otherwise). */
export const loadCaseView = (db: Db, actor: Actor, id: string) => loadCaseFull(db, actor, id, false);

/**
 * The case view, checked against its record: the record's chain is recomputed and the row compared with the
 * projection of its events (case-projection.ts). When they differ, the view shows what the record says for the
 * trusted columns and `recordCheck` names the differences; the documents refuse (case-files.ts).
 */
export async function getCase(deps: CaseDeps, actor: Actor, id: string) {
  const row = await loadCaseFull(deps.db, actor, id, false);
  const events = await caseEventsOf(deps.db, id);
  const projection = projectCase(events);
  const differences = caseRowDifferences(
    row.c,
    row.officers.map((o) => o.id),
    projection,
  );
  const chainIntact = brokenSeqOf(id, events) === null;
  const c = differences.length > 0 ? rowFromProjection(row.c, projection) : row.c;
  return {
    ...present(deps, actor, { ...row, c }),
    /** The row against its record: ok when the record's chain is intact and the row is its projection. */
    recordCheck: { ok: chainIntact && differences.length === 0, chainIntact, differences },
  };
}

export async function caseRecord(deps: CaseDeps, actor: Actor, id: string) {
  await loadCase(deps.db, actor, id);
  const events = await caseEventsOf(deps.db, id);
  return {
    data: events.map((e) => ({
      seq: e.seq,
      type: e.type,
      at: e.at.toISOString(),
      actorId: e.actorId,
      role: e.role,
      orgId: e.orgId,
      payload: e.payload,
      attachments: e.attachments,
      location: e.location,
      hash: e.hash,
      prevHash: e.prevHash,
    })),
    total: events.length,
  } satisfies PageOf<CaseEventOut>;
}

/** The caller is one of the case's officers in charge. */
export const assignedToActor = (actor: Actor) =>
  sql`exists (select 1 from ${caseOfficers} co join ${officers} o on o.id = co.officer_id where co.case_id = ${cases.id} and o.user_id = ${actor.userId})`;

export async function listCases(deps: CaseDeps, actor: Actor, q: CaseListQuery) {
  const limit = deps.thresholds.decisionLimitDays;
  const now = deps.clock.now();
  // due = filed_at + (limit + Σ extensions) days + Σ suspended time; overdue while the procedure runs
  const suspendedSecs = sql`coalesce((select sum(extract(epoch from (coalesce((s->>'to')::timestamptz, ${now.toISOString()}::timestamptz) - (s->>'from')::timestamptz))) from jsonb_array_elements(${cases.suspensions}) s), 0)`;
  const due = sql`(${cases.filedAt} + make_interval(days => ${limit} + coalesce((select sum(x) from unnest(${cases.extensionDays}) x), 0)::int) + make_interval(secs => ${suspendedSecs}))`;
  const overdue = sql`(${cases.state} in (${sql.join(
    PRE_DECISION_STATES.map((s) => sql`${s}`),
    sql`, `,
  )}) and ${due} < ${now.toISOString()}::timestamptz)`;
  const where = and(
    casePolicy.readable?.(actor),
    q.status ? eq(cases.state, q.status) : undefined,
    q.orgId ? eq(cases.orgId, q.orgId) : undefined,
    q.itemId ? eq(cases.itemId, q.itemId) : undefined,
    q.overdue ? overdue : undefined,
    q.mine ? assignedToActor(actor) : undefined,
    q.q
      ? sql`(${cases.number} = ${q.q.trim()} or ${cases.partyName} ilike ${containsPattern(q.q)} or ${cases.facts} ilike ${containsPattern(q.q)})`
      : undefined,
  );
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    deps.db
      .select({ c: cases, org: orgs, item: { id: items.id, name: items.name }, officers: officersOfCase })
      .from(cases)
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .leftJoin(items, eq(items.id, cases.itemId))
      .where(where)
      .orderBy(desc(cases.updatedAt), asc(cases.id))
      .limit(q.pageSize)
      .offset((q.current - 1) * q.pageSize),
    deps.db.select({ total: count() }).from(cases).innerJoin(orgs, eq(orgs.id, cases.orgId)).where(where),
  ]);
  const data = rows.map(({ c, org, item, officers: assigned }) => ({
    id: c.id,
    number: c.number,
    orgName: org.name,
    item: item?.id ? { id: item.id, name: item.name } : null,
    officers: assigned,
    partyName: c.partyName,
    state: c.state as CaseState,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    deadline: deadlineOf(c, limit, now),
    deviation: c.deviation,
    updatedAt: c.updatedAt.toISOString(),
  }));
  return { data, total: Number(total) } satisfies PageOf<CaseRowOut>;
}

// ── registering ──

/** What registration takes (the contract's body, parsed). */
export type CaseInput = CaseCreateBody;

/**
 * `<county>-<year>-<serial>`: the serial comes from an atomic upsert (run by the register statement, as a CTE), so
 * concurrent registrations never collide; at least five digits (`String(serial).padStart(5, '0')`).
 */
const caseNumberPrefix = (org: typeof orgs.$inferSelect, year: number) => `${org.regionCode.slice(0, 6)}-${year}-`;
const caseNumberCte = (db: Db) =>
  db.$with('case_number', {}).as(
    db
      .insert(caseNumberSeq)
      .values({ prefix: param('number_prefix'), last: 1 })
      .onConflictDoUpdate({ target: caseNumberSeq.prefix, set: { last: sql`${caseNumberSeq.last} + 1` } })
      .returning({ last: caseNumberSeq.last })
      .getSQL(),
  );
const caseNumber = sql`(select ${sql.placeholder('number_prefix')}::text || case when n.last < 100000 then lpad(n.last::text, 5, '0') else n.last::text end from "case_number" n)`;

const orgAndItem = compile((db) =>
  db
    .select({
      org: orgs,
      item: CASE_ITEM,
      claimed: sql<boolean>`exists (select 1 from ${itemClaims} ic where ic.item_id = ${sql.placeholder('itemId')} and ic.org_id = ${orgs.id})`,
    })
    .from(orgs)
    .leftJoin(items, eq(items.id, sql.placeholder('itemId')))
    .where(eq(orgs.id, sql.placeholder('orgId'))),
);

/** A record event's columns as parameters (null kept as SQL NULL; see `encode`). */
const EVENT_COLUMNS = getTableColumns(caseEvents);
const EVENT_KEYS = [
  'caseId',
  'seq',
  'type',
  'at',
  'actorId',
  'role',
  'orgId',
  'payload',
  'attachments',
  'location',
  'prevHash',
  'hash',
] as const;
const eventParams = () => Object.fromEntries(EVENT_KEYS.map((k) => [k, param(`ev_${k}`)])) as never;
const eventValues = (event: ReturnType<typeof nextCaseEvent>) =>
  Object.fromEntries(EVENT_KEYS.map((k) => [`ev_${k}`, encode(EVENT_COLUMNS[k], event[k])]));

const CASE_COLUMNS = getTableColumns(cases);
type CaseKey = keyof typeof CASE_COLUMNS;
const REGISTER_KEYS: CaseKey[] = [
  'id',
  'orgId',
  'itemId',
  'source',
  'partyKind',
  'partyName',
  'partyIdSealed',
  'partyIdHash',
  'partyIdMasked',
  'partyUscc',
  'partyAddressSealed',
  'partyPhoneSealed',
  'facts',
  'occurredAt',
  'location',
  'state',
  'reviewFlags',
  'createdAt',
  'updatedAt',
  'lastEventSeq',
  'lastEventHash',
];
const caseParams = (keys: readonly CaseKey[]) => Object.fromEntries(keys.map((k) => [k, param(`c_${k}`)])) as never;
const caseValues = (keys: readonly CaseKey[], row: Partial<Record<CaseKey, unknown>>) =>
  Object.fromEntries(keys.map((k) => [`c_${k}`, encode(CASE_COLUMNS[k], row[k])]));

/**
 * The case with its number, its first record event and the audit row in one statement (the foreign key is checked
 * at its end).
 */
const registerStatement = compile((db) => {
  const ev = db.$with('ev', {}).as(db.insert(caseEvents).values(eventParams()).getSQL());
  return db
    .with(caseNumberCte(db), ev, ...auditRowCtes(db))
    .insert(cases)
    .values({ ...(caseParams(REGISTER_KEYS) as object), number: caseNumber } as never)
    .returning();
});

/** How a registration came by the party's USCC (not part of the HTTP contract). */
export interface CaseRegistrationOptions {
  /**
   * The USCC is the one stored for an entity of the 检查对象名录库 (an inspection target, a complaint's subject found
   * there): a wrong check character — an early code, accepted by the library with `uscc_check_mismatch` — is then
   * accepted with that warning on the register event and the answer. Typed by hand, it is refused as a typo.
   */
  libraryUscc?: boolean;
}

export async function createCase(
  deps: CaseDeps,
  ctx: RequestContext,
  actor: Actor,
  input: CaseInput,
  opts: CaseRegistrationOptions = {},
) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'case.register', resourceType: 'case' }, async (tx, audit) => {
    authorize(casePolicy, 'create', actor, registrationFor(input.orgId));
    const [found] = await orgAndItem.run(tx, { orgId: input.orgId, itemId: input.itemId });
    const org = found?.org;
    const item = found ? found.item : (await tx.select().from(items).where(eq(items.id, input.itemId)))[0];
    if (item?.status !== 'active') throw fieldError(422, 'unknown_item', 'itemId', '执法事项不存在或已废止');
    if (item.type !== 'penalty') throw fieldError(422, 'not_penalty_item', 'itemId', '处罚案件须对应行政处罚事项');
    if (!org || !inScope(actor.scope, org)) throw notFound('案件');
    await assertCompetence(tx, org, item, found?.claimed === true, deps.clock.now());
    const p = input.party;
    let idNumber: string | null = null;
    if (p.kind === 'person' && p.idNumber) {
      idNumber = p.idNumber.trim().toUpperCase();
      const check = checkResidentId(idNumber);
      if (!check.ok) throw fieldError(422, 'invalid_id_number', 'party.idNumber', check.message);
    }
    let uscc: string | null = null;
    const warnings: Warning[] = [];
    if (p.kind === 'organisation' && p.uscc) {
      const check = checkUscc(p.uscc);
      if (!check.ok) throw fieldError(422, 'invalid_uscc', 'party.uscc', check.message);
      if (!check.checkValid) {
        if (!opts.libraryUscc)
          throw fieldError(
            422,
            'invalid_uscc',
            'party.uscc',
            `统一社会信用代码校验位应为“${check.expectedCheck}”，与所填不符，请核对`,
          );
        warnings.push({
          code: 'uscc_check_mismatch',
          message: `统一社会信用代码校验位应为“${check.expectedCheck}”，与检查对象名录库所存一致，按名录库登记，请核对`,
        });
      }
      uscc = p.uscc.trim().toUpperCase();
    }
    const now = deps.clock.now();
    const id = randomUUID();
    const numberPrefix = caseNumberPrefix(org as typeof orgs.$inferSelect, Number(now.toISOString().slice(0, 4)));
    const event = nextCaseEvent(id, CHAIN_START, {
      type: 'register',
      at: now,
      actorId: actor.userId,
      role: actor.roles.join(','),
      orgId: actor.org.id,
      // the record keeps what was registered, without the party's identifiers in clear
      payload: {
        source: input.source,
        itemId: item.id,
        partyKind: p.kind,
        partyName: p.name,
        facts: input.facts,
        occurredAt: input.occurredAt.toISOString(),
        ...(warnings.length > 0 ? { warnings } : {}),
      },
      attachments: [],
    });
    const row = {
      id,
      orgId: input.orgId,
      itemId: item.id,
      source: input.source,
      partyKind: p.kind,
      partyName: p.name.trim(),
      partyIdSealed: idNumber ? deps.sealer.seal(idNumber) : null,
      partyIdHash: idNumber ? deps.sealer.lookupHash(idNumber) : null,
      partyIdMasked: idNumber ? maskIdNumber(idNumber) : null,
      partyUscc: uscc,
      partyAddressSealed: p.address ? deps.sealer.seal(p.address) : null,
      partyPhoneSealed: p.phone ? deps.sealer.seal(p.phone) : null,
      facts: input.facts,
      occurredAt: input.occurredAt,
      location: input.location ?? null,
      state: 'registered',
      reviewFlags: input.reviewFlags ?? {},
      createdAt: now,
      updatedAt: now,
      lastEventSeq: event.seq,
      lastEventHash: event.hash,
    };
    if (!org || !inScope(actor.scope, org)) throw notFound('案件');
    // with the audit row; sent now, awaited once COMMIT was sent behind it (see runAudited); a new case has no officers
    const pending = audit
      .run(
        tx,
        registerStatement,
        { number_prefix: numberPrefix, ...eventValues(event), ...caseValues(REGISTER_KEYS, row) },
        id,
      )
      .then(([c]) => {
        if (!c) throw notFound('案件');
        const view = present(deps, actor, { c, org, item, officers: [] });
        return warnings.length > 0 ? { ...view, warnings } : view;
      });
    return { pending, resourceId: id };
  });
}

// ── actions ──

/**
 * A step's one write: insert the record event, update the case (the columns the step sets, by shape), write the
 * audit row, and read back what it set (as stored) and the case's officers. The row locked at the start of the step
 * is unchanged in every other column.
 */
const stepStatement = compiledByShape((db, shape) => {
  const ev = db.$with('ev', {}).as(db.insert(caseEvents).values(eventParams()).getSQL());
  return db
    .with(ev, ...auditRowCtes(db))
    .update(cases)
    .set(caseParams(shape.split(',') as CaseKey[]))
    .where(eq(cases.id, sql.placeholder('id')))
    .returning({
      ...Object.fromEntries(shape.split(',').map((k) => [k, CASE_COLUMNS[k as CaseKey]])),
      officers: officersOfCase,
    });
});

export async function performAction<A extends CaseAction>(
  deps: CaseDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  action: A,
  body: CaseActionBody<A>,
  files: EvidenceFile[] = [],
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `case.${action}`, resourceType: 'case', resourceId: id },
    async (tx, audit) => {
      const { c, org, item, claimed } = await loadCaseFull(tx, actor, id, true);
      // the platform's procedure path: the flow table, then the policy, then the handler's rules
      const refusal = flowRefusal(caseProcedure, c.state as CaseState, action);
      if (refusal) throw refusal;
      authorize(casePolicy, action, actor, caseFactsOf(c, org));
      // 职权: every step but 移送 (the way out for a case outside the org's competence) needs the item held now
      if (item && action !== 'transfer') await assertCompetence(tx, org, item, claimed, deps.clock.now());
      const handler = CASE_ACTION_HANDLERS[action];
      if (!handler) throw refuse(501, 'not_implemented', `“${CASE_ACTION_LABELS[action]}”尚未提供`);
      const now = deps.clock.now();
      const out = await handler({ tx, deps, actor, c, org, item, body, now, files });
      const nextState = stateAfter(
        caseProcedure,
        c.state as CaseState,
        action,
        out.set?.state as CaseState | undefined,
      );
      // the record event follows the head on the locked row; it is inserted, the case updated and its view read back
      // in one statement
      const event = nextCaseEvent(
        id,
        { seq: c.lastEventSeq, hash: c.lastEventHash },
        {
          type: action,
          at: now,
          actorId: actor.userId,
          role: actor.roles.join(','),
          orgId: actor.org.id,
          payload: { ...(out.payload ?? body), fromState: c.state, toState: nextState },
          attachments: out.attachments ?? [],
          location: ('location' in body ? body.location : undefined) ?? null,
        },
      );
      const set: Partial<Record<CaseKey, unknown>> = {
        ...out.set,
        state: nextState,
        updatedAt: now,
        lastEventSeq: event.seq,
        lastEventHash: event.hash,
      };
      const keys = (Object.keys(set) as CaseKey[]).filter((k) => set[k] !== undefined).sort();
      const view = ([updated]: (Partial<CaseRow> & { officers: OfficerRef[] })[]) => {
        if (!updated) throw notFound('案件');
        const { officers: assigned, ...stored } = updated;
        return present(deps, actor, { c: { ...c, ...stored }, org, item, officers: assigned });
      };
      if (keys.some((k) => is(set[k], SQL))) {
        const rows = await tx
          .with(tx.$with('ev', {}).as(tx.insert(caseEvents).values(event).getSQL()))
          .update(cases)
          .set(set as Partial<typeof cases.$inferInsert>)
          .where(eq(cases.id, id))
          .returning({ ...CASE_COLUMNS, officers: officersOfCase });
        return { value: view(rows) };
      }
      // with the audit row; sent now, awaited once COMMIT was sent behind it (see runAudited)
      return {
        pending: audit
          .run(tx, stepStatement(keys.join(',')), { id, ...eventValues(event), ...caseValues(keys, set) })
          .then(view),
      };
    },
  );
}

/**
 * The penalty cases of one party by its USCC that the actor may see (its region subtree and sector line), newest
 * first: the read API the target library (entities) uses for an entity's page.
 */
export async function casesOfParty(db: Db, actor: Actor, uscc: string, limit = 100) {
  const rows = await db
    .select({ c: cases, org: orgs, item: { id: items.id, name: items.name } })
    .from(cases)
    .innerJoin(orgs, eq(orgs.id, cases.orgId))
    .leftJoin(items, eq(items.id, cases.itemId))
    .where(and(eq(cases.partyUscc, uscc), casePolicy.readable?.(actor)))
    .orderBy(desc(cases.createdAt), asc(cases.id))
    .limit(limit);
  return rows.map(({ c, org, item }) => ({
    id: c.id,
    number: c.number,
    orgName: org.name,
    itemName: item?.id ? item.name : null,
    state: c.state as CaseState,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    filedAt: c.filedAt?.toISOString() ?? null,
    decidedAt: c.decidedAt?.toISOString() ?? null,
  }));
}
