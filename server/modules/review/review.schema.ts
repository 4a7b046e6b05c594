import {
  boolean,
  doublePrecision,
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
import type {
  CheckAnswer,
  CriterionInput,
  GradeBandInput,
  PrefillOut,
  VetoItemInput,
} from '../../../common/contracts/review.contract.js';
import type { ReviewSampleRule } from '../../../common/review-sample.js';
import { users } from '../accounts/accounts.api.js';
import { cases } from '../cases/cases.api.js';
import { orgs } from '../orgs/orgs.api.js';

/** 评查标准: versioned data. Versions of one rubric share a family; a version used by a campaign is never edited. */
export const reviewRubrics = pgTable(
  'review_rubrics',
  {
    id: uuid('id').primaryKey(),
    familyId: uuid('family_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    bodyOrgId: uuid('body_org_id')
      .notNull()
      .references(() => orgs.id),
    vetoItems: jsonb('veto_items').$type<VetoItemInput[]>().notNull(),
    criteria: jsonb('criteria').$type<CriterionInput[]>().notNull(),
    grades: jsonb('grades').$type<GradeBandInput[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
  },
  (t) => [uniqueIndex('review_rubrics_family_version_uq').on(t.familyId, t.version)],
);

export interface CaseFilter {
  kinds: string[];
  closedFrom: string;
  closedTo: string;
}

/** 案卷评查活动 of a supervising body: the orgs reviewed, the sample rule, the rubric, the reviewers, the draw. */
export const reviewCampaigns = pgTable(
  'review_campaigns',
  {
    id: uuid('id').primaryKey(),
    bodyOrgId: uuid('body_org_id')
      .notNull()
      .references(() => orgs.id),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    orgIds: uuid('org_ids').array().notNull(),
    sample: jsonb('sample').$type<ReviewSampleRule>().notNull(),
    caseFilter: jsonb('case_filter').$type<CaseFilter>().notNull(),
    rubricId: uuid('rubric_id')
      .notNull()
      .references(() => reviewRubrics.id),
    reviewerIds: uuid('reviewer_ids').array().notNull(),
    state: text('state').notNull(),
    /** The server seed, sealed until the draw reveals it. */
    serverSeedSealed: text('server_seed_sealed'),
    serverSeed: text('server_seed'),
    publicSeed: text('public_seed'),
    seed: text('seed'),
    seedCommitment: text('seed_commitment'),
    populationHash: text('population_hash'),
    populationSize: integer('population_size'),
    committedAt: timestamp('committed_at', { withTimezone: true }),
    drawnAt: timestamp('drawn_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    createdBy: uuid('created_by').notNull(),
    createdByName: text('created_by_name').notNull(),
  },
  (t) => [index('review_campaigns_body_idx').on(t.bodyOrgId, t.year)],
);

/** The columns naming a file of a campaign: the campaign, the case, its number and its org. */
const fileColumns = () => ({
  campaignId: uuid('campaign_id')
    .notNull()
    .references(() => reviewCampaigns.id),
  caseId: uuid('case_id')
    .notNull()
    .references(() => cases.id),
  caseNumber: text('case_number').notNull(),
  orgId: uuid('org_id').notNull(),
});

/** The frozen population of a committed campaign: every matching closed file, ascending by case number. */
export const reviewPopulation = pgTable(
  'review_population',
  { ...fileColumns(), position: integer('position').notNull() },
  (t) => [primaryKey({ columns: [t.campaignId, t.position] })],
);

/** A sampled file: its pick, what the record proves (pre-fills), and the outcome of its reviews. */
export const reviewFiles = pgTable(
  'review_files',
  {
    id: uuid('id').primaryKey(),
    ...fileColumns(),
    position: integer('position').notNull(),
    pick: integer('pick').notNull(),
    prefills: jsonb('prefills').$type<PrefillOut[]>().notNull(),
    flagged: boolean('flagged').notNull().default(false),
    finalScore: doublePrecision('final_score'),
    finalGrade: text('final_grade'),
    finalVeto: boolean('final_veto'),
  },
  (t) => [uniqueIndex('review_files_case_uq').on(t.campaignId, t.caseId)],
);

export interface SheetAnswer {
  checks: CheckAnswer[];
  vetoes: string[];
  deductions: { criterion: string; deduction: string; times: number }[];
  comment?: string;
}

/** 评查表: one reviewer's sheet of one file (rounds 1 and 2; round 3 for a flagged file). */
export const reviewSheets = pgTable(
  'review_sheets',
  {
    id: uuid('id').primaryKey(),
    fileId: uuid('file_id')
      .notNull()
      .references(() => reviewFiles.id),
    campaignId: uuid('campaign_id')
      .notNull()
      .references(() => reviewCampaigns.id),
    round: integer('round').notNull(),
    reviewerId: uuid('reviewer_id')
      .notNull()
      .references(() => users.id),
    answer: jsonb('answer').$type<SheetAnswer>(),
    vetoes: text('vetoes').array(),
    criterionScores: jsonb('criterion_scores').$type<{ criterion: string; score: number }[]>(),
    total: doublePrecision('total'),
    grade: text('grade'),
    veto: boolean('veto'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('review_sheets_file_round_uq').on(t.fileId, t.round),
    uniqueIndex('review_sheets_file_reviewer_uq').on(t.fileId, t.reviewerId),
    index('review_sheets_reviewer_idx').on(t.reviewerId),
  ],
);
