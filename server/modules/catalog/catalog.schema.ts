import {
  type AnyPgColumn,
  boolean,
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
import { orgs } from '../orgs/orgs.api.js';

export interface LegalBasis {
  /** The law, regulation or rule, e.g. 《中华人民共和国食品安全法》. */
  law: string;
  /** The article and its text, e.g. 第一百二十四条 …… */
  article: string;
}

/** 行政执法事项: the current version of each item; earlier versions in item_versions. */
export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey(),
    baseCode: text('base_code').notNull(),
    name: text('name').notNull(),
    legalBasis: jsonb('legal_basis').$type<LegalBasis>().notNull(),
    type: text('type').notNull(),
    sector: text('sector').notNull(),
    levels: text('levels').array().notNull(),
    basisLevel: text('basis_level').notNull(),
    status: text('status').notNull(),
    version: integer('version').notNull(),
    townshipGuiding: boolean('township_guiding').notNull().default(false),
    /** On the list of major enforcement decisions (重大执法决定): legal review is required. */
    major: boolean('major').notNull().default(false),
    /** An inspection or coercion item belongs to this penalty item and travels with it. */
    parentItemId: uuid('parent_item_id').references((): AnyPgColumn => items.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('items_base_code_uq').on(t.baseCode),
    index('items_sector_type_idx').on(t.sector, t.type),
    index('items_parent_idx').on(t.parentItemId),
  ],
);

export const itemVersions = pgTable(
  'item_versions',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    version: integer('version').notNull(),
    snapshot: jsonb('snapshot').notNull(),
    changedBy: uuid('changed_by'),
    changedAt: timestamp('changed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.version] })],
);

/** 认领: an org takes an item on its list. */
export const itemClaims = pgTable(
  'item_claims',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    claimedBy: uuid('claimed_by'),
    claimedAt: timestamp('claimed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.orgId] }), index('item_claims_org_idx').on(t.orgId)],
);
