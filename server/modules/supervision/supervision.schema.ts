import { date, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.api.js';

/** 行政执法监督工作计划: one a year per supervising body (a justice department of a county or above). */
export const supervisionPlans = pgTable(
  'supervision_plans',
  {
    id: uuid('id').primaryKey(),
    bodyOrgId: uuid('body_org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (t) => [uniqueIndex('supervision_plans_body_year_uq').on(t.bodyOrgId, t.year)],
);

/** The items of a plan, in order: what is supervised, in which orgs, by when, and where it stands. */
export const supervisionPlanItems = pgTable(
  'supervision_plan_items',
  {
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => supervisionPlans.id),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    kind: text('kind').notNull(),
    targetOrgIds: uuid('target_org_ids').array().notNull(),
    due: date('due', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('supervision_plan_items_position_uq').on(t.planId, t.position)],
);

/** Dated progress reports of an item, append-only: who reported what, when. */
export const supervisionProgress = pgTable(
  'supervision_progress',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => supervisionPlanItems.id),
    /** 1, 2, … per item, in the order reported (the item row is locked while a report is added). */
    seq: integer('seq').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    status: text('status').notNull(),
    note: text('note').notNull(),
    byUserId: uuid('by_user_id').notNull(),
    byName: text('by_name').notNull(),
  },
  (t) => [uniqueIndex('supervision_progress_item_seq_uq').on(t.itemId, t.seq)],
);
