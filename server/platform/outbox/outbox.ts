/**
 * The transactional outbox: `appendMessage(tx, …)` inside the transaction of the write that makes the fact (it commits
 * or rolls back with it); the worker (worker.ts) sends what was committed. Each topic registers how its messages are
 * signed (`registerTopic`), at import time, as procedures register themselves; the platform imports no module.
 */
import { randomUUID } from 'node:crypto';
import { canonicalJson } from '../../../common/canonical-json.js';
import type { Db } from '../../db/client.js';
import type { Sealer } from '../crypto.js';
import { outboxMessages } from './outbox.schema.js';

export type OutboxMessage = typeof outboxMessages.$inferSelect;
export type OutboxState = 'pending' | 'delivered' | 'dead';

export interface OutboxTopic {
  /** zh-CN, for the console (回调投递). */
  label: string;
  /** What a message says, for people (the console's list): no personal data. */
  describe?(body: Record<string, unknown>): string;
  /** The headers to post the message's body with (its signature, made now), or throws: the attempt fails with it. */
  headers(deps: { db: Db; sealer: Sealer }, message: OutboxMessage, now: Date): Promise<Record<string, string>>;
}

const topics = new Map<string, OutboxTopic>();

export function registerTopic(topic: string, def: OutboxTopic): void {
  topics.set(topic, def);
}

export const topicOf = (topic: string): OutboxTopic | undefined => topics.get(topic);

export interface NewMessage {
  topic: string;
  destination: string;
  endpoint: string;
  recordKey: string;
  /** The body's fields; `deliveryId` and `topic` are added, and it is stored as canonical JSON. */
  body: Record<string, unknown>;
}

/** Appends one message in `tx`; it is sent once the transaction has committed. */
export async function appendMessage(tx: Db, m: NewMessage, now: Date): Promise<string> {
  if (!topics.has(m.topic)) throw new Error(`outbox topic ${m.topic} is not registered`);
  const id = randomUUID();
  await tx.insert(outboxMessages).values({
    id,
    topic: m.topic,
    destination: m.destination,
    endpoint: m.endpoint,
    recordKey: m.recordKey,
    body: canonicalJson({ ...m.body, deliveryId: id, topic: m.topic }),
    createdAt: now,
    state: 'pending',
    attempts: 0,
    nextAttemptAt: now,
  });
  return id;
}
