import { sql } from 'drizzle-orm';
import { boolean, index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { regions } from '../regions/regions.api.js';

/**
 * 检查对象名录库: one library of inspection targets for every department. The legal representative is a natural
 * person: sealed (AES-256-GCM), a keyed hash for lookups and duplicate checks, and the masked name that is shown.
 */
export const entities = pgTable(
  'entities',
  {
    id: uuid('id').primaryKey(),
    /** 统一社会信用代码 (GB 32100), upper case. */
    uscc: text('uscc').notNull(),
    /** False for a code whose check character does not match (accepted with the `uscc_check_mismatch` warning). */
    usccCheckValid: boolean('uscc_check_valid').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    sectors: text('sectors').array().notNull(),
    address: text('address').notNull(),
    legalRepSealed: text('legal_rep_sealed').notNull(),
    legalRepHash: text('legal_rep_hash').notNull(),
    legalRepMasked: text('legal_rep_masked').notNull(),
    riskClass: text('risk_class').notNull(),
    creditClass: text('credit_class').notNull(),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('entities_uscc_uq').on(t.uscc),
    // prefix search on the USCC and the region subtree (LIKE 'prefix%') whatever the database's collation
    index('entities_uscc_prefix_idx').on(sql`${t.uscc} text_pattern_ops`),
    index('entities_region_idx').on(sql`${t.regionCode} text_pattern_ops`),
    index('entities_name_idx').on(t.name, t.id),
    index('entities_name_trgm_idx').using('gin', sql`${t.name} gin_trgm_ops`),
    // no index on sectors: 13 values, each matching a large share of rows (the planner would scan anyway), and a
    // GIN over them costs an import more than all other indexes together (bench/results/README.md)
  ],
);
