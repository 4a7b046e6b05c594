/**
 * Where a procedure's events are stored. A store is a table of hash-chained events plus how to read its rows as
 * `StoredEvent`s and how its events are encoded for their hash. Two kinds exist:
 *
 * - the generic store (`procedure_events`, heads in `procedure_heads`): any module that declares a procedure gets
 *   it without a table of its own; `appendEvent` locks the subject's head row, inserts the event and moves the head;
 * - a module's own table, when the module has one already and must keep its stored chains: the penalty cases'
 *   `case_events` (cases/case-procedure.ts), with the head on the `cases` row and the historical byte format.
 *
 * The transparency log and `zhifa verify` read every store through this interface only.
 */
import { type SQL, and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import { procedureEvents, procedureHeads } from './procedure.schema.js';
import {
  type ChainHead,
  type EventBytes,
  type NextEvent,
  type RecordEventInput,
  type StoredEvent,
  type SubjectRef,
  genericEventBytes,
  nextEvent,
} from './record.js';

export interface EventStore {
  /** The table's SQL name, for messages. */
  readonly name: string;
  readonly table: PgTable;
  readonly columns: { id: AnyPgColumn; subjectId: AnyPgColumn; seq: AnyPgColumn };
  /** The condition selecting one subject type's events (undefined when the table holds one type only). */
  ofType(subjectType: string): SQL | undefined;
  /** A row of the table (as `db.select().from(table)` gives it) as a stored event. */
  toStored(row: Record<string, unknown>, subjectType: string): StoredEvent;
  /** What the store's event hashes cover. */
  readonly bytes: EventBytes;
}

/** Events of these subjects, by subject then seq. */
export async function eventsOfSubjects(
  db: Db,
  store: EventStore,
  subjectType: string,
  subjectIds: readonly string[],
): Promise<StoredEvent[]> {
  if (subjectIds.length === 0) return [];
  const rows = await db
    .select()
    .from(store.table)
    .where(and(store.ofType(subjectType), inArray(store.columns.subjectId, [...subjectIds])))
    .orderBy(asc(store.columns.subjectId), asc(store.columns.seq));
  return (rows as Record<string, unknown>[]).map((r) => store.toStored(r, subjectType));
}

/** Events by their ids in the store. */
export async function eventsByIds(
  db: Db,
  store: EventStore,
  subjectType: string,
  ids: readonly number[],
): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select()
    .from(store.table)
    .where(and(store.ofType(subjectType), inArray(store.columns.id, [...ids])));
  return (rows as Record<string, unknown>[]).map((r) => store.toStored(r, subjectType));
}

// ── the generic store ──

type GenericRow = typeof procedureEvents.$inferSelect;

export const genericStore: EventStore = {
  name: 'procedure_events',
  table: procedureEvents,
  columns: { id: procedureEvents.id, subjectId: procedureEvents.subjectId, seq: procedureEvents.seq },
  ofType: (subjectType) => eq(procedureEvents.subjectType, subjectType),
  toStored: (row) => {
    const r = row as GenericRow;
    return { ...r, location: r.location ?? null };
  },
  bytes: genericEventBytes,
};

/** The subject's head row, locked for the rest of the transaction (created, at the chain's start, if missing). */
export async function lockHead(
  tx: Db,
  subject: SubjectRef,
): Promise<ChainHead & { state: string | null; created: boolean }> {
  const inserted = await tx
    .insert(procedureHeads)
    .values({ subjectType: subject.subjectType, subjectId: subject.subjectId })
    .onConflictDoNothing()
    .returning({ seq: procedureHeads.lastEventSeq });
  const [head] = await tx
    .select({ seq: procedureHeads.lastEventSeq, hash: procedureHeads.lastEventHash, state: procedureHeads.state })
    .from(procedureHeads)
    .where(and(eq(procedureHeads.subjectType, subject.subjectType), eq(procedureHeads.subjectId, subject.subjectId)))
    .for('update');
  if (!head) throw new Error(`procedure head ${subject.subjectType}/${subject.subjectId} missing`);
  return { ...head, created: inserted.length > 0 };
}

/**
 * Appends one event to a generic subject's chain within the caller's transaction: locks the head, inserts the event
 * after it and moves the head (and the state, when given) in one statement. Returns the stored event.
 */
export async function appendEvent(
  tx: Db,
  subject: SubjectRef,
  e: RecordEventInput,
  opts: { state?: string | null } = {},
): Promise<StoredEvent> {
  const head = await lockHead(tx, subject);
  const next: NextEvent = nextEvent(genericEventBytes, subject, head, e);
  const moveHead = tx.$with('move_head', {}).as(
    tx
      .update(procedureHeads)
      .set({
        lastEventSeq: next.seq,
        lastEventHash: next.hash,
        ...(opts.state !== undefined ? { state: opts.state } : {}),
      })
      .where(and(eq(procedureHeads.subjectType, subject.subjectType), eq(procedureHeads.subjectId, subject.subjectId)))
      .getSQL(),
  );
  const [row] = await tx.with(moveHead).insert(procedureEvents).values(next).returning();
  return genericStore.toStored(row as GenericRow, subject.subjectType);
}

/** Heads of one subject type's generic subjects, by subject id, after `afterId` (for zhifa verify). */
export async function genericHeads(db: Db, subjectType: string, afterId: string | null, limit: number) {
  return db
    .select({
      subjectId: procedureHeads.subjectId,
      seq: procedureHeads.lastEventSeq,
      hash: procedureHeads.lastEventHash,
    })
    .from(procedureHeads)
    .where(
      and(
        eq(procedureHeads.subjectType, subjectType),
        afterId === null ? undefined : sql`${procedureHeads.subjectId} > ${afterId}`,
      ),
    )
    .orderBy(asc(procedureHeads.subjectId))
    .limit(limit);
}

/** Subjects of one type that have events but no head row (a removed head: their chain cannot be anchored). */
export async function subjectsWithoutHead(db: Db, subjectType: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ subjectId: procedureEvents.subjectId })
    .from(procedureEvents)
    .where(
      and(
        eq(procedureEvents.subjectType, subjectType),
        sql`not exists (select 1 from ${procedureHeads} h where h.subject_type = ${procedureEvents.subjectType} and h.subject_id = ${procedureEvents.subjectId})`,
      ),
    )
    .orderBy(asc(procedureEvents.subjectId))
    .limit(1000);
  return rows.map((r) => r.subjectId);
}
