/**
 * 投诉举报: intake through every door (one record), routing (首接负责制), the handling org's inbox and record, the steps
 * on the procedure record (performStep), the complainant's masked and revealed identity, the supervising justice
 * department's overdue list and statistics.
 */
import { randomInt, randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, ilike, inArray, or, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  AssignBody,
  DecideDisputeBody,
  DisputeBody,
  type ComplaintIntake,
  type ComplaintListQuery,
  type ComplaintOut,
  type ComplaintSummaryOut,
  DeclineTransferBody,
  MergeBody,
  OpenCaseBody,
  RejectBody,
  ReplyBody,
  type StaffAction,
  TransferBody,
} from '../../../common/contracts/complaints.contract.js';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_STATE_LABELS,
  type ComplaintAction,
  type ComplaintChannel,
  type ComplaintKind,
  type ComplaintState,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { type Sealer, sha256Hex } from '../../platform/crypto.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, fieldError, fieldErrors } from '../../platform/errors.js';
import { maskPersonName } from '../../platform/masking.js';
import { containsPattern, paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import {
  type GenericProcedure,
  type StepContext,
  flowRefusal,
  nextState,
  performStep,
} from '../../platform/procedure/perform.js';
import type { Attachment } from '../../platform/procedure/record.js';
import { appendEvent, eventsOfSubjects, genericStore } from '../../platform/procedure/store.js';
import { type WorkdayCalendar, loadWorkdayCalendar } from '../../platform/workdays.js';
import { users } from '../accounts/accounts.api.js';
import { runAudited } from '../audit/audit.api.js';
import { type CaseDeps, createCase } from '../cases/cases.api.js';
import { itemClaims, items } from '../catalog/catalog.api.js';
import { entities } from '../entities/entity-details.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { appendStatusCallback } from './callbacks.js';
import { complaintProcedure } from './complaints.procedure.js';
import { type ComplaintFacts, complaintPolicy } from './complaints.policy.js';
import {
  DISPUTE_WORKING_DAYS,
  handlingDueDate,
  isOverdue,
  maskComplainantPhone,
  mayDispute,
  reopenRefusal,
  routeTo,
  TRACKING_DAILY_MAX,
  trackingNumberOf,
  workingDaysLeft,
} from './complaints.rules.js';
import { complaintFiles, complaintNumberCounters, complaints } from './complaints.schema.js';

export interface ComplaintDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  cases: CaseDeps;
  calendar?: WorkdayCalendar;
}

type Row = typeof complaints.$inferSelect;
const calendarOf = (deps: ComplaintDeps) => deps.calendar ?? loadWorkdayCalendar();

/** How a complaint came in, besides what the complainant said. */
export interface IntakeMeta {
  channel: ComplaintChannel;
  receivedAt: Date;
  hotlineDueAt?: Date | null;
  hotlineClientId?: string | null;
  externalRef?: string | null;
  attachments?: Attachment[];
  /** Files sent with it (the portal's photos and PDF), stored by their SHA-256 and listed as attachments. */
  files?: IntakeFile[];
  /** The staff member who registered a referral; null for the public doors. */
  actor?: Actor | null;
  /** Open311: the picture the client linked to. */
  mediaUrl?: string | null;
}

export interface IntakeFile extends Attachment {
  content: Buffer;
}

export interface IntakeResult {
  id: string;
  trackingNumber: string;
  /** Given once, to the complainant (null for a ticket received before or followed by its client). */
  queryCode: string | null;
  state: ComplaintState;
  dueDate: string;
  created: boolean;
}

const QUERY_CODE_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newQueryCode = () =>
  Array.from({ length: 8 }, () => QUERY_CODE_CHARS[randomInt(QUERY_CODE_CHARS.length)]).join('');
export const queryCodeHash = (trackingNumber: string, code: string) =>
  sha256Hex(`${trackingNumber}\n${code.trim().toUpperCase()}`);

/** The org the complaint goes to (complaints.rules.ts `routeTo`); 422 naming the region when there is none. */
export async function routeComplaint(db: Db, regionCode: string, itemId: string | null): Promise<string> {
  const claimed = itemId
    ? sql<boolean>`exists (select 1 from ${itemClaims} c where c.item_id = ${itemId}::uuid and c.org_id = ${orgs.id})`
    : sql<boolean>`false`;
  const rows = await db
    .select({ id: orgs.id, kind: orgs.kind, regionCode: orgs.regionCode, claimed })
    .from(orgs)
    .where(and(eq(orgs.status, 'active'), or(eq(orgs.kind, 'comprehensive'), claimed)));
  const to = routeTo(regionCode, rows);
  if (!to) throw fieldError(422, 'no_handling_org', 'regionCode', '该地区没有可以承办的执法部门，请核对所在地区');
  return to;
}

/** One complaint in, whichever door: routed, its due date set, its first event on the record. */
export async function intakeComplaint(
  deps: ComplaintDeps,
  ctx: RequestContext,
  input: ComplaintIntake,
  meta: IntakeMeta,
): Promise<IntakeResult> {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    {
      action: 'complaint.receive',
      resourceType: 'complaint',
      // the machine client that filed it (12345, Open311): every use of a client is on the audit trail
      ...(meta.hotlineClientId ? { detail: `${meta.channel} 客户端 ${meta.hotlineClientId}` } : {}),
    },
    async (tx) => {
      if (meta.hotlineClientId && meta.externalRef) {
        const known = await existingTicket(tx, meta.hotlineClientId, meta.externalRef);
        if (known) return { value: known, resourceId: known.id };
      }
      if (input.itemId) {
        const [item] = await tx.select({ status: items.status }).from(items).where(eq(items.id, input.itemId));
        if (item?.status !== 'active') throw fieldError(422, 'unknown_item', 'itemId', '执法事项不存在或已废止');
      }
      const handlingOrgId = await routeComplaint(tx, input.regionCode, input.itemId ?? null);
      const now = deps.clock.now();
      const files = meta.files ?? [];
      const attachments: Attachment[] = [
        ...(meta.attachments ?? []),
        ...files.map(({ name, mime, size, sha256 }) => ({ name, mime, size, sha256 })),
      ];
      const id = randomUUID();
      const dueDate = handlingDueDate(
        {
          kind: input.kind,
          receivedAt: meta.receivedAt,
          pausedWorkingDays: 0,
          hotlineDueAt: meta.hotlineDueAt ?? null,
        },
        calendarOf(deps),
      );
      // the machine doors' complaints are followed by their client (its ticket number, the Open311 request id)
      const queryCode = meta.channel === 'hotline' || meta.channel === 'open311' ? null : newQueryCode();
      const name = input.reporterName?.trim() || null;
      const phone = input.reporterPhone?.replace(/[\s-]+/g, '') || null;
      const row = {
        id,
        channel: meta.channel,
        kind: input.kind,
        content: input.content,
        itemId: input.itemId ?? null,
        regionCode: input.regionCode,
        address: input.address ?? null,
        lat: input.lat ?? null,
        lng: input.lng ?? null,
        subjectName: input.subjectName ?? null,
        subjectUscc: input.subjectUscc?.toUpperCase() ?? null,
        anonymous: !name && !phone,
        reporterNameSealed: name ? deps.sealer.seal(name) : null,
        reporterPhoneSealed: phone ? deps.sealer.seal(phone) : null,
        reporterNameMasked: name ? maskPersonName(name) : null,
        reporterPhoneMasked: phone ? maskComplainantPhone(phone) : null,
        reporterPhoneHash: phone ? deps.sealer.lookupHash(phone) : null,
        handlingOrgId,
        state: 'received',
        receivedAt: meta.receivedAt,
        dueDate,
        hotlineDueAt: meta.hotlineDueAt ?? null,
        hotlineClientId: meta.hotlineClientId ?? null,
        externalRef: meta.externalRef ?? null,
        attachments,
        mediaUrl: meta.mediaUrl ?? null,
        createdAt: now,
        updatedAt: now,
      };
      let trackingNumber = '';
      for (let attempt = 0; ; attempt++) {
        trackingNumber = await nextTrackingNumber(tx, meta.receivedAt);
        const inserted = await tx
          .insert(complaints)
          .values({
            ...row,
            trackingNumber,
            queryCodeHash: queryCode ? queryCodeHash(trackingNumber, queryCode) : null,
          })
          .onConflictDoNothing()
          .returning({ id: complaints.id });
        if (inserted.length > 0) break;
        // the same ticket, received concurrently; else a number given out before the counter (the random numbers of
        // earlier versions, the demo's): take the next one
        const known =
          meta.hotlineClientId && meta.externalRef
            ? await existingTicket(tx, meta.hotlineClientId, meta.externalRef)
            : null;
        if (known) return { value: known, resourceId: known.id };
        if (attempt >= TRACKING_ATTEMPTS) throw new AppError(503, 'try_again', '受理编号冲突，请重新提交');
      }
      // after the counter, so that two intakes with the same file never wait on each other in opposite order
      if (files.length > 0)
        await tx
          .insert(complaintFiles)
          .values(
            files.map((f) => ({ sha256: f.sha256, mime: f.mime, size: f.size, content: f.content, createdAt: now })),
          )
          .onConflictDoNothing();
      await appendEvent(
        tx,
        { subjectType: 'complaint', subjectId: id },
        {
          type: 'receive',
          at: now,
          actorId: meta.actor?.userId ?? null,
          role: meta.actor ? meta.actor.roles.join(',') : meta.channel,
          orgId: meta.actor?.org.id ?? null,
          payload: {
            kind: input.kind,
            channel: meta.channel,
            regionCode: input.regionCode,
            itemId: input.itemId ?? null,
            handlingOrgId,
            receivedAt: meta.receivedAt.toISOString(),
            dueDate,
            contentSha256: sha256Hex(input.content),
            externalRef: meta.externalRef ?? null,
            toState: 'received',
          },
          attachments,
          location: input.lat !== undefined && input.lng !== undefined ? { lat: input.lat, lng: input.lng } : null,
        },
        { state: 'received' },
      );
      return {
        value: { id, trackingNumber, queryCode, state: 'received' as const, dueDate, created: true },
        resourceId: id,
      };
    },
  );
}

/** How many numbers an intake tries past the first before it gives up (each clash is a number given out before). */
const TRACKING_ATTEMPTS = 20;

/**
 * The next 受理编号 of the Beijing date of receipt, from that day's counter row (one statement: concurrent intakes
 * queue on the row lock on PostgreSQL). A rolled-back intake leaves a gap.
 */
async function nextTrackingNumber(tx: Db, receivedAt: Date): Promise<string> {
  const day = shanghaiDate(receivedAt);
  const [row] = await tx
    .insert(complaintNumberCounters)
    .values({ day, last: 1 })
    .onConflictDoUpdate({
      target: complaintNumberCounters.day,
      set: { last: sql`${complaintNumberCounters.last} + 1` },
    })
    .returning({ last: complaintNumberCounters.last });
  const n = row?.last ?? 0;
  if (n > TRACKING_DAILY_MAX) throw new AppError(503, 'try_again', '今日受理编号已用尽，请明日再提交');
  return trackingNumberOf(receivedAt, n);
}

async function existingTicket(tx: Db, clientId: string, ref: string): Promise<IntakeResult | null> {
  const [row] = await tx
    .select()
    .from(complaints)
    .where(and(eq(complaints.hotlineClientId, clientId), eq(complaints.externalRef, ref)))
    .limit(1);
  return row
    ? {
        id: row.id,
        trackingNumber: row.trackingNumber,
        queryCode: null,
        state: row.state as ComplaintState,
        dueDate: row.dueDate,
        created: false,
      }
    : null;
}

// ── views ──

async function orgNames(db: Db, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

const factsOf = (r: Row, sector: string): ComplaintFacts => ({
  id: r.id,
  orgId: r.handlingOrgId,
  pendingOrgId: r.pendingOrgId,
  regionCode: r.regionCode,
  sector,
  state: r.state,
});

/** The record abilities the policy grants that the flow allows from the complaint's state. */
function complaintAbilities(actor: Actor, facts: ComplaintFacts) {
  return abilitiesOf(complaintPolicy, actor, facts).filter(
    (a) =>
      !(a in complaintProcedure.flow) ||
      flowRefusal(complaintProcedure, facts.state as ComplaintState, a as ComplaintAction) === null,
  );
}

const summaryOf = (
  r: Row,
  names: Map<string, string>,
  actor: Actor,
  sector: string,
  today: string,
  cal: WorkdayCalendar,
) => {
  const state = r.state as ComplaintState;
  const kind = r.kind as ComplaintKind;
  const ref = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  return {
    id: r.id,
    trackingNumber: r.trackingNumber,
    channel: r.channel as ComplaintChannel,
    kind,
    kindLabel: COMPLAINT_KIND_LABELS[kind],
    state,
    stateLabel: COMPLAINT_STATE_LABELS[state],
    summary: Array.from(r.content).slice(0, 60).join(''),
    regionCode: r.regionCode,
    handlingOrg: ref(r.handlingOrgId) as { id: string; name: string },
    pendingOrg: ref(r.pendingOrgId),
    receivedAt: r.receivedAt,
    dueDate: r.dueDate,
    dueInWorkingDays: workingDaysLeft(today, r.dueDate, cal),
    overdue: isOverdue(r, today),
    abilities: complaintAbilities(actor, factsOf(r, sector)),
  } satisfies ComplaintSummaryOut;
};

const withSector = (db: Db) =>
  db
    .select({ c: complaints, sector: orgs.sector })
    .from(complaints)
    .innerJoin(orgs, eq(orgs.id, complaints.handlingOrgId));

async function summaries(deps: ComplaintDeps, actor: Actor, rows: { c: Row; sector: string }[]) {
  const names = await orgNames(
    deps.db,
    rows.flatMap((r) => [r.c.handlingOrgId, r.c.pendingOrgId]),
  );
  const today = shanghaiDate(deps.clock.now());
  const cal = calendarOf(deps);
  return rows.map((r) => summaryOf(r.c, names, actor, r.sector, today, cal));
}

export async function listComplaints(deps: ComplaintDeps, actor: Actor, q: ComplaintListQuery) {
  const today = shanghaiDate(deps.clock.now());
  const where = and(
    complaintPolicy.readable?.(actor),
    q.state ? eq(complaints.state, q.state) : undefined,
    q.kind ? eq(complaints.kind, q.kind) : undefined,
    q.channel ? eq(complaints.channel, q.channel) : undefined,
    q.caseId ? eq(complaints.caseId, q.caseId) : undefined,
    q.overdue === undefined ? undefined : q.overdue ? overdueSql(today) : sql`not ${overdueSql(today)}`,
    q.q
      ? or(ilike(complaints.trackingNumber, containsPattern(q.q)), ilike(complaints.content, containsPattern(q.q)))
      : undefined,
  );
  return paged(
    q,
    async (limit, offset) =>
      summaries(
        deps,
        actor,
        await withSector(deps.db)
          .where(where)
          .orderBy(asc(complaints.dueDate), desc(complaints.receivedAt), asc(complaints.id))
          .limit(limit)
          .offset(offset),
      ),
    () => totalOf(deps.db.select({ total: count() }).from(complaints).where(where)),
  );
}

const overdueSql = (today: string) =>
  sql`(${complaints.state} in ('received', 'accepted', 'transferred', 'disputed') and ${complaints.dueDate} < ${today}::date)`;

/** 督办: open complaints past their due date that the actor may read (supervisors: their region). */
export async function overdueComplaints(deps: ComplaintDeps, actor: Actor, q: { current: number; pageSize: number }) {
  return listComplaints(deps, actor, { ...q, overdue: true });
}

const noteOf = (type: string, payload: Record<string, unknown>, names: Map<string, string>): string | null => {
  if (type === 'transfer') return `转至 ${names.get(String(payload.toOrgId)) ?? ''}：${String(payload.reason ?? '')}`;
  if (type === 'reject' || type === 'decline_transfer' || type === 'dispute') return String(payload.reason ?? '');
  if (type === 'decide_dispute') return `${payload.upheld ? '异议成立' : '异议不成立'}：${String(payload.note ?? '')}`;
  if (type === 'merge') return `并入 ${String(payload.intoTrackingNumber ?? '')}`;
  if (type === 'rate') return String(payload.ratingLabel ?? '');
  return null;
};

export async function getComplaint(
  deps: ComplaintDeps,
  actor: Actor,
  id: string,
  db: Db = deps.db,
): Promise<ComplaintOut> {
  await loadReadable(complaintPolicy, db, actor, id);
  const [r] = await withSector(db).where(eq(complaints.id, id)).limit(1);
  if (!r) throw new AppError(404, 'not_found', '投诉举报不存在或不在本单位的管辖范围内');
  const c = r.c;
  const events = await eventsOfSubjects(db, genericStore, 'complaint', [id]);
  const names = await orgNames(db, [
    c.handlingOrgId,
    c.pendingOrgId,
    ...events.map((e) => e.orgId),
    ...events.map((e) => (e.payload.toOrgId as string | undefined) ?? null),
  ]);
  const today = shanghaiDate(deps.clock.now());
  const cal = calendarOf(deps);
  const [item] = c.itemId
    ? await db.select({ id: items.id, name: items.name }).from(items).where(eq(items.id, c.itemId))
    : [];
  const assignees =
    c.assigneeIds.length > 0
      ? await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, c.assigneeIds))
      : [];
  const [into] = c.mergedIntoId
    ? await db
        .select({ id: complaints.id, trackingNumber: complaints.trackingNumber })
        .from(complaints)
        .where(eq(complaints.id, c.mergedIntoId))
    : [];
  const merged = await db
    .select({ id: complaints.id, trackingNumber: complaints.trackingNumber })
    .from(complaints)
    .where(eq(complaints.mergedIntoId, id))
    .orderBy(asc(complaints.receivedAt));
  return {
    ...summaryOf(c, names, actor, r.sector, today, cal),
    content: c.content,
    item: item ?? null,
    address: c.address,
    lat: c.lat,
    lng: c.lng,
    subjectName: c.subjectName,
    subjectUscc: c.subjectUscc,
    reporter: { anonymous: c.anonymous, nameMasked: c.reporterNameMasked, phoneMasked: c.reporterPhoneMasked },
    assignees,
    rejectReason: c.rejectReason,
    replyText: c.replyText,
    repliedAt: c.repliedAt,
    closedAt: c.closedAt,
    rating: (c.rating as ComplaintOut['rating']) ?? null,
    ratingComment: c.ratingComment,
    reopenCount: c.reopenCount,
    mergedInto: into ?? null,
    merged,
    caseId: c.caseId,
    externalRef: c.externalRef,
    pausedWorkingDays: c.pausedWorkingDays,
    timeline: events.map((e) => ({
      seq: e.seq,
      action: e.type,
      actionLabel: COMPLAINT_ACTION_LABELS[e.type as ComplaintAction] ?? e.type,
      at: e.at,
      byOrgName: e.orgId ? (names.get(e.orgId) ?? null) : null,
      note: noteOf(e.type, e.payload, names),
    })),
  };
}

// ── steps ──

type Handlers = GenericProcedure<ComplaintState, ComplaintAction>['handlers'];

const bodyOf = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> => {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw fieldErrors(
    400,
    'validation_failed',
    parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'body', message: i.message })),
    '请求体有误：',
  );
};

async function rowOf(tx: Db, id: string): Promise<Row> {
  const [row] = await tx.select().from(complaints).where(eq(complaints.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '投诉举报不存在或不在本单位的管辖范围内');
  return row;
}

const dueFor = (r: Row, cal: WorkdayCalendar, paused = r.pausedWorkingDays, reopenedAt = r.reopenedAt) =>
  handlingDueDate(
    {
      kind: r.kind as ComplaintKind,
      receivedAt: r.receivedAt,
      pausedWorkingDays: paused,
      hotlineDueAt: r.hotlineDueAt,
      reopenedAt,
    },
    cal,
  );

/** Working days the transfer held the complaint (its deadline paused meanwhile). */
const pausedBy = (r: Row, now: Date, cal: WorkdayCalendar) =>
  r.transferredAt ? cal.workingDaysBetween(shanghaiDate(r.transferredAt), shanghaiDate(now)) : 0;

function handlers(deps: ComplaintDeps, caseId: string | null): Handlers {
  const cal = calendarOf(deps);
  const update = (tx: Db, id: string, set: Partial<Row>, now: Date) =>
    tx
      .update(complaints)
      .set({ ...set, updatedAt: now })
      .where(eq(complaints.id, id));
  return {
    accept: async ({ tx, subjectId, now }) => {
      await update(tx, subjectId, { state: 'accepted', acceptedAt: now }, now);
      return { payload: {} };
    },
    reject: async ({ tx, subjectId, body, now }) => {
      const { reason } = bodyOf(RejectBody, body);
      await update(tx, subjectId, { state: 'rejected', rejectReason: reason, closedAt: now }, now);
      return { payload: { reason } };
    },
    assign: async ({ tx, subjectId, body, actor, now }) => {
      const { officerUserIds } = bodyOf(AssignBody, body);
      const found = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(inArray(users.id, officerUserIds), eq(users.orgId, actor.org.id)));
      if (found.length !== new Set(officerUserIds).size)
        throw fieldError(422, 'unknown_officer', 'officerUserIds', '承办人应为本单位的工作人员');
      await update(tx, subjectId, { assigneeIds: [...new Set(officerUserIds)] }, now);
      return { payload: { officerUserIds } };
    },
    transfer: async ({ tx, subjectId, body, actor, state, now }) => {
      const { toOrgId, reason } = bodyOf(TransferBody, body);
      const [to] = await tx.select({ id: orgs.id, status: orgs.status }).from(orgs).where(eq(orgs.id, toOrgId));
      if (to?.status !== 'active') throw fieldError(422, 'unknown_org', 'toOrgId', '接收单位不存在或已撤销');
      if (toOrgId === actor.org.id) throw fieldError(422, 'same_org', 'toOrgId', '不能转办给本单位');
      await update(
        tx,
        subjectId,
        { state: 'transferred', pendingOrgId: toOrgId, resumeState: state, transferredAt: now },
        now,
      );
      return { payload: { toOrgId, reason } };
    },
    accept_transfer: async ({ tx, subjectId, now }) => {
      const r = await rowOf(tx, subjectId);
      const paused = r.pausedWorkingDays + pausedBy(r, now, cal);
      const dueDate = dueFor(r, cal, paused);
      await update(
        tx,
        subjectId,
        {
          state: 'accepted',
          handlingOrgId: r.pendingOrgId as string,
          pendingOrgId: null,
          resumeState: null,
          transferredAt: null,
          pausedWorkingDays: paused,
          dueDate,
          acceptedAt: r.acceptedAt ?? now,
          assigneeIds: [],
        },
        now,
      );
      return { payload: { fromOrgId: r.handlingOrgId, dueDate, pausedWorkingDays: paused } };
    },
    decline_transfer: async ({ tx, subjectId, body, now }) => {
      const { reason } = bodyOf(DeclineTransferBody, body);
      const r = await rowOf(tx, subjectId);
      const paused = r.pausedWorkingDays + pausedBy(r, now, cal);
      const back = (r.resumeState ?? 'received') as ComplaintState;
      const dueDate = dueFor(r, cal, paused);
      await update(
        tx,
        subjectId,
        { state: back, pendingOrgId: null, resumeState: null, transferredAt: null, pausedWorkingDays: paused, dueDate },
        now,
      );
      return { payload: { reason, dueDate, pausedWorkingDays: paused }, state: back };
    },
    reply: async ({ tx, subjectId, body, now }) => {
      const { text } = bodyOf(ReplyBody, body);
      await update(tx, subjectId, { state: 'replied', replyText: text, repliedAt: now }, now);
      return { payload: { textSha256: sha256Hex(text) } };
    },
    close: async ({ tx, subjectId, now }) => {
      await update(tx, subjectId, { state: 'closed', closedAt: now }, now);
      return { payload: {} };
    },
    reopen: async ({ tx, subjectId, now }) => {
      const r = await rowOf(tx, subjectId);
      const refusal = reopenRefusal(r, now);
      if (refusal) throw new AppError(409, 'reopen_not_allowed', refusal);
      const dueDate = dueFor(r, cal, 0, now);
      await update(
        tx,
        subjectId,
        {
          state: 'accepted',
          reopenCount: r.reopenCount + 1,
          reopenedAt: now,
          dueDate,
          closedAt: null,
          repliedAt: null,
        },
        now,
      );
      return { payload: { previousRating: r.rating, dueDate } };
    },
    merge: async ({ tx, subjectId, body, actor, now }) => {
      const { intoId } = bodyOf(MergeBody, body);
      if (intoId === subjectId) throw fieldError(422, 'merge_self', 'intoId', '不能并入投诉本身');
      const [into] = await tx.select().from(complaints).where(eq(complaints.id, intoId)).limit(1);
      if (!into || into.handlingOrgId !== actor.org.id)
        throw fieldError(422, 'merge_target', 'intoId', '只能并入本单位承办的投诉举报');
      if (into.state === 'merged' || into.state === 'rejected')
        throw fieldError(422, 'merge_target', 'intoId', '不能并入已并单或不予受理的投诉举报');
      await update(tx, subjectId, { state: 'merged', mergedIntoId: intoId, closedAt: now }, now);
      return { payload: { intoId, intoTrackingNumber: into.trackingNumber } };
    },
    dispute: async ({ tx, subjectId, body, now }) => {
      const { reason, toOrgId } = bodyOf(DisputeBody, body);
      const r = await rowOf(tx, subjectId);
      if (!mayDispute(r.receivedAt, shanghaiDate(now), cal))
        throw new AppError(409, 'dispute_too_late', `派单异议应在收到后 ${DISPUTE_WORKING_DAYS} 个工作日内提出`);
      await update(tx, subjectId, { state: 'disputed', transferredAt: now, pendingOrgId: null }, now);
      return { payload: { reason, toOrgId: toOrgId ?? null } };
    },
    decide_dispute: async ({ tx, subjectId, body, now }) => {
      const { upheld, toOrgId, note } = bodyOf(DecideDisputeBody, body);
      const r = await rowOf(tx, subjectId);
      let handlingOrgId = r.handlingOrgId;
      if (upheld) {
        const [to] = toOrgId
          ? await tx.select({ id: orgs.id, status: orgs.status }).from(orgs).where(eq(orgs.id, toOrgId))
          : [];
        if (to?.status !== 'active' || toOrgId === r.handlingOrgId)
          throw fieldError(422, 'unknown_org', 'toOrgId', '异议成立时须指定另一个承办单位');
        handlingOrgId = to.id;
      }
      const paused = r.pausedWorkingDays + pausedBy(r, now, cal);
      const dueDate = dueFor(r, cal, paused);
      await update(
        tx,
        subjectId,
        { state: 'received', handlingOrgId, transferredAt: null, pausedWorkingDays: paused, dueDate },
        now,
      );
      return { payload: { upheld, toOrgId: upheld ? handlingOrgId : null, fromOrgId: r.handlingOrgId, note, dueDate } };
    },
    open_case: async ({ tx, subjectId, now }) => {
      await update(tx, subjectId, { caseId }, now);
      return { payload: { caseId } };
    },
  };
}

/**
 * Each handler, then, in the same transaction, the 12345 client's status callback when the step changed the state to
 * one the client is told about (callbacks.ts): the message commits or rolls back with the step.
 */
const withCallbacks = (h: Handlers): Handlers =>
  Object.fromEntries(
    Object.entries(h).map(([action, handle]) => [
      action,
      async (c: StepContext<ComplaintState>) => {
        const out = (await handle?.(c)) ?? {};
        const to = nextState(complaintProcedure, c.state, action as ComplaintAction, out.state);
        if (to !== c.state) await appendStatusCallback(c.tx, c.subjectId, to, c.now);
        return out;
      },
    ]),
  );

const procedureWith = (h: Handlers): GenericProcedure<ComplaintState, ComplaintAction> => ({
  ...complaintProcedure,
  initialState: 'received',
  handlers: withCallbacks(h),
  policy: complaintPolicy as never,
});

/** One staff step through performStep (lock, flow, policy, handler, event, audit), then the record. */
export async function complaintStep(
  deps: ComplaintDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  action: StaffAction,
  body: Record<string, unknown>,
) {
  let caseId: string | null = null;
  if (action === 'open_case') {
    // refusals first: the case is registered in its own transaction (as an inspection result registers one)
    const facts = await loadReadable(complaintPolicy, deps.db, actor, id);
    authorize(complaintPolicy, 'open_case', actor, facts);
    const refusal = flowRefusal(complaintProcedure, facts.state as ComplaintState, 'open_case');
    if (refusal) throw refusal;
    const input = bodyOf(OpenCaseBody, body);
    const row = await rowOf(deps.db, id);
    if (row.caseId) throw new AppError(409, 'case_exists', '该投诉举报已立案');
    const uscc = input.party.uscc?.trim().toUpperCase();
    // a USCC stored for an entity of the library (an early code with a wrong check character) is not a typo
    const [known] = uscc
      ? await deps.db.select({ id: entities.id }).from(entities).where(eq(entities.uscc, uscc)).limit(1)
      : [];
    const c = await createCase(
      deps.cases,
      { ...ctx, audited: false },
      actor,
      {
        orgId: actor.org.id,
        itemId: input.itemId,
        source: 'complaint',
        party: { kind: input.party.kind, name: input.party.name, ...(uscc ? { uscc } : {}) },
        facts: `投诉举报（受理编号 ${row.trackingNumber}）：${row.content}`,
        occurredAt: row.receivedAt,
      },
      { libraryUscc: known !== undefined },
    );
    caseId = (c as { id: string }).id;
  }
  await performStep({ ...deps, runAudited }, ctx, actor, procedureWith(handlers(deps, caseId)), id, action, body);
  return getComplaint(deps, actor, id);
}

/** The complainant's name and phone in clear, for the handling org's department head; the audit row says who looked. */
export async function revealReporter(deps: ComplaintDeps, ctx: RequestContext, actor: Actor, id: string) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'complaint.reveal_reporter', resourceType: 'complaint', resourceId: id },
    async (tx) => {
      const facts = await loadReadable(complaintPolicy, tx, actor, id);
      authorize(complaintPolicy, 'reveal_reporter', actor, facts);
      const r = await rowOf(tx, id);
      return {
        value: {
          name: r.reporterNameSealed ? deps.sealer.open(r.reporterNameSealed) : null,
          phone: r.reporterPhoneSealed ? deps.sealer.open(r.reporterPhoneSealed) : null,
        },
      };
    },
  );
}

/** A staff member registers a referral (转办移送) from another department or a supervisor. */
export async function referComplaint(deps: ComplaintDeps, ctx: RequestContext, actor: Actor, input: ComplaintIntake) {
  authorize(complaintPolicy, 'refer', actor);
  const out = await intakeComplaint(deps, ctx, input, { channel: 'referral', receivedAt: deps.clock.now(), actor });
  return { ...out, queryCode: null };
}

// ── supervision ──

/** Per handling org in the supervisor's region: received, closed, on time, overdue, satisfaction (执法办案类 left out). */
export async function complaintStats(deps: ComplaintDeps, actor: Actor, q: { from?: string; to?: string }) {
  authorize(complaintPolicy, 'stats', actor);
  const today = shanghaiDate(deps.clock.now());
  const rows = await deps.db
    .select({
      orgId: complaints.handlingOrgId,
      name: orgs.name,
      received: count(),
      closed: sql<number>`count(*) filter (where ${complaints.state} = 'closed')::int`,
      onTime: sql<number>`count(*) filter (where ${complaints.repliedAt} is not null and (${complaints.repliedAt} at time zone 'Asia/Shanghai')::date <= ${complaints.dueDate})::int`,
      overdue: sql<number>`count(*) filter (where ${overdueSql(today)} or (${complaints.repliedAt} is not null and (${complaints.repliedAt} at time zone 'Asia/Shanghai')::date > ${complaints.dueDate}))::int`,
      rated: sql<number>`count(*) filter (where ${complaints.rating} is not null and ${complaints.caseId} is null)::int`,
      satisfied: sql<number>`count(*) filter (where ${complaints.rating} in ('satisfied', 'basically_satisfied') and ${complaints.caseId} is null)::int`,
    })
    .from(complaints)
    .innerJoin(orgs, eq(orgs.id, complaints.handlingOrgId))
    .where(
      and(
        complaintPolicy.readable?.(actor),
        q.from ? sql`(${complaints.receivedAt} at time zone 'Asia/Shanghai')::date >= ${q.from}::date` : undefined,
        q.to ? sql`(${complaints.receivedAt} at time zone 'Asia/Shanghai')::date <= ${q.to}::date` : undefined,
      ),
    )
    .groupBy(complaints.handlingOrgId, orgs.name)
    .orderBy(asc(orgs.name));
  return {
    data: rows.map((r) => ({
      org: { id: r.orgId, name: r.name },
      received: Number(r.received),
      closed: Number(r.closed),
      onTime: Number(r.onTime),
      overdue: Number(r.overdue),
      rated: Number(r.rated),
      satisfaction: Number(r.rated) > 0 ? Math.round((Number(r.satisfied) / Number(r.rated)) * 1000) / 1000 : null,
    })),
  };
}
