/** The 扫码入企 form's pure parts: the code from what was scanned or typed, the request body, the offline queue. */
import type { Dayjs } from 'dayjs';
import type { VisitCreateBody } from '../../../../common/contracts/visits.contract.js';
import type { Wire } from '../../../../common/contracts/kit.js';
import type { VisitPurpose } from '../../../../common/enums.js';

type Body = Wire<typeof VisitCreateBody>;

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;

/**
 * The entity's code token from a scanned or typed text: the bare token, or the whole address of the sign
 * (…/e/<token>, with or without a query); null when it cannot be one.
 */
export function tokenFrom(text: string): string | null {
  let t = text.trim();
  const at = t.indexOf('/e/');
  if (at >= 0) t = (t.slice(at + 3).split(/[?#/]/)[0] ?? '').trim();
  return TOKEN.test(t) ? t : null;
}

export interface VisitValues {
  /** What was scanned or typed: the sign's address or its code. */
  entityToken: string;
  officerIds: string[];
  purpose: VisitPurpose;
  taskId?: string | null;
  caseId?: string | null;
  /** The catalogue item the visit is for (optional). */
  itemId?: string | null;
  startedAt: Dayjs;
  location?: { lat: number; lng: number } | null;
}

export function visitBody(v: VisitValues): Body {
  return {
    entityToken: tokenFrom(v.entityToken) ?? v.entityToken.trim(),
    officerIds: v.officerIds,
    purpose: v.purpose,
    ...(v.taskId ? { taskId: v.taskId } : {}),
    ...(v.caseId ? { caseId: v.caseId } : {}),
    ...(v.itemId ? { itemId: v.itemId } : {}),
    ...(v.location ? { location: v.location } : {}),
    startedAt: v.startedAt.toISOString(),
  };
}

/** The form fields a problem's `errors[].path` may name. */
export const VISIT_FIELDS = [
  'entityToken',
  'officerIds',
  'purpose',
  'taskId',
  'caseId',
  'itemId',
  'startedAt',
  'offlineReason',
];

// ── the offline queue: visits captured without network, sent later with capturedOffline and the reason ──

export interface QueuedVisit {
  /** Local id (the time it was captured and a random part). */
  id: string;
  body: Body;
  /** What the officer saw of the entity (the code typed or scanned), for the list. */
  label: string;
  capturedAt: string;
  offlineReason: string;
}

const key = (userId: string) => `zhifa.visits.offline.${userId}`;

export function loadQueue(userId: string, storage: Storage = localStorage): QueuedVisit[] {
  try {
    const parsed = JSON.parse(storage.getItem(key(userId)) ?? '[]');
    return Array.isArray(parsed) ? (parsed as QueuedVisit[]) : [];
  } catch {
    return [];
  }
}

function saveQueue(userId: string, queue: QueuedVisit[], storage: Storage) {
  if (queue.length === 0) storage.removeItem(key(userId));
  else storage.setItem(key(userId), JSON.stringify(queue));
}

export function enqueue(userId: string, item: Omit<QueuedVisit, 'id'>, storage: Storage = localStorage): QueuedVisit[] {
  const queued = { ...item, id: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}` };
  const queue = [...loadQueue(userId, storage), queued];
  saveQueue(userId, queue, storage);
  return queue;
}

export function dequeue(userId: string, id: string, storage: Storage = localStorage): QueuedVisit[] {
  const queue = loadQueue(userId, storage).filter((q) => q.id !== id);
  saveQueue(userId, queue, storage);
  return queue;
}

/** What is sent for a queued visit: its body, marked as captured offline with its reason. */
export const queuedBody = (q: QueuedVisit): Body => ({
  ...q.body,
  capturedOffline: true,
  offlineReason: q.offlineReason,
});

/** A failure that means "no network" (the request never got an answer), not a refusal. */
export const isNetworkFailure = (err: unknown) =>
  (typeof navigator !== 'undefined' && navigator.onLine === false) ||
  (typeof err === 'object' && err !== null && 'code' in err && (err as { code: unknown }).code === 'network_error');
