/**
 * What each case action checks and changes (行政处罚法, DOMAIN.md §4): one handler per action, run by
 * performAction inside the action's transaction after the flow table and the caller's role have been checked.
 */
import { createHash, randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import type { CaseAction } from '../../../common/case-flow.js';
import type { CaseActionBody, DecisionOut } from '../../../common/contracts/cases.contract.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { emit } from '../../platform/events.js';
import { evaluateAgainstBenchmark } from '../discretion/discretion.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { checkEligibilityOf, officers, officersByIds } from '../personnel/personnel.api.js';
import { fullDateTime, stateRefusal } from './case-guards.js';
import { caseOfficerCount, replaceCaseOfficers } from './case-officers.js';
import type { CaseEventInput } from './case-record.js';
import {
  LEGAL_REVIEW_TRIGGER_LABELS,
  type PartyKind,
  amountOwed,
  deliveryLate,
  hearingRightsApply,
  legalReviewTriggers,
  simplifiedAllowed,
} from './cases.rules.js';
import {
  type CasePayment,
  caseOfficers,
  type cases,
  evidenceBlobs,
  paymentReferences,
  type Recusal,
} from './cases.schema.js';
import type { CaseDeps, CaseItem, EvidenceFile } from './case-context.js';
import { yuanExactNumber } from '../../../common/money.js';

type CaseRow = typeof cases.$inferSelect;

type Handler<A extends CaseAction> = (a: {
  tx: Db;
  deps: CaseDeps;
  actor: Actor;
  c: CaseRow;
  org: typeof orgs.$inferSelect;
  /** The case's item, read with the case. */
  item: CaseItem | null;
  /** The step's body as its contract parsed it. */
  body: CaseActionBody<A>;
  now: Date;
  files: EvidenceFile[];
}) => Promise<{
  set?: Partial<typeof cases.$inferInsert>;
  payload?: Record<string, unknown>;
  attachments?: CaseEventInput['attachments'];
}>;

/** 一案一码: 128 random bits, base64url (22 characters). */
export const newCaseCode = () => randomBytes(16).toString('base64url');

const yuan = yuanExactNumber;

export const refuse = (status: number, code: string, detail: string) => new AppError(status, code, detail);

/** The legal-review rule: a qualified reviewer of the deciding org or — when it has none — of the upper-level org in its line. */
async function reviewerQualified(tx: Db, actor: Actor, org: typeof orgs.$inferSelect): Promise<boolean> {
  const [me] = await tx
    .select()
    .from(officers)
    .where(and(eq(officers.userId, actor.userId), eq(officers.legalReviewer, true)));
  if (!me) return false;
  const [own] = await tx
    .select({ n: count() })
    .from(officers)
    .where(and(eq(officers.orgId, org.id), eq(officers.legalReviewer, true)));
  if (Number(own?.n ?? 0) > 0) return me.orgId === org.id;
  // no reviewer of its own: the nearest org up the line that has one
  let parentId = org.parentId;
  while (parentId) {
    const [parent] = await tx.select().from(orgs).where(eq(orgs.id, parentId));
    if (!parent) break;
    const [n] = await tx
      .select({ n: count() })
      .from(officers)
      .where(and(eq(officers.orgId, parent.id), eq(officers.legalReviewer, true)));
    if (Number(n?.n ?? 0) > 0) return me.orgId === parent.id;
    parentId = parent.parentId;
  }
  return false;
}

/**
 * 承办人员 (art. 42–43): at least two officers of the case's org, each eligible for the item's sector in the org's
 * region, none with a pending or granted recusal in this case.
 */
async function checkOfficers(
  tx: Db,
  deps: CaseDeps,
  c: CaseRow,
  org: typeof orgs.$inferSelect,
  item: CaseItem | null,
  officerIds: string[] | undefined,
  now: Date,
) {
  const ids = [...new Set(officerIds ?? [])];
  if (ids.length < 2)
    throw fieldError(
      422,
      'too_few_officers',
      'officerIds',
      '调查取证须由两名以上具有执法资格的执法人员进行（行政处罚法第四十二条）',
    );
  const [rows, eligibility] = await Promise.all([
    officersByIds.run(tx, { ids }),
    checkEligibilityOf(tx, deps.training, ids, {
      sector: item?.sector ?? org.sector,
      regionCode: org.regionCode,
      at: now,
    }),
  ]);
  for (const id of ids) {
    const o = rows.find((r) => r.id === id);
    if (!o || o.orgId !== c.orgId)
      throw fieldError(422, 'officer_not_in_org', 'officerIds', '承办人员须为本单位执法人员');
    const recusal = c.recusals.find((r) => r.officerId === id && r.outcome !== 'denied');
    if (recusal) {
      throw fieldError(
        422,
        'officer_conflict',
        'officerIds',
        `${o.name} ${recusal.outcome === 'granted' ? '已决定回避' : '有待决定的回避申请'}，不得承办本案（行政处罚法第四十三条）`,
      );
    }
    const e = eligibility.get(id) as { eligible: boolean; reasons: { message: string }[] };
    if (!e.eligible)
      throw fieldError(
        422,
        'officer_not_eligible',
        'officerIds',
        `${o.name} 不具备执法资格：${e.reasons.map((r) => r.message).join('；')}`,
      );
  }
  return { ids, rows };
}

/**
 * The decision (or the intended one) checked against the effective discretion benchmark; outside it a written reason
 * is required. 情节“不予处罚” is not a penalty: that case ends by the 不予处罚 decision, never with a fine.
 */
async function evaluateDecision(
  tx: Db,
  c: CaseRow,
  penalty: CaseActionBody<'decide'>,
  now: Date,
): Promise<DecisionOut> {
  if (penalty.circumstance === 'none')
    throw fieldError(
      422,
      'no_penalty_circumstance',
      'circumstance',
      '情节为“不予处罚”的，应作出不予处罚决定，不得拟处或决定罚款等处罚（行政处罚法第三十三条）',
    );
  const evaluation = await evaluateAgainstBenchmark(tx, {
    itemId: c.itemId,
    orgId: c.orgId,
    at: now,
    circumstance: penalty.circumstance,
    penaltyKinds: penalty.penaltyKinds,
    amountFen: penalty.amountFen,
    illegalIncomeFen: penalty.illegalIncomeFen,
    goodsValueFen: penalty.goodsValueFen,
  });
  const reason = penalty.deviationReason?.trim() ?? '';
  if (!evaluation.withinRange && reason.length < 4) {
    throw new AppError(
      422,
      'outside_benchmark',
      `决定超出裁量基准：${evaluation.reasons.map((r) => r.message).join('；')}。须书面说明理由（deviationReason）`,
      [{ path: 'deviationReason', message: '超出裁量基准须说明理由' }],
    );
  }
  return {
    ...penalty,
    benchmark: evaluation.benchmark,
    tier: evaluation.tier,
    allowed: evaluation.allowed,
    withinRange: evaluation.withinRange,
  };
}

export const CASE_ACTION_HANDLERS: { [A in CaseAction]?: Handler<A> } = {
  file: async ({ now }) => ({ set: { filedAt: now } }),
  not_file: async ({ body }) => ({ payload: { reason: body.reason } }),
  assign: async ({ tx, deps, c, org, item, body, now }) => {
    const { ids, rows } = await checkOfficers(tx, deps, c, org, item, body.officerIds, now);
    await replaceCaseOfficers(tx, c.id, ids, now);
    return { payload: { officerIds: ids, officers: rows.map((r) => r.name) } };
  },
  add_evidence: async ({ tx, files, body, now }) => {
    if (files.length === 0) throw fieldError(422, 'no_evidence', 'files', '请上传至少一个证据文件');
    const empty = files.find((f) => f.content.length === 0);
    if (empty)
      throw fieldError(422, 'empty_evidence', 'files', `证据文件“${empty.name}”是空文件（0 字节），请重新选择或拍摄`);
    const attachments = [];
    for (const f of files) {
      const sha256 = createHash('sha256').update(f.content).digest('hex');
      await tx
        .insert(evidenceBlobs)
        .values({ sha256, mime: f.mime, size: f.content.length, content: f.content, createdAt: now })
        .onConflictDoNothing();
      attachments.push({ name: f.name, mime: f.mime, size: f.content.length, sha256 });
    }
    return { payload: { description: body.description ?? '' }, attachments };
  },
  submit_review: async ({ tx, deps, c, item, now }) => {
    const [n] = await caseOfficerCount(tx, c.id);
    const g = { c, item, thresholds: deps.thresholds, now, officerCount: Number(n?.n ?? 0) };
    const refusal = stateRefusal('submit_review', g);
    if (refusal) throw refuse(422, refusal.code, refusal.detail);
    return {};
  },
  // the intended penalty is checked against the benchmark as the decision will be: outside it, a written reason
  notify: async ({ tx, deps, c, body, now }) => {
    const rights = hearingRightsApply(deps.thresholds, c.partyKind as PartyKind, body.penaltyKinds, body.amountFen);
    const { facts, reasons, ...penalty } = body;
    const evaluated = await evaluateDecision(tx, c, penalty, now);
    const intended = { ...evaluated, ...(facts ? { facts } : {}), ...(reasons ? { reasons } : {}) };
    return {
      set: { notifiedAt: now, intended, hearingRights: rights },
      payload: { ...intended, hearingRights: rights },
    };
  },
  record_statement: async ({ body }) => ({
    set: {
      statementRecorded: true,
      ...(body.waivesStatement ? { statementWaived: true } : {}),
      ...(body.waivesHearing ? { hearingWaived: true } : {}),
    },
  }),
  request_hearing: async ({ deps, c, now }) => {
    if (!c.hearingRights) throw refuse(422, 'no_hearing_right', '拟作出的处罚不属于听证范围');
    if (c.hearingWaived) throw refuse(422, 'hearing_waived', '当事人已放弃听证');
    const refusal = stateRefusal('request_hearing', {
      c,
      item: null,
      thresholds: deps.thresholds,
      now,
      officerCount: 0,
    });
    if (refusal) throw refuse(422, refusal.code, refusal.detail);
    return { set: { hearingRequestedAt: now } };
  },
  hold_hearing: async ({ tx, c, body }) => {
    const chair = body.chairOfficerId;
    const [investigator] = await tx
      .select()
      .from(caseOfficers)
      .where(and(eq(caseOfficers.caseId, c.id), eq(caseOfficers.officerId, chair)));
    if (investigator) throw fieldError(422, 'hearing_chair_conflict', 'chairOfficerId', '听证主持人不得为本案调查人员');
    return { set: { hearingHeld: true } };
  },
  legal_review: async ({ tx, actor, org, body }) => {
    if (!(await reviewerQualified(tx, actor, org)))
      throw refuse(
        403,
        'reviewer_not_qualified',
        '须由本单位具备法制审核资格的人员审核；本单位无审核人员的，由上级部门审核',
      );
    const outcome = body.outcome;
    return { set: { legalReviewOutcome: outcome, ...(outcome === 'reject' ? { state: 'reviewing' } : {}) } };
  },
  collective_discussion: async () => ({}),
  decide: async ({ tx, deps, c, item, body, now }) => {
    const refusal = stateRefusal('decide', { c, item, thresholds: deps.thresholds, now, officerCount: 0 });
    if (refusal) throw refuse(422, refusal.code, refusal.detail);
    const decision = await evaluateDecision(tx, c, body, now);
    await emit(tx, { type: 'case.decided', caseId: c.id, outcome: 'penalty', decidedAt: now });
    return {
      set: { decision, decidedAt: now, deviation: !decision.withinRange, caseCode: newCaseCode() },
      payload: decision,
    };
  },
  simplified_decide: async ({ tx, deps, c, org, item, body, now }) => {
    const kinds = body.penaltyKinds;
    const amountFen = body.amountFen;
    const party = c.partyKind as PartyKind;
    if (!simplifiedAllowed(deps.thresholds, party, kinds, amountFen)) {
      const max = deps.thresholds.simplifiedMaxFen[party] / 100;
      throw fieldError(
        422,
        'simplified_not_allowed',
        'amountFen',
        `简易程序仅适用于警告或对${party === 'person' ? '公民' : '法人或其他组织'}处以 ${max} 元以下罚款（行政处罚法第五十一条）`,
      );
    }
    const triggers = legalReviewTriggers({ itemMajor: item?.major ?? false, hearingHeld: false, flags: c.reviewFlags });
    if (triggers.length > 0) {
      throw refuse(
        422,
        'simplified_not_allowed',
        `须经法制审核的案件不适用简易程序（${triggers.map((t) => LEGAL_REVIEW_TRIGGER_LABELS[t]).join('、')}）`,
      );
    }
    if (!body.waivesStatement && !body.statement?.trim()) {
      throw fieldError(
        422,
        'statement_not_heard',
        'statement',
        '当场处罚前须听取当事人的陈述、申辩，或记录其放弃（行政处罚法第五十二条）',
      );
    }
    const { ids, rows } = await checkOfficers(tx, deps, c, org, item, body.officerIds, now);
    await tx.insert(caseOfficers).values(ids.map((officerId) => ({ caseId: c.id, officerId, assignedAt: now })));
    const decision = await evaluateDecision(
      tx,
      c,
      { circumstance: body.circumstance, penaltyKinds: kinds, amountFen, deviationReason: body.deviationReason },
      now,
    );
    const intended = { circumstance: body.circumstance, penaltyKinds: kinds, amountFen };
    await emit(tx, { type: 'case.decided', caseId: c.id, outcome: 'penalty', decidedAt: now });
    return {
      set: {
        procedure: 'simplified',
        notifiedAt: now,
        intended,
        statementRecorded: true,
        statementWaived: body.waivesStatement === true,
        decision,
        decidedAt: now,
        deviation: !decision.withinRange,
        deliveredAt: now,
        caseCode: newCaseCode(),
      },
      payload: {
        ...decision,
        officerIds: ids,
        officers: rows.map((r) => r.name),
        statement: body.statement ?? null,
        waivesStatement: body.waivesStatement === true,
        delivery: 'on_site',
      },
    };
  },
  request_recusal: async ({ tx, c, body, now }) => {
    const officerId = body.officerId;
    const [o] = await tx.select().from(officers).where(eq(officers.id, officerId));
    if (!o || o.orgId !== c.orgId)
      throw fieldError(422, 'officer_not_in_org', 'officerId', '申请回避的须为本单位执法人员');
    if (c.recusals.some((r) => r.officerId === officerId && r.outcome === null))
      throw fieldError(409, 'recusal_pending', 'officerId', `${o.name} 的回避申请尚待决定`);
    const recusal: Recusal = {
      officerId,
      officerName: o.name,
      applicant: body.applicant,
      reason: body.reason,
      requestedAt: now.toISOString(),
      outcome: null,
      decidedAt: null,
      opinion: null,
    };
    return {
      set: { recusals: [...c.recusals, recusal] },
      payload: { officerId, officer: o.name, applicant: recusal.applicant, reason: recusal.reason },
    };
  },
  decide_recusal: async ({ tx, c, body, now }) => {
    const officerId = body.officerId;
    const pending = c.recusals.find((r) => r.officerId === officerId && r.outcome === null);
    if (!pending) throw fieldError(422, 'no_recusal_request', 'officerId', '该执法人员没有待决定的回避申请');
    const outcome: Recusal['outcome'] = body.outcome === 'grant' ? 'granted' : 'denied';
    const recusals = c.recusals.map((r) =>
      r === pending ? { ...r, outcome, decidedAt: now.toISOString(), opinion: body.opinion } : r,
    );
    // a recused officer leaves the case; the head assigns another before the investigation goes on
    if (outcome === 'granted')
      await tx.delete(caseOfficers).where(and(eq(caseOfficers.caseId, c.id), eq(caseOfficers.officerId, officerId)));
    return { set: { recusals }, payload: { officerId, officer: pending.officerName, outcome, opinion: body.opinion } };
  },
  no_penalty: async ({ tx, c, body, now }) => {
    // 不予处罚 is an enforcement decision too: public within 20 working days
    await emit(tx, { type: 'case.decided', caseId: c.id, outcome: 'no_penalty', decidedAt: now });
    return { payload: { reason: body.reason } };
  },
  deliver: async ({ deps, c, body }) => {
    if (body.method === 'electronic' && !body.consentRef)
      throw fieldError(422, 'electronic_without_consent', 'consentRef', '电子送达须经当事人同意并签订确认书');
    const deliveredAt = new Date(body.deliveredAt);
    const late = deliveryLate(deps.thresholds, c.decidedAt as Date, deliveredAt);
    return { set: { deliveredAt, deliveryLate: late }, payload: { ...body, late } };
  },
  record_payment: async ({ tx, c, body, now }) => {
    if (!body.reference)
      throw fieldError(422, 'payment_reference_required', 'reference', '罚缴分离：须登记缴款渠道的交易流水号');
    const amountFen = body.amountFen;
    if (body.channel === 'on_site' && (!body.receiptNumber || amountFen > 100_00)) {
      throw fieldError(422, 'on_site_not_allowed', 'channel', '当场收缴仅限 100 元以下等法定情形，并须出具专用票据');
    }
    const paidAt = new Date(body.paidAt);
    if (paidAt > now) throw fieldError(422, 'paid_at_in_future', 'paidAt', '缴款时间不能晚于当前时间');
    if (c.decidedAt && paidAt < c.decidedAt)
      throw fieldError(
        422,
        'paid_before_decision',
        'paidAt',
        `缴款时间不能早于处罚决定作出的时间（${fullDateTime(c.decidedAt)}）`,
      );
    // the case row is locked for the step: concurrent payments of the same case wait here and see each other's sum
    const fineFen = Number((c.decision as { amountFen?: number } | null)?.amountFen ?? 0);
    const earlier = c.payments.map((p) => ({ amountFen: p.amountFen, paidAt: new Date(p.paidAt) }));
    const latest = [paidAt, ...earlier.map((p) => p.paidAt)].reduce((a, b) => (a > b ? a : b));
    const owed = amountOwed(fineFen, c.deliveredAt, [...earlier, { amountFen, paidAt }], latest);
    const outstandingBefore = owed.owedFen - c.paidFen;
    if (amountFen > outstandingBefore) {
      throw fieldError(
        422,
        'overpayment',
        'amountFen',
        `缴款金额 ${yuan(amountFen)} 元超过应缴未缴金额 ${yuan(Math.max(0, outstandingBefore))} 元（罚款 ${yuan(fineFen)} 元、加处罚款 ${yuan(owed.lateFeeFen)} 元，已缴 ${yuan(c.paidFen)} 元）`,
      );
    }
    const reference = body.reference.trim();
    const [claimed] = await tx
      .insert(paymentReferences)
      .values({ orgId: c.orgId, reference, caseId: c.id, recordedAt: now })
      .onConflictDoNothing()
      .returning({ caseId: paymentReferences.caseId });
    if (!claimed)
      throw fieldError(
        422,
        'duplicate_payment_reference',
        'reference',
        `交易流水号“${reference}”已在本单位登记过，不能重复使用`,
      );
    const payment: CasePayment = {
      channel: body.channel,
      reference,
      amountFen,
      paidAt: paidAt.toISOString(),
      receiptNumber: body.receiptNumber ?? null,
    };
    return {
      set: { paidFen: c.paidFen + amountFen, payments: [...c.payments, payment] },
      payload: { ...payment, lateFeeFen: owed.lateFeeFen, owedFen: owed.owedFen, dueDate: owed.dueDate },
    };
  },
  close: async () => ({}),
  archive: async () => ({}),
  transfer: async ({ body }) => ({ payload: { to: body.to, reason: body.reason } }),
  suspend: async ({ c, now, body }) => ({
    set: { stateBeforeSuspension: c.state, suspensions: [...c.suspensions, { from: now.toISOString(), to: null }] },
    payload: { reason: body.reason },
  }),
  resume: async ({ c, now }) => ({
    set: {
      state: c.stateBeforeSuspension ?? 'investigating',
      stateBeforeSuspension: null,
      suspensions: c.suspensions.map((s) => (s.to === null ? { ...s, to: now.toISOString() } : s)),
    },
  }),
  extend: async ({ c, body }) => ({
    set: { extensionDays: [...c.extensionDays, body.days] },
    payload: { days: body.days, approvalRef: body.approvalRef, reason: body.reason },
  }),
  terminate: async ({ body }) => ({ payload: { reason: body.reason } }),
};
