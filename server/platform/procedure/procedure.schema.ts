/**
 * The generic procedure record's tables, for every procedure that does not keep its events in a table of its own
 * (the penalty cases keep theirs in `case_events`, see docs/architecture.md "The procedure record").
 */
import { bigserial, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import type { Attachment } from './record.js';

/**
 * 全过程记录 of any subject type: append-only (trigger), each event chained to its subject's previous one by hash
 * (`hash = SHA-256(prev_hash ‖ "\n" ‖ canonical event)`, record.ts `genericEventBytes`).
 */
export const procedureEvents = pgTable(
  'procedure_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: text('actor_id'),
    role: text('role'),
    orgId: text('org_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull(),
    location: jsonb('location').$type<Record<string, unknown> | null>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('procedure_events_subject_seq_uq').on(t.subjectType, t.subjectId, t.seq)],
);

/**
 * The head of each generic subject's chain (seq and hash of its last event) and its procedure state; the append
 * locks this row, so concurrent steps of one subject queue and never fork its chain. Never deleted (trigger).
 */
export const procedureHeads = pgTable(
  'procedure_heads',
  {
    subjectType: text('subject_type').notNull(),
    subjectId: text('subject_id').notNull(),
    state: text('state'),
    lastEventSeq: integer('last_event_seq').notNull().default(0),
    lastEventHash: text('last_event_hash')
      .notNull()
      .default('0000000000000000000000000000000000000000000000000000000000000000'),
  },
  (t) => [primaryKey({ columns: [t.subjectType, t.subjectId] })],
);
