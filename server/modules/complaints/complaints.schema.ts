import {
  type AnyPgColumn,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea } from '../../db/column-types.js';
import type { Attachment } from '../../platform/procedure/record.js';
import { cases } from '../cases/cases.api.js';
import { items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';

/**
 * 投诉举报: one record whichever door it came through (portal, 12345, Open311, referral). Its steps are on the
 * procedure record (subject `complaint`); this row is their projection. The complainant's name and phone are sealed
 * (AES-GCM) and kept masked for the handling org; they are never copied anywhere else.
 */
export const complaints = pgTable(
  'complaints',
  {
    id: uuid('id').primaryKey(),
    /** 受理编号, what the complainant quotes (TS + Beijing date + 6 digits). */
    trackingNumber: text('tracking_number').notNull(),
    /** SHA-256 of the query code (查询码) given to the complainant; null for tickets followed by their client. */
    queryCodeHash: text('query_code_hash'),
    channel: text('channel').notNull(),
    kind: text('kind').notNull(),
    content: text('content').notNull(),
    itemId: uuid('item_id').references(() => items.id),
    regionCode: text('region_code').notNull(),
    address: text('address'),
    lat: doublePrecision('lat'),
    lng: doublePrecision('lng'),
    /** The enterprise or person concerned (optional). */
    subjectName: text('subject_name'),
    subjectUscc: text('subject_uscc'),
    anonymous: boolean('anonymous').notNull(),
    reporterNameSealed: text('reporter_name_sealed'),
    reporterPhoneSealed: text('reporter_phone_sealed'),
    reporterNameMasked: text('reporter_name_masked'),
    reporterPhoneMasked: text('reporter_phone_masked'),
    /** Keyed hash of the phone (repeat complaints by the same person, never shown). */
    reporterPhoneHash: text('reporter_phone_hash'),
    /** 首接负责制: the org that owns the complaint until a transfer is accepted. */
    handlingOrgId: uuid('handling_org_id')
      .notNull()
      .references(() => orgs.id),
    /** The org a transfer is waiting on. */
    pendingOrgId: uuid('pending_org_id').references(() => orgs.id),
    /** The state a declined transfer returns to. */
    resumeState: text('resume_state'),
    state: text('state').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** The last civil date on which the answer is on time (complaints.rules.ts `handlingDueDate`). */
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    hotlineDueAt: timestamp('hotline_due_at', { withTimezone: true }),
    pausedWorkingDays: integer('paused_working_days').notNull().default(0),
    transferredAt: timestamp('transferred_at', { withTimezone: true }),
    assigneeIds: uuid('assignee_ids').array().notNull().default([]),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    rejectReason: text('reject_reason'),
    replyText: text('reply_text'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    rating: text('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    reopenCount: integer('reopen_count').notNull().default(0),
    reopenedAt: timestamp('reopened_at', { withTimezone: true }),
    /** 并单: the complaint this one was merged into. */
    mergedIntoId: uuid('merged_into_id').references((): AnyPgColumn => complaints.id),
    /** The penalty case it opened (source `complaint`). 执法办案类: not counted in satisfaction. */
    caseId: uuid('case_id').references(() => cases.id),
    /** The 12345 client and its 工单编号 (idempotent intake). */
    hotlineClientId: text('hotline_client_id'),
    externalRef: text('external_ref'),
    attachments: jsonb('attachments').$type<Attachment[]>().notNull().default([]),
    /** Open311: the picture the client linked to (`media_url`), an http(s) address. */
    mediaUrl: text('media_url'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('complaints_tracking_uq').on(t.trackingNumber),
    uniqueIndex('complaints_external_uq').on(t.hotlineClientId, t.externalRef),
    index('complaints_org_state_idx').on(t.handlingOrgId, t.state),
    index('complaints_region_idx').on(t.regionCode),
    index('complaints_due_idx').on(t.dueDate),
    /** Open311 `GET requests`: a channel's requests by date. */
    index('complaints_channel_received_idx').on(t.channel, t.receivedAt),
  ],
);

/**
 * The machine clients (机器客户端: the 12345 hotline with scope `hotline:write`, Open311 apps with `open311:write`,
 * until the exchange issue's machine clients land): the secret is sealed (the server must recompute the HMAC) and
 * shown once, when made or rotated; its keyed hash finds the client of an Open311 `api_key`. A revoked client is
 * refused everywhere (kept for the audit trail and the complaints it filed).
 */
export const hotlineClients = pgTable(
  'hotline_clients',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    secretSealed: text('secret_sealed').notNull(),
    callbackUrl: text('callback_url'),
    scopes: text('scopes').array().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
    /** Keyed hash (Sealer.lookupHash) of the secret: the Open311 `api_key` lookup. Null for clients made before it. */
    secretHash: text('secret_hash'),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by'),
  },
  (t) => [uniqueIndex('hotline_clients_secret_hash_uq').on(t.secretHash)],
);

/** The complainants' attachments (photos, PDF), content-addressed by SHA-256 like case evidence. */
export const complaintFiles = pgTable('complaint_files', {
  sha256: text('sha256').primaryKey(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  /** As the first bytes showed it (public.routes.ts `sniffMime`). */
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
});

/**
 * 受理编号 counters: one row per Beijing date of receipt, `last` the last number given out that day. An intake takes
 * the next with one `INSERT … ON CONFLICT DO UPDATE … RETURNING` (the row lock serialises concurrent intakes on
 * PostgreSQL; PGlite has one connection). A rolled-back intake leaves a gap, which is fine: numbers only need to be
 * unique.
 */
export const complaintNumberCounters = pgTable('complaint_number_counters', {
  day: date('day', { mode: 'string' }).primaryKey(),
  last: integer('last').notNull(),
});
