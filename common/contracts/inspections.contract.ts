/**
 * Contract of 双随机、一公开 (module `inspections`, issue 13): plans `/api/v1/inspection-plans`, tasks
 * `/api/v1/inspection-tasks` with their verifiable draw (commit → draw, common/draw.ts, docs/draw.md), results per
 * drawn target, follow-up re-inspections, declared conflicts `/api/v1/officers/:id/conflicts`, and the public draw
 * record `/api/v1/public/inspection-tasks/:id/draw`. Rules and states: docs/inspections.md.
 */
import { z } from 'zod';
import { parseRatio } from '../draw-input.js';
import {
  DRAW_UNFILLED_CODES,
  ENTITY_KINDS,
  ENTITY_SECTORS,
  FOLLOW_UP_STATUSES,
  GRADE_CLASSES,
  INSPECTION_MODES,
  INSPECTION_OUTCOMES,
  INSPECTION_PLAN_STATUSES,
  INSPECTION_RESULT_KINDS,
  INSPECTION_TASK_STATES,
} from '../enums.js';
import {
  Abilities,
  CivilDate,
  DateString,
  EventTimeString,
  Instant,
  Page,
  PageQuery,
  RegionCode,
  type Wire,
} from './kit.js';

export const PLAN_NAME_MAX = 200;
export const TASK_NAME_MAX = 200;
export const FINDINGS_MAX = 4000;
export const REASON_MAX = 500;
export const PLAN_ORGS_MAX = 16;
export const PLAN_ITEMS_MAX = 100;
/** Longest public seed (code points, docs/draw.md §3); the server normalises it. */
export const PUBLIC_SEED_MAX = 256;

const Grade = z.enum(GRADE_CLASSES);
/** A fraction in [0, 1] with at most 6 decimals (docs/draw.md §3), e.g. 0.05. */
const Ratio = z
  .number({ error: '抽查比例应为 0 到 1 之间的数' })
  .min(0, '抽查比例不能小于 0')
  .max(1, '抽查比例不能大于 1')
  .refine((x) => {
    try {
      parseRatio(x, 'ratio');
      return true;
    } catch {
      return false;
    }
  }, '抽查比例最多 6 位小数');

// ── Requests ──────────────────────────────────────────────────────────────────────────────────────────────

export const TargetFilter = z.object({
  /** Region subtrees (a city's, county's or township's code): an entity lies in one of them. At least one. */
  regionCodes: z.array(RegionCode).min(1, '至少选择一个检查区域').max(200),
  /** Sectors: an entity's sectors overlap these. Empty: any sector. */
  sectors: z.array(z.enum(ENTITY_SECTORS)).max(ENTITY_SECTORS.length),
  /** Entity kinds. Empty: any kind. */
  kinds: z.array(z.enum(ENTITY_KINDS)).max(ENTITY_KINDS.length),
});
export type TargetFilter = z.output<typeof TargetFilter>;

export const Ratios = z.object({ A: Ratio, B: Ratio, C: Ratio, D: Ratio });
export type Ratios = z.output<typeof Ratios>;

export const InspectionPlanCreateBody = z
  .object({
    year: z.number().int().min(2020, '年度应在 2020 年之后').max(2099),
    name: z.string().trim().min(2, '计划名称至少 2 个字').max(PLAN_NAME_MAX),
    /** The departments running it; several = a joint cross-department plan (联合抽查). */
    orgIds: z.array(z.uuid()).min(1, '至少选择一个实施部门').max(PLAN_ORGS_MAX),
    /** Catalogue items of type `inspection` claimed by one of the orgs. */
    itemIds: z.array(z.uuid()).min(1, '至少选择一个抽查事项').max(PLAN_ITEMS_MAX),
    targetFilter: TargetFilter,
    ratios: Ratios,
    inspectorsPerTarget: z.number().int().min(2, '每个检查对象至少选派 2 名检查人员').max(64),
    from: CivilDate(),
    to: CivilDate(),
  })
  .refine((b) => b.from <= b.to, { path: ['to'], message: '计划结束日期不能早于开始日期' });
export type InspectionPlanCreateBody = z.output<typeof InspectionPlanCreateBody>;

export const InspectionPlanListQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2020).max(2099).optional(),
  status: z.enum(INSPECTION_PLAN_STATUSES).optional(),
});
export type InspectionPlanListQuery = z.output<typeof InspectionPlanListQuery>;

export const InspectionTaskCreateBody = z.object({
  planId: z.uuid(),
  name: z.string().trim().min(2, '任务名称至少 2 个字').max(TASK_NAME_MAX),
  /** By when the inspections are to be done (within or after the plan's period). */
  deadline: CivilDate(),
});
export type InspectionTaskCreateBody = z.output<typeof InspectionTaskCreateBody>;

export const InspectionTaskListQuery = PageQuery.extend({
  planId: z.uuid().optional(),
  state: z.enum(INSPECTION_TASK_STATES).optional(),
});
export type InspectionTaskListQuery = z.output<typeof InspectionTaskListQuery>;

/** POST /api/v1/inspection-tasks/:id/draw — the value announced at the ceremony (dice, …). */
export const DrawBody = z.object({
  publicSeed: z
    .string()
    .min(1, '请填写现场公布的公开种子')
    .max(PUBLIC_SEED_MAX * 2),
});
export type DrawBody = z.output<typeof DrawBody>;

export const TargetParams = z.object({ id: z.uuid('id 必须是 UUID'), entityId: z.uuid('entityId 必须是 UUID') });

/** POST /api/v1/inspection-tasks/:id/targets/:entityId/result */
export const InspectionResultBody = z.object({
  inspectedAt: EventTimeString,
  mode: z.enum(INSPECTION_MODES),
  /** Who inspected: the drawn inspectors, or substitutes (then `substitutionReason` is required). ≥ 2. */
  inspectorIds: z.array(z.uuid()).min(2, '检查至少由 2 名执法人员进行').max(64),
  outcome: z.enum(INSPECTION_OUTCOMES),
  findings: z.string().trim().min(2, '请填写检查情况').max(FINDINGS_MAX),
  /** Required for `rectify`: the re-inspection is due after it. */
  rectifyBy: CivilDate().optional(),
  /**
   * Required for `case_opened`: the penalty item (catalogue type `penalty`, claimed by the recording officer's org)
   * of the case registered with source `inspection`.
   */
  caseItemId: z.uuid().optional(),
  /** Required when an inspector is not one of the drawn ones. */
  substitutionReason: z.string().trim().min(2).max(REASON_MAX).optional(),
});
export type InspectionResultBody = z.output<typeof InspectionResultBody>;

/** POST /api/v1/officers/:id/conflicts — a declared conflict of interest (回避) with an entity. */
export const ConflictBody = z.object({
  entityId: z.uuid(),
  reason: z.string().trim().min(2, '请写明利害关系').max(REASON_MAX),
});
export type ConflictBody = z.output<typeof ConflictBody>;

export const LateResultsQuery = PageQuery;
export const FollowUpListQuery = PageQuery.extend({ status: z.enum(FOLLOW_UP_STATUSES).optional() });
export type FollowUpListQuery = z.output<typeof FollowUpListQuery>;

// ── Answers ───────────────────────────────────────────────────────────────────────────────────────────────

const OrgRef = z.object({ id: z.uuid(), name: z.string() });

export const InspectionPlanSummaryView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  name: z.string(),
  status: z.enum(INSPECTION_PLAN_STATUSES),
  orgs: z.array(OrgRef),
  /** Several orgs: a joint cross-department plan. */
  joint: z.boolean(),
  inspectorsPerTarget: z.number().int(),
  from: DateString,
  to: DateString,
  publishedAt: Instant.nullable(),
  taskCount: z.number().int(),
  createdAt: Instant,
  /** `read`, `publish`, `create_task`. */
  abilities: Abilities,
});
export type InspectionPlanSummary = Wire<typeof InspectionPlanSummaryView>;
export type InspectionPlanSummaryOut = z.output<typeof InspectionPlanSummaryView>;
export const InspectionPlanPage = Page(InspectionPlanSummaryView);

export const InspectionPlanView = InspectionPlanSummaryView.extend({
  items: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string() })),
  targetFilter: TargetFilter,
  /** Canonical decimals ("0.05"), as the draw publishes them. */
  ratios: z.object({ A: z.string(), B: z.string(), C: z.string(), D: z.string() }),
  createdByName: z.string(),
});
export type InspectionPlan = Wire<typeof InspectionPlanView>;
export type InspectionPlanOut = z.output<typeof InspectionPlanView>;

export const InspectionTaskSummaryView = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  planName: z.string(),
  name: z.string(),
  deadline: DateString,
  state: z.enum(INSPECTION_TASK_STATES),
  stateLabel: z.string(),
  orgs: z.array(OrgRef),
  joint: z.boolean(),
  /** Drawn targets (0 before the draw). */
  targetCount: z.number().int(),
  /** Targets with a recorded (initial) result. */
  resultCount: z.number().int(),
  /** Results published. */
  publishedCount: z.number().int(),
  committedAt: Instant.nullable(),
  drawnAt: Instant.nullable(),
  createdAt: Instant,
  /** `read`, `commit`, `draw`, `record_result`, `publish_results`, `close` (those the flow and policy allow now). */
  abilities: Abilities,
});
export type InspectionTaskSummary = Wire<typeof InspectionTaskSummaryView>;
export type InspectionTaskSummaryOut = z.output<typeof InspectionTaskSummaryView>;
export const InspectionTaskPage = Page(InspectionTaskSummaryView);

/** What the commit step published before anyone knew the seed (also in the transparency log). */
export const CommitmentView = z.object({
  seedCommitment: z.string(),
  populationHash: z.string(),
  poolHash: z.string(),
  populationSize: z.number().int(),
  poolSize: z.number().int(),
  /** The civil date certificates had to be valid on. */
  drawDate: DateString,
  committedAt: Instant,
});
export type Commitment = Wire<typeof CommitmentView>;

export const DrawClassView = z.object({
  riskClass: Grade,
  size: z.number().int(),
  ratio: z.string(),
  count: z.number().int(),
});

export const DrawSummaryView = z.object({
  algorithm: z.string(),
  publicSeed: z.string(),
  /** Revealed at the draw. */
  serverSeed: z.string(),
  seed: z.string(),
  classes: z.array(DrawClassView),
  drawnAt: Instant,
});
export type DrawSummary = Wire<typeof DrawSummaryView>;

export const UnfilledView = z.object({
  code: z.enum(DRAW_UNFILLED_CODES),
  label: z.string(),
  needed: z.number().int().optional(),
  eligible: z.number().int().optional(),
  /** For `department_uncovered`: the org left uncovered. */
  orgName: z.string().optional(),
  picks: z.number().int().optional(),
});

export const AssignedInspectorView = z.object({
  officerId: z.uuid(),
  name: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  certificateNumber: z.string(),
  /** Counter i of the sampler pick that chose the inspector. */
  pick: z.number().int(),
});
export type AssignedInspector = Wire<typeof AssignedInspectorView>;

export const ResultInspectorView = z.object({
  officerId: z.uuid(),
  name: z.string(),
  orgName: z.string(),
  certificateNumber: z.string().nullable(),
  /** Not one of the drawn inspectors of the target. */
  substituted: z.boolean(),
});

export const InspectionResultView = z.object({
  id: z.uuid(),
  kind: z.enum(INSPECTION_RESULT_KINDS),
  inspectedAt: Instant,
  mode: z.enum(INSPECTION_MODES),
  outcome: z.enum(INSPECTION_OUTCOMES),
  outcomeLabel: z.string(),
  findings: z.string(),
  rectifyBy: DateString.nullable(),
  inspectors: z.array(ResultInspectorView),
  /** Some inspector was substituted (flagged). */
  substituted: z.boolean(),
  substitutionReason: z.string().nullable(),
  /** The penalty case registered for `case_opened` (source `inspection`). */
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable(),
  /** 20 working days after the inspection (《企业信息公示暂行条例》). */
  publishBy: DateString,
  publishedAt: Instant.nullable(),
  /** Not published and publishBy has passed. */
  late: z.boolean(),
  recordedAt: Instant,
  recordedByName: z.string(),
});
export type InspectionResult = Wire<typeof InspectionResultView>;
export type InspectionResultOut = z.output<typeof InspectionResultView>;

export const FollowUpView = z.object({
  id: z.uuid(),
  taskId: z.uuid(),
  taskName: z.string(),
  entityId: z.uuid(),
  entityName: z.string(),
  uscc: z.string(),
  /** The rectification deadline: the re-inspection is due after it. */
  dueFrom: DateString,
  status: z.enum(FOLLOW_UP_STATUSES),
  /** The re-inspection's result once recorded. */
  resultId: z.uuid().nullable(),
  createdAt: Instant,
});
export type FollowUp = Wire<typeof FollowUpView>;
export type FollowUpOut = z.output<typeof FollowUpView>;
export const FollowUpPage = Page(FollowUpView);

export const InspectionTargetView = z.object({
  entityId: z.uuid(),
  uscc: z.string(),
  entityName: z.string(),
  regionName: z.string(),
  riskClass: Grade,
  /** Position in the draw's target list (class A first, then pick order), from 1. */
  position: z.number().int(),
  pick: z.number().int(),
  inspectors: z.array(AssignedInspectorView),
  unfilled: UnfilledView.nullable(),
  results: z.array(InspectionResultView),
  followUp: FollowUpView.nullable(),
  /** `record_result` when a result (initial, or the follow-up's) may be recorded now. */
  abilities: Abilities,
});
export type InspectionTarget = Wire<typeof InspectionTargetView>;
export type InspectionTargetOut = z.output<typeof InspectionTargetView>;

export const InspectionTaskView = InspectionTaskSummaryView.extend({
  planYear: z.number().int(),
  inspectorsPerTarget: z.number().int(),
  commitment: CommitmentView.nullable(),
  draw: DrawSummaryView.nullable(),
  targets: z.array(InspectionTargetView),
  createdByName: z.string(),
});
export type InspectionTask = Wire<typeof InspectionTaskView>;
export type InspectionTaskOut = z.output<typeof InspectionTaskView>;

export const ConflictView = z.object({
  id: z.uuid(),
  officerId: z.uuid(),
  officerName: z.string(),
  entityId: z.uuid(),
  entityName: z.string(),
  uscc: z.string(),
  reason: z.string(),
  declaredAt: Instant,
  declaredByName: z.string(),
});
export type Conflict = Wire<typeof ConflictView>;
export type ConflictOut = z.output<typeof ConflictView>;
export const ConflictList = z.object({
  data: z.array(ConflictView),
  /** What the caller may do with the officer's conflicts (`declare`). */
  abilities: z.array(z.string()),
});

/** A result not published by its publishBy date (the supervisors' list). */
export const LateResultView = z.object({
  resultId: z.uuid(),
  taskId: z.uuid(),
  taskName: z.string(),
  planName: z.string(),
  orgs: z.array(OrgRef),
  entityId: z.uuid(),
  entityName: z.string(),
  uscc: z.string(),
  inspectedAt: Instant,
  publishBy: DateString,
  /** Working days past publishBy. */
  workingDaysLate: z.number().int(),
});
export type LateResult = Wire<typeof LateResultView>;
export type LateResultOut = z.output<typeof LateResultView>;
export const LateResultPage = Page(LateResultView);

/** A target of an entity's detail (GET /api/v1/entities/:id `inspections`). */
export const EntityInspectionView = z.object({
  taskId: z.uuid(),
  taskName: z.string(),
  planName: z.string(),
  orgNames: z.array(z.string()),
  drawnAt: Instant.nullable(),
  riskClass: Grade,
  outcome: z.enum(INSPECTION_OUTCOMES).nullable(),
  outcomeLabel: z.string().nullable(),
  inspectedAt: Instant.nullable(),
  publishedAt: Instant.nullable(),
});
export type EntityInspection = Wire<typeof EntityInspectionView>;
export type EntityInspectionOut = z.output<typeof EntityInspectionView>;

// ── The public draw record (no account) ──────────────────────────────────────────────────────────────────

const Pair = z.object({ certificateNumber: z.string(), uscc: z.string() });

/** common/draw.ts `PublicDraw` (toPublicDraw): everything needed to re-run the draw. No names, no personal data. */
export const PublicDrawRecord = z.object({
  algorithm: z.string(),
  seedCommitment: z.string(),
  populationHash: z.string(),
  poolHash: z.string(),
  serverSeed: z.string(),
  publicSeed: z.string(),
  seed: z.string(),
  ratios: z.object({ A: z.string(), B: z.string(), C: z.string(), D: z.string() }),
  inspectorsPerTarget: z.number().int(),
  departments: z.array(z.string()),
  population: z.array(z.object({ uscc: z.string(), riskClass: Grade })),
  pool: z.array(z.object({ certificateNumber: z.string(), department: z.string() })),
  conflicts: z.array(Pair),
  previousPairs: z.array(Pair),
  classes: z.array(DrawClassView),
  targets: z.array(
    z.object({
      uscc: z.string(),
      riskClass: Grade,
      pick: z.number().int(),
      inspectors: z.array(z.object({ certificateNumber: z.string(), department: z.string(), pick: z.number().int() })),
      unfilled: z
        .object({
          code: z.enum(DRAW_UNFILLED_CODES),
          needed: z.number().int().optional(),
          eligible: z.number().int().optional(),
          department: z.string().optional(),
          picks: z.number().int().optional(),
        })
        .optional(),
    }),
  ),
});
export type PublicDrawRecord = Wire<typeof PublicDrawRecord>;

/** GET /api/v1/public/inspection-tasks/:id/draw — before the draw only the commitment (`record` null). */
export const PublicTaskDrawView = z.object({
  taskId: z.uuid(),
  taskName: z.string(),
  planName: z.string(),
  state: z.enum(INSPECTION_TASK_STATES),
  /** The departments: org id (as in `departments`) and name. */
  orgs: z.array(OrgRef),
  committedAt: Instant.nullable(),
  seedCommitment: z.string().nullable(),
  populationHash: z.string().nullable(),
  poolHash: z.string().nullable(),
  drawnAt: Instant.nullable(),
  record: PublicDrawRecord.nullable(),
});
export type PublicTaskDraw = Wire<typeof PublicTaskDrawView>;
export type PublicTaskDrawOut = z.output<typeof PublicTaskDrawView>;
