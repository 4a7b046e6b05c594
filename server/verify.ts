/**
 * zhifa verify: the audit chain (every break) and the heads anchored in signed checkpoints (truncation), the record
 * chains of every registered procedure's subjects (server/procedures.ts: each case's chain and its row against the
 * projection of its record, and so on for every subject type), and the whole transparency log — leaves of every
 * subject type, v1 and v2 — with its signed checkpoints. Every problem is reported — at most MAX_LINES lines per kind — with a summary of the counts.
 */
import type { Db } from './db/client.js';
import { verifyAuditChain } from './modules/audit/audit.service.js';
import './procedures.js';
import { verifyAuditAnchors, verifyLog } from './modules/transparency/log-verify.js';
import { systemClock } from './platform/clock.js';
import { createSealer } from './platform/crypto.js';
import { procedures } from './platform/procedure/registry.js';

/** Lines printed per kind of problem; the summary counts them all. */
export const MAX_LINES = 20;

export interface VerifyOutput {
  info(line: string): void;
  error(line: string): void;
}

const consoleOutput: VerifyOutput = { info: (l) => console.log(l), error: (l) => console.error(l) };

/** zhifa verify: every check, every problem (capped per kind), a summary; 0 when sound, 2 otherwise. */
export async function runVerify(db: Db, secretKey: Buffer, out: VerifyOutput = consoleOutput): Promise<number> {
  const ok = (line: string) => out.info(`[zhifa] ${line}`);
  const printCapped = (lines: string[], total = lines.length) => {
    for (const line of lines.slice(0, MAX_LINES)) out.error(`[zhifa] ${line}`);
    if (total > MAX_LINES) out.error(`[zhifa] …另有 ${total - MAX_LINES} 处同类问题未列出`);
  };
  const counts: [string, number][] = [];
  const audit = await verifyAuditChain(db);
  if (audit.breaks.length === 0) ok(`审计日志哈希链完整：共校验 ${audit.checked} 条。`);
  printCapped(audit.breaks.map((b) => `审计日志哈希链断裂：seq=${b.seq}。原因：${b.reason}`));
  counts.push(['审计日志哈希链', audit.breaks.length]);

  const anchors = await verifyAuditAnchors(db, audit);
  if (anchors.problemCount === 0 && anchors.anchors > 0)
    ok(`审计日志仍到达签名检查点锚定的链头（${anchors.anchors} 个检查点锚定）。`);
  printCapped(anchors.problems, anchors.problemCount);
  counts.push(['审计链锚定', anchors.problemCount]);

  // every registered procedure: its subjects' chains, then its data against the record
  let chainBreaks = 0;
  const dataCounts: [string, number][] = [];
  for (const p of procedures()) {
    const records = await p.verifyRecords(db);
    if (records.broken.length === 0) ok(`全过程记录哈希链完整：共校验 ${records.subjects} 个${p.label}。`);
    printCapped(records.broken.map((b) => `${p.label} ${b.name} 的全过程记录哈希链断裂：第一处在第 ${b.seq} 条。`));
    chainBreaks += records.broken.length;
    if (records.mismatches.length === 0)
      ok(`${p.label}数据与全过程记录一致：共核对 ${records.subjects} 个${p.label}。`);
    printCapped(
      records.mismatches.map(
        (m) =>
          `${p.label} ${m.name} 的数据与全过程记录不一致：${m.label}（${m.column}）库中为 ${m.stored}，全过程记录为 ${m.recorded}`,
      ),
    );
    dataCounts.push([`${p.label}数据`, records.mismatches.length]);
  }
  counts.push(['全过程记录哈希链', chainBreaks], ...dataCounts);

  const log = await verifyLog({ db, clock: systemClock, sealer: createSealer(secretKey) });
  if (log.ok)
    ok(`透明日志完整：${log.treeSize} 个叶子全部重新计算，${log.checkpoints} 个签名检查点的根哈希和签名均有效。`);
  if (log.pending > 0) ok(`另有 ${log.pending} 条全过程记录尚未进入透明日志（服务运行时会在数秒内补入）。`);
  printCapped(
    log.problems.map((p) => `透明日志：${p}`),
    log.problemCount,
  );
  counts.push(['透明日志', log.problemCount]);

  const total = counts.reduce((n, [, c]) => n + c, 0);
  if (total === 0) {
    ok('校验通过：未发现问题。');
    return 0;
  }
  out.error(
    `[zhifa] 校验发现 ${total} 处问题：${counts
      .filter(([, c]) => c > 0)
      .map(([k, c]) => `${k} ${c} 处`)
      .join('，')}。`,
  );
  return 2;
}
