/**
 * 全过程记录: each case step appends an event chained by hash to the case's previous event. The table refuses
 * UPDATE and DELETE (trigger); `verifyCaseChain` recomputes a case's chain.
 */
import { asc, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { GENESIS_HASH } from '../audit/audit.service.js';
import { caseEvents } from './cases.schema.js';

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

/** Canonical JSON: object keys sorted at every depth, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function eventBytes(caseId: string, seq: number, e: CaseEventInput): string {
  return canonicalJson({ caseId, seq, type: e.type, at: e.at.toISOString(), actorId: e.actorId, role: e.role, orgId: e.orgId, payload: e.payload, attachments: e.attachments, location: e.location ?? null });
}

export const eventHash = (bytes: string, prevHash: string) => sha256Hex(`${prevHash}\n${bytes}`);

/** Appends within the caller's transaction; the caller holds the case row lock (SELECT … FOR UPDATE). */
export async function appendCaseEvent(tx: Db, caseId: string, e: CaseEventInput) {
  const [last] = await tx.select({ seq: caseEvents.seq, hash: caseEvents.hash }).from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(desc(caseEvents.seq)).limit(1);
  const seq = (last?.seq ?? 0) + 1;
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = eventHash(eventBytes(caseId, seq, e), prevHash);
  const [row] = await tx
    .insert(caseEvents)
    .values({ caseId, seq, type: e.type, at: e.at, actorId: e.actorId, role: e.role, orgId: e.orgId, payload: e.payload, attachments: e.attachments, location: e.location ?? null, prevHash, hash })
    .returning();
  return row;
}

export async function caseEventsOf(db: Db, caseId: string) {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.seq));
}

/** Recomputes one case's chain; the first event whose bytes or link do not match is named. */
export async function verifyCaseChain(db: Db, caseId: string): Promise<{ ok: true; events: number } | { ok: false; brokenSeq: number }> {
  let prev = GENESIS_HASH;
  const events = await caseEventsOf(db, caseId);
  for (const e of events) {
    const bytes = eventBytes(caseId, e.seq, { type: e.type, at: e.at, actorId: e.actorId, role: e.role, orgId: e.orgId, payload: e.payload as Record<string, unknown>, attachments: e.attachments, location: e.location as Record<string, unknown> | null });
    if (e.prevHash !== prev || eventHash(bytes, prev) !== e.hash) return { ok: false, brokenSeq: e.seq };
    prev = e.hash;
  }
  return { ok: true, events: events.length };
}
