/**
 * What the complainant sees without an account: the progress of a complaint found by its tracking number and query
 * code, the reply, and the rating once it is closed. Nothing about the complainant is in it; the handling org is named.
 */
import { and, eq } from 'drizzle-orm';
import type { PublicTracking } from '../../../common/contracts/complaints.contract.js';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_RATING_LABELS,
  COMPLAINT_STATE_LABELS,
  type ComplaintAction,
  type ComplaintKind,
  type ComplaintRating,
  type ComplaintState,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { flowRefusal } from '../../platform/procedure/perform.js';
import { appendEvent, eventsOfSubjects, genericStore, lockHead } from '../../platform/procedure/store.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { regions } from '../regions/regions.api.js';
import { complaintProcedure } from './complaints.procedure.js';
import { complaints } from './complaints.schema.js';
import { type ComplaintDeps, queryCodeHash } from './complaints.service.js';

/** The steps a complainant is shown (assignments, merges' internals and case numbers stay inside). */
const SHOWN: readonly string[] = [
  'receive',
  'accept',
  'reject',
  'transfer',
  'accept_transfer',
  'reply',
  'close',
  'rate',
  'reopen',
  'merge',
];

async function findTracked(db: Db, trackingNumber: string, code: string) {
  const no = trackingNumber.trim().toUpperCase();
  const [row] = await db
    .select({ c: complaints, orgName: orgs.name })
    .from(complaints)
    .innerJoin(orgs, eq(orgs.id, complaints.handlingOrgId))
    .where(and(eq(complaints.trackingNumber, no), eq(complaints.queryCodeHash, queryCodeHash(no, code))))
    .limit(1);
  return row ?? null;
}

/** The complaint's public progress, or null when the number and code do not match one. */
export async function publicTracking(db: Db, trackingNumber: string, code: string): Promise<PublicTracking | null> {
  const found = await findTracked(db, trackingNumber, code);
  if (!found) return null;
  const { c } = found;
  const events = await eventsOfSubjects(db, genericStore, 'complaint', [c.id]);
  const state = c.state as ComplaintState;
  return {
    trackingNumber: c.trackingNumber,
    kindLabel: COMPLAINT_KIND_LABELS[c.kind as ComplaintKind],
    state,
    stateLabel: COMPLAINT_STATE_LABELS[state],
    receivedAt: c.receivedAt,
    dueDate: c.dueDate,
    handlingOrgName: found.orgName,
    replyText: c.replyText,
    rejectReason: c.rejectReason,
    ratingLabel: c.rating ? COMPLAINT_RATING_LABELS[c.rating as ComplaintRating] : null,
    mayRate: state === 'closed' && c.rating === null,
    steps: events
      .filter((e) => SHOWN.includes(e.type))
      .map((e) => ({ at: e.at, label: COMPLAINT_ACTION_LABELS[e.type as ComplaintAction] ?? e.type })),
  };
}

/** The complainant rates a closed complaint (回访评价), once; a step on the record by the complainant. */
export async function rateComplaint(
  deps: ComplaintDeps,
  ctx: RequestContext,
  trackingNumber: string,
  code: string,
  rating: ComplaintRating,
  comment: string | null,
) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'complaint.rate', resourceType: 'complaint' }, async (tx) => {
    const found = await findTracked(tx, trackingNumber, code);
    if (!found) throw new AppError(404, 'not_found', '受理编号或查询码不正确');
    const id = found.c.id;
    const head = await lockHead(tx, { subjectType: 'complaint', subjectId: id });
    const refusal = flowRefusal(complaintProcedure, (head.state ?? 'received') as ComplaintState, 'rate');
    if (refusal) throw refusal;
    const [row] = await tx.select({ rating: complaints.rating }).from(complaints).where(eq(complaints.id, id));
    if (row?.rating) throw new AppError(409, 'already_rated', '该投诉举报已经评价过');
    const now = deps.clock.now();
    await tx
      .update(complaints)
      .set({ rating, ratingComment: comment, ratedAt: now, updatedAt: now })
      .where(eq(complaints.id, id));
    await appendEvent(
      tx,
      { subjectType: 'complaint', subjectId: id },
      {
        type: 'rate',
        at: now,
        actorId: null,
        role: 'complainant',
        orgId: null,
        payload: { rating, ratingLabel: COMPLAINT_RATING_LABELS[rating], fromState: 'closed', toState: 'closed' },
        attachments: [],
        location: null,
      },
    );
    return { value: { id }, resourceId: id };
  });
}

/** The regions a complaint may be filed in (cities, counties and demo townships), with their full names. */
export async function regionChoices(db: Db) {
  const rows = await db.select().from(regions);
  const byCode = new Map(rows.map((r) => [r.code, r]));
  const fullName = (code: string): string => {
    const r = byCode.get(code);
    if (!r) return code;
    return r.parentCode && r.level !== 'city' && byCode.has(r.parentCode)
      ? `${fullName(r.parentCode)}${r.name}`
      : r.name;
  };
  return rows
    .filter((r) => r.level !== 'province' && r.code.startsWith('44'))
    .map((r) => ({ code: r.code, name: fullName(r.code) }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
