/**
 * The transparency log (RFC 6962/9162): every case-record event becomes a leaf, in the order the sequencer takes
 * them; the perfect-subtree hashes are stored (merkle-tree.ts) so that roots and proofs need one query; signed
 * checkpoints (Ed25519, key generated on first start and sealed with the platform key) commit to the tree.
 *
 * Sequencing runs after the events' own transactions (a timer, and on demand before a checkpoint or a public case
 * page), so a case step never waits for the log. One sequencer at a time (advisory lock), on any number of servers.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify as verifySignature } from 'node:crypto';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import {
  type Checkpoint,
  LEAF_VERSION,
  type TransparencyLeaf,
  checkpointMessage,
  leafBytes,
} from '../../../common/transparency-leaf.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { sha256Hex } from '../../platform/crypto.js';
import { eventBytes, eventHash, verifyCaseChain } from '../cases/case-record.js';
import { caseEvents, cases } from '../cases/cases.schema.js';
import { publicEventView } from '../publicity/public-views.js';
import {
  type LeafRange,
  type NodeCoord,
  appendLeaves,
  hashRange,
  inclusionPlan,
  consistencyPlan,
  leafHashSync,
  nodeKey,
  nodesNeeded,
  rangeNodes,
  rootPlan,
} from './merkle-tree.js';
import {
  transparencyCheckpoints,
  transparencyKeys,
  transparencyLeaves,
  transparencyNodes,
} from './transparency.schema.js';

const SEQUENCER_LOCK = 7243002;
const BATCH = 2000;
/**
 * The sequencer looks for new events only among ids above the highest one in the log minus this window: an event
 * committed later than 100,000 newer ones (a transaction held open that long) is taken by the full pass at start-up.
 */
const ID_WINDOW = 100_000;

type EventRow = typeof caseEvents.$inferSelect;

export interface TransparencyDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
}

/** The leaf of a stored event: its public view and its chain hash recomputed from what is stored now. */
export function leafOf(e: EventRow): TransparencyLeaf {
  const payload = e.payload as Record<string, unknown>;
  const bytes = eventBytes(e.caseId, e.seq, {
    type: e.type,
    at: e.at,
    actorId: e.actorId,
    role: e.role,
    orgId: e.orgId,
    payload,
    attachments: e.attachments,
    location: e.location as Record<string, unknown> | null,
  });
  return {
    v: LEAF_VERSION,
    caseId: e.caseId,
    seq: e.seq,
    type: e.type,
    at: e.at.toISOString(),
    public: publicEventView(e.type, payload),
    eventHash: eventHash(bytes, e.prevHash),
  };
}

// ── the signing key ──

export interface LogKey {
  keyId: string;
  publicKey: Buffer;
  sign(message: Uint8Array): Buffer;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
let cachedKey: { sealer: Sealer; key: LogKey } | null = null;

/** The log's key: the one stored, or a new one generated and stored on first use. */
export async function logKey(deps: TransparencyDeps): Promise<LogKey> {
  if (cachedKey?.sealer === deps.sealer) return cachedKey.key;
  let [row] = await deps.db.select().from(transparencyKeys).orderBy(asc(transparencyKeys.createdAt)).limit(1);
  if (!row) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_ED25519_PREFIX.length);
    const pkcs8 = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
    await deps.db
      .insert(transparencyKeys)
      .values({
        keyId: sha256Hex(raw).slice(0, 16),
        publicKey: Buffer.from(raw),
        privateKeySealed: deps.sealer.seal(pkcs8),
        createdAt: deps.clock.now(),
      })
      .onConflictDoNothing();
    [row] = await deps.db.select().from(transparencyKeys).orderBy(asc(transparencyKeys.createdAt)).limit(1);
  }
  if (!row) throw new Error('transparency key missing');
  const privateKey = createPrivateKey({
    key: Buffer.from(deps.sealer.open(row.privateKeySealed), 'base64'),
    format: 'der',
    type: 'pkcs8',
  });
  const key: LogKey = { keyId: row.keyId, publicKey: row.publicKey, sign: (m) => sign(null, m, privateKey) };
  cachedKey = { sealer: deps.sealer, key };
  return key;
}

export function verifyCheckpointSignature(publicKey: Buffer, c: Checkpoint): boolean {
  const key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return verifySignature(null, checkpointMessage(c), key, Buffer.from(c.signature, 'base64'));
}

// ── nodes ──

async function fetchNodes(db: Db, coords: readonly NodeCoord[]): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  if (coords.length === 0) return out;
  const rows = await db
    .select()
    .from(transparencyNodes)
    .where(
      sql`(${transparencyNodes.level}, ${transparencyNodes.idx}) in (${sql.join(
        coords.map((c) => sql`(${c.level}, ${c.index})`),
        sql`, `,
      )})`,
    );
  for (const r of rows) out.set(nodeKey(r.level, r.idx), r.hash);
  return out;
}

function lookupIn(nodes: Map<string, Buffer>) {
  return (level: number, index: number) => {
    const h = nodes.get(nodeKey(level, index));
    if (!h) throw new Error(`transparency node (${level}, ${index}) missing`);
    return h;
  };
}

async function hashRanges(db: Db, ranges: LeafRange[]): Promise<Buffer[]> {
  const nodes = await fetchNodes(db, nodesNeeded(ranges));
  return ranges.map((r) => hashRange(r, lookupIn(nodes)));
}

export async function treeSize(db: Db): Promise<number> {
  const [row] = await db
    .select({ i: transparencyLeaves.leafIndex })
    .from(transparencyLeaves)
    .orderBy(desc(transparencyLeaves.leafIndex))
    .limit(1);
  return row ? row.i + 1 : 0;
}

// ── sequencing ──

/**
 * Appends every event not yet in the log, oldest first; `full` looks at every event rather than the recent window.
 * Returns the tree size after.
 */
export async function sequencePending(deps: TransparencyDeps, opts: { full?: boolean } = {}): Promise<number> {
  for (;;) {
    const { size, added } = await deps.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
      const size = await treeSize(tx as unknown as Db);
      const pending = await tx
        .select({ e: caseEvents })
        .from(caseEvents)
        .leftJoin(transparencyLeaves, eq(transparencyLeaves.eventId, caseEvents.id))
        .where(
          and(
            isNull(transparencyLeaves.eventId),
            opts.full
              ? undefined
              : sql`${caseEvents.id} > (select coalesce(max(${transparencyLeaves.eventId}), 0) - ${ID_WINDOW} from ${transparencyLeaves})`,
          ),
        )
        .orderBy(asc(caseEvents.id))
        .limit(BATCH);
      if (pending.length === 0) return { size, added: 0 };
      const frontier = await fetchNodes(tx as unknown as Db, rangeNodes(0, size));
      const hashes = pending.map(({ e }) => leafHashSync(leafBytes(leafOf(e))));
      const nodes = appendLeaves(size, hashes, lookupIn(frontier));
      await tx.insert(transparencyLeaves).values(pending.map(({ e }, i) => ({ leafIndex: size + i, eventId: e.id })));
      for (let i = 0; i < nodes.length; i += 1000) {
        await tx
          .insert(transparencyNodes)
          .values(nodes.slice(i, i + 1000).map((n) => ({ level: n.level, idx: n.index, hash: n.hash })));
      }
      return { size: size + pending.length, added: pending.length };
    });
    if (added < BATCH) return size;
  }
}

// ── checkpoints ──

const toCheckpoint = (r: typeof transparencyCheckpoints.$inferSelect): Checkpoint => ({
  treeSize: r.treeSize,
  rootHash: r.rootHash,
  timestamp: r.timestamp.toISOString(),
  signature: r.signature,
});

/** The latest signed checkpoint, signing a new one when the tree has grown (after sequencing what is pending). */
export async function latestCheckpoint(deps: TransparencyDeps): Promise<Checkpoint> {
  return checkpointOfAtLeast(deps, await sequencePending(deps));
}

/** The latest checkpoint if it covers `size` leaves, else a new one signed over the whole tree as it is now. */
async function checkpointOfAtLeast(deps: TransparencyDeps, size: number): Promise<Checkpoint> {
  const [latest] = await deps.db
    .select()
    .from(transparencyCheckpoints)
    .orderBy(desc(transparencyCheckpoints.treeSize))
    .limit(1);
  if (latest && latest.treeSize >= size) return toCheckpoint(latest);
  const current = await treeSize(deps.db);
  const key = await logKey(deps);
  const [root] = await hashRanges(deps.db, [rootPlan(current)]);
  const body = {
    treeSize: current,
    rootHash: (root as Buffer).toString('hex'),
    timestamp: deps.clock.now().toISOString(),
  };
  const signature = key.sign(checkpointMessage(body)).toString('base64');
  await deps.db
    .insert(transparencyCheckpoints)
    .values({ ...body, timestamp: new Date(body.timestamp), signature, keyId: key.keyId })
    .onConflictDoNothing();
  const [row] = await deps.db
    .select()
    .from(transparencyCheckpoints)
    .where(eq(transparencyCheckpoints.treeSize, current));
  return toCheckpoint(row as typeof transparencyCheckpoints.$inferSelect);
}

/**
 * The leaf index of each of these events and a signed checkpoint that covers them all: events not in the log yet
 * are sequenced first, and a checkpoint is signed only when the latest one does not reach them.
 */
export async function leavesWithCheckpoint(
  deps: TransparencyDeps,
  eventIds: number[],
): Promise<{ indexes: Map<number, number>; checkpoint: Checkpoint }> {
  let indexes = await leafIndexesOf(deps.db, eventIds);
  if (indexes.size < eventIds.length) {
    await sequencePending(deps);
    indexes = await leafIndexesOf(deps.db, eventIds);
  }
  const highest = Math.max(-1, ...indexes.values());
  return { indexes, checkpoint: await checkpointOfAtLeast(deps, highest + 1) };
}

// ── proofs ──

const badProof = (detail: string, field: string) =>
  new AppError(422, 'invalid_proof_request', detail, [{ path: field, message: detail }]);

export async function inclusionProof(deps: TransparencyDeps, leafIndex: number, size: number) {
  const current = await treeSize(deps.db);
  if (size < 1 || size > current) throw badProof(`treeSize 须在 1 至 ${current} 之间`, 'treeSize');
  if (leafIndex < 0 || leafIndex >= size) throw badProof(`leafIndex 须小于 treeSize（${size}）`, 'leafIndex');
  const ranges = inclusionPlan(leafIndex, size);
  const [leaf, ...proof] = await hashRanges(deps.db, [{ start: leafIndex, end: leafIndex + 1 }, ...ranges]);
  return {
    leafIndex,
    treeSize: size,
    leafHash: (leaf as Buffer).toString('hex'),
    proof: proof.map((h) => h.toString('hex')),
  };
}

export async function consistencyProof(deps: TransparencyDeps, from: number, to: number) {
  const current = await treeSize(deps.db);
  if (to < 1 || to > current) throw badProof(`to 须在 1 至 ${current} 之间`, 'to');
  if (from < 1 || from > to) throw badProof('from 须在 1 至 to 之间', 'from');
  const proof = await hashRanges(deps.db, consistencyPlan(from, to));
  return { from, to, proof: proof.map((h) => h.toString('hex')) };
}

/** Leaf indexes of a case's events, by event seq. */
export async function leafIndexesOf(db: Db, eventIds: number[]): Promise<Map<number, number>> {
  if (eventIds.length === 0) return new Map();
  const rows = await db.select().from(transparencyLeaves).where(inArray(transparencyLeaves.eventId, eventIds));
  return new Map(rows.map((r) => [r.eventId, r.leafIndex]));
}

// ── verification (zhifa verify) ──

export interface LogReport {
  ok: boolean;
  treeSize: number;
  checkpoints: number;
  /** Events not in the log yet (the running server adds them within seconds): not a fault. */
  pending: number;
  problems: string[];
}

/**
 * Recomputes the whole tree from the stored events: each leaf from its event as stored now, every node, and the
 * root at every checkpoint with its signature. Names the first leaf that does not match, and any bad checkpoint.
 */
export async function verifyLog(deps: TransparencyDeps): Promise<LogReport> {
  const problems: string[] = [];
  const size = await treeSize(deps.db);
  const computed = new Map<string, Buffer>();
  const lookup = (level: number, index: number) => computed.get(nodeKey(level, index)) as Buffer;
  let firstBadLeaf: number | null = null;
  for (let start = 0; start < size; start += BATCH) {
    const rows = await deps.db
      .select({ l: transparencyLeaves, e: caseEvents, n: transparencyNodes.hash })
      .from(transparencyLeaves)
      .leftJoin(caseEvents, eq(caseEvents.id, transparencyLeaves.eventId))
      .leftJoin(
        transparencyNodes,
        and(eq(transparencyNodes.level, 0), eq(transparencyNodes.idx, transparencyLeaves.leafIndex)),
      )
      .where(and(gt(transparencyLeaves.leafIndex, start - 1), sql`${transparencyLeaves.leafIndex} < ${start + BATCH}`))
      .orderBy(asc(transparencyLeaves.leafIndex));
    const hashes: Buffer[] = [];
    for (const { l, e, n } of rows) {
      const h = e ? leafHashSync(leafBytes(leafOf(e))) : Buffer.alloc(32);
      if (firstBadLeaf === null && (!e || !n || !h.equals(n))) {
        firstBadLeaf = l.leafIndex;
        problems.push(
          e
            ? `叶子 ${l.leafIndex}（案件 ${e.caseId} 第 ${e.seq} 条记录）与日志中登记的哈希不一致`
            : `叶子 ${l.leafIndex} 对应的记录不存在`,
        );
      }
      hashes.push(h);
    }
    for (const node of appendLeaves(start, hashes, lookup)) computed.set(nodeKey(node.level, node.index), node.hash);
  }
  const [{ events } = { events: 0 }] = await deps.db.select({ events: sql<number>`count(*)::int` }).from(caseEvents);
  const pending = Math.max(0, Number(events) - size);
  const checkpoints = await deps.db
    .select()
    .from(transparencyCheckpoints)
    .orderBy(asc(transparencyCheckpoints.treeSize));
  const keys = await deps.db.select().from(transparencyKeys);
  for (const c of checkpoints) {
    const key = keys.find((k) => k.keyId === c.keyId);
    if (!key || !verifyCheckpointSignature(key.publicKey, toCheckpoint(c)))
      problems.push(`检查点 ${c.treeSize} 的签名无效`);
    if (c.treeSize > size) problems.push(`检查点 ${c.treeSize} 超出日志大小 ${size}`);
    else if (hashRange(rootPlan(c.treeSize), lookup).toString('hex') !== c.rootHash)
      problems.push(`检查点 ${c.treeSize} 的根哈希与重新计算的不一致`);
  }
  return { ok: problems.length === 0, treeSize: size, checkpoints: checkpoints.length, pending, problems };
}

/** Every case's record chain, recomputed; the cases whose chain is broken, with the first broken event. */
export async function verifyCaseChains(
  db: Db,
): Promise<{ cases: number; broken: { caseId: string; number: string; seq: number }[] }> {
  const all = await db.select({ id: cases.id, number: cases.number }).from(cases).orderBy(asc(cases.number));
  const broken: { caseId: string; number: string; seq: number }[] = [];
  for (const c of all) {
    const r = await verifyCaseChain(db, c.id);
    if (!r.ok) broken.push({ caseId: c.id, number: c.number, seq: r.brokenSeq });
  }
  return { cases: all.length, broken };
}
