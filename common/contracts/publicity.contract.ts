/**
 * Contract of the staff side of 行政执法公示: `/api/v1/publicity…` — each decision's publicity, the supervision
 * list of decisions not published in time, publishing, withdrawal and the end of publicity. The public outputs
 * (decision list, case page) are the portal contract's (portal.contract.ts).
 */
import { z } from 'zod';
import { PUBLICITY_STATUSES, PUBLISH_KINDS, WITHDRAW_REASONS } from '../enums.js';
import { Abilities, DateString, EventTime, Instant, Page, PageQuery, type Wire } from './kit.js';

// Requests

export const PublicationCaseParams = z.object({ caseId: z.uuid('caseId 必须是 UUID') });

export const PublicationListQuery = PageQuery.extend({
  status: z.enum(PUBLICITY_STATUSES).optional(),
  /** Only the decisions past their publish-by date and still unpublished. */
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  orgId: z.uuid().optional(),
  q: z.string().max(100).optional(),
});
export type PublicationListQuery = z.output<typeof PublicationListQuery>;

export const PublicationOverdueQuery = PageQuery.extend({ orgId: z.uuid().optional() });

export const PublicationWithdrawBody = z.object({
  reason: z.enum(WITHDRAW_REASONS),
  /** When the decision was revoked or corrected (the 3 working days run from it). */
  revokedAt: EventTime,
  note: z.string().trim().min(2).max(2000),
});
export type PublicationWithdrawBody = z.output<typeof PublicationWithdrawBody>;

export const PublicationEndBody = z.object({
  reason: z.literal('credit_repair'),
  /** The credit-repair decision's reference. */
  reference: z.string().trim().min(1).max(100),
});
export type PublicationEndBody = z.output<typeof PublicationEndBody>;

// Answers

/** One decision's publicity (a row of the lists, and the answer of publish / withdraw / end). */
export const PublicationView = z.object({
  caseId: z.uuid(),
  number: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  partyName: z.string(),
  kind: z.enum(PUBLISH_KINDS),
  decidedAt: Instant,
  /** The last day to publish. */
  publishBy: DateString,
  /** The working-day calendar did not cover every day counted: the date is an estimate. */
  publishByProvisional: z.boolean(),
  overdue: z.boolean(),
  publishedAt: Instant.nullable(),
  publishedLate: z.boolean(),
  endsOn: DateString.nullable(),
  withdrawReason: z.enum(WITHDRAW_REASONS).nullable(),
  revokedAt: Instant.nullable(),
  withdrawBy: DateString.nullable(),
  withdrawnAt: Instant.nullable(),
  withdrawnLate: z.boolean(),
  endedAt: Instant.nullable(),
  endReason: z.literal('credit_repair').nullable(),
  status: z.enum(PUBLICITY_STATUSES),
  caseCode: z.string().nullable(),
  publicUrl: z.string().nullable(),
  /** What the caller may do with this publication by role and org, whatever its status. */
  abilities: Abilities,
});
/** A publication as the console reads it. */
export type Publication = Wire<typeof PublicationView>;
/** A publication as a handler returns it. */
export type PublicationOut = z.output<typeof PublicationView>;

/** The lists: a page plus the server's date (Asia/Shanghai). */
export const PublicationPageView = Page(PublicationView).extend({ today: DateString });
export type PublicationPage = Wire<typeof PublicationPageView>;
