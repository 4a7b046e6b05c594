import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { entities } from '../entities/entity-details.api.js';
import { orgs } from '../orgs/orgs.api.js';

/**
 * 入企码: each entity's random code, made the first time someone asks for it (the sign for the premises), so that a
 * library of a million entities costs nothing until a code is printed. Never changes once made.
 */
export const entityCodes = pgTable(
  'entity_codes',
  {
    entityId: uuid('entity_id')
      .primaryKey()
      .references(() => entities.id),
    token: text('token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('entity_codes_token_uq').on(t.token)],
);

/**
 * 扫码入企记录: one row per entry, append-only (a trigger refuses UPDATE and DELETE). The flags are computed when the
 * visit is recorded, against the visits recorded before it; `officer_names` keeps the names as they were.
 */
export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey(),
    /** The visit's 监督码 (/public/visits/<token>). */
    publicToken: text('public_token').notNull(),
    entityId: uuid('entity_id')
      .notNull()
      .references(() => entities.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    /** province | city | county | township, from the org's region (frequency caps count per level). */
    orgLevel: text('org_level').notNull(),
    orgSector: text('org_sector').notNull(),
    officerIds: uuid('officer_ids').array().notNull(),
    officerNames: text('officer_names').array().notNull(),
    purpose: text('purpose').notNull(),
    taskId: uuid('task_id'),
    caseId: uuid('case_id'),
    complaintId: uuid('complaint_id'),
    /** The catalogue item the visit is for (given, or the task's plan's first item, or the case's item); `joint_possible` matches on it. */
    itemId: uuid('item_id'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    recordedBy: uuid('recorded_by').notNull(),
    recordedByName: text('recorded_by_name').notNull(),
    capturedOffline: boolean('captured_offline').notNull(),
    offlineReason: text('offline_reason'),
    /** Counts against the frequency caps (false: case-driven or not an inspection). */
    capCounted: boolean('cap_counted').notNull(),
    capExemption: text('cap_exemption'),
    flags: text('flags').array().notNull(),
    flagNotes: jsonb('flag_notes').$type<Record<string, string>>().notNull(),
  },
  (t) => [
    uniqueIndex('visits_public_token_uq').on(t.publicToken),
    index('visits_entity_idx').on(t.entityId, t.startedAt),
    index('visits_org_idx').on(t.orgId, t.startedAt),
    index('visits_task_idx').on(t.taskId, t.entityId),
    index('visits_flags_idx').using('gin', sql`${t.flags}`),
  ],
);

/**
 * The enterprise's rating of a visit: once per visit (its primary key), append-only. Anonymous to the visited
 * department: no staff view reads it; supervisors get per-org aggregates of at least 5.
 */
export const visitRatings = pgTable(
  'visit_ratings',
  {
    visitId: uuid('visit_id')
      .primaryKey()
      .references(() => visits.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    score: smallint('score').notNull(),
    comment: text('comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('visit_ratings_org_idx').on(t.orgId)],
);

/**
 * Published frequency caps (粤府办〔2025〕15号: bodies publish them): per catalogue item or per org; without a row the
 * default of ≤ 2 per level and ≤ 4 across levels per enterprise per year applies (docs/visits.md).
 */
export const visitCaps = pgTable(
  'visit_caps',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').references(() => orgs.id),
    itemId: uuid('item_id'),
    perLevel: integer('per_level').notNull(),
    acrossLevels: integer('across_levels').notNull(),
    basis: text('basis').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
  },
  (t) => [
    index('visit_caps_org_idx').on(t.orgId),
    index('visit_caps_item_idx').on(t.itemId),
    // one cap per item, one per org (PUT /api/v1/visit-caps replaces it)
    uniqueIndex('visit_caps_item_uq').on(t.itemId).where(sql`${t.itemId} is not null`),
    uniqueIndex('visit_caps_org_uq').on(t.orgId).where(sql`${t.itemId} is null`),
  ],
);
