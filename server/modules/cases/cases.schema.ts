import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { DecisionOut, IntendedOut } from '../../../common/contracts/cases.contract.js';
import { bytea } from '../../db/column-types.js';
import { items } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { officers } from '../personnel/personnel.api.js';

/** A payment recorded against the decision (罚缴分离: the channel's reference). */
export interface CasePayment {
  channel: 'bank' | 'online' | 'on_site';
  reference: string;
  amountFen: number;
  paidAt: string;
  receiptNumber: string | null;
}

export interface Recusal {
  officerId: string;
  officerName: string;
  applicant: 'party' | 'officer';
  reason: string;
  requestedAt: string;
  outcome: 'granted' | 'denied' | null;
  decidedAt: string | null;
  opinion: string | null;
}

/** One enforcement case (penalty procedure). Party identifiers are sealed like officers' (DESIGN.md). */
export const cases = pgTable(
  'cases',
  {
    id: uuid('id').primaryKey(),
    number: text('number').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
    source: text('source').notNull(),
    partyKind: text('party_kind').notNull(),
    partyName: text('party_name').notNull(),
    partyIdSealed: text('party_id_sealed'),
    partyIdHash: text('party_id_hash'),
    partyIdMasked: text('party_id_masked'),
    partyUscc: text('party_uscc'),
    partyAddressSealed: text('party_address_sealed'),
    partyPhoneSealed: text('party_phone_sealed'),
    facts: text('facts').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
    location: text('location'),
    state: text('state').notNull(),
    /** 'general' (普通程序) or 'simplified' (简易程序, art. 51). */
    procedure: text('procedure').notNull().default('general'),
    /** 回避 (art. 43): applications and declarations with the head's decision. */
    recusals: jsonb('recusals').$type<Recusal[]>().notNull().default([]),
    /** The state to return to on `resume`. */
    stateBeforeSuspension: text('state_before_suspension'),
    filedAt: timestamp('filed_at', { withTimezone: true }),
    notifiedAt: timestamp('notified_at', { withTimezone: true }),
    /** The intended penalty stated in the prior notice, and whether it carries hearing rights. */
    intended: jsonb('intended').$type<IntendedOut>(),
    hearingRights: boolean('hearing_rights').notNull().default(false),
    hearingRequestedAt: timestamp('hearing_requested_at', { withTimezone: true }),
    hearingHeld: boolean('hearing_held').notNull().default(false),
    statementRecorded: boolean('statement_recorded').notNull().default(false),
    statementWaived: boolean('statement_waived').notNull().default(false),
    hearingWaived: boolean('hearing_waived').notNull().default(false),
    /** Legal review triggers other than the item and the hearing (public interest, major rights, complex, by law). */
    reviewFlags: jsonb('review_flags').$type<Record<string, boolean>>().notNull().default({}),
    legalReviewOutcome: text('legal_review_outcome'),
    decision: jsonb('decision').$type<DecisionOut>(),
    /** 一案一码: ≥ 128 random bits, URL-safe, given at decision; the public page is <PUBLIC_BASE_URL>/v/<code>. */
    caseCode: text('case_code'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    deviation: boolean('deviation').notNull().default(false),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    deliveryLate: boolean('delivery_late').notNull().default(false),
    paidFen: integer('paid_fen').notNull().default(0),
    /** The payments behind paidFen, in the order recorded. */
    payments: jsonb('payments').$type<CasePayment[]>().notNull().default([]),
    extensionDays: integer('extension_days').array().notNull().default([]),
    suspensions: jsonb('suspensions').$type<{ from: string; to: string | null }[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    /** The head of the case's record chain (全过程记录): seq and hash of its last event (0 and the genesis hash before the first). */
    lastEventSeq: integer('last_event_seq').notNull().default(0),
    lastEventHash: text('last_event_hash')
      .notNull()
      .default('0000000000000000000000000000000000000000000000000000000000000000'),
  },
  (t) => [
    uniqueIndex('cases_number_uq').on(t.number),
    uniqueIndex('cases_case_code_uq').on(t.caseCode),
    index('cases_org_state_idx').on(t.orgId, t.state),
    index('cases_party_hash_idx').on(t.partyIdHash),
    index('cases_party_uscc_idx').on(t.partyUscc),
    // never more paid than the fine and its late fee (加处罚款 ≤ the fine, art. 72): a backstop behind the step's check
    check(
      'cases_paid_within_owed',
      sql`${t.paidFen} >= 0 and ${t.paidFen} <= 2 * coalesce((${t.decision}->>'amountFen')::bigint, 0)`,
    ),
  ],
);

/** 罚缴分离: a payment channel's reference is recorded once per org (a reused reference is refused). */
export const paymentReferences = pgTable(
  'payment_references',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    reference: text('reference').notNull(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.reference] })],
);

/** 承办人员: the officers assigned to a case. */
export const caseOfficers = pgTable(
  'case_officers',
  {
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.officerId] })],
);

/**
 * 全过程记录: append-only (trigger), each event chained to the case's previous one by hash.
 * `hash = SHA-256(canonical event + prev_hash)`.
 */
export const caseEvents = pgTable(
  'case_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    seq: integer('seq').notNull(),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: uuid('actor_id'),
    role: text('role'),
    orgId: uuid('org_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    attachments: jsonb('attachments').$type<{ name: string; mime: string; size: number; sha256: string }[]>().notNull(),
    location: jsonb('location').$type<Record<string, unknown>>(),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [uniqueIndex('case_events_case_seq_uq').on(t.caseId, t.seq)],
);

/** The last case number issued per prefix (county and year); bumped atomically by an upsert. */
export const caseNumberSeq = pgTable('case_number_seq', {
  prefix: text('prefix').primaryKey(),
  last: integer('last').notNull(),
});

/** Evidence files, content-addressed by SHA-256. */
export const evidenceBlobs = pgTable('evidence_blobs', {
  sha256: text('sha256').primaryKey(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  content: bytea('content').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});
