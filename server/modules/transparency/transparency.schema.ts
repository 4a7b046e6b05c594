import { bigint, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.js';

/** The log's leaves in order: leaf i is the case-record event `eventId`. Append-only (trigger). */
export const transparencyLeaves = pgTable('transparency_leaves', {
  leafIndex: bigint('leaf_index', { mode: 'number' }).primaryKey(),
  eventId: bigint('event_id', { mode: 'number' }).notNull().unique(),
});

/** Every perfect subtree's hash (level 0 = leaf hashes); see merkle-tree.ts. Append-only (trigger). */
export const transparencyNodes = pgTable(
  'transparency_nodes',
  {
    level: integer('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** Signed checkpoints (tree heads). Append-only (trigger). */
export const transparencyCheckpoints = pgTable('transparency_checkpoints', {
  treeSize: bigint('tree_size', { mode: 'number' }).primaryKey(),
  rootHash: text('root_hash').notNull(),
  timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
  signature: text('signature').notNull(),
  keyId: text('key_id').notNull(),
});

/** The log's Ed25519 signing key, generated on first start; the private key sealed with the platform key. */
export const transparencyKeys = pgTable('transparency_keys', {
  keyId: text('key_id').primaryKey(),
  publicKey: bytea('public_key').notNull(),
  privateKeySealed: text('private_key_sealed').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
