/**
 * zhifa verify for a procedure kept in the generic store: every subject's chain recomputed and its head row checked
 * against the chain's last event (a removed newest event leaves a valid shorter chain, the head still names it).
 */
import type { Db } from '../../db/client.js';
import { brokenSeqOf, headOf } from './record.js';
import type { RecordsReport } from './registry.js';
import { type EventStore, eventsOfSubjects, genericHeads, genericStore, subjectsWithoutHead } from './store.js';

const BATCH = 500;

/** Groups events (already ordered by subject, then seq) by subject id. */
export function bySubject<T extends { subjectId: string }>(events: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const e of events) {
    const list = out.get(e.subjectId);
    if (list) list.push(e);
    else out.set(e.subjectId, [e]);
  }
  return out;
}

export async function verifyGenericRecords(
  db: Db,
  subjectType: string,
  store: EventStore = genericStore,
): Promise<RecordsReport> {
  const report: RecordsReport = { subjects: 0, broken: [], mismatches: [] };
  for (let afterId: string | null = null; ; ) {
    const heads = await genericHeads(db, subjectType, afterId, BATCH);
    if (heads.length === 0) break;
    const events = bySubject(
      await eventsOfSubjects(
        db,
        store,
        subjectType,
        heads.map((h) => h.subjectId),
      ),
    );
    for (const h of heads) {
      const own = events.get(h.subjectId) ?? [];
      const broken = brokenSeqOf(store.bytes, own);
      if (broken !== null) report.broken.push({ subjectId: h.subjectId, name: h.subjectId, seq: broken });
      const last = headOf(own);
      if (last.seq !== h.seq || last.hash !== h.hash)
        report.mismatches.push({
          subjectId: h.subjectId,
          name: h.subjectId,
          column: 'lastEventSeq',
          label: '全过程记录链头',
          stored: String(h.seq),
          recorded: String(last.seq),
        });
    }
    report.subjects += heads.length;
    afterId = heads[heads.length - 1]?.subjectId as string;
  }
  for (const subjectId of await subjectsWithoutHead(db, subjectType)) {
    report.subjects += 1;
    report.mismatches.push({
      subjectId,
      name: subjectId,
      column: 'lastEventSeq',
      label: '全过程记录链头',
      stored: '（无链头）',
      recorded: '（有记录）',
    });
  }
  return report;
}
