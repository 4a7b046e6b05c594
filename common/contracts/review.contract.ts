/**
 * Contract of 案卷评查 (case-file review, issue 15): `/api/v1/reviews/…`. Rubrics are versioned data (veto items,
 * scored criteria with deduction steps, grade bands); a campaign of a supervising body samples the closed files of
 * the orgs it oversees with the verifiable draw (common/review-sample.ts); each sampled file gets two review sheets,
 * pre-filled with what the record proves.
 */
import { z } from 'zod';
import {
  ITEM_TYPES,
  REVIEW_CAMPAIGN_STATES,
  REVIEW_CHECK_RESULTS,
  REVIEW_CHECKS,
  REVIEW_CRITERION_GROUPS,
  REVIEW_VETO_KEYS,
} from '../enums.js';
import { Abilities, CivilDate, DateString, Instant, Page, PageQuery, type Wire } from './kit.js';

export const RUBRIC_NAME_MAX = 100;
export const CAMPAIGN_ORGS_MAX = 200;
export const CAMPAIGN_REVIEWERS_MAX = 100;
export const REVIEW_NOTE_MAX = 2000;
export const THIRD_REVIEW_GAP = 10;

const Key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '标识应为小写字母开头的字母、数字或下划线（最多 40 位）');
/** Points in half-point steps, 0.5 to 100. */
const Points = z
  .number()
  .positive('分值应大于 0')
  .max(100, '分值不超过 100 分')
  .refine((n) => Number.isInteger(n * 2), '分值以 0.5 分为单位');
const Label = (what: string) => z.string().trim().min(2, `${what}至少 2 个字`).max(200);

// ── Rubrics

export const VetoItemInput = z.object({
  key: z.enum(REVIEW_VETO_KEYS),
  label: Label('否决项名称'),
  /** A platform check whose failure sets this veto (the reviewer may override the check). */
  check: z.enum(REVIEW_CHECKS).optional(),
});
export const DeductionInput = z.object({
  key: Key,
  title: Label('扣分项名称'),
  /** Points deducted each time it applies. */
  points: Points,
  check: z.enum(REVIEW_CHECKS).optional(),
});
export const CriterionInput = z.object({
  key: Key,
  group: z.enum(REVIEW_CRITERION_GROUPS),
  title: Label('评查项目名称'),
  points: Points,
  deductions: z.array(DeductionInput).min(1, '每个评查项目至少一个扣分项').max(30),
});
export const GradeBandInput = z.object({
  label: z.string().trim().min(1).max(20),
  /** The least score of the band (inclusive). */
  min: z.number().min(0).max(100),
});

export const RubricBody = z.object({
  name: Label('评查标准名称').max(RUBRIC_NAME_MAX),
  /** A new version of this rubric (same family, version + 1); absent: a new rubric at version 1. */
  basedOnId: z.uuid().optional(),
  vetoItems: z.array(VetoItemInput).min(1, '至少一个否决项').max(30).optional(),
  criteria: z.array(CriterionInput).min(1, '至少一个评查项目').max(50).optional(),
  /** Bands above 不合格, any order (e.g. 优秀 ≥ 90, 合格 ≥ 70); a score below every band is 不合格. */
  grades: z.array(GradeBandInput).min(1, '至少一个等次').max(10).optional(),
});
export type RubricBody = z.output<typeof RubricBody>;
export type VetoItemInput = z.output<typeof VetoItemInput>;
export type CriterionInput = z.output<typeof CriterionInput>;
export type GradeBandInput = z.output<typeof GradeBandInput>;

export const RubricListQuery = PageQuery;

export const RubricSummaryView = z.object({
  id: z.uuid(),
  familyId: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  bodyOrgId: z.uuid(),
  bodyOrgName: z.string(),
  totalPoints: z.number(),
  /** Used by a campaign: no longer edited, a new version is made instead. */
  inUse: z.boolean(),
  createdAt: Instant,
  abilities: Abilities,
});
export type RubricSummary = Wire<typeof RubricSummaryView>;
export type RubricSummaryOut = z.output<typeof RubricSummaryView>;
export const RubricPage = Page(RubricSummaryView);

export const RubricView = RubricSummaryView.extend({
  vetoItems: z.array(VetoItemInput),
  criteria: z.array(CriterionInput),
  grades: z.array(GradeBandInput),
});
export type Rubric = Wire<typeof RubricView>;
export type RubricOut = z.output<typeof RubricView>;

// ── Campaigns

export const SampleInput = z
  .object({
    perOrg: z.number().int().min(1, '每个单位至少抽取 1 宗').max(1000).optional(),
    fraction: z.union([z.number(), z.string()]).optional(),
  })
  .refine(
    (s) => (s.perOrg === undefined) !== (s.fraction === undefined),
    '请填写每单位抽取数 perOrg 或抽取比例 fraction（二选一）',
  );

export const CaseFilterInput = z
  .object({
    kinds: z.array(z.enum(ITEM_TYPES)).min(1, '至少选择一类案件').max(ITEM_TYPES.length),
    closedFrom: CivilDate(),
    closedTo: CivilDate(),
  })
  .refine((f) => f.closedFrom <= f.closedTo, { message: '结案起始日期不能晚于截止日期', path: ['closedTo'] });

export const CampaignCreateBody = z.object({
  year: z.number().int().min(2020, '年度应在 2020 年之后').max(2099),
  name: Label('评查活动名称').max(RUBRIC_NAME_MAX),
  orgIds: z.array(z.uuid()).min(1, '至少选择一个被评查单位').max(CAMPAIGN_ORGS_MAX),
  sample: SampleInput,
  caseFilter: CaseFilterInput,
  rubricId: z.uuid(),
  reviewerIds: z.array(z.uuid()).min(2, '至少选择 2 名评查人员').max(CAMPAIGN_REVIEWERS_MAX),
});
export type CampaignCreateBody = z.output<typeof CampaignCreateBody>;

export const CampaignListQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2020).max(2099).optional(),
  state: z.enum(REVIEW_CAMPAIGN_STATES).optional(),
});
export type CampaignListQuery = z.output<typeof CampaignListQuery>;

export const CampaignDrawBody = z.object({ publicSeed: z.string().max(1024) });
export const ThirdReviewBody = z.object({ fileId: z.uuid(), reviewerId: z.uuid() });
export type ThirdReviewBody = z.output<typeof ThirdReviewBody>;

const OrgRef = z.object({ id: z.uuid(), name: z.string() });
const ReviewerRef = z.object({ id: z.uuid(), name: z.string(), orgName: z.string() });
/** Who may review for the caller's body: active supervisors and legal reviewers in its region. */
export const ReviewerCandidates = z.object({ data: z.array(ReviewerRef.extend({ orgId: z.uuid() })) });

export const SheetSummaryView = z.object({
  id: z.uuid(),
  /** 1 and 2: the two reviews; 3: the third review of a flagged file. */
  round: z.number().int(),
  reviewer: ReviewerRef,
  submittedAt: Instant.nullable(),
  total: z.number().nullable(),
  grade: z.string().nullable(),
  veto: z.boolean().nullable(),
});

export const CampaignFileView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  org: OrgRef,
  pick: z.number().int(),
  sheets: z.array(SheetSummaryView),
  /** The two scores differ by more than 10 points: a third review decides. */
  flagged: z.boolean(),
  finalScore: z.number().nullable(),
  finalGrade: z.string().nullable(),
  finalVeto: z.boolean().nullable(),
});
export type CampaignFile = Wire<typeof CampaignFileView>;

export const CampaignSummaryView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  name: z.string(),
  bodyOrgId: z.uuid(),
  bodyOrgName: z.string(),
  state: z.enum(REVIEW_CAMPAIGN_STATES),
  stateLabel: z.string(),
  orgs: z.array(OrgRef),
  fileCount: z.number().int(),
  createdAt: Instant,
  abilities: Abilities,
});
export type CampaignSummary = Wire<typeof CampaignSummaryView>;
export type CampaignSummaryOut = z.output<typeof CampaignSummaryView>;
export const CampaignPage = Page(CampaignSummaryView);

export const CampaignView = CampaignSummaryView.extend({
  sample: z.object({ perOrg: z.number().int().optional(), fraction: z.string().optional() }),
  caseFilter: z.object({ kinds: z.array(z.enum(ITEM_TYPES)), closedFrom: DateString, closedTo: DateString }),
  rubric: z.object({ id: z.uuid(), name: z.string(), version: z.number().int() }),
  reviewers: z.array(ReviewerRef),
  commitment: z
    .object({
      seedCommitment: z.string(),
      populationHash: z.string(),
      populationSize: z.number().int(),
      committedAt: Instant,
    })
    .nullable(),
  draw: z
    .object({
      algorithm: z.string(),
      publicSeed: z.string(),
      serverSeed: z.string(),
      seed: z.string(),
      drawnAt: Instant,
    })
    .nullable(),
  files: z.array(CampaignFileView),
  createdByName: z.string(),
});
export type Campaign = Wire<typeof CampaignView>;
export type CampaignOut = z.output<typeof CampaignView>;

export const CampaignResultsView = z.object({
  campaignId: z.uuid(),
  grades: z.array(z.string()),
  orgs: z.array(
    z.object({
      org: OrgRef,
      sampled: z.number().int(),
      /** Files with a final score (both reviews in and agreeing, or the third review in). */
      reviewed: z.number().int(),
      average: z.number().nullable(),
      gradeCounts: z.record(z.string(), z.number().int()),
      vetoCount: z.number().int(),
      flagged: z.number().int(),
    }),
  ),
});
export type CampaignResults = Wire<typeof CampaignResultsView>;
export type CampaignResultsOut = z.output<typeof CampaignResultsView>;

// ── The public sample record (anyone re-runs it with common/review-sample.ts)

export const PublicReviewSampleRecord = z.object({
  algorithm: z.string(),
  seedCommitment: z.string(),
  populationHash: z.string(),
  serverSeed: z.string(),
  publicSeed: z.string(),
  seed: z.string(),
  sample: z.union([z.object({ perOrg: z.number().int() }), z.object({ fraction: z.string() })]),
  orgIds: z.array(z.string()),
  population: z.array(z.object({ orgId: z.string(), caseNumber: z.string() })),
  orgs: z.array(
    z.object({
      orgId: z.string(),
      size: z.number().int(),
      count: z.number().int(),
      picks: z.array(z.object({ caseNumber: z.string(), pick: z.number().int() })),
    }),
  ),
});
export const PublicCampaignDrawView = z.object({
  campaignId: z.uuid(),
  name: z.string(),
  bodyOrgName: z.string(),
  state: z.enum(REVIEW_CAMPAIGN_STATES),
  orgs: z.array(OrgRef),
  committedAt: Instant.nullable(),
  seedCommitment: z.string().nullable(),
  populationHash: z.string().nullable(),
  drawnAt: Instant.nullable(),
  record: PublicReviewSampleRecord.nullable(),
});
export type PublicCampaignDraw = Wire<typeof PublicCampaignDrawView>;
export type PublicCampaignDrawOut = z.output<typeof PublicCampaignDrawView>;

// ── Review sheets

export const PrefillView = z.object({
  check: z.enum(REVIEW_CHECKS),
  label: z.string(),
  result: z.enum(REVIEW_CHECK_RESULTS),
  /** What the record shows, in words. */
  detail: z.string(),
  /** The case-record event that proves it (its id and seq in the case's record), when there is one. */
  eventId: z.number().int().nullable(),
  eventSeq: z.number().int().nullable(),
  eventType: z.string().nullable(),
});
export type Prefill = Wire<typeof PrefillView>;
export type PrefillOut = z.output<typeof PrefillView>;

export const CheckAnswer = z
  .object({
    check: z.enum(REVIEW_CHECKS),
    /** Confirms the platform's pre-fill; false overrides it with `result` and a `note`. */
    agree: z.boolean(),
    result: z.enum(REVIEW_CHECK_RESULTS).optional(),
    note: z.string().trim().max(REVIEW_NOTE_MAX).optional(),
  })
  .refine((a) => a.agree || (a.result !== undefined && (a.note?.length ?? 0) >= 2), {
    message: '不同意预填结论时，请选择评查结论并写明理由',
    path: ['note'],
  });
export type CheckAnswer = z.output<typeof CheckAnswer>;

export const SheetSubmitBody = z.object({
  checks: z.array(CheckAnswer).max(REVIEW_CHECKS.length),
  /** Veto items the reviewer finds (besides those set by a failed check). */
  vetoes: z.array(z.enum(REVIEW_VETO_KEYS)).max(REVIEW_VETO_KEYS.length).default([]),
  deductions: z
    .array(z.object({ criterion: Key, deduction: Key, times: z.number().int().min(1).max(100) }))
    .max(500)
    .default([]),
  comment: z.string().trim().max(REVIEW_NOTE_MAX).optional(),
});
export type SheetSubmitBody = z.output<typeof SheetSubmitBody>;

export const SheetListQuery = PageQuery.extend({
  campaignId: z.uuid().optional(),
  /** Only sheets not yet submitted. */
  open: z.enum(['true', 'false']).optional(),
});
export type SheetListQuery = z.output<typeof SheetListQuery>;

export const SheetListItemView = SheetSummaryView.extend({
  campaignId: z.uuid(),
  campaignName: z.string(),
  caseNumber: z.string(),
  caseOrgName: z.string(),
  abilities: Abilities,
});
export type SheetListItem = Wire<typeof SheetListItemView>;
export type SheetListItemOut = z.output<typeof SheetListItemView>;
export const SheetPage = Page(SheetListItemView);

export const SheetView = SheetListItemView.extend({
  fileId: z.uuid(),
  caseId: z.uuid(),
  rubric: RubricView.omit({ abilities: true }),
  prefills: z.array(PrefillView),
  answer: z
    .object({
      checks: z.array(CheckAnswer),
      vetoes: z.array(z.enum(REVIEW_VETO_KEYS)),
      deductions: z.array(z.object({ criterion: z.string(), deduction: z.string(), times: z.number().int() })),
      comment: z.string().optional(),
    })
    .nullable(),
  /** The vetoes that stand (the reviewer's and those of failed checks), and the score per criterion. */
  vetoes: z.array(z.enum(REVIEW_VETO_KEYS)),
  criterionScores: z.array(z.object({ criterion: z.string(), score: z.number() })),
});
export type Sheet = Wire<typeof SheetView>;
export type SheetOut = z.output<typeof SheetView>;
