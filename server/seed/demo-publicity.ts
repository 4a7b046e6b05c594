/**
 * Demo publicity: every demo decision gets its publication; most are published two days after the decision, some
 * are left unpublished (those past their publish-by date show in the supervision list), one is withdrawn because
 * the decision was revoked, one ended after credit repair.
 */
import { eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { appendCaseEvent } from '../modules/cases/case-record.js';
import { cases } from '../modules/cases/cases.schema.js';
import { addMonths, DEFAULT_PUBLICITY_MONTHS, publicityMonths } from '../modules/publicity/publicity.rules.js';
import { backfillPublications } from '../modules/publicity/publicity.service.js';
import { publications } from '../modules/publicity/publicity.schema.js';
import { shanghaiDate } from '../platform/clock.js';
import { withdrawByDate } from '../platform/workdays.js';

const DAY = 86_400_000;

export async function loadDemoPublicity(db: Db, now: Date): Promise<void> {
  await backfillPublications(db);
  const rows = await db
    .select({ p: publications, c: cases })
    .from(publications)
    .innerJoin(cases, eq(cases.id, publications.caseId))
    .where(isNotNull(publications.publishBy))
    .orderBy(cases.number);
  let n = 0;
  for (const { p, c } of rows) {
    n++;
    if (n % 4 === 0) continue; // not published: overdue once its publish-by date has passed
    const at = new Date(Math.min(p.decidedAt.getTime() + 2 * DAY, now.getTime()));
    const kinds = (c.decision as { penaltyKinds?: string[] } | null)?.penaltyKinds ?? null;
    const endsOn = addMonths(
      shanghaiDate(at),
      publicityMonths(DEFAULT_PUBLICITY_MONTHS, p.kind === 'penalty' ? kinds : null),
    );
    await db.update(publications).set({ publishedAt: at, endsOn, updatedAt: at }).where(eq(publications.caseId, c.id));
    await appendCaseEvent(db, c.id, {
      type: 'publicity_publish',
      at,
      actorId: null,
      role: 'officer',
      orgId: c.orgId,
      payload: { publishBy: p.publishBy, late: false, endsOn },
      attachments: [],
    });
    if (n === 3 || n === 7) {
      const revokedAt = new Date(Math.min(at.getTime() + DAY, now.getTime()));
      const withdrawn = new Date(Math.min(revokedAt.getTime() + DAY, now.getTime()));
      const due = withdrawByDate(revokedAt);
      const reason = n === 3 ? 'revoked' : 'corrected';
      await db
        .update(publications)
        .set({ withdrawReason: reason, revokedAt, withdrawBy: due.date, withdrawnAt: withdrawn, updatedAt: withdrawn })
        .where(eq(publications.caseId, c.id));
      await appendCaseEvent(db, c.id, {
        type: 'publicity_withdraw',
        at: withdrawn,
        actorId: null,
        role: 'department_head',
        orgId: c.orgId,
        payload: {
          reason,
          revokedAt: revokedAt.toISOString(),
          withdrawBy: due.date,
          late: false,
          note: '演示：经行政复议撤销',
        },
        attachments: [],
      });
    } else if (n === 5) {
      const ended = new Date(Math.min(at.getTime() + 3 * DAY, now.getTime()));
      await db
        .update(publications)
        .set({ endedAt: ended, endReason: 'credit_repair', updatedAt: ended })
        .where(eq(publications.caseId, c.id));
      await appendCaseEvent(db, c.id, {
        type: 'publicity_end',
        at: ended,
        actorId: null,
        role: 'department_head',
        orgId: c.orgId,
        payload: { reason: 'credit_repair', reference: '信用修复-演示-001' },
        attachments: [],
      });
    }
  }
}
