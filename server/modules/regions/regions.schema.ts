import { index, pgTable, text } from 'drizzle-orm/pg-core';

/** 行政区划 by GB/T 2260 code (6 digits; townships 9 digits). Reference data, loaded by migration/seed. */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    level: text('level').notNull(),
    parentCode: text('parent_code'),
    /** Where the code comes from: 'GB/T 2260' or 'demo-illustrative' for demo townships. */
    source: text('source').notNull().default('GB/T 2260'),
  },
  (t) => [index('regions_parent_idx').on(t.parentCode)],
);
