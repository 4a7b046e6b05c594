/**
 * Contract of complaints and reports (投诉举报, issue 14): the handling org's inbox and record
 * (`/api/v1/complaints`), its steps (`/api/v1/complaints/:id/<action>`), the supervising justice department's overdue
 * list and statistics, the 12345 hotline's signed tickets (`/api/v1/hotline/tickets`) and its clients, and the public
 * intake and tracking (`/public/complaints/*`). The complainant's name and phone never leave the server except
 * masked to the handling org, or revealed to its department head (audited).
 */
import { z } from 'zod';
import {
  type COMPLAINT_ACTIONS,
  COMPLAINT_CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_RATINGS,
  COMPLAINT_STATES,
} from '../enums.js';
import { Abilities, DateString, IdParams, Instant, Page, PageQuery, RegionCode, type Wire } from './kit.js';

export const CONTENT_MAX = 4000;
const Text = (min: number, max: number, message: string) => z.string().trim().min(min, message).max(max);
const PhoneInput = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '联系电话应为 11 位手机号或带区号的固定电话');
const Uscc = z
  .string()
  .trim()
  .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/, '统一社会信用代码应为 18 位');

// ── intake ──

/** What every door hands to intake (the portal's form, a 12345 ticket, an Open311 request, a referral). */
export const ComplaintIntake = z.object({
  kind: z.enum(COMPLAINT_KINDS),
  content: Text(5, CONTENT_MAX, '请写明投诉举报的内容（至少 5 个字）'),
  itemId: z.uuid().optional(),
  regionCode: RegionCode,
  address: z.string().trim().max(200).optional(),
  lat: z.number().min(-90).max(90).optional(),
  lng: z.number().min(-180).max(180).optional(),
  subjectName: z.string().trim().max(200).optional(),
  subjectUscc: Uscc.optional(),
  /** Optional: anonymous complaints are accepted. */
  reporterName: z.string().trim().max(50).optional(),
  reporterPhone: PhoneInput.optional(),
});
export type ComplaintIntake = z.output<typeof ComplaintIntake>;

/** A referral from another department or a supervisor (转办移送), entered in the console. */
export const ReferralBody = ComplaintIntake;

/** 12345 工单, as the hotline sends it (signed). */
export const HotlineTicketBody = z.object({
  ticketNumber: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{4,64}$/, '工单编号应为 4–64 位字母、数字、下划线或连字符'),
  receivedAt: z.iso.datetime({ offset: true, error: '受理时间应为 ISO 8601 时间' }),
  kind: z.enum(COMPLAINT_KINDS),
  content: Text(5, CONTENT_MAX, '工单内容至少 5 个字'),
  regionCode: RegionCode,
  address: z.string().trim().max(200).optional(),
  contact: z.object({ name: z.string().trim().max(50).optional(), phone: PhoneInput.optional() }).optional(),
  dueAt: z.iso.datetime({ offset: true, error: '办理时限应为 ISO 8601 时间' }).optional(),
  itemId: z.uuid().optional(),
  attachments: z
    .array(
      z.object({
        name: z.string().max(200),
        mime: z.string().max(100),
        size: z.number().int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
      }),
    )
    .max(20)
    .default([]),
});
export type HotlineTicketBody = z.output<typeof HotlineTicketBody>;

export const HotlineTicketAnswer = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  state: z.enum(COMPLAINT_STATES),
  dueDate: DateString,
  /** False when this ticket number had been received before (the same complaint). */
  created: z.boolean(),
});

/** What a machine client may do: file 12345 tickets (signed), file Open311 requests (`api_key`). */
export const MACHINE_SCOPES = ['hotline:write', 'open311:write'] as const;
export type MachineScope = (typeof MACHINE_SCOPES)[number];
export const MACHINE_SCOPE_LABELS: Record<MachineScope, string> = {
  'hotline:write': '提交 12345 工单',
  'open311:write': '提交 Open311 服务请求',
};
const CallbackUrl = z.url({ protocol: /^https?$/, error: '回调地址应为 http(s) 网址' }).max(500);

export const HotlineClientBody = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{2,39}$/, '客户端标识应为 3–40 位小写字母、数字、下划线或连字符'),
  name: Text(2, 100, '请填写客户端名称'),
  callbackUrl: CallbackUrl.optional(),
  /** Default: `hotline:write` (the 12345 hotline, as before scopes could be chosen). */
  scopes: z
    .array(z.enum(MACHINE_SCOPES, { error: '权限范围只能是 hotline:write 或 open311:write' }))
    .min(1, '至少选择一项权限范围')
    .max(MACHINE_SCOPES.length)
    .refine((s) => new Set(s).size === s.length, '权限范围不能重复')
    .default(['hotline:write']),
});
export const HotlineClientParams = z.object({ clientId: z.string().max(40) });
/** Set (a URL) or clear (null) the callback URL. */
export const HotlineCallbackBody = z.object({ callbackUrl: CallbackUrl.nullable() });
export const HotlineClientView = z.object({
  id: z.string(),
  name: z.string(),
  callbackUrl: z.string().nullable(),
  scopes: z.array(z.string()),
  createdAt: Instant,
  rotatedAt: Instant,
  /** `active`, or `revoked` (refused everywhere since `revokedAt`). */
  state: z.enum(['active', 'revoked']),
  revokedAt: Instant.nullable(),
});
export const HotlineClientList = z.object({ data: z.array(HotlineClientView) });
/** The secret, shown this once. */
export const HotlineClientSecret = HotlineClientView.extend({ secret: z.string() });
export type HotlineClient = Wire<typeof HotlineClientView>;
export type HotlineClientWithSecret = Wire<typeof HotlineClientSecret>;

// ── steps ──

/** The steps staff take through `POST /api/v1/complaints/:id/:action` (receive: intake; rate: the complainant). */
export const STAFF_ACTIONS = [
  'accept',
  'reject',
  'assign',
  'transfer',
  'accept_transfer',
  'decline_transfer',
  'reply',
  'close',
  'reopen',
  'merge',
  'open_case',
  'dispute',
  'decide_dispute',
] as const satisfies readonly (typeof COMPLAINT_ACTIONS)[number][];
export type StaffAction = (typeof STAFF_ACTIONS)[number];
export const ComplaintActionParams = IdParams.extend({ action: z.enum(STAFF_ACTIONS) });
export const RejectBody = z.object({ reason: Text(2, 2000, '请写明不予受理的理由') });
export const AssignBody = z.object({ officerUserIds: z.array(z.uuid()).min(1, '至少指派一名承办人').max(10) });
export const TransferBody = z.object({
  toOrgId: z.uuid(),
  reason: Text(2, 2000, '请写明转办理由'),
});
export const DeclineTransferBody = z.object({ reason: Text(2, 2000, '请写明退回理由') });
export const ReplyBody = z.object({ text: Text(5, 4000, '答复内容至少 5 个字') });
export const MergeBody = z.object({ intoId: z.uuid() });
export const OpenCaseBody = z.object({
  itemId: z.uuid(),
  party: z.object({
    kind: z.enum(['person', 'organisation']),
    name: Text(1, 200, '请填写当事人名称'),
    uscc: z.string().trim().max(32).optional(),
  }),
});
/** 派单异议: the org says the complaint is not its own (within 2 working days of receipt), naming who it should go to. */
export const DisputeBody = z.object({
  reason: Text(2, 2000, '请写明异议理由'),
  toOrgId: z.uuid().optional(),
});
/** The supervising justice department decides: upheld re-routes to `toOrgId`, else the complaint stays. */
export const DecideDisputeBody = z.object({
  upheld: z.boolean(),
  toOrgId: z.uuid().optional(),
  note: Text(2, 2000, '请写明裁定意见'),
});
export const RateBody = z.object({
  rating: z.enum(COMPLAINT_RATINGS),
  comment: z.string().trim().max(500).optional(),
});
/** Any step's body (each action validates its own part; see docs/complaints.md). */
export const ComplaintStepBody = z
  .object({
    reason: z.string().max(2000).optional(),
    officerUserIds: z.array(z.uuid()).max(10).optional(),
    toOrgId: z.uuid().optional(),
    text: z.string().max(4000).optional(),
    intoId: z.uuid().optional(),
    itemId: z.uuid().optional(),
    party: OpenCaseBody.shape.party.optional(),
    rating: z.enum(COMPLAINT_RATINGS).optional(),
    comment: z.string().max(500).optional(),
    upheld: z.boolean().optional(),
    note: z.string().max(2000).optional(),
  })
  .default({});

// ── lists and views ──

export const ComplaintListQuery = PageQuery.extend({
  state: z.enum(COMPLAINT_STATES).optional(),
  kind: z.enum(COMPLAINT_KINDS).optional(),
  channel: z.enum(COMPLAINT_CHANNELS).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** Complaints that opened this case. */
  caseId: z.uuid().optional(),
  q: z.string().max(100).optional(),
});
export type ComplaintListQuery = z.output<typeof ComplaintListQuery>;

export const OrgRef = z.object({ id: z.uuid(), name: z.string() });

export const ComplaintSummaryView = z.object({
  id: z.uuid(),
  trackingNumber: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  kind: z.enum(COMPLAINT_KINDS),
  kindLabel: z.string(),
  state: z.enum(COMPLAINT_STATES),
  stateLabel: z.string(),
  summary: z.string(),
  regionCode: z.string(),
  handlingOrg: OrgRef,
  pendingOrg: OrgRef.nullable(),
  receivedAt: Instant,
  dueDate: DateString,
  /** Working days left (0: due today; negative: overdue by that many working days). */
  dueInWorkingDays: z.number().int(),
  overdue: z.boolean(),
  abilities: Abilities,
});
export type ComplaintSummary = Wire<typeof ComplaintSummaryView>;
export type ComplaintSummaryOut = z.output<typeof ComplaintSummaryView>;
export const ComplaintPage = Page(ComplaintSummaryView);

export const ComplaintTimelineEntry = z.object({
  seq: z.number().int(),
  action: z.string(),
  actionLabel: z.string(),
  at: Instant,
  byOrgName: z.string().nullable(),
  note: z.string().nullable(),
});

export const ComplaintView = ComplaintSummaryView.extend({
  content: z.string(),
  item: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  address: z.string().nullable(),
  lat: z.number().nullable(),
  lng: z.number().nullable(),
  subjectName: z.string().nullable(),
  subjectUscc: z.string().nullable(),
  /** The complainant, masked (张*三, 138****5678); null names: anonymous or not given. */
  reporter: z.object({
    anonymous: z.boolean(),
    nameMasked: z.string().nullable(),
    phoneMasked: z.string().nullable(),
  }),
  assignees: z.array(z.object({ id: z.uuid(), name: z.string() })),
  rejectReason: z.string().nullable(),
  replyText: z.string().nullable(),
  repliedAt: Instant.nullable(),
  closedAt: Instant.nullable(),
  rating: z.enum(COMPLAINT_RATINGS).nullable(),
  ratingComment: z.string().nullable(),
  reopenCount: z.number().int(),
  mergedInto: z.object({ id: z.uuid(), trackingNumber: z.string() }).nullable(),
  merged: z.array(z.object({ id: z.uuid(), trackingNumber: z.string() })),
  caseId: z.uuid().nullable(),
  externalRef: z.string().nullable(),
  pausedWorkingDays: z.number().int(),
  timeline: z.array(ComplaintTimelineEntry),
});
export type Complaint = Wire<typeof ComplaintView>;
export type ComplaintOut = z.output<typeof ComplaintView>;

export const RevealedReporter = z.object({ name: z.string().nullable(), phone: z.string().nullable() });

export const OverdueQuery = PageQuery;
export const ComplaintStatsQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const ComplaintOrgStats = z.object({
  org: OrgRef,
  received: z.number().int(),
  closed: z.number().int(),
  onTime: z.number().int(),
  overdue: z.number().int(),
  rated: z.number().int(),
  /** 满意 + 基本满意 over rated, 执法办案类 (a case opened) left out; null when none rated. */
  satisfaction: z.number().nullable(),
});
export const ComplaintStatsView = z.object({ data: z.array(ComplaintOrgStats) });

// ── public ──

/** What the public tracking page shows: progress, the reply and the rating, nothing about the complainant. */
export interface PublicTracking {
  trackingNumber: string;
  kindLabel: string;
  stateLabel: string;
  state: (typeof COMPLAINT_STATES)[number];
  receivedAt: Date;
  dueDate: string;
  handlingOrgName: string;
  replyText: string | null;
  rejectReason: string | null;
  ratingLabel: string | null;
  mayRate: boolean;
  steps: { at: Date; label: string }[];
}
