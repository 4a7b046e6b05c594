import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import type { Tier } from './discretion.rules.js';

/** 行政裁量权基准: a top-level benchmark (parent null) or a county refinement of one. Versions in benchmark_versions. */
export const benchmarks = pgTable(
  'benchmarks',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    ownerOrgId: uuid('owner_org_id')
      .notNull()
      .references(() => orgs.id),
    parentId: uuid('parent_id').references((): AnyPgColumn => benchmarks.id),
    currentVersion: integer('current_version').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('benchmarks_item_idx').on(t.itemId), index('benchmarks_parent_idx').on(t.parentId)],
);

export const benchmarkVersions = pgTable(
  'benchmark_versions',
  {
    benchmarkId: uuid('benchmark_id')
      .notNull()
      .references(() => benchmarks.id),
    version: integer('version').notNull(),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    tiers: jsonb('tiers').$type<Tier[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.benchmarkId, t.version] })],
);
