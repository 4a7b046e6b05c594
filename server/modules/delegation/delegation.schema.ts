import { bigserial, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { orgs } from '../orgs/orgs.api.js';

/** 乡镇街道赋权: items handed to townships by an approved, announced decision. */
export const delegations = pgTable(
  'delegations',
  {
    id: uuid('id').primaryKey(),
    /** The items asked for, with the inspection and coercion items that travel with them. */
    itemIds: uuid('item_ids').array().notNull(),
    townshipOrgIds: uuid('township_org_ids').array().notNull(),
    /** The county (6-digit region code) whose government decides. */
    countyRegionCode: text('county_region_code').notNull(),
    reason: text('reason').notNull(),
    status: text('status').notNull(),
    effectiveDate: date('effective_date', { mode: 'string' }),
    proposerOrgId: uuid('proposer_org_id')
      .notNull()
      .references(() => orgs.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('delegations_county_idx').on(t.countyRegionCode)],
);

/** Every step of a delegation, with its meeting, announcement or evaluation data. */
export const delegationSteps = pgTable(
  'delegation_steps',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    delegationId: uuid('delegation_id')
      .notNull()
      .references(() => delegations.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    payload: jsonb('payload').notNull(),
    actorId: uuid('actor_id'),
    orgId: uuid('org_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('delegation_steps_delegation_idx').on(t.delegationId)],
);
