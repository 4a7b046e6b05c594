/**
 * The transactional outbox (docs/exchange.md): a message is appended by the write that makes the fact, in the same
 * transaction, and sent later by the worker (worker.ts). Nothing is sent from inside a request.
 */
import { bigserial, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const outboxMessages = pgTable(
  'outbox_messages',
  {
    /** Order of appending: the worker keeps it per record key. */
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    /** The delivery's id, sent with it (`X-Zhifa-Delivery`, body `deliveryId`): receivers drop a repeat by it. */
    id: uuid('id').notNull().unique(),
    /** What kind of fact (`complaint.status`); the topic's sender (topics.ts) knows how to sign and post it. */
    topic: text('topic').notNull(),
    /** Who receives it (the 12345 client's id): the figures per receiver are grouped by it. */
    destination: text('destination').notNull(),
    /** Where it is posted, as configured when the fact was made. */
    endpoint: text('endpoint').notNull(),
    /** The record the fact is about (`complaint:<id>`): its messages are delivered one after the other, in order. */
    recordKey: text('record_key').notNull(),
    /** The body as sent: canonical JSON (RFC 8785), the bytes that are signed. */
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    /** pending | delivered | dead */
    state: text('state').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** A worker's claim: no other worker takes the message before the lease ends. */
    leaseOwner: text('lease_owner'),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    /** The HTTP status of the last answer (null: no answer — refused connection, timeout). */
    lastStatus: integer('last_status'),
    /** What went wrong last: the receiver's answer (first 2,000 characters) or the network error. */
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    index('outbox_due_idx').on(t.state, t.nextAttemptAt),
    index('outbox_record_idx').on(t.recordKey, t.seq),
    index('outbox_destination_idx').on(t.destination, t.state),
  ],
);
