/**
 * The procedure record (全过程记录) as a platform mechanism: every subject of every procedure (a case, an inspection,
 * a complaint…) has its own chain of events, each hashed over its canonical bytes and the previous event's hash.
 * This file is pure: the event's shape, its bytes, its hash, the next event after a chain's head and the check of a
 * chain. Where the events are stored is an `EventStore` (store.ts); which procedures exist, registry.ts.
 */
import { canonicalJson } from '../../../common/canonical-json.js';
import { sha256Hex } from '../crypto.js';

/** The hash before a chain's first event (and an empty chain's head). */
export const GENESIS_HASH = '0'.repeat(64);

export interface Attachment {
  name: string;
  mime: string;
  size: number;
  sha256: string;
}

/** One step as the module hands it to the record. */
export interface RecordEventInput {
  type: string;
  at: Date;
  actorId: string | null;
  role: string | null;
  orgId: string | null;
  payload: Record<string, unknown>;
  attachments: Attachment[];
  location?: Record<string, unknown> | null;
}

/** The head of a subject's chain: the last event's seq and hash (0 and the genesis hash before any). */
export interface ChainHead {
  seq: number;
  hash: string;
}

export const CHAIN_START: ChainHead = { seq: 0, hash: GENESIS_HASH };

/** Which subject a chain belongs to. */
export interface SubjectRef {
  subjectType: string;
  subjectId: string;
}

/** A stored event, whatever table holds it (store.ts maps each table's row onto this). */
export interface StoredEvent extends SubjectRef {
  /** The row's id in its table (the transparency log's leaves point at it, with the subject type). */
  id: number;
  seq: number;
  type: string;
  at: Date;
  actorId: string | null;
  role: string | null;
  orgId: string | null;
  payload: Record<string, unknown>;
  attachments: Attachment[];
  location: Record<string, unknown> | null;
  prevHash: string;
  hash: string;
}

/** The fields every event's bytes carry after its subject (the same in both byte formats). */
const body = (seq: number, e: RecordEventInput) => ({
  seq,
  type: e.type,
  at: e.at.toISOString(),
  actorId: e.actorId,
  role: e.role,
  orgId: e.orgId,
  payload: e.payload,
  attachments: e.attachments,
  location: e.location ?? null,
});

/**
 * The event's bytes, hashed into the chain: the canonical JSON (RFC 8785) of `{ subjectType, subjectId, seq, type,
 * at, actorId, role, orgId, payload, attachments, location }` (docs/architecture.md, “Procedures”).
 */
export function genericEventBytes(subject: SubjectRef, seq: number, e: RecordEventInput): string {
  return canonicalJson({ subjectType: subject.subjectType, subjectId: subject.subjectId, ...body(seq, e) });
}

/**
 * The penalty cases' bytes, kept as they were before the record became generic so that every stored case chain
 * still verifies: `{ caseId, seq, type, at, … }` (no subject type: the table says it).
 */
export function caseEventBytes(caseId: string, seq: number, e: RecordEventInput): string {
  return canonicalJson({ caseId, ...body(seq, e) });
}

/** `hash = SHA-256(prev_hash ‖ "\n" ‖ bytes)`, lowercase hex. */
export const eventHash = (bytes: string, prevHash: string) => sha256Hex(`${prevHash}\n${bytes}`);

/** How one store encodes its events (generic, or the cases' historical format). */
export type EventBytes = (subject: SubjectRef, seq: number, e: RecordEventInput) => string;

/** The row of the event that follows `head`, hashed: what an append writes. */
export function nextEvent(bytes: EventBytes, subject: SubjectRef, head: ChainHead, e: RecordEventInput) {
  const seq = head.seq + 1;
  return {
    ...subject,
    seq,
    type: e.type,
    at: e.at,
    actorId: e.actorId,
    role: e.role,
    orgId: e.orgId,
    payload: e.payload,
    attachments: e.attachments,
    location: e.location ?? null,
    prevHash: head.hash,
    hash: eventHash(bytes(subject, seq, e), head.hash),
  };
}

export type NextEvent = ReturnType<typeof nextEvent>;

/** The hash a stored event's chain gives it, recomputed from what is stored (its own `hash` column not trusted). */
export const recomputedHash = (bytes: EventBytes, e: StoredEvent) => eventHash(bytes(e, e.seq, e), e.prevHash);

/**
 * The first event of one subject's chain (events in seq order) whose bytes or link do not match, or null when the
 * chain is whole. A gap in seq breaks the chain too (the next event's prev_hash no longer matches).
 */
export function brokenSeqOf(bytes: EventBytes, events: readonly StoredEvent[]): number | null {
  let prev = GENESIS_HASH;
  let seq = 0;
  for (const e of events) {
    seq += 1;
    if (e.seq !== seq || e.prevHash !== prev || eventHash(bytes(e, e.seq, e), prev) !== e.hash) return e.seq;
    prev = e.hash;
  }
  return null;
}

/** The head a chain's events end at. */
export const headOf = (events: readonly StoredEvent[]): ChainHead => {
  const last = events[events.length - 1];
  return last ? { seq: last.seq, hash: last.hash } : CHAIN_START;
};
