/**
 * Contract of penalty cases (行政处罚案件): `/api/v1/cases…` — registration, the list, the case with what the caller
 * may do next, officer candidates, the whole-process record, evidence and the PDF documents, and the body of every
 * step under `/actions/*`. Every step answers with the case.
 */
import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATES, STEP_ROLES, type CaseAction } from '../case-flow.js';
import {
  CASE_PROCEDURES,
  CASE_SOURCES,
  CIRCUMSTANCES,
  DELIVERY_METHODS,
  DOCUMENT_KINDS,
  PARTY_KINDS,
  PAYMENT_CHANNELS,
  PENALTY_KINDS,
  RECUSAL_APPLICANTS,
  REVIEW_FLAGS,
  REVIEW_OUTCOMES,
} from '../enums.js';
import {
  Abilities,
  EventTime,
  EventTimeString,
  IdParams,
  Instant,
  Page,
  PageQuery,
  Warning,
  type Wire,
} from './kit.js';

// ---------------------------------------------------------------------------------------------------------------
// Requests

export const CaseCreateBody = z.object({
  orgId: z.uuid(),
  itemId: z.uuid(),
  source: z.enum(CASE_SOURCES),
  party: z.object({
    kind: z.enum(PARTY_KINDS),
    name: z.string().trim().min(1).max(200),
    idNumber: z.string().trim().max(32).optional(),
    uscc: z.string().trim().max(32).optional(),
    address: z.string().trim().max(200).optional(),
    phone: z.string().trim().max(32).optional(),
  }),
  facts: z.string().trim().min(2).max(10000),
  occurredAt: EventTime,
  location: z.string().max(200).optional(),
  reviewFlags: z.partialRecord(z.enum(REVIEW_FLAGS), z.boolean()).optional(),
});
export type CaseCreateBody = z.output<typeof CaseCreateBody>;

const Flag = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const CaseListQuery = PageQuery.extend({
  status: z.enum(CASE_STATES).optional(),
  orgId: z.uuid().optional(),
  itemId: z.uuid().optional(),
  /** Only the cases the caller is an officer in charge of (我承办的). */
  mine: Flag,
  overdue: Flag,
  q: z.string().max(100).optional(),
});
export type CaseListQuery = z.output<typeof CaseListQuery>;

export const CaseEvidenceParams = IdParams.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) });
export const CaseDocumentParams = IdParams.extend({ kind: z.enum(DOCUMENT_KINDS) });
export const CaseDocumentQuery = z.object({ download: z.enum(['0', '1']).default('0') });

/** Amounts in fen (分). */
export const Fen = z.number().int().min(0).max(1e13);
const Reason = z.object({ reason: z.string().trim().min(2).max(2000) });
const PenaltyBody = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  amountFen: Fen,
  illegalIncomeFen: Fen.optional(),
  goodsValueFen: Fen.optional(),
});
/** Where a step was taken (the officer's device). */
export const CaseLocation = z.object({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
  address: z.string().max(200).optional(),
});

/** 调查取证 (multipart/form-data): the form fields besides `files`. */
export const CaseAddEvidenceFields = z.object({ description: z.string().optional() });

export const CaseFileBody = z.object({ opinion: z.string().max(2000).optional(), location: CaseLocation.optional() });
export const CaseNotFileBody = Reason;
export const CaseAssignBody = z.object({ officerIds: z.array(z.uuid()).min(1).max(20) });
export const CaseSubmitReviewBody = z.object({ summary: z.string().max(5000).optional() });
export const CaseNotifyBody = PenaltyBody.extend({
  facts: z.string().max(5000).optional(),
  reasons: z.string().max(5000).optional(),
  deviationReason: z.string().max(2000).optional(),
});
export const CaseRecordStatementBody = z.object({
  statement: z.string().max(10000).optional(),
  waivesStatement: z.boolean().optional(),
  waivesHearing: z.boolean().optional(),
});
export const CaseRequestHearingBody = z.object({ requestedBy: z.string().max(100).optional() });
export const CaseHoldHearingBody = z.object({
  heldAt: EventTimeString,
  chairOfficerId: z.uuid(),
  summary: z.string().max(10000),
});
export const CaseLegalReviewBody = z.object({
  outcome: z.enum(REVIEW_OUTCOMES),
  opinion: z.string().trim().min(2).max(10000),
});
export const CaseCollectiveDiscussionBody = z.object({
  heldAt: EventTimeString,
  participants: z.array(z.string().max(50)).min(3),
  conclusion: z.string().min(2).max(10000),
});
export const CaseDecideBody = PenaltyBody.extend({ deviationReason: z.string().max(2000).optional() });
export const CaseNoPenaltyBody = Reason.extend({ education: z.string().max(2000).optional() });
export const CaseDeliverBody = z.object({
  method: z.enum(DELIVERY_METHODS),
  deliveredAt: EventTimeString,
  consentRef: z.string().max(100).optional(),
});
export const CaseRecordPaymentBody = z.object({
  channel: z.enum(PAYMENT_CHANNELS),
  reference: z.string().trim().max(100),
  amountFen: Fen.min(1),
  paidAt: EventTimeString,
  receiptNumber: z.string().max(100).optional(),
});
export const CaseCloseBody = z.object({ summary: z.string().max(5000).optional() });
export const CaseArchiveBody = z.object({ archiveNumber: z.string().max(100).optional() });
export const CaseTransferBody = Reason.extend({ to: z.string().trim().min(2).max(200) });
export const CaseSuspendBody = Reason;
export const CaseResumeBody = z.object({ reason: z.string().max(2000).optional() });
export const CaseExtendBody = Reason.extend({
  days: z.number().int().min(1).max(365),
  approvalRef: z.string().trim().min(1).max(100),
});
export const CaseTerminateBody = Reason;
export const CaseSimplifiedDecideBody = PenaltyBody.pick({ circumstance: true, amountFen: true }).extend({
  penaltyKinds: z.array(z.enum(['warning', 'fine'])).min(1),
  officerIds: z.array(z.uuid()).min(1).max(20),
  statement: z.string().max(10000).optional(),
  waivesStatement: z.boolean().optional(),
  deviationReason: z.string().max(2000).optional(),
  location: CaseLocation.optional(),
});
export const CaseRequestRecusalBody = Reason.extend({ officerId: z.uuid(), applicant: z.enum(RECUSAL_APPLICANTS) });
export const CaseDecideRecusalBody = z.object({
  officerId: z.uuid(),
  outcome: z.enum(['grant', 'deny']),
  opinion: z.string().trim().min(2).max(2000),
});

/** The steps that take a JSON body (add_evidence is multipart: `CaseAddEvidenceFields` and the files). */
export type CaseJsonAction = Exclude<CaseAction, 'add_evidence'>;

/** The body of each step, `POST /api/v1/cases/:id/actions/<action>`. */
export const CASE_ACTION_BODIES = {
  file: CaseFileBody,
  not_file: CaseNotFileBody,
  assign: CaseAssignBody,
  submit_review: CaseSubmitReviewBody,
  notify: CaseNotifyBody,
  record_statement: CaseRecordStatementBody,
  request_hearing: CaseRequestHearingBody,
  hold_hearing: CaseHoldHearingBody,
  legal_review: CaseLegalReviewBody,
  collective_discussion: CaseCollectiveDiscussionBody,
  decide: CaseDecideBody,
  no_penalty: CaseNoPenaltyBody,
  deliver: CaseDeliverBody,
  record_payment: CaseRecordPaymentBody,
  close: CaseCloseBody,
  archive: CaseArchiveBody,
  transfer: CaseTransferBody,
  suspend: CaseSuspendBody,
  resume: CaseResumeBody,
  extend: CaseExtendBody,
  terminate: CaseTerminateBody,
  simplified_decide: CaseSimplifiedDecideBody,
  request_recusal: CaseRequestRecusalBody,
  decide_recusal: CaseDecideRecusalBody,
} as const satisfies Record<CaseJsonAction, z.ZodType>;

type ActionBodySchemas = typeof CASE_ACTION_BODIES & { add_evidence: typeof CaseAddEvidenceFields };
/** A step's body as the server reads it (parsed). */
export type CaseActionBody<A extends CaseAction = CaseAction> = z.output<ActionBodySchemas[A]>;
/** A step's body as the console sends it. */
export type CaseActionRequest<A extends CaseJsonAction> = Wire<(typeof CASE_ACTION_BODIES)[A]>;

/** Times in step bodies that say when something happened: never later than now + 1 day (`assertHappened`). */
export const CASE_HAPPENED_FIELDS = ['heldAt', 'deliveredAt', 'paidAt'] as const;

// ---------------------------------------------------------------------------------------------------------------
// Answers

export const CaseDeadlineView = z.object({
  dueAt: Instant,
  daysRemaining: z.number().int(),
  overdue: z.boolean(),
});
export type CaseDeadline = Wire<typeof CaseDeadlineView>;

const OfficerRef = z.object({ id: z.uuid(), name: z.string() });

/** A row of `GET /api/v1/cases`. */
export const CaseRowView = z.object({
  id: z.uuid(),
  number: z.string(),
  orgName: z.string(),
  item: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  officers: z.array(OfficerRef),
  partyName: z.string(),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  deadline: CaseDeadlineView.nullable(),
  deviation: z.boolean(),
  updatedAt: Instant,
});
export type CaseRow = Wire<typeof CaseRowView>;
export type CaseRowOut = z.output<typeof CaseRowView>;
export const CaseRowPage = Page(CaseRowView);

/** The discretion benchmark a decision was checked against (its version, and the one it refines). */
export const BenchmarkRefView = z.object({
  id: z.string(),
  version: z.number().int(),
  ownerOrgName: z.string(),
  /** The benchmark this one refines (a lower-level org's refinement), if any. */
  parent: z.object({ benchmarkId: z.string(), version: z.number().int() }).nullable().optional(),
});
export type BenchmarkRef = Wire<typeof BenchmarkRefView>;

/** The tier of the benchmark for the decision's circumstance: the kinds and the fine range it allows. */
export const AllowedRangeView = z.object({
  circumstance: z.enum(CIRCUMSTANCES).optional(),
  minFen: z.number().nullable(),
  maxFen: z.number().nullable(),
  penaltyKinds: z.array(z.string()),
});
export type AllowedRange = Wire<typeof AllowedRangeView>;

/** The penalty proper: circumstance, kinds and amounts. */
export const PenaltyView = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  amountFen: z.number(),
  illegalIncomeFen: z.number().optional(),
  goodsValueFen: z.number().optional(),
});
export type Penalty = Wire<typeof PenaltyView>;

/** The decision as made: the penalty and how it stands against the discretion benchmark. */
export const DecisionView = PenaltyView.extend({
  /** Why the decision lies outside the benchmark (required then). */
  deviationReason: z.string().optional(),
  benchmark: BenchmarkRefView.nullable(),
  tier: z.string().nullable(),
  allowed: AllowedRangeView.nullable(),
  withinRange: z.boolean(),
});
export type Decision = Wire<typeof DecisionView>;
export type DecisionOut = z.output<typeof DecisionView>;

/**
 * The penalty stated in the prior notice (事先告知): the intended penalty checked against the benchmark as the
 * decision will be, with the facts and reasons notified (简易程序 states the penalty only).
 */
export const IntendedView = PenaltyView.extend({
  deviationReason: z.string().optional(),
  benchmark: BenchmarkRefView.nullable().optional(),
  tier: z.string().nullable().optional(),
  allowed: AllowedRangeView.nullable().optional(),
  withinRange: z.boolean().optional(),
  facts: z.string().optional(),
  reasons: z.string().optional(),
});
export type Intended = Wire<typeof IntendedView>;
export type IntendedOut = z.output<typeof IntendedView>;

/** 回避 (art. 43): an application or a declaration with the head's decision (null while pending). */
export const RecusalView = z.object({
  officerId: z.uuid(),
  officerName: z.string(),
  applicant: z.enum(RECUSAL_APPLICANTS),
  reason: z.string(),
  requestedAt: Instant,
  outcome: z.enum(['granted', 'denied']).nullable(),
  decidedAt: Instant.nullable(),
  opinion: z.string().nullable(),
});
export type Recusal = Wire<typeof RecusalView>;

/** A payment recorded against the decision (罚缴分离: the channel's reference). */
export const CasePaymentView = z.object({
  channel: z.enum(PAYMENT_CHANNELS),
  reference: z.string(),
  amountFen: z.number().int(),
  paidAt: Instant,
  receiptNumber: z.string().nullable(),
});
export type CasePayment = Wire<typeof CasePaymentView>;

/** Fine, 加处罚款 (3 % a day after the due date, art. 72, computed by the server), owed and outstanding now. */
export const AmountOwedView = z.object({
  fineFen: z.number().int(),
  /** The last day to pay without a late fee (Beijing time); null before delivery. */
  dueDate: z.string().nullable().describe('YYYY-MM-DD'),
  daysOverdue: z.number().int(),
  lateFeeFen: z.number().int(),
  owedFen: z.number().int(),
  paidFen: z.number().int(),
  outstandingFen: z.number().int(),
});
export type AmountOwed = Wire<typeof AmountOwedView>;

/** A step the caller may take by state and role that the rules refuse now, with the rule's reason. */
export const BlockedActionView = z.object({ action: z.enum(CASE_ACTIONS), code: z.string(), reason: z.string() });

/** What the procedure waits for next and who takes it. */
export const WaitingForView = z.object({ action: z.enum(CASE_ACTIONS), role: z.enum(STEP_ROLES), reason: z.string() });

export const CaseDocumentRefView = z.object({ kind: z.enum(DOCUMENT_KINDS), title: z.string(), url: z.string() });

/** The row against its whole-process record (GET only). */
export const RecordCheckView = z.object({
  ok: z.boolean(),
  chainIntact: z.boolean(),
  /** Where the row and its record disagree; `column` names a jsonb key as `decision.amountFen`. */
  differences: z.array(z.object({ column: z.string(), label: z.string(), stored: z.string(), recorded: z.string() })),
});

/** `GET /api/v1/cases/:id`, and the answer of registration and of every step. */
export const CaseDetailView = z.object({
  id: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  item: z.object({ id: z.uuid(), baseCode: z.string(), name: z.string(), major: z.boolean() }).nullable(),
  source: z.enum(CASE_SOURCES),
  party: z.object({
    kind: z.enum(PARTY_KINDS),
    name: z.string(),
    /** Masked. */
    idNumber: z.string().nullable(),
    uscc: z.string().nullable(),
  }),
  facts: z.string(),
  occurredAt: Instant,
  location: z.string().nullable(),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  procedure: z.enum(CASE_PROCEDURES),
  officers: z.array(OfficerRef),
  recusals: z.array(RecusalView),
  filedAt: Instant.nullable(),
  notifiedAt: Instant.nullable(),
  intended: IntendedView.nullable(),
  hearingRights: z.boolean(),
  hearingRequested: z.boolean(),
  hearingHeld: z.boolean(),
  legalReviewOutcome: z.enum(REVIEW_OUTCOMES).nullable(),
  decision: DecisionView.nullable(),
  decidedAt: Instant.nullable(),
  /** 一案一码: set when the decision is made. */
  caseCode: z.string().nullable(),
  /** The public case page behind the QR code (<PUBLIC_BASE_URL>/v/<caseCode>). */
  publicUrl: z.string().nullable(),
  deviation: z.boolean(),
  deliveredAt: Instant.nullable(),
  deliveryLate: z.boolean(),
  paidFen: z.number().int(),
  /** Null without a fine. */
  payment: AmountOwedView.nullable(),
  payments: z.array(CasePaymentView),
  deadline: CaseDeadlineView.nullable(),
  allowedActions: z.array(z.enum(CASE_ACTIONS)),
  /** Steps the caller could take by state and role that the rules refuse now, with the rule's reason. */
  blockedActions: z.array(BlockedActionView),
  /** Null once archived. */
  waitingFor: WaitingForView.nullable(),
  /** 文书 that exist for the case's state, as PDFs (GET …/documents/:kind). */
  documents: z.array(CaseDocumentRefView),
  updatedAt: Instant,
  /** What the caller may do with this case by role and org, whatever its stage. */
  abilities: Abilities,
  /**
   * The row checked against the whole-process record (GET only): when they differ the view shows the recorded
   * values and the documents are refused.
   */
  recordCheck: RecordCheckView.optional(),
  /** Warnings of the registration that did not stop it (`uscc_check_mismatch` for a library entity's early code). */
  warnings: z.array(Warning).optional(),
});
/** A case as the console reads it. */
export type CaseDetail = Wire<typeof CaseDetailView>;
/** A case as a handler returns it. */
export type CaseDetailOut = z.output<typeof CaseDetailView>;

/** One officer of the case's org, as `GET …/officer-candidates` lists them. */
export const OfficerCandidateView = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.string().nullable(),
  eligible: z.boolean(),
  /** Why the officer cannot take the case now (empty when eligible). */
  reasons: z.array(z.string()),
  /** Already one of the case's officers. */
  assigned: z.boolean(),
});
export type OfficerCandidate = Wire<typeof OfficerCandidateView>;
export type OfficerCandidateOut = z.output<typeof OfficerCandidateView>;
export const OfficerCandidatesView = z.object({ data: z.array(OfficerCandidateView), at: Instant });

export const CaseAttachmentView = z.object({
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
});
export type CaseAttachment = Wire<typeof CaseAttachmentView>;

/** One event of `GET /api/v1/cases/:id/record` (全过程记录). */
export const CaseEventView = z.object({
  seq: z.number().int(),
  type: z.string(),
  at: Instant,
  actorId: z.uuid().nullable(),
  role: z.string().nullable(),
  orgId: z.uuid().nullable(),
  payload: z.record(z.string(), z.unknown()),
  attachments: z.array(CaseAttachmentView),
  location: z.record(z.string(), z.unknown()).nullable(),
  hash: z.string(),
  prevHash: z.string(),
});
export type CaseEvent = Wire<typeof CaseEventView>;
export type CaseEventOut = z.output<typeof CaseEventView>;
export const CaseEventPage = Page(CaseEventView);

/**
 * Bytes sent as they are (a Buffer is never JSON-serialized): `format: binary` in the OpenAPI document, a
 * `Uint8Array` (Buffer) for the handler.
 */
const Bytes = (description: string) =>
  z.custom<Uint8Array>((v) => v instanceof Uint8Array).meta({ type: 'string', format: 'binary', description });

/** Binary answers: the evidence file as uploaded (its own media type), the documents as PDF. */
export const CaseEvidenceFile = {
  description: '证据文件（按上传时的媒体类型）',
  content: { '*/*': { schema: Bytes('证据文件') } },
};
export const CaseDocumentPdf = {
  description: 'PDF',
  content: { 'application/pdf': { schema: Bytes('PDF 文件') } },
};
