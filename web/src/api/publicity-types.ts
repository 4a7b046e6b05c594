/** Shapes of the publicity API (/api/v1/publicity…) as the console sees them. */
import type { Page } from '../../../common/api-types.js';

export const PUBLICITY_STATUSES = ['unpublished', 'published', 'withdrawn', 'ended'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
export const PUBLICITY_STATUS_LABELS: Record<PublicityStatus, string> = {
  unpublished: '待公示',
  published: '已公示',
  withdrawn: '已撤回',
  ended: '已结束',
};

export const WITHDRAW_REASONS = ['revoked', 'corrected'] as const;
export type WithdrawReason = (typeof WITHDRAW_REASONS)[number];
export const WITHDRAW_REASON_LABELS: Record<WithdrawReason, string> = { revoked: '撤销', corrected: '更正' };

/** One decision's publicity (a row of GET /api/v1/publicity, and the answer of publish / withdraw / end). */
export interface PublicationView {
  caseId: string;
  number: string;
  orgId: string;
  orgName: string;
  partyName: string;
  kind: 'penalty' | 'permit' | 'other';
  decidedAt: string;
  /** YYYY-MM-DD: the last day to publish. */
  publishBy: string;
  /** The working-day calendar did not cover every day counted: the date is an estimate. */
  publishByProvisional: boolean;
  overdue: boolean;
  publishedAt: string | null;
  publishedLate: boolean;
  endsOn: string | null;
  withdrawReason: WithdrawReason | null;
  revokedAt: string | null;
  withdrawBy: string | null;
  withdrawnAt: string | null;
  withdrawnLate: boolean;
  endedAt: string | null;
  endReason: 'credit_repair' | null;
  status: PublicityStatus;
  caseCode: string | null;
  publicUrl: string | null;
}

/** GET /api/v1/publicity and /api/v1/publicity/overdue: a page plus the server's date (Asia/Shanghai). */
export type PublicationPage = Page<PublicationView> & { today: string };
