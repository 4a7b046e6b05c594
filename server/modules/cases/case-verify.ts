/**
 * zhifa verify, for the cases: every case's record chain recomputed (`verifyCaseChain`'s rule) and its row checked
 * against the projection of its record (case-projection.ts). Every broken chain and every differing column is
 * reported, with the case number.
 */
import { asc, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { GENESIS_HASH } from '../../platform/procedure/record.js';
import { type RowDifference, caseRowDifferences, projectCase } from './case-projection.js';
import { brokenCaseSeq } from './case-record.js';
import { caseEvents, caseOfficers, cases } from './cases.schema.js';

const BATCH = 500;

export interface CaseRecordsReport {
  cases: number;
  broken: { caseId: string; number: string; seq: number }[];
  mismatches: ({ caseId: string; number: string } & RowDifference)[];
}

type EventRow = typeof caseEvents.$inferSelect;

/** The first event of one case's chain whose bytes or link do not match, or null (platform/procedure/record.ts). */
export function brokenSeqOf(_caseId: string, events: readonly EventRow[]): number | null {
  return brokenCaseSeq(events);
}

function groupBy<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/** Every case: its record chain, and its row against the projection of that record. */
export async function verifyCaseRecords(db: Db): Promise<CaseRecordsReport> {
  const report: CaseRecordsReport = { cases: 0, broken: [], mismatches: [] };
  for (let afterId: string | null = null; ; ) {
    const rows = await db
      .select()
      .from(cases)
      .where(afterId === null ? undefined : gt(cases.id, afterId))
      .orderBy(asc(cases.id))
      .limit(BATCH);
    if (rows.length === 0) break;
    const ids = rows.map((c) => c.id);
    const [events, officers] = await Promise.all([
      db
        .select()
        .from(caseEvents)
        .where(inArray(caseEvents.caseId, ids))
        .orderBy(asc(caseEvents.caseId), asc(caseEvents.seq)),
      db.select().from(caseOfficers).where(inArray(caseOfficers.caseId, ids)),
    ]);
    const byCase = groupBy(events, (e) => e.caseId);
    const officersOf = groupBy(officers, (o) => o.caseId);
    for (const c of rows) {
      const own = byCase.get(c.id) ?? [];
      const broken = brokenSeqOf(c.id, own);
      if (broken !== null) report.broken.push({ caseId: c.id, number: c.number, seq: broken });
      const differences = caseRowDifferences(
        c,
        (officersOf.get(c.id) ?? []).map((o) => o.officerId),
        projectCase(own),
      );
      // the row's chain head must be the record's last event (a removed newest event leaves a valid shorter chain)
      const last = own[own.length - 1];
      if ((last?.seq ?? 0) !== c.lastEventSeq || (last?.hash ?? GENESIS_HASH) !== c.lastEventHash)
        differences.push({
          column: 'lastEventSeq',
          label: '全过程记录链头',
          stored: String(c.lastEventSeq),
          recorded: String(last?.seq ?? 0),
        });
      for (const d of differences) report.mismatches.push({ caseId: c.id, number: c.number, ...d });
    }
    report.cases += rows.length;
    afterId = rows[rows.length - 1]?.id as string;
  }
  report.broken.sort((a, b) => (a.number < b.number ? -1 : 1));
  report.mismatches.sort((a, b) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0));
  return report;
}
