/**
 * zhifa verify, for the transparency log and what it anchors: every leaf recomputed from its stored event, every
 * node, every checkpoint's root and signature and their order, events missing from the log although their leaf is
 * in it, and the audit chain's heads anchored in signed checkpoints (truncation). Every problem is reported, not
 * only the first; the lists are capped (`MAX_PROBLEMS`) with the full count alongside.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import { leafBytes } from '../../../common/transparency-leaf.js';
import type { Db } from '../../db/client.js';
import { sha256Hex } from '../../platform/crypto.js';
import { type ChainReport, auditEvents } from '../audit/audit.api.js';
import type { StoredEvent } from '../../platform/procedure/record.js';
import { procedureOf, procedures } from '../../platform/procedure/registry.js';
import { eventsByIds } from '../../platform/procedure/store.js';
import { appendLeaves, hashRange, leafHashSync, nodeKey, rootPlan } from './merkle-tree.js';
import {
  type TransparencyDeps,
  candidateLeafHashes,
  leafOfStored,
  leavesWithHashes,
  toCheckpoint,
  treeSize,
  unloggedEvents,
  verifyCheckpointSignature,
} from './transparency.service.js';
import {
  transparencyCheckpoints,
  transparencyKeys,
  transparencyLeaves,
  transparencyNodes,
} from './transparency.schema.js';

const BATCH = 2000;
/** Problems kept per list; the count goes on. */
export const MAX_PROBLEMS = 1000;

/** A capped list of problems with their full count. */
export class Problems {
  readonly list: string[] = [];
  count = 0;
  add(message: string) {
    this.count++;
    if (this.list.length < MAX_PROBLEMS) this.list.push(message);
  }
}

export interface LogReport {
  ok: boolean;
  treeSize: number;
  checkpoints: number;
  /** Events not in the log yet (the running server adds them within seconds): not a fault. */
  pending: number;
  problems: string[];
  problemCount: number;
}

const emptyRoot = () => sha256Hex('');

/** The stored events the leaves point at, by `subjectType/eventId` (one query per subject type in the batch). */
async function eventsOfLeaves(
  deps: TransparencyDeps,
  leaves: readonly { subjectType: string; eventId: number }[],
): Promise<Map<string, StoredEvent>> {
  const out = new Map<string, StoredEvent>();
  const idsByType = new Map<string, number[]>();
  for (const l of leaves) {
    const ids = idsByType.get(l.subjectType);
    if (ids) ids.push(l.eventId);
    else idsByType.set(l.subjectType, [l.eventId]);
  }
  for (const [subjectType, ids] of idsByType) {
    const p = procedureOf(subjectType);
    if (!p) continue;
    for (const e of await eventsByIds(deps.db, p.store, subjectType, ids)) out.set(`${subjectType}/${e.id}`, e);
  }
  return out;
}

/**
 * Recomputes the whole tree from the stored events: each leaf from its event as stored now, every node, and the
 * root at every checkpoint with its signature; checkpoints never shrink the tree. An event outside the log whose
 * leaf the log holds (its leaf row pointed elsewhere or removed) is a problem, not a pending event.
 */
export async function verifyLog(deps: TransparencyDeps): Promise<LogReport> {
  const problems = new Problems();
  const size = await treeSize(deps.db);
  const computed = new Map<string, Buffer>();
  const lookup = (level: number, index: number) => computed.get(nodeKey(level, index)) as Buffer;
  for (let start = 0; start < size; start += BATCH) {
    const rows = await deps.db
      .select({ l: transparencyLeaves, n: transparencyNodes.hash })
      .from(transparencyLeaves)
      .leftJoin(
        transparencyNodes,
        and(eq(transparencyNodes.level, 0), eq(transparencyNodes.idx, transparencyLeaves.leafIndex)),
      )
      .where(and(gt(transparencyLeaves.leafIndex, start - 1), sql`${transparencyLeaves.leafIndex} < ${start + BATCH}`))
      .orderBy(asc(transparencyLeaves.leafIndex));
    const events = await eventsOfLeaves(
      deps,
      rows.map((r) => r.l),
    );
    const hashes: Buffer[] = [];
    let expected = start;
    const gap = (to: number) => {
      for (; expected < to; expected++) {
        problems.add(`叶子 ${expected} 已从叶子表中删除`);
        hashes.push(Buffer.alloc(32));
      }
    };
    for (const { l, n } of rows) {
      gap(l.leafIndex);
      expected = l.leafIndex + 1;
      const p = procedureOf(l.subjectType);
      const e = events.get(`${l.subjectType}/${l.eventId}`);
      let h: Buffer | null = null;
      if (!p) problems.add(`叶子 ${l.leafIndex} 的主体类型“${l.subjectType}”没有登记的程序，无法重新计算`);
      else if (!e) problems.add(`叶子 ${l.leafIndex} 对应的记录（事件 ${l.eventId}）不存在`);
      else {
        try {
          h = leafHashSync(leafBytes(leafOfStored(e, l.leafVersion)));
        } catch {
          problems.add(`叶子 ${l.leafIndex} 的格式版本 ${l.leafVersion} 不适用于${p.label}的记录`);
        }
        if (h && (!n || !h.equals(n)))
          problems.add(`叶子 ${l.leafIndex}（${p.label} ${e.subjectId} 第 ${e.seq} 条记录）与日志中登记的哈希不一致`);
      }
      hashes.push(h ?? n ?? Buffer.alloc(32));
    }
    gap(Math.min(start + BATCH, size));
    for (const node of appendLeaves(start, hashes, lookup)) computed.set(nodeKey(node.level, node.index), node.hash);
  }

  // events outside the log, of every registered procedure: pending, unless the log already holds their leaf
  let pending = 0;
  for (const p of procedures()) {
    for (let afterId = 0; ; ) {
      const rows = await unloggedEvents(deps.db, p, { afterId, limit: BATCH });
      if (rows.length === 0) break;
      const candidates = rows.map(candidateLeafHashes);
      const logged = await leavesWithHashes(deps.db, candidates.flat());
      rows.forEach((e, i) => {
        const at = (candidates[i] as Buffer[]).map((h) => logged.get(h.toString('hex'))).find((x) => x !== undefined);
        if (at === undefined) pending++;
        else
          problems.add(
            `${p.label} ${e.subjectId} 第 ${e.seq} 条记录不在叶子表中，但日志第 ${at} 号叶子正是它（叶子被改指或删除；序列器不会再次登记它）`,
          );
      });
      afterId = (rows[rows.length - 1] as StoredEvent).id;
    }
  }

  const checkpoints = await deps.db.select().from(transparencyCheckpoints).orderBy(asc(transparencyCheckpoints.id));
  const keys = await deps.db.select().from(transparencyKeys);
  let previous: (typeof checkpoints)[number] | null = null;
  for (const c of checkpoints) {
    const name = `检查点 #${c.id}（${c.treeSize} 个叶子，${c.timestamp.toISOString()}）`;
    const key = keys.find((k) => k.keyId === c.keyId);
    if (!key || !verifyCheckpointSignature(key.publicKey, toCheckpoint(c))) problems.add(`${name} 的签名无效`);
    if (c.treeSize > size) problems.add(`${name} 超出日志大小 ${size}（日志被截断）`);
    else if ((c.treeSize === 0 ? emptyRoot() : hashRange(rootPlan(c.treeSize), lookup).toString('hex')) !== c.rootHash)
      problems.add(`${name} 的根哈希与重新计算的不一致`);
    if (previous && c.treeSize < previous.treeSize)
      problems.add(`${name} 比之前签署的检查点 #${previous.id}（${previous.treeSize} 个叶子）更小（日志被改写）`);
    previous = c;
  }
  return {
    ok: problems.count === 0,
    treeSize: size,
    checkpoints: checkpoints.length,
    pending,
    problems: problems.list,
    problemCount: problems.count,
  };
}

export interface AnchorReport {
  /** Checkpoints that anchor an audit head. */
  anchors: number;
  problems: string[];
  problemCount: number;
}

/**
 * The audit chain against the heads anchored in signed checkpoints: the chain must still reach the highest anchored
 * head (else it was truncated), and every anchored event must still be there with the anchored hash (unless purged
 * as older than the chain's first remaining row). `chain` is the walk `verifyAuditChain` just made.
 */
export async function verifyAuditAnchors(db: Db, chain: ChainReport): Promise<AnchorReport> {
  const problems = new Problems();
  const rows = await db
    .select({
      id: transparencyCheckpoints.id,
      seq: transparencyCheckpoints.auditSeq,
      hash: transparencyCheckpoints.auditHash,
      at: transparencyCheckpoints.timestamp,
    })
    .from(transparencyCheckpoints)
    .where(sql`${transparencyCheckpoints.auditSeq} is not null`)
    .orderBy(asc(transparencyCheckpoints.id));
  const anchors = rows as { id: number; seq: number; hash: string; at: Date }[];
  let highest: (typeof anchors)[number] | null = null;
  for (const a of anchors) {
    if (highest && a.seq < highest.seq)
      problems.add(
        `检查点 #${a.id} 锚定的审计链头 seq=${a.seq} 早于此前检查点 #${highest.id} 锚定的 seq=${highest.seq}（审计日志被截断后重新签署）`,
      );
    if (!highest || a.seq > highest.seq) highest = a;
  }
  if (highest && (chain.lastSeq === null || highest.seq > chain.lastSeq))
    problems.add(
      `审计日志被截断（truncated）：${highest.at.toISOString()} 签署的检查点 #${highest.id} 锚定的链头为 seq=${highest.seq}，现存审计日志只到 ${chain.lastSeq === null ? '（空）' : `seq=${chain.lastSeq}`}`,
    );
  // every anchored event still there with its hash
  const wanted = new Map<number, { id: number; hash: string }>();
  for (const a of anchors)
    if (chain.firstSeq !== null && a.seq >= chain.firstSeq && (chain.lastSeq === null || a.seq <= chain.lastSeq))
      wanted.set(a.seq, { id: a.id, hash: a.hash });
  const seqs = [...wanted.keys()];
  for (let i = 0; i < seqs.length; i += 1000) {
    const batch = seqs.slice(i, i + 1000);
    const found = new Map(
      (
        await db
          .select({ seq: auditEvents.seq, hash: auditEvents.hash })
          .from(auditEvents)
          .where(inArray(auditEvents.seq, batch))
      ).map((r) => [r.seq, r.hash]),
    );
    for (const seq of batch) {
      const a = wanted.get(seq) as { id: number; hash: string };
      const hash = found.get(seq);
      if (hash === undefined)
        problems.add(`审计事件 seq=${seq} 已被删除（检查点 #${a.id} 锚定过它：审计日志被截断（truncated）或删改）`);
      else if (hash !== a.hash) problems.add(`审计事件 seq=${seq} 的哈希与检查点 #${a.id} 锚定的不一致（被改写）`);
    }
  }
  return { anchors: anchors.length, problems: problems.list, problemCount: problems.count };
}
