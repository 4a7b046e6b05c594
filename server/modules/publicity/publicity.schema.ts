import { boolean, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { WithdrawReason } from '../../../common/enums.js';
import { cases } from '../cases/cases.api.js';

/**
 * 行政执法公示 of one decision: due by `publishBy` (working days after the decision, DOMAIN.md §5), published,
 * withdrawn when the decision is revoked or corrected (due within 3 working days), ended after its period or
 * credit repair. Each change is also a case-record event, so it is in the transparency log.
 */
export const publications = pgTable(
  'publications',
  {
    caseId: uuid('case_id')
      .primaryKey()
      .references(() => cases.id),
    /** 'penalty' (7 working days) or 'other' (20). */
    kind: text('kind').notNull(),
    decidedAt: timestamp('decided_at', { withTimezone: true }).notNull(),
    publishBy: date('publish_by').notNull(),
    /** The calendar did not cover every day counted (weekday rule used for the missing year). */
    publishByProvisional: boolean('publish_by_provisional').notNull().default(false),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    publishedLate: boolean('published_late').notNull().default(false),
    /** Publicity ends after this day (the period of the heaviest penalty kind). */
    endsOn: date('ends_on'),
    withdrawReason: text('withdraw_reason').$type<WithdrawReason>(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    withdrawBy: date('withdraw_by'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnLate: boolean('withdrawn_late').notNull().default(false),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endReason: text('end_reason').$type<'credit_repair'>(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('publications_publish_by_idx').on(t.publishBy), index('publications_published_idx').on(t.publishedAt)],
);
