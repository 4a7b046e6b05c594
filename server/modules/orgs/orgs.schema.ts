import { type AnyPgColumn, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from '../regions/regions.api.js';

/** 行政执法主体 / 部门. */
export const orgs = pgTable(
  'orgs',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    sector: text('sector').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    parentId: uuid('parent_id').references((): AnyPgColumn => orgs.id),
    uscc: text('uscc'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('orgs_name_uq').on(t.name),
    uniqueIndex('orgs_uscc_uq').on(t.uscc),
    index('orgs_region_idx').on(t.regionCode),
    index('orgs_parent_idx').on(t.parentId),
  ],
);
