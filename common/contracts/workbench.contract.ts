/** Contract of the workbench (工作台 / 我的待办): `/api/v1/me/tasks`. */
import { z } from 'zod';
import { CASE_ACTIONS } from '../case-flow.js';
import { DateString, type Wire } from './kit.js';

export const TASK_KINDS = ['step', 'deadline', 'publish', 'overdue_case', 'late_publication'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

// Answers

/** One entry of GET /api/v1/me/tasks. */
export const TaskView = z.object({
  kind: z.enum(TASK_KINDS),
  caseId: z.uuid(),
  number: z.string().nullable(),
  partyName: z.string(),
  orgName: z.string(),
  itemName: z.string().nullable(),
  stateLabel: z.string(),
  /** The step to take (for `step`), else null. */
  action: z.enum(CASE_ACTIONS).nullable(),
  /** In plain words: what to do. */
  title: z.string(),
  /** Why, and until when. */
  reason: z.string(),
  /** The moment (ISO 8601) or civil date (YYYY-MM-DD) it is due by, if any. */
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  /** The console page of the record. */
  href: z.string(),
});
/** A task as the console reads it. */
export type Task = Wire<typeof TaskView>;
/** A task as the handler builds it. */
export type TaskOut = z.output<typeof TaskView>;

/** GET /api/v1/me/tasks: every task (no paging), with the day it was computed for and the deadline horizon. */
export const TaskList = z.object({
  data: z.array(TaskView),
  total: z.number().int(),
  /** Today in Asia/Shanghai. */
  today: DateString,
  /** The last day (DEADLINE_WORKING_DAYS working days ahead) a decision deadline is listed up to. */
  deadlineHorizon: DateString,
});
export type TaskListOut = z.output<typeof TaskList>;
