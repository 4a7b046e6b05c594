/**
 * 全过程记录 of the penalty cases, on the platform's procedure record (server/platform/procedure/): each case step
 * appends an event chained by hash to the case's previous event. The cases keep their own table `case_events`
 * (append-only by trigger; head on the `cases` row) and the byte format their stored chains were hashed with
 * (`caseEventBytes`); `caseStore` tells the platform — the transparency log, zhifa verify — how to read it.
 */
import { asc, eq } from 'drizzle-orm';
import { canonicalJson } from '../../../common/canonical-json.js';
import type { Db } from '../../db/client.js';
import {
  type ChainHead,
  type RecordEventInput,
  type StoredEvent,
  brokenSeqOf,
  caseEventBytes,
  eventHash,
  nextEvent,
} from '../../platform/procedure/record.js';
import type { EventStore } from '../../platform/procedure/store.js';
import { caseEvents, cases } from './cases.schema.js';

export const CASE_SUBJECT = 'case';

export type CaseEventInput = RecordEventInput;
export type CaseHead = ChainHead;
type CaseEventRow = typeof caseEvents.$inferSelect;

/** Canonical JSON (shared with the transparency log and the browser): the same event always hashes the same. */
export { canonicalJson, eventHash };

/** A case event's bytes (the historical format: `{ caseId, seq, … }`). */
export const eventBytes = (caseId: string, seq: number, e: CaseEventInput) => caseEventBytes(caseId, seq, e);

/** A `case_events` row as the platform's stored event. */
export const storedCaseEvent = (r: CaseEventRow): StoredEvent => ({
  id: r.id,
  subjectType: CASE_SUBJECT,
  subjectId: r.caseId,
  seq: r.seq,
  type: r.type,
  at: r.at,
  actorId: r.actorId,
  role: r.role,
  orgId: r.orgId,
  payload: r.payload as Record<string, unknown>,
  attachments: r.attachments,
  location: (r.location as Record<string, unknown> | null) ?? null,
  prevHash: r.prevHash,
  hash: r.hash,
});

/** The cases' event store: `case_events`, one subject type, the cases' byte format. */
export const caseStore: EventStore = {
  name: 'case_events',
  table: caseEvents,
  columns: { id: caseEvents.id, subjectId: caseEvents.caseId, seq: caseEvents.seq },
  ofType: () => undefined,
  toStored: (row) => storedCaseEvent(row as CaseEventRow),
  bytes: (subject, seq, e) => caseEventBytes(subject.subjectId, seq, e),
};

/** The row of the event that follows `head`, hashed (the platform's `nextEvent` with the cases' columns). */
export function nextCaseEvent(caseId: string, head: CaseHead, e: CaseEventInput) {
  const {
    subjectType: _t,
    subjectId: _s,
    ...event
  } = nextEvent(caseStore.bytes, { subjectType: CASE_SUBJECT, subjectId: caseId }, head, e);
  return { caseId, ...event };
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

/** The first event of one case's chain whose bytes or link do not match, or null (the platform's check). */
export const brokenCaseSeq = (events: readonly CaseEventRow[]): number | null =>
  brokenSeqOf(caseStore.bytes, events.map(storedCaseEvent));

/** Recomputes one case's chain; the first event whose bytes or link do not match is named. */
export async function verifyCaseChain(
  db: Db,
  caseId: string,
): Promise<{ ok: true; events: number } | { ok: false; brokenSeq: number }> {
  const events = await caseEventsOf(db, caseId);
  const broken = brokenCaseSeq(events);
  return broken === null ? { ok: true, events: events.length } : { ok: false, brokenSeq: broken };
}
