/**
 * zhifa redraw <taskId>: re-runs a task's draw from its stored public record alone (common/draw.ts verifyDraw), with
 * the commitment the commit event recorded and the draw event's result hash, and reports 一致 / 不一致.
 */
import { and, asc, eq } from 'drizzle-orm';
import { type DrawVerification, verifyDraw } from '../../../common/draw.js';
import type { Db } from '../../db/client.js';
import { procedureEvents } from '../../platform/procedure/procedure.schema.js';
import { drawHash, publicRecord, resultHash } from './draw.service.js';

export type RedrawOutcome =
  | DrawVerification
  | { ok: false; verdict: '不一致'; difference: { path: string; detail: string } };

export async function redraw(db: Db, taskId: string): Promise<RedrawOutcome> {
  const events = await db
    .select({ type: procedureEvents.type, payload: procedureEvents.payload })
    .from(procedureEvents)
    .where(and(eq(procedureEvents.subjectType, 'inspection'), eq(procedureEvents.subjectId, taskId)))
    .orderBy(asc(procedureEvents.seq));
  const commit = events.find((e) => e.type === 'commit')?.payload as Record<string, string> | undefined;
  const drawn = events.find((e) => e.type === 'draw')?.payload as Record<string, string> | undefined;
  const record = await publicRecord(db, taskId);
  if (!record || !commit || !drawn)
    return {
      ok: false,
      verdict: '不一致',
      difference: { path: '', detail: '该抽查任务尚未抽取，或全过程记录中没有承诺与抽取事件' },
    };
  const v = verifyDraw(record, {
    hash: drawHash,
    committed: {
      seedCommitment: commit.seedCommitment,
      populationHash: commit.populationHash,
      poolHash: commit.poolHash,
    },
  });
  if (!v.ok) return v;
  if (drawn.seed !== record.seed || drawn.resultHash !== resultHash(record.targets))
    return {
      ok: false,
      verdict: '不一致',
      difference: { path: 'targets', detail: '保存的抽取结果与全过程记录中抽取事件记载的结果哈希不一致' },
    };
  return v;
}

/** The CLI: prints the verdict (and the first difference) and returns the exit code (0 一致, 2 不一致). */
export async function runRedraw(db: Db, taskId: string, out: { info(l: string): void; error(l: string): void }) {
  const v = await redraw(db, taskId);
  if (v.ok) {
    out.info(`一致：抽查任务 ${taskId} 按公开记录重新计算，种子 ${v.seed}，${v.targets} 个检查对象与保存的结果相同`);
    return 0;
  }
  out.error(`不一致：${v.difference.path ? `${v.difference.path}：` : ''}${v.difference.detail}`);
  return 2;
}
