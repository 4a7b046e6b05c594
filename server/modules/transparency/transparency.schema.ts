import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.js';

/**
 * The log's leaves in order: leaf i is the record event `eventId` of a subject of type `subjectType` (its id in that
 * procedure's event store), encoded in leaf format `leafVersion` (docs/publicity.md: 1 = the case leaves logged
 * before the record became generic, 2 = every leaf since). Append-only (trigger).
 */
export const transparencyLeaves = pgTable(
  'transparency_leaves',
  {
    leafIndex: bigint('leaf_index', { mode: 'number' }).primaryKey(),
    eventId: bigint('event_id', { mode: 'number' }).notNull(),
    subjectType: text('subject_type').notNull().default('case'),
    leafVersion: smallint('leaf_version').notNull().default(1),
  },
  (t) => [uniqueIndex('transparency_leaves_subject_event_uq').on(t.subjectType, t.eventId)],
);

/** Every perfect subtree's hash (level 0 = leaf hashes); see merkle-tree.ts. Append-only (trigger). */
export const transparencyNodes = pgTable(
  'transparency_nodes',
  {
    level: integer('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.level, t.idx] }),
    // the sequencer looks a new event's leaf hash up here: an event already logged is never appended again
    index('transparency_nodes_leaf_hash_idx').on(t.hash).where(sql`${t.level} = 0`),
  ],
);

/**
 * Signed checkpoints (tree heads), in signing order (`id`). Each commits to the tree and — since v2 — to the audit
 * chain's head at that moment (`audit_seq`, `audit_hash`; null in v1 checkpoints and before the first audit event).
 * Append-only (trigger).
 */
export const transparencyCheckpoints = pgTable(
  'transparency_checkpoints',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
    rootHash: text('root_hash').notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    auditSeq: bigint('audit_seq', { mode: 'number' }),
    auditHash: text('audit_hash'),
    signature: text('signature').notNull(),
    keyId: text('key_id').notNull(),
  },
  (t) => [index('transparency_checkpoints_tree_size_idx').on(t.treeSize)],
);

/** The log's Ed25519 signing key, generated on first start; the private key sealed with the platform key. */
export const transparencyKeys = pgTable('transparency_keys', {
  keyId: text('key_id').primaryKey(),
  publicKey: bytea('public_key').notNull(),
  privateKeySealed: text('private_key_sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
