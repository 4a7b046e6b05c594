import {
  boolean,
  foreignKey,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { entities } from '../entities/entity-details.api.js';
import { officers } from '../personnel/personnel.api.js';

/**
 * 抽查计划: one or several departments (joint plan), the items (catalogue type `inspection`), the target filter, the
 * ratio per risk class (canonical decimals) and how many inspectors a target gets. Published before tasks draw.
 */
export const inspectionPlans = pgTable(
  'inspection_plans',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    orgIds: uuid('org_ids').array().notNull(),
    itemIds: uuid('item_ids').array().notNull(),
    targetFilter: jsonb('target_filter')
      .$type<{ regionCodes: string[]; sectors: string[]; kinds: string[] }>()
      .notNull(),
    ratios: jsonb('ratios').$type<Record<'A' | 'B' | 'C' | 'D', string>>().notNull(),
    inspectorsPerTarget: integer('inspectors_per_target').notNull(),
    from: date('from', { mode: 'string' }).notNull(),
    to: date('to', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [index('inspection_plans_year_idx').on(t.year)],
);

/**
 * 抽查任务. Its steps are a procedure record (subject type `inspection`, procedure_events); this row keeps what the
 * steps froze: the commitment (the server seed sealed until the draw reveals it) and the draw's seeds.
 */
export const inspectionTasks = pgTable(
  'inspection_tasks',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => inspectionPlans.id),
    name: text('name').notNull(),
    deadline: date('deadline', { mode: 'string' }).notNull(),
    orgIds: uuid('org_ids').array().notNull(),
    /** Projection of the procedure head's state, for lists. */
    state: text('state').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
    serverSeedSealed: text('server_seed_sealed'),
    drawDate: date('draw_date', { mode: 'string' }),
    seedCommitment: text('seed_commitment'),
    populationHash: text('population_hash'),
    poolHash: text('pool_hash'),
    populationSize: integer('population_size'),
    poolSize: integer('pool_size'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    /** Revealed at the draw. */
    serverSeed: text('server_seed'),
    publicSeed: text('public_seed'),
    seed: text('seed'),
    classes: jsonb('classes').$type<{ riskClass: string; size: number; ratio: string; count: number }[]>(),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
  },
  (t) => [index('inspection_tasks_plan_idx').on(t.planId, t.createdAt)],
);

/** Columns referencing the task, the entity and the officer (the same in every table below). */
const taskRef = () =>
  uuid('task_id')
    .notNull()
    .references(() => inspectionTasks.id);
const entityRef = () =>
  uuid('entity_id')
    .notNull()
    .references(() => entities.id);
const officerRef = () =>
  uuid('officer_id')
    .notNull()
    .references(() => officers.id);

/**
 * The frozen population of a task, in draw order (ascending USCC), in chunks of {@link POPULATION_CHUNK} entities:
 * `entries` is 19 characters per entity (its USCC and its risk class letter), `entityIds` the entities' ids in the
 * same order. Millions of entities are written by the commit step as a few rows (one `INSERT … SELECT` on the
 * server) and read back by the draw as a few texts instead of millions of rows (bench/results/README.md).
 */
export const inspectionPopulation = pgTable(
  'inspection_population_chunks',
  {
    taskId: taskRef(),
    /** From 0: the chunk's first entity is at position chunk × POPULATION_CHUNK + 1. */
    chunk: integer('chunk').notNull(),
    entries: text('entries').notNull(),
    entityIds: uuid('entity_ids').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.chunk] })],
);
/** Entities per row of the frozen population. */
export const POPULATION_CHUNK = 100_000;

/** The frozen inspector pool, in draw order (ascending certificate number). */
export const inspectionPool = pgTable(
  'inspection_pool',
  {
    taskId: taskRef(),
    position: integer('position').notNull(),
    officerId: officerRef(),
    certificateNumber: text('certificate_number').notNull(),
    orgId: uuid('org_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.position] })],
);

/** The frozen exclusions: declared conflicts and the previous task's pairs (`conflict` | `previous`). */
export const inspectionPairs = pgTable(
  'inspection_pairs',
  {
    taskId: taskRef(),
    kind: text('kind').notNull(),
    certificateNumber: text('certificate_number').notNull(),
    uscc: text('uscc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.taskId, t.kind, t.certificateNumber, t.uscc] })],
);

/** The drawn targets, in the draw's order (`position` from 1). */
export const inspectionTargets = pgTable(
  'inspection_targets',
  {
    taskId: taskRef(),
    entityId: entityRef(),
    position: integer('position').notNull(),
    uscc: text('uscc').notNull(),
    riskClass: text('risk_class').notNull(),
    pick: integer('pick').notNull(),
    unfilled: jsonb('unfilled').$type<Record<string, unknown>>(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.entityId] }),
    uniqueIndex('inspection_targets_position_uq').on(t.taskId, t.position),
    index('inspection_targets_entity_idx').on(t.entityId),
  ],
);

/**
 * The inspectors drawn for each target, in acceptance order. An assignment belongs to its target (one foreign key
 * to it instead of one to the task and one to the entity, which the target's own keys guarantee: a check per row
 * fewer when a draw stores hundreds of thousands).
 */
export const inspectionAssignments = pgTable(
  'inspection_assignments',
  {
    taskId: uuid('task_id').notNull(),
    entityId: uuid('entity_id').notNull(),
    position: integer('position').notNull(),
    officerId: officerRef(),
    certificateNumber: text('certificate_number').notNull(),
    orgId: uuid('org_id').notNull(),
    pick: integer('pick').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.entityId, t.position] }),
    foreignKey({
      columns: [t.taskId, t.entityId],
      foreignColumns: [inspectionTargets.taskId, inspectionTargets.entityId],
    }),
  ],
);

/** A target's results: the drawn inspection (`initial`) and the re-inspection after `rectify` (`follow_up`). */
export const inspectionResults = pgTable(
  'inspection_results',
  {
    id: uuid('id').primaryKey(),
    taskId: taskRef(),
    entityId: entityRef(),
    kind: text('kind').notNull(),
    inspectedAt: timestamp('inspected_at', { withTimezone: true }).notNull(),
    mode: text('mode').notNull(),
    outcome: text('outcome').notNull(),
    findings: text('findings').notNull(),
    rectifyBy: date('rectify_by', { mode: 'string' }),
    inspectorIds: uuid('inspector_ids').array().notNull(),
    substituted: boolean('substituted').notNull(),
    substitutionReason: text('substitution_reason'),
    caseId: uuid('case_id'),
    publishBy: date('publish_by', { mode: 'string' }).notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
  },
  (t) => [
    uniqueIndex('inspection_results_target_kind_uq').on(t.taskId, t.entityId, t.kind),
    index('inspection_results_late_idx').on(t.publishBy),
    index('inspection_results_case_idx').on(t.caseId),
  ],
);

/** 整改复查: the re-inspection a `rectify` result calls for, due from the rectification deadline. */
export const inspectionFollowUps = pgTable(
  'inspection_follow_ups',
  {
    id: uuid('id').primaryKey(),
    taskId: taskRef(),
    entityId: entityRef(),
    resultId: uuid('result_id')
      .notNull()
      .references(() => inspectionResults.id),
    dueFrom: date('due_from', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    followUpResultId: uuid('follow_up_result_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('inspection_follow_ups_target_uq').on(t.taskId, t.entityId)],
);

/** 利害关系回避: an officer's declared conflict of interest with an entity (excluded from its draws). */
export const officerConflicts = pgTable(
  'officer_conflicts',
  {
    id: uuid('id').primaryKey(),
    officerId: officerRef(),
    entityId: entityRef(),
    reason: text('reason').notNull(),
    declaredAt: timestamp('declared_at', { withTimezone: true }).notNull(),
    declaredBy: uuid('declared_by').notNull(),
    declaredByName: text('declared_by_name').notNull(),
  },
  (t) => [uniqueIndex('officer_conflicts_pair_uq').on(t.officerId, t.entityId)],
);
