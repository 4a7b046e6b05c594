/**
 * 全过程记录: each case step appends an event chained by hash to the case's previous event. The table refuses
 * UPDATE and DELETE (trigger); `verifyCaseChain` recomputes a case's chain.
 */
import { asc, eq } from 'drizzle-orm';
import { canonicalJson } from '../../../common/canonical-json.js';
import type { Db } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { GENESIS_HASH } from '../audit/audit.service.js';
import { caseEvents, cases } from './cases.schema.js';

export interface CaseEventInput {
  type: string;
  at: Date;
  actorId: string | null;
  role: string | null;
  orgId: string | null;
  payload: Record<string, unknown>;
  attachments: { name: string; mime: string; size: number; sha256: string }[];
  location?: Record<string, unknown> | null;
}

/** Canonical JSON (shared with the transparency log and the browser): the same event always hashes the same. */
export { canonicalJson };

export function eventBytes(caseId: string, seq: number, e: CaseEventInput): string {
  return canonicalJson({
    caseId,
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
}

export const eventHash = (bytes: string, prevHash: string) => sha256Hex(`${prevHash}\n${bytes}`);

/** The head of a case's chain, kept on its `cases` row: the last event's seq and hash (0 and genesis before any). */
export interface CaseHead {
  seq: number;
  hash: string;
}

/** The row of the event that follows `head`, hashed. */
export function nextCaseEvent(caseId: string, head: CaseHead, e: CaseEventInput) {
  const seq = head.seq + 1;
  const hash = eventHash(eventBytes(caseId, seq, e), head.hash);
  return {
    caseId,
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
    hash,
  };
}

/**
 * Appends within the caller's transaction: locks the case row (the caller may already hold it), reads the chain's
 * head from it, inserts the event and moves the head. The case actions write the event and the case change in one
 * statement instead (cases.service.ts), from the head on the row they locked.
 */
export async function appendCaseEvent(tx: Db, caseId: string, e: CaseEventInput) {
  const [head] = await tx
    .select({ seq: cases.lastEventSeq, hash: cases.lastEventHash })
    .from(cases)
    .where(eq(cases.id, caseId))
    .for('update');
  if (!head) throw new Error(`case ${caseId} does not exist`);
  const next = nextCaseEvent(caseId, head, e);
  const moveHead = tx
    .$with('move_head', {})
    .as(
      tx.update(cases).set({ lastEventSeq: next.seq, lastEventHash: next.hash }).where(eq(cases.id, caseId)).getSQL(),
    );
  const [row] = await tx.with(moveHead).insert(caseEvents).values(next).returning();
  return row;
}

export async function caseEventsOf(db: Db, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
}

/** Recomputes one case's chain; the first event whose bytes or link do not match is named. */
export async function verifyCaseChain(
  db: Db,
  caseId: string,
): Promise<{ ok: true; events: number } | { ok: false; brokenSeq: number }> {
  let prev = GENESIS_HASH;
  const events = await caseEventsOf(db, caseId);
  for (const e of events) {
    const bytes = eventBytes(caseId, e.seq, {
      type: e.type,
      at: e.at,
      actorId: e.actorId,
      role: e.role,
      orgId: e.orgId,
      payload: e.payload as Record<string, unknown>,
      attachments: e.attachments,
      location: e.location as Record<string, unknown> | null,
    });
    if (e.prevHash !== prev || eventHash(bytes, prev) !== e.hash) return { ok: false, brokenSeq: e.seq };
    prev = e.hash;
  }
  return { ok: true, events: events.length };
}
