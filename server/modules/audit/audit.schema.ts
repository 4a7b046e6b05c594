import { sql } from 'drizzle-orm';
import { bigserial, check, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * Audit events: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE; see drizzle/0001_*.sql) and
 * hash-chained: `hash` = SHA-256 over the event's canonical form including `prev_hash`.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    actorUsername: text('actor_username'),
    orgId: uuid('org_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    outcome: text('outcome').notNull(),
    code: text('code'),
    /** A short free-text note, e.g. the stated reason of a reveal. Never personal identifiers. */
    detail: text('detail'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorUsername),
    index('audit_events_action_idx').on(t.action),
  ],
);

/**
 * The head of the audit chain: one row (id 1) holding the last event's hash and its predecessor's. Appending an
 * event updates this row (its row lock serialises appends, so the chain never forks) and inserts the event in one
 * statement; see `appendAudit`.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_head_single_row', sql`${t.id} = 1`)],
);
