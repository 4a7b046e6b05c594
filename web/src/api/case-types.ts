/** Shapes of the penalty-case API (/api/v1/cases…) as the console sees them. */
import type { CaseAction, CaseState, StepRole } from '../../../common/case-flow.js';
import type { Circumstance, PenaltyKind } from '../../../common/enums.js';

export const CASE_SOURCES = ['inspection', 'complaint', 'referral', 'hotline', 'self'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];
export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  inspection: '检查发现',
  complaint: '投诉举报',
  referral: '移送',
  hotline: '12345热线',
  self: '自行发现',
};

export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];
export const PARTY_KIND_LABELS: Record<PartyKind, string> = { person: '自然人', organisation: '法人或其他组织' };

export const REVIEW_FLAGS = ['public_interest', 'major_rights', 'complex', 'required_by_law'] as const;
export type ReviewFlag = (typeof REVIEW_FLAGS)[number];
export const REVIEW_FLAG_LABELS: Record<ReviewFlag, string> = {
  public_interest: '涉及重大公共利益',
  major_rights: '涉及当事人重大权益',
  complex: '案情复杂或涉及多个法律关系',
  required_by_law: '法律法规规定须审核',
};

/** Legal-review triggers as the server names them in `legal_review_required`. */
export const REVIEW_TRIGGER_LABELS: Record<string, string> = {
  major_item: '重大执法事项',
  hearing_held: '经过听证',
  ...REVIEW_FLAG_LABELS,
};

export const REVIEW_OUTCOMES = ['approve', 'approve_with_changes', 'reject'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  approve: '同意',
  approve_with_changes: '修改后同意',
  reject: '不同意',
};

export const DELIVERY_METHODS = ['on_site', 'post', 'electronic', 'public_notice', 'retained'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  on_site: '直接送达',
  post: '邮寄',
  electronic: '电子送达',
  public_notice: '公告送达',
  retained: '留置送达',
};

export const PAYMENT_CHANNELS = ['bank', 'online', 'on_site'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];
export const PAYMENT_CHANNEL_LABELS: Record<PaymentChannel, string> = {
  bank: '银行',
  online: '网上缴款',
  on_site: '当场收缴',
};

export interface CaseDeadline {
  dueAt: string;
  daysRemaining: number;
  overdue: boolean;
}

/** A row of GET /api/v1/cases. */
export interface CaseRow {
  id: string;
  number: string;
  orgName: string;
  item: { id: string; name: string } | null;
  officers: { id: string; name: string }[];
  partyName: string;
  state: CaseState;
  stateLabel: string;
  deadline: CaseDeadline | null;
  deviation: boolean;
  updatedAt: string;
}

export interface Penalty {
  circumstance: Circumstance;
  penaltyKinds: PenaltyKind[];
  amountFen: number;
  illegalIncomeFen?: number;
  goodsValueFen?: number;
}

export interface BenchmarkRef {
  id: string;
  version: number;
  ownerOrgName: string;
}

export interface AllowedRange {
  circumstance?: string;
  minFen: number | null;
  maxFen: number | null;
  penaltyKinds: string[];
}

export interface Decision extends Penalty {
  deviationReason?: string;
  benchmark: BenchmarkRef | null;
  tier: string | null;
  allowed: AllowedRange | null;
  withinRange: boolean;
}

/** GET /api/v1/cases/:id (and the answer of every action). */
export interface Recusal {
  officerId: string;
  officerName: string;
  applicant: 'party' | 'officer';
  reason: string;
  requestedAt: string;
  outcome: 'granted' | 'denied' | null;
  decidedAt: string | null;
  opinion: string | null;
}

export interface CaseDetail {
  id: string;
  number: string;
  orgId: string;
  orgName: string;
  item: { id: string; baseCode: string; name: string; major: boolean } | null;
  source: string;
  party: { kind: PartyKind; name: string; idNumber: string | null; uscc: string | null };
  facts: string;
  occurredAt: string;
  location: string | null;
  state: CaseState;
  stateLabel: string;
  /** 普通程序 or 简易程序 (decided and delivered on the spot). */
  procedure: 'general' | 'simplified';
  officers: { id: string; name: string }[];
  /** 回避 applications and declarations with the head's decision (null while pending). */
  recusals: Recusal[];
  filedAt: string | null;
  notifiedAt: string | null;
  intended: (Penalty & { facts?: string; reasons?: string }) | null;
  hearingRights: boolean;
  hearingRequested: boolean;
  hearingHeld: boolean;
  legalReviewOutcome: string | null;
  decision: Decision | null;
  decidedAt: string | null;
  deviation: boolean;
  deliveredAt: string | null;
  deliveryLate: boolean;
  paidFen: number;
  /** Fine, 加处罚款 (3 % a day after the due date, art. 72, computed by the server), owed and outstanding now. */
  payment: {
    fineFen: number;
    dueDate: string | null;
    daysOverdue: number;
    lateFeeFen: number;
    owedFen: number;
    paidFen: number;
    outstandingFen: number;
  } | null;
  deadline: CaseDeadline | null;
  allowedActions: CaseAction[];
  /** Steps the caller could take by state and role that the rules refuse now, with the rule's reason. */
  blockedActions: { action: CaseAction; code: string; reason: string }[];
  /** What the procedure waits for next and who takes it; null once archived. */
  waitingFor: { action: CaseAction; role: StepRole; reason: string } | null;
  /** 文书 that exist for the case's state, as PDFs. */
  documents: { kind: string; title: string; url: string }[];
  updatedAt: string;
  /** 一案一码: set when the decision is made. */
  caseCode: string | null;
  /** The public case page behind the QR code (<PUBLIC_BASE_URL>/v/<caseCode>). */
  publicUrl: string | null;
  /**
   * The row checked against the whole-process record (GET only): when they differ the view shows the recorded values
   * and the documents are refused.
   */
  recordCheck?: {
    ok: boolean;
    chainIntact: boolean;
    differences: { column: string; label: string; stored: string; recorded: string }[];
  };
}

export interface CaseAttachment {
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** One event of GET /api/v1/cases/:id/record. */
export interface CaseEvent {
  seq: number;
  type: string;
  at: string;
  actorId: string | null;
  role: string | null;
  orgId: string | null;
  payload: Record<string, unknown>;
  attachments: CaseAttachment[];
  location: Record<string, unknown> | null;
  hash: string;
  prevHash: string;
}

/** POST /api/v1/benchmarks/evaluate. */
export interface BenchmarkEvaluation {
  withinRange: boolean;
  benchmark: BenchmarkRef | null;
  tier: string | null;
  allowed: AllowedRange | null;
  reasons: { code: string; message: string }[];
}

/** One officer of the case's org, as GET /api/v1/cases/:id/officer-candidates lists them. */
export interface OfficerCandidate {
  id: string;
  name: string;
  position: string | null;
  eligible: boolean;
  reasons: string[];
  assigned: boolean;
}
