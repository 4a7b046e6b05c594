/**
 * Contract of the annual supervision work plans (行政执法监督工作计划): `/api/v1/supervision/plans`. Each supervising
 * body (a justice department of a county or above) keeps one plan a year; its items name what will be supervised,
 * in which orgs, by when, and how far it has come.
 */
import { z } from 'zod';
import { SUPERVISION_ITEM_KINDS, SUPERVISION_ITEM_STATUSES } from '../enums.js';
import { Abilities, CivilDate, DateString, Instant, Page, PageQuery, type Wire } from './kit.js';

export const PLAN_TITLE_MAX = 200;
export const PLAN_ITEMS_MAX = 100;
export const PLAN_TARGETS_MAX = 200;
export const PROGRESS_NOTE_MAX = 2000;

// Requests

export const PlanItemInput = z.object({
  title: z.string().trim().min(2, '事项名称至少 2 个字').max(PLAN_TITLE_MAX),
  kind: z.enum(SUPERVISION_ITEM_KINDS),
  /** The orgs the item concerns (at least one, each in the body's region). */
  targetOrgIds: z.array(z.uuid()).min(1, '至少选择一个被监督单位').max(PLAN_TARGETS_MAX),
  /** By when, within the plan's year. */
  due: CivilDate(),
});
export type PlanItemInput = z.output<typeof PlanItemInput>;

export const PlanCreateBody = z.object({
  year: z.number().int().min(2020, '年度应在 2020 年之后').max(2099),
  items: z.array(PlanItemInput).min(1, '计划至少包含一个事项').max(PLAN_ITEMS_MAX),
});
export type PlanCreateBody = z.output<typeof PlanCreateBody>;

export const PlanListQuery = PageQuery.extend({
  year: z.coerce.number().int().min(2020).max(2099).optional(),
});
export type PlanListQuery = z.output<typeof PlanListQuery>;

export const PlanItemParams = z.object({ id: z.uuid('id 必须是 UUID'), itemId: z.uuid('itemId 必须是 UUID') });

export const ProgressBody = z.object({
  status: z.enum(SUPERVISION_ITEM_STATUSES),
  note: z.string().trim().min(2, '请写明进展情况').max(PROGRESS_NOTE_MAX),
});
export type ProgressBody = z.output<typeof ProgressBody>;

// Answers

export const ProgressEntryView = z.object({
  at: Instant,
  status: z.enum(SUPERVISION_ITEM_STATUSES),
  note: z.string(),
  byName: z.string(),
});

export const PlanItemView = z.object({
  id: z.uuid(),
  position: z.number().int(),
  title: z.string(),
  kind: z.enum(SUPERVISION_ITEM_KINDS),
  targets: z.array(z.object({ id: z.uuid(), name: z.string() })),
  due: DateString,
  status: z.enum(SUPERVISION_ITEM_STATUSES),
  /** Not done and the due date has passed (Asia/Shanghai). */
  overdue: z.boolean(),
  progress: z.array(ProgressEntryView),
});
export type PlanItem = Wire<typeof PlanItemView>;

export const PlanSummaryView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  bodyOrgId: z.uuid(),
  bodyOrgName: z.string(),
  itemCount: z.number().int(),
  doneCount: z.number().int(),
  overdueCount: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
  abilities: Abilities,
});
export type PlanSummary = Wire<typeof PlanSummaryView>;
export type PlanSummaryOut = z.output<typeof PlanSummaryView>;
export const PlanPage = Page(PlanSummaryView);

export const PlanView = PlanSummaryView.extend({ items: z.array(PlanItemView) });
export type Plan = Wire<typeof PlanView>;
export type PlanOut = z.output<typeof PlanView>;
