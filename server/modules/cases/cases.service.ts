/**
 * Penalty cases: registration, the procedure's actions checked against the flow table and the law's rules, and the
 * whole-process record. Each action is one transaction that locks the case row, applies its rule, updates the
 * case, appends the record event and the audit row.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { CASE_ACTION_LABELS, CASE_FLOW, CASE_STATE_LABELS, type CaseAction, type CaseState, PRE_DECISION_STATES, actionsFrom } from '../../../common/case-flow.js';
import { checkResidentId, checkUscc } from '../../../common/identifiers.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import { type Actor, type RequestContext, hasRole } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.js';
import { containsPattern, type PageQuery } from '../../platform/pagination.js';
import { inScope, scopeCondition } from '../../platform/scope.js';
import { runAudited } from '../audit/audit.service.js';
import { items } from '../catalog/catalog.schema.js';
import { evaluateAgainstBenchmark } from '../discretion/discretion.service.js';
import { orgs } from '../orgs/orgs.schema.js';
import { checkEligibility } from '../personnel/assessments.service.js';
import { maskIdNumber } from '../personnel/personnel.rules.js';
import { officers } from '../personnel/personnel.schema.js';
import { type CaseEventInput, appendCaseEvent, caseEventsOf } from './case-record.js';
import { type CaseForDocument, DOCUMENT_TITLES, type DocumentKind, renderCaseDocument } from './documents.js';
import { type CaseThresholds, LEGAL_REVIEW_TRIGGER_LABELS, type PartyKind, decisionDeadline, deliveryLate, hearingRightsApply, legalReviewTriggers, periodEnd } from './cases.rules.js';
import { caseNumberSeq, caseOfficers, cases, evidenceBlobs } from './cases.schema.js';

export interface CaseDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  thresholds: CaseThresholds;
  training: Pick<Config['training'], 'shortfallBlocks'>;
}

type CaseRow = typeof cases.$inferSelect;

export interface EvidenceFile {
  name: string;
  mime: string;
  content: Buffer;
}

// ── reading ──

async function loadCase(db: Db, actor: Actor, id: string, lock = false) {
  const base = db.select({ c: cases, org: orgs }).from(cases).innerJoin(orgs, eq(orgs.id, cases.orgId)).where(eq(cases.id, id));
  const [row] = lock ? await base.for('update', { of: cases }) : await base;
  if (!row || !inScope(actor.scope, row.org)) throw notFound('案件');
  return row;
}

function deadlineOf(c: CaseRow, limitDays: number, now: Date) {
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

/** Actions the caller may take now: allowed by the state and by the caller's roles. */
export function allowedActionsFor(actor: Actor, c: CaseRow, orgId: string): CaseAction[] {
  if (actor.org.id !== orgId && !hasRole(actor, 'legal_reviewer')) return [];
  return actionsFrom(c.state as CaseState)
    .filter((a) => roleMayTake(actor, a, orgId))
    .filter((a) => a !== 'request_hearing' || (c.hearingRights && !c.hearingWaived && !c.hearingRequestedAt));
}

const HEAD_ACTIONS: CaseAction[] = ['file', 'not_file', 'assign', 'extend', 'suspend', 'resume', 'terminate', 'decide', 'no_penalty', 'collective_discussion', 'transfer'];

function roleMayTake(actor: Actor, action: CaseAction, orgId: string): boolean {
  if (action === 'legal_review') return hasRole(actor, 'legal_reviewer');
  if (actor.org.id !== orgId) return false;
  if (HEAD_ACTIONS.includes(action)) return hasRole(actor, 'department_head');
  return hasRole(actor, 'officer', 'department_head');
}

async function present(deps: CaseDeps, actor: Actor, row: { c: CaseRow; org: typeof orgs.$inferSelect }) {
  const { c } = row;
  const [item] = await deps.db.select().from(items).where(eq(items.id, c.itemId));
  const assigned = await deps.db
    .select({ id: officers.id, name: officers.name })
    .from(caseOfficers)
    .innerJoin(officers, eq(officers.id, caseOfficers.officerId))
    .where(eq(caseOfficers.caseId, c.id))
    .orderBy(asc(officers.name));
  return {
    id: c.id,
    number: c.number,
    orgId: c.orgId,
    orgName: row.org.name,
    item: item ? { id: item.id, baseCode: item.baseCode, name: item.name, major: item.major } : null,
    source: c.source,
    party: { kind: c.partyKind as PartyKind, name: c.partyName, idNumber: c.partyIdMasked, uscc: c.partyUscc },
    facts: c.facts,
    occurredAt: c.occurredAt.toISOString(),
    location: c.location,
    state: c.state as CaseState,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    officers: assigned,
    filedAt: c.filedAt?.toISOString() ?? null,
    notifiedAt: c.notifiedAt?.toISOString() ?? null,
    intended: c.intended,
    hearingRights: c.hearingRights,
    hearingRequested: c.hearingRequestedAt !== null,
    hearingHeld: c.hearingHeld,
    legalReviewOutcome: c.legalReviewOutcome,
    decision: c.decision,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    deviation: c.deviation,
    deliveredAt: c.deliveredAt?.toISOString() ?? null,
    deliveryLate: c.deliveryLate,
    paidFen: c.paidFen,
    deadline: deadlineOf(c, deps.thresholds.decisionLimitDays, deps.clock.now()),
    allowedActions: allowedActionsFor(actor, c, c.orgId),
    updatedAt: c.updatedAt.toISOString(),
  };
}

export async function getCase(deps: CaseDeps, actor: Actor, id: string) {
  return present(deps, actor, await loadCase(deps.db, actor, id));
}

export async function caseRecord(deps: CaseDeps, actor: Actor, id: string) {
  await loadCase(deps.db, actor, id);
  const events = await caseEventsOf(deps.db, id);
  return {
    data: events.map((e) => ({ seq: e.seq, type: e.type, at: e.at.toISOString(), actorId: e.actorId, role: e.role, orgId: e.orgId, payload: e.payload, attachments: e.attachments, location: e.location, hash: e.hash, prevHash: e.prevHash })),
    total: events.length,
  };
}

export interface CaseListQuery extends PageQuery {
  status?: CaseState;
  orgId?: string;
  overdue?: boolean;
  q?: string;
}

export async function listCases(deps: CaseDeps, actor: Actor, q: CaseListQuery) {
  const limit = deps.thresholds.decisionLimitDays;
  const now = deps.clock.now();
  // due = filed_at + (limit + Σ extensions) days + Σ suspended time; overdue while the procedure runs
  const suspendedSecs = sql`coalesce((select sum(extract(epoch from (coalesce((s->>'to')::timestamptz, ${now.toISOString()}::timestamptz) - (s->>'from')::timestamptz))) from jsonb_array_elements(${cases.suspensions}) s), 0)`;
  const due = sql`(${cases.filedAt} + make_interval(days => ${limit} + coalesce((select sum(x) from unnest(${cases.extensionDays}) x), 0)::int) + make_interval(secs => ${suspendedSecs}))`;
  const overdue = sql`(${cases.state} in (${sql.join(PRE_DECISION_STATES.map((s) => sql`${s}`), sql`, `)}) and ${due} < ${now.toISOString()}::timestamptz)`;
  const where = and(
    scopeCondition(actor.scope, orgs.regionCode, orgs.sector),
    q.status ? eq(cases.state, q.status) : undefined,
    q.orgId ? eq(cases.orgId, q.orgId) : undefined,
    q.overdue ? overdue : undefined,
    q.q ? sql`(${cases.number} = ${q.q.trim()} or ${cases.partyName} ilike ${containsPattern(q.q)} or ${cases.facts} ilike ${containsPattern(q.q)})` : undefined,
  );
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    deps.db.select({ c: cases, org: orgs }).from(cases).innerJoin(orgs, eq(orgs.id, cases.orgId)).where(where).orderBy(desc(cases.updatedAt), asc(cases.id)).limit(q.pageSize).offset((q.current - 1) * q.pageSize),
    deps.db.select({ total: count() }).from(cases).innerJoin(orgs, eq(orgs.id, cases.orgId)).where(where),
  ]);
  const data = rows.map(({ c, org }) => ({
    id: c.id,
    number: c.number,
    orgName: org.name,
    partyName: c.partyName,
    state: c.state as CaseState,
    stateLabel: CASE_STATE_LABELS[c.state as CaseState],
    deadline: deadlineOf(c, limit, now),
    deviation: c.deviation,
    updatedAt: c.updatedAt.toISOString(),
  }));
  return { data, total: Number(total) };
}

// ── registering ──

export interface CaseInput {
  orgId: string;
  itemId: string;
  source: 'inspection' | 'complaint' | 'referral' | 'hotline' | 'self';
  party: { kind: PartyKind; name: string; idNumber?: string; uscc?: string; address?: string; phone?: string };
  facts: string;
  occurredAt: Date;
  location?: string;
  reviewFlags?: Record<string, boolean>;
}

/** `<county>-<year>-<serial>`; the serial comes from an atomic upsert, so concurrent registrations never collide. */
async function nextCaseNumber(tx: Db, org: typeof orgs.$inferSelect, year: number) {
  const prefix = `${org.regionCode.slice(0, 6)}-${year}-`;
  const [row] = await tx
    .insert(caseNumberSeq)
    .values({ prefix, last: 1 })
    .onConflictDoUpdate({ target: caseNumberSeq.prefix, set: { last: sql`${caseNumberSeq.last} + 1` } })
    .returning({ last: caseNumberSeq.last });
  return `${prefix}${String(row?.last ?? 1).padStart(5, '0')}`;
}

export async function createCase(deps: CaseDeps, ctx: RequestContext, actor: Actor, input: CaseInput) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'case.register', resourceType: 'case' }, async (tx) => {
    if (!hasRole(actor, 'officer', 'department_head') || input.orgId !== actor.org.id) throw forbidden('案源由本单位执法人员或负责人登记');
    const [org] = await tx.select().from(orgs).where(eq(orgs.id, input.orgId));
    const [item] = await tx.select().from(items).where(eq(items.id, input.itemId));
    if (item?.status !== 'active') throw fieldError(422, 'unknown_item', 'itemId', '执法事项不存在或已废止');
    if (item.type !== 'penalty') throw fieldError(422, 'not_penalty_item', 'itemId', '处罚案件须对应行政处罚事项');
    const p = input.party;
    let idNumber: string | null = null;
    if (p.kind === 'person' && p.idNumber) {
      idNumber = p.idNumber.trim().toUpperCase();
      const check = checkResidentId(idNumber);
      if (!check.ok) throw fieldError(422, 'invalid_id_number', 'party.idNumber', check.message);
    }
    let uscc: string | null = null;
    if (p.kind === 'organisation' && p.uscc) {
      const check = checkUscc(p.uscc);
      if (!check.ok) throw fieldError(422, 'invalid_uscc', 'party.uscc', check.message);
      uscc = p.uscc.trim().toUpperCase();
    }
    const now = deps.clock.now();
    const id = randomUUID();
    const number = await nextCaseNumber(tx, org as typeof orgs.$inferSelect, Number(now.toISOString().slice(0, 4)));
    await tx.insert(cases).values({
      id,
      number,
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
    });
    await appendCaseEvent(tx, id, {
      type: 'register',
      at: now,
      actorId: actor.userId,
      role: actor.roles.join(','),
      orgId: actor.org.id,
      // the record keeps what was registered, without the party's identifiers in clear
      payload: { source: input.source, itemId: item.id, partyKind: p.kind, partyName: p.name, facts: input.facts, occurredAt: input.occurredAt.toISOString() },
      attachments: [],
    });
    const row = await loadCase(tx, actor, id);
    return { value: await present({ ...deps, db: tx }, actor, row), resourceId: id };
  });
}

// ── actions ──

type Handler = (a: {
  tx: Db;
  deps: CaseDeps;
  actor: Actor;
  c: CaseRow;
  org: typeof orgs.$inferSelect;
  body: Record<string, unknown>;
  now: Date;
  files: EvidenceFile[];
}) => Promise<{ set?: Partial<typeof cases.$inferInsert>; payload?: Record<string, unknown>; attachments?: CaseEventInput['attachments'] }>;

const refuse = (status: number, code: string, detail: string) => new AppError(status, code, detail);

/** The legal-review rule: a qualified reviewer of the deciding org or — when it has none — of the upper-level org in its line. */
async function reviewerQualified(tx: Db, actor: Actor, org: typeof orgs.$inferSelect): Promise<boolean> {
  const [me] = await tx.select().from(officers).where(and(eq(officers.userId, actor.userId), eq(officers.legalReviewer, true)));
  if (!me) return false;
  const [own] = await tx.select({ n: count() }).from(officers).where(and(eq(officers.orgId, org.id), eq(officers.legalReviewer, true)));
  if (Number(own?.n ?? 0) > 0) return me.orgId === org.id;
  // no reviewer of its own: the nearest org up the line that has one
  let parentId = org.parentId;
  while (parentId) {
    const [parent] = await tx.select().from(orgs).where(eq(orgs.id, parentId));
    if (!parent) break;
    const [n] = await tx.select({ n: count() }).from(officers).where(and(eq(officers.orgId, parent.id), eq(officers.legalReviewer, true)));
    if (Number(n?.n ?? 0) > 0) return me.orgId === parent.id;
    parentId = parent.parentId;
  }
  return false;
}

const HANDLERS: Partial<Record<CaseAction, Handler>> = {
  file: async ({ now }) => ({ set: { filedAt: now } }),
  not_file: async ({ body }) => ({ payload: { reason: body.reason } }),
  assign: async ({ tx, deps, c, org, body, now }) => {
    const ids = [...new Set(body.officerIds as string[])];
    if (ids.length < 2) throw fieldError(422, 'too_few_officers', 'officerIds', '调查取证须由两名以上具有执法资格的执法人员进行（行政处罚法第四十二条）');
    const rows = await tx.select().from(officers).where(inArray(officers.id, ids));
    const [item] = await tx.select().from(items).where(eq(items.id, c.itemId));
    for (const id of ids) {
      const o = rows.find((r) => r.id === id);
      if (!o || o.orgId !== c.orgId) throw fieldError(422, 'officer_not_in_org', 'officerIds', '承办人员须为本单位执法人员');
      const e = await checkEligibility(tx, deps.training, id, { sector: item?.sector ?? org.sector, regionCode: org.regionCode, at: now });
      if (!e.eligible) throw fieldError(422, 'officer_not_eligible', 'officerIds', `${o.name} 不具备执法资格：${e.reasons.map((r) => r.message).join('；')}`);
    }
    await tx.delete(caseOfficers).where(eq(caseOfficers.caseId, c.id));
    await tx.insert(caseOfficers).values(ids.map((officerId) => ({ caseId: c.id, officerId, assignedAt: now })));
    return { payload: { officerIds: ids, officers: rows.map((r) => r.name) } };
  },
  add_evidence: async ({ tx, files, body, now }) => {
    if (files.length === 0) throw fieldError(422, 'no_evidence', 'files', '请上传至少一个证据文件');
    const attachments = [];
    for (const f of files) {
      const sha256 = createHash('sha256').update(f.content).digest('hex');
      await tx.insert(evidenceBlobs).values({ sha256, mime: f.mime, size: f.content.length, content: f.content, createdAt: now }).onConflictDoNothing();
      attachments.push({ name: f.name, mime: f.mime, size: f.content.length, sha256 });
    }
    return { payload: { description: body.description ?? '' }, attachments };
  },
  submit_review: async ({ tx, c }) => {
    const [n] = await tx.select({ n: count() }).from(caseOfficers).where(eq(caseOfficers.caseId, c.id));
    if (Number(n?.n ?? 0) < 2) throw refuse(422, 'too_few_officers', '尚未指派两名以上执法人员');
    return {};
  },
  notify: async ({ deps, c, body, now }) => {
    const kinds = body.penaltyKinds as string[];
    const amountFen = Number(body.amountFen ?? 0);
    const rights = hearingRightsApply(deps.thresholds, c.partyKind as PartyKind, kinds, amountFen);
    return { set: { notifiedAt: now, intended: body, hearingRights: rights }, payload: { ...body, hearingRights: rights } };
  },
  record_statement: async ({ body }) => ({
    set: { statementRecorded: true, ...(body.waivesStatement ? { statementWaived: true } : {}), ...(body.waivesHearing ? { hearingWaived: true } : {}) },
  }),
  request_hearing: async ({ deps, c, now }) => {
    if (!c.hearingRights) throw refuse(422, 'no_hearing_right', '拟作出的处罚不属于听证范围');
    if (c.hearingWaived) throw refuse(422, 'hearing_waived', '当事人已放弃听证');
    if (now > periodEnd(c.notifiedAt as Date, deps.thresholds.hearingRequestDays)) throw refuse(422, 'hearing_request_late', `听证申请须在告知后 ${deps.thresholds.hearingRequestDays} 日内提出`);
    return { set: { hearingRequestedAt: now } };
  },
  hold_hearing: async ({ tx, c, body }) => {
    const chair = body.chairOfficerId as string;
    const [investigator] = await tx.select().from(caseOfficers).where(and(eq(caseOfficers.caseId, c.id), eq(caseOfficers.officerId, chair)));
    if (investigator) throw fieldError(422, 'hearing_chair_conflict', 'chairOfficerId', '听证主持人不得为本案调查人员');
    return { set: { hearingHeld: true } };
  },
  legal_review: async ({ tx, actor, org, body }) => {
    if (!(await reviewerQualified(tx, actor, org))) throw refuse(403, 'reviewer_not_qualified', '须由本单位具备法制审核资格的人员审核；本单位无审核人员的，由上级部门审核');
    const outcome = body.outcome as string;
    return { set: { legalReviewOutcome: outcome, ...(outcome === 'reject' ? { state: 'reviewing' } : {}) } };
  },
  collective_discussion: async () => ({}),
  decide: async ({ tx, deps, c, body, now }) => {
    if (!c.notifiedAt) throw refuse(422, 'no_prior_notice', '作出处罚决定前须事先告知（行政处罚法第四十四条）');
    if (c.hearingRequestedAt && !c.hearingHeld) throw refuse(422, 'hearing_pending', '当事人已申请听证，听证前不得作出决定');
    const statementOpen = !c.statementWaived && now <= periodEnd(c.notifiedAt, deps.thresholds.statementDays);
    const hearingOpen = c.hearingRights && !c.hearingWaived && !c.hearingRequestedAt && now <= periodEnd(c.notifiedAt, deps.thresholds.hearingRequestDays);
    if (statementOpen || hearingOpen) throw refuse(422, 'statement_period_open', '陈述申辩期或听证申请期尚未届满，当事人也未放弃');
    const [item] = await tx.select().from(items).where(eq(items.id, c.itemId));
    const triggers = legalReviewTriggers({ itemMajor: item?.major ?? false, hearingHeld: c.hearingHeld, flags: c.reviewFlags });
    if (triggers.length > 0 && !['approve', 'approve_with_changes'].includes(c.legalReviewOutcome ?? '')) {
      throw refuse(422, 'legal_review_required', `须经法制审核同意后方可决定（${triggers.map((t) => LEGAL_REVIEW_TRIGGER_LABELS[t]).join('、')}）`);
    }
    const evaluation = await evaluateAgainstBenchmark(tx, {
      itemId: c.itemId,
      orgId: c.orgId,
      at: now,
      circumstance: body.circumstance as never,
      penaltyKinds: body.penaltyKinds as string[],
      amountFen: Number(body.amountFen ?? 0),
      illegalIncomeFen: body.illegalIncomeFen as number | undefined,
      goodsValueFen: body.goodsValueFen as number | undefined,
    });
    const reason = typeof body.deviationReason === 'string' ? body.deviationReason.trim() : '';
    if (!evaluation.withinRange && reason.length < 4) {
      throw new AppError(422, 'outside_benchmark', `决定超出裁量基准：${evaluation.reasons.map((r) => r.message).join('；')}。须书面说明理由（deviationReason）`, [{ path: 'deviationReason', message: '超出裁量基准须说明理由' }]);
    }
    const decision = { ...body, benchmark: evaluation.benchmark, tier: evaluation.tier, allowed: evaluation.allowed, withinRange: evaluation.withinRange };
    return { set: { decision, decidedAt: now, deviation: !evaluation.withinRange }, payload: decision };
  },
  no_penalty: async ({ body }) => ({ payload: { reason: body.reason } }),
  deliver: async ({ deps, c, body }) => {
    if (body.method === 'electronic' && !body.consentRef) throw fieldError(422, 'electronic_without_consent', 'consentRef', '电子送达须经当事人同意并签订确认书');
    const deliveredAt = new Date(body.deliveredAt as string);
    const late = deliveryLate(deps.thresholds, c.decidedAt as Date, deliveredAt);
    return { set: { deliveredAt, deliveryLate: late }, payload: { ...body, late } };
  },
  record_payment: async ({ c, body }) => {
    if (!body.reference) throw fieldError(422, 'payment_reference_required', 'reference', '罚缴分离：须登记缴款渠道的交易流水号');
    if (body.channel === 'on_site' && (!body.receiptNumber || Number(body.amountFen) > 100_00)) {
      throw fieldError(422, 'on_site_not_allowed', 'channel', '当场收缴仅限 100 元以下等法定情形，并须出具专用票据');
    }
    return { set: { paidFen: c.paidFen + Number(body.amountFen) } };
  },
  close: async () => ({}),
  archive: async () => ({}),
  transfer: async ({ body }) => ({ payload: { to: body.to, reason: body.reason } }),
  suspend: async ({ c, now, body }) => ({ set: { stateBeforeSuspension: c.state, suspensions: [...c.suspensions, { from: now.toISOString(), to: null }] }, payload: { reason: body.reason } }),
  resume: async ({ c, now }) => ({
    set: {
      state: c.stateBeforeSuspension ?? 'investigating',
      stateBeforeSuspension: null,
      suspensions: c.suspensions.map((s) => (s.to === null ? { ...s, to: now.toISOString() } : s)),
    },
  }),
  extend: async ({ c, body }) => ({ set: { extensionDays: [...c.extensionDays, Number(body.days)] }, payload: { days: body.days, approvalRef: body.approvalRef, reason: body.reason } }),
  terminate: async ({ body }) => ({ payload: { reason: body.reason } }),
};

export async function performAction(deps: CaseDeps, ctx: RequestContext, actor: Actor, id: string, action: CaseAction, body: Record<string, unknown>, files: EvidenceFile[] = []) {
  return runAudited(deps.db, deps.clock, ctx, { action: `case.${action}`, resourceType: 'case', resourceId: id }, async (tx) => {
    const { c, org } = await loadCase(tx, actor, id, true);
    const flow = CASE_FLOW[action];
    if (!flow.from.includes(c.state as CaseState)) {
      throw refuse(409, 'action_not_allowed', `案件处于“${CASE_STATE_LABELS[c.state as CaseState]}”阶段，不能“${CASE_ACTION_LABELS[action]}”`);
    }
    if (!roleMayTake(actor, action, c.orgId)) throw forbidden(`当前账号不能对本案“${CASE_ACTION_LABELS[action]}”`);
    const handler = HANDLERS[action];
    if (!handler) throw refuse(501, 'not_implemented', `“${CASE_ACTION_LABELS[action]}”尚未提供`);
    const now = deps.clock.now();
    const out = await handler({ tx, deps, actor, c, org, body, now, files });
    const nextState = out.set?.state ?? flow.to ?? c.state;
    await tx.update(cases).set({ ...out.set, state: nextState, updatedAt: now }).where(eq(cases.id, id));
    await appendCaseEvent(tx, id, {
      type: action,
      at: now,
      actorId: actor.userId,
      role: actor.roles.join(','),
      orgId: actor.org.id,
      payload: { ...(out.payload ?? body), fromState: c.state, toState: nextState },
      attachments: out.attachments ?? [],
      location: (body.location as Record<string, unknown> | undefined) ?? null,
    });
    return { value: await present({ ...deps, db: tx }, actor, await loadCase(tx, actor, id)) };
  });
}

/** An evidence file of a case, re-checked against its SHA-256 before it is served. */
export async function evidenceFile(deps: CaseDeps, actor: Actor, caseId: string, sha256: string) {
  await loadCase(deps.db, actor, caseId);
  const events = await caseEventsOf(deps.db, caseId);
  const meta = events.flatMap((e) => e.attachments).find((a) => a.sha256 === sha256);
  if (!meta) throw notFound('证据文件');
  const [blob] = await deps.db.select().from(evidenceBlobs).where(eq(evidenceBlobs.sha256, sha256));
  if (!blob) throw notFound('证据文件');
  const actual = createHash('sha256').update(blob.content).digest('hex');
  if (actual !== sha256) throw new AppError(500, 'evidence_corrupted', '证据文件与其登记的哈希值不一致，已拒绝提供');
  return { name: meta.name, mime: blob.mime, content: blob.content };
}

/** A case document as PDF, from the case data and its record. */
export async function caseDocument(deps: CaseDeps, actor: Actor, id: string, kind: DocumentKind): Promise<{ filename: string; pdf: Buffer }> {
  const view = await getCase(deps, actor, id);
  const [item] = await deps.db.select().from(items).where(eq(items.id, view.item?.id ?? ''));
  const delivered = (await caseEventsOf(deps.db, id)).findLast((e) => e.type === 'deliver');
  const pdf = await renderCaseDocument(kind, {
    ...view,
    item: item ? { name: item.name, legalBasis: item.legalBasis } : null,
    intended: view.intended as CaseForDocument['intended'],
    decision: view.decision as CaseForDocument['decision'],
    deliveryMethod: DELIVERY_METHOD_LABELS[String((delivered?.payload as { method?: string } | undefined)?.method)] ?? null,
  });
  return { filename: `${DOCUMENT_TITLES[kind]}-${view.number}.pdf`, pdf };
}

const DELIVERY_METHOD_LABELS: Record<string, string> = { on_site: '直接送达', post: '邮寄送达', electronic: '电子送达', public_notice: '公告送达', retained: '留置送达' };
