/**
 * Contract of 扫码入企 (module `visits`, issue 13): an entity's code `/api/v1/entities/:id/qr.svg`, visits
 * `/api/v1/visits` (append-only, flagged for the supervisors), the per-org rating aggregates, and the enterprise's
 * public side: a visit's 监督码 `/api/v1/public/visits/:token` (who came, rating once) and its own history
 * `/api/v1/public/entities/:token/visits?uscc=`. Rules: docs/visits.md.
 */
import { z } from 'zod';
import { VISIT_FLAGS, VISIT_PURPOSES } from '../enums.js';
import { Abilities, CivilDate, EventTimeString, Instant, Page, PageQuery, type Wire } from './kit.js';

export const VISIT_OFFICERS_MAX = 20;
export const OFFLINE_REASON_MAX = 500;
export const RATING_COMMENT_MAX = 500;
/** Supervisors see an org's ratings only in aggregates of at least this many. */
export const RATING_AGGREGATE_MIN = 5;

/** An entity's or a visit's random code (base64url). */
export const CodeToken = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, '码无效：应为扫码所得的 16–64 位字符');
export const TokenParams = z.object({ token: CodeToken });

// Requests

export const VisitCreateBody = z
  .object({
    /** The token of the entity's code (the part after /e/ of the scanned address). */
    entityToken: CodeToken,
    officerIds: z
      .array(z.uuid('officerIds 必须是 UUID'))
      .min(1, '至少选择一名入企人员')
      .max(VISIT_OFFICERS_MAX)
      .refine((ids) => new Set(ids).size === ids.length, '入企人员不能重复'),
    purpose: z.enum(VISIT_PURPOSES, '请选择入企事由'),
    taskId: z.uuid('taskId 必须是 UUID').optional(),
    caseId: z.uuid('caseId 必须是 UUID').optional(),
    complaintId: z.uuid('complaintId 必须是 UUID').optional(),
    /**
     * The catalogue item the visit is for (optional): without it, a task's visit takes its plan's first item and a
     * case's visit the case's item. `joint_possible` needs the other department's visit to have a similar item.
     */
    itemId: z.uuid('itemId 必须是 UUID').optional(),
    location: z
      .object({
        lat: z.number().min(-90, '纬度应在 -90 至 90 之间').max(90, '纬度应在 -90 至 90 之间'),
        lng: z.number().min(-180, '经度应在 -180 至 180 之间').max(180, '经度应在 -180 至 180 之间'),
      })
      .optional(),
    /** When the officers entered (for an offline capture: when it was captured on the phone). */
    startedAt: EventTimeString,
    /** Captured on the phone without network and sent later. */
    capturedOffline: z.boolean().optional(),
    offlineReason: z.string().trim().min(2, '请写明离线登记的原因').max(OFFLINE_REASON_MAX).optional(),
  })
  .refine((b) => !b.capturedOffline || b.offlineReason, {
    path: ['offlineReason'],
    message: '离线登记须写明原因（如现场无网络）',
  });
export type VisitCreateBody = z.output<typeof VisitCreateBody>;

export const VisitListQuery = PageQuery.extend({
  flag: z.enum(VISIT_FLAGS).optional(),
  purpose: z.enum(VISIT_PURPOSES).optional(),
  entityId: z.uuid().optional(),
  orgId: z.uuid().optional(),
  /** Entered on or after this date (Asia/Shanghai). */
  from: CivilDate().optional(),
  /** Entered on or before this date. */
  to: CivilDate().optional(),
});
export type VisitListQuery = z.output<typeof VisitListQuery>;

export const RatingBody = z.object({
  score: z.number().int('评分应为 1 至 5 的整数').min(1, '评分应为 1 至 5').max(5, '评分应为 1 至 5'),
  comment: z.string().trim().max(RATING_COMMENT_MAX, `评价不超过 ${RATING_COMMENT_MAX} 字`).optional(),
});
export type RatingBody = z.output<typeof RatingBody>;

/** The rating form of the public page (multipart fields are strings). */
export const RatingFormFields = z.object({
  score: z.coerce.number().int().min(1, '请选择 1 至 5 分').max(5, '请选择 1 至 5 分'),
  comment: z.string().trim().max(RATING_COMMENT_MAX).optional(),
});

export const EntityVisitsQuery = z.object({ uscc: z.string().trim().min(1, '请输入统一社会信用代码').max(40) });

// Answers

export const VisitFlagView = z.object({
  code: z.enum(VISIT_FLAGS),
  label: z.string(),
  /** Why (the cap reached, the officers without a valid certificate, the other department…). */
  note: z.string(),
});

export const VisitOfficerView = z.object({ id: z.uuid(), name: z.string() });

export const VisitView = z.object({
  id: z.uuid(),
  entityId: z.uuid(),
  entityName: z.string(),
  uscc: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  officers: z.array(VisitOfficerView),
  purpose: z.enum(VISIT_PURPOSES),
  purposeLabel: z.string(),
  taskId: z.uuid().nullable(),
  taskName: z.string().nullable(),
  caseId: z.uuid().nullable(),
  complaintId: z.uuid().nullable(),
  /** The catalogue item the visit is for, and its name. */
  itemId: z.uuid().nullable(),
  itemName: z.string().nullable(),
  location: z.object({ lat: z.number(), lng: z.number() }).nullable(),
  startedAt: Instant,
  recordedAt: Instant,
  recordedByName: z.string(),
  capturedOffline: z.boolean(),
  offlineReason: z.string().nullable(),
  flags: z.array(VisitFlagView),
  /** Why the visit does not count against the frequency caps (case-driven visits), or null. */
  capExemption: z.string().nullable(),
  /** The visit's 监督码 page for the enterprise (/public/visits/<token>). */
  publicUrl: z.string(),
  abilities: Abilities,
});
export type Visit = Wire<typeof VisitView>;
export type VisitOut = z.output<typeof VisitView>;
export const VisitPage = Page(VisitView);

/** A visit on the entity detail (GET /api/v1/entities/:id). */
export const EntityVisitView = z.object({
  id: z.uuid(),
  startedAt: Instant,
  orgName: z.string(),
  purpose: z.enum(VISIT_PURPOSES),
  purposeLabel: z.string(),
  officerNames: z.array(z.string()),
  flagLabels: z.array(z.string()),
});
export type EntityVisit = Wire<typeof EntityVisitView>;
export type EntityVisitOut = z.output<typeof EntityVisitView>;

export const RatingAggregateView = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  count: z.number().int(),
  /** Mean score, two decimals. */
  average: z.number(),
  /** How many of each score 1..5. */
  distribution: z.array(z.number().int()),
});
export const RatingAggregateList = z.object({
  data: z.array(RatingAggregateView),
  /** Orgs with fewer ratings than `minimum` are left out (ratings are anonymous). */
  minimum: z.number().int(),
  withheldOrgs: z.number().int(),
});
export type RatingAggregates = Wire<typeof RatingAggregateList>;

export const PublicVisitOfficerView = z.object({
  name: z.string(),
  orgName: z.string(),
  certificateNumber: z.string().nullable(),
  /** Checked now, not when the visit was recorded. */
  certificateValid: z.boolean(),
  certificateStatusLabel: z.string(),
  validTo: z.string().nullable(),
});

export const PublicVisitView = z.object({
  entityName: z.string(),
  orgName: z.string(),
  purposeLabel: z.string(),
  startedAt: Instant,
  officers: z.array(PublicVisitOfficerView),
  rated: z.boolean(),
  checkedAt: Instant,
  complaintUrl: z.string(),
});
export type PublicVisit = Wire<typeof PublicVisitView>;
export type PublicVisitOut = z.output<typeof PublicVisitView>;

export const PublicEntityVisitsView = z.object({
  entityName: z.string(),
  visits: z.array(
    z.object({
      startedAt: Instant,
      orgName: z.string(),
      purposeLabel: z.string(),
      officerNames: z.array(z.string()),
      /** The visit's 监督码 (its public page). */
      token: z.string(),
    }),
  ),
});
export type PublicEntityVisitsOut = z.output<typeof PublicEntityVisitsView>;

/** GET /api/v1/entities/:id/code — the entity's code, as printed under the QR code on the sign (to type in). */
export const EntityCodeView = z.object({ token: z.string(), url: z.string() });
export type EntityCode = Wire<typeof EntityCodeView>;

export const RatingAcceptedView = z.object({ rated: z.literal(true) });

// Frequency caps (visit_caps), as data per catalogue item or per org

export const VISIT_CAP_MAX = 100;
const CapCount = (label: string) =>
  z
    .number(`${label}应为正整数`)
    .int(`${label}应为正整数`)
    .min(1, `${label}应为正整数`)
    .max(VISIT_CAP_MAX, `${label}不超过 ${VISIT_CAP_MAX} 次`);

/** Sets the cap of one item or one org (exactly one of the two), replacing the one it had. */
export const VisitCapBody = z
  .object({
    itemId: z.uuid('itemId 必须是 UUID').optional(),
    orgId: z.uuid('orgId 必须是 UUID').optional(),
    /** At most this many counted visits a year per enterprise by orgs of one level of the sector line. */
    perLevel: CapCount('同一层级每年上限'),
    /** At most this many across all levels. */
    acrossLevels: CapCount('各层级合计每年上限'),
    /** The published basis (the document and article), shown in the over_cap note. */
    basis: z.string().trim().min(2, '请写明频次上限的依据').max(300, '依据不超过 300 字'),
  })
  .refine((b) => (b.itemId ? 1 : 0) + (b.orgId ? 1 : 0) === 1, {
    path: ['itemId'],
    message: '请选择一个执法事项或一个单位（二者选一）',
  })
  .refine((b) => b.perLevel <= b.acrossLevels, {
    path: ['perLevel'],
    message: '同一层级的上限不能大于各层级合计的上限',
  });
export type VisitCapBody = z.output<typeof VisitCapBody>;

export const VisitCapView = z.object({
  id: z.uuid(),
  itemId: z.uuid().nullable(),
  itemName: z.string().nullable(),
  orgId: z.uuid().nullable(),
  orgName: z.string().nullable(),
  perLevel: z.number().int(),
  acrossLevels: z.number().int(),
  basis: z.string(),
  updatedAt: Instant,
});
export type VisitCap = Wire<typeof VisitCapView>;
export type VisitCapOut = z.output<typeof VisitCapView>;

export const VisitCapList = z.object({
  data: z.array(VisitCapView),
  /** What applies where no cap is set. */
  default: z.object({ perLevel: z.number().int(), acrossLevels: z.number().int(), basis: z.string() }),
  /** Whether the caller may set caps (the supervising justice department). */
  canEdit: z.boolean(),
});
