import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from '../accounts/accounts.api.js';
import { orgs } from '../orgs/orgs.api.js';

/**
 * 行政执法人员. The resident ID number and the phone are stored sealed (AES-256-GCM) with an HMAC column for
 * lookups and duplicates, plus the masked form shown in responses.
 */
export const officers = pgTable(
  'officers',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    idNumberSealed: text('id_number_sealed').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgs.id),
    position: text('position'),
    phoneSealed: text('phone_sealed'),
    phoneMasked: text('phone_masked'),
    legalQualification: boolean('legal_qualification').notNull().default(false),
    legalReviewer: boolean('legal_reviewer').notNull().default(false),
    userId: uuid('user_id').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('officers_id_number_hash_uq').on(t.idNumberHash),
    uniqueIndex('officers_user_uq').on(t.userId),
    index('officers_org_idx').on(t.orgId),
  ],
);

/** 行政执法证件 / 执法监督证件. `status` is the current state; `expired` is derived from the dates. */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    number: text('number').notNull(),
    kind: text('kind').notNull(),
    issuerOrgId: uuid('issuer_org_id')
      .notNull()
      .references(() => orgs.id),
    sectors: text('sectors').array().notNull(),
    regionCodes: text('region_codes').array().notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    validTo: date('valid_to', { mode: 'string' }).notNull(),
    status: text('status').notNull(),
    publicToken: text('public_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('certificates_number_uq').on(t.number),
    uniqueIndex('certificates_token_uq').on(t.publicToken),
    index('certificates_officer_idx').on(t.officerId),
  ],
);

/** Every change of a certificate's state, with who and why. Eligibility at a past moment replays these. */
export const certificateEvents = pgTable(
  'certificate_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    certificateId: uuid('certificate_id')
      .notNull()
      .references(() => certificates.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('certificate_events_cert_idx').on(t.certificateId, t.at)],
);

/**
 * 业务培训登记. Credit is kept in thousandths of a 学时 (`credit_milli`): hours × 1000, or minutes × 1000 / 45
 * rounded to the nearest integer. One record per officer, course and date (imports from several platforms count once).
 */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    course: text('course').notNull(),
    courseKey: text('course_key').notNull(),
    category: text('category').notNull(),
    mode: text('mode').notNull(),
    provider: text('provider').notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    minutes: integer('minutes'),
    creditMilli: integer('credit_milli').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('training_records_dedupe_uq').on(t.officerId, t.courseKey, t.date),
    index('training_records_date_idx').on(t.date, t.officerId),
  ],
);

/** 年度考核. One grade per officer per year. */
export const assessments = pgTable(
  'assessments',
  {
    id: uuid('id').primaryKey(),
    officerId: uuid('officer_id')
      .notNull()
      .references(() => officers.id),
    year: integer('year').notNull(),
    grade: text('grade').notNull(),
    comments: text('comments'),
    assessorId: uuid('assessor_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('assessments_officer_year_uq').on(t.officerId, t.year)],
);

/** 退出机制 decisions: the certificates they suspended or revoked, and why. */
export const exitDecisions = pgTable('exit_decisions', {
  id: uuid('id').primaryKey(),
  officerId: uuid('officer_id')
    .notNull()
    .references(() => officers.id),
  action: text('action').notNull(),
  reason: text('reason').notNull(),
  basis: text('basis').notNull(),
  certificateIds: text('certificate_ids').array().notNull(),
  actorId: uuid('actor_id'),
  at: timestamp('at', { withTimezone: true }).notNull(),
});
