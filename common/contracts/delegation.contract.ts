/**
 * Contract of the delegation to townships (乡镇街道赋权): `/api/v1/delegations`, the items a township holds through
 * them (`/api/v1/orgs/:id/delegated-items`) and the report of delegations not evaluated in time.
 */
import { z } from 'zod';
import { DELEGATION_ACTIONS, DELEGATION_EVALUATION_RESULTS, DELEGATION_STATUSES } from '../enums.js';
import { ItemPage, ItemView } from './catalog.contract.js';
import { Abilities, CivilDate, DateString, Instant, Page, PageQuery, QueryInstant, type Wire } from './kit.js';

// Requests

const Day = CivilDate();

export const DelegationListQuery = PageQuery.extend({ status: z.enum(DELEGATION_STATUSES).optional() });
export type DelegationListQuery = z.output<typeof DelegationListQuery>;

export const DelegationProposeBody = z.object({
  itemIds: z.array(z.uuid()).min(1),
  townshipOrgIds: z.array(z.uuid()).min(1),
  reason: z.string().trim().min(2).max(2000),
});
export type DelegationProposeBody = z.output<typeof DelegationProposeBody>;

/** 县政府常务会议 / 市政府常务会议: the meeting that approved or decided. */
export const DelegationMeetingBody = z.object({ meetingDate: Day, meetingNumber: z.string().trim().min(1).max(100) });
export const DelegationAnnounceBody = z.object({
  announcementNumber: z.string().trim().min(1).max(100),
  effectiveDate: Day,
});
export const DelegationEvaluateBody = z.object({
  date: Day,
  result: z.enum(DELEGATION_EVALUATION_RESULTS),
  comments: z.string().trim().min(1).max(2000),
});
export const DelegationRecallBody = z.object({
  announcementNumber: z.string().trim().min(1).max(100),
  date: Day,
  reason: z.string().trim().min(1).max(2000),
});

/** The body of each step `POST /api/v1/delegations/:id/actions/<action>`. */
export const DELEGATION_STEP_BODIES = {
  county_approve: DelegationMeetingBody,
  city_decide: DelegationMeetingBody,
  announce: DelegationAnnounceBody,
  evaluate: DelegationEvaluateBody,
  recall: DelegationRecallBody,
} as const satisfies Record<(typeof DELEGATION_ACTIONS)[number], z.ZodType>;

export const DelegatedItemsQuery = z.object({ at: QueryInstant.optional() });

export const UnevaluatedDelegationsQuery = z.object({ deadline: Day.optional() });

// Answers

export const DELEGATION_STEP_ACTIONS = ['propose', ...DELEGATION_ACTIONS] as const;
export type DelegationStepAction = (typeof DELEGATION_STEP_ACTIONS)[number];

export const DelegationStepView = z.object({
  action: z.enum(DELEGATION_STEP_ACTIONS),
  fromStatus: z.enum(DELEGATION_STATUSES).nullable(),
  toStatus: z.enum(DELEGATION_STATUSES),
  /** The step's body as it was sent (the proposal: its reason). */
  payload: z.record(z.string(), z.unknown()),
  actorId: z.uuid().nullable(),
  at: Instant,
});
export type DelegationStep = Wire<typeof DelegationStepView>;

export const TownshipView = z.object({ id: z.uuid(), name: z.string(), regionCode: z.string() });
export type Township = Wire<typeof TownshipView>;

export const DelegationView = z.object({
  id: z.uuid(),
  status: z.enum(DELEGATION_STATUSES),
  reason: z.string(),
  countyRegionCode: z.string(),
  effectiveDate: DateString.nullable(),
  items: z.array(ItemView),
  townships: z.array(TownshipView),
  steps: z.array(DelegationStepView),
  createdAt: Instant,
  /** The steps the caller may take on it (`read`, `county_approve`…). */
  abilities: Abilities,
});
export type Delegation = Wire<typeof DelegationView>;
export type DelegationOut = z.output<typeof DelegationView>;
export const DelegationPage = Page(DelegationView);

/** GET /api/v1/reports/delegations-unevaluated: the delegations, and the deadline they were checked against. */
export const UnevaluatedDelegationPage = DelegationPage.extend({ deadline: DateString });
export type UnevaluatedDelegations = Wire<typeof UnevaluatedDelegationPage>;

/** GET /api/v1/orgs/:id/delegated-items: the items a township holds through delegations in force. */
export const DelegatedItemPage = ItemPage;
