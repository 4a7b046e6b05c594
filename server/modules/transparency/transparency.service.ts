/**
 * The transparency log (RFC 6962/9162): every procedure-record event of every registered subject type (cases first;
 * server/platform/procedure/registry.ts) becomes a leaf, in the order the sequencer takes
 * them; the perfect-subtree hashes are stored (merkle-tree.ts) so that roots and proofs need one query; signed
 * checkpoints (Ed25519, key generated on first start and sealed with the platform key) commit to the tree.
 *
 * Sequencing and signing run after the events' own transactions, on the sequencer's schedule only (sequencer.ts),
 * so a case step never waits for the log and no read ever writes. One sequencer at a time (advisory lock), on any
 * number of servers. Verification (zhifa verify) is in log-verify.ts.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify as verifySignature } from 'node:crypto';
import { type SQL, and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import {
  type Checkpoint,
  LEAF_VERSION,
  LEAF_VERSION_CASE_V1,
  type TransparencyLeaf,
  checkpointMessage,
  leafBytes,
} from '../../../common/transparency-leaf.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Sealer } from '../../platform/crypto.js';
import { sha256Hex } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { auditEvents } from '../audit/audit.api.js';
import { type StoredEvent, recomputedHash } from '../../platform/procedure/record.js';
import { type ProcedureDefinition, procedureOf, procedures } from '../../platform/procedure/registry.js';
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
 * The sequencer looks for new events only among the newest 100,000 event ids (counted from the highest event, not
 * from the log, which a tampered leaf could point far ahead): an event committed later than 100,000 newer ones (a
 * transaction held open that long) is taken by the full pass at start-up.
 */
const ID_WINDOW = 100_000;

export interface TransparencyDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
}

/** The procedure of a subject type; an unregistered type is a fault (its leaves cannot be recomputed). */
export function procedureFor(subjectType: string): ProcedureDefinition {
  const p = procedureOf(subjectType);
  if (!p) throw new Error(`no procedure registered for subject type ${subjectType}`);
  return p;
}

/**
 * The leaf of a stored event in leaf format `version` (docs/publicity.md, “The transparency log”): its public view and its chain hash
 * recomputed from what is stored now. Version 1 exists for case events only.
 */
export function leafOfStored(e: StoredEvent, version: number = LEAF_VERSION): TransparencyLeaf {
  const p = procedureFor(e.subjectType);
  const body = {
    seq: e.seq,
    type: e.type,
    at: e.at.toISOString(),
    public: p.publicView(e.type, e.payload),
    eventHash: recomputedHash(p.store.bytes, e),
  };
  if (version === LEAF_VERSION) return { v: LEAF_VERSION, subjectType: e.subjectType, subjectId: e.subjectId, ...body };
  if (version === LEAF_VERSION_CASE_V1 && e.subjectType === 'case')
    return { v: LEAF_VERSION_CASE_V1, caseId: e.subjectId, ...body };
  throw new RangeError(`leaf version ${version} does not exist for subject type ${e.subjectType}`);
}

/** The leaf of a stored case event (a `case_events` row) in leaf format `version`. */
export function leafOf(
  e: { id: number; caseId: string } & Omit<StoredEvent, 'subjectType' | 'subjectId' | 'payload' | 'location'> & {
      payload: unknown;
      location: unknown;
    },
  version: number = LEAF_VERSION,
): TransparencyLeaf {
  return leafOfStored(
    {
      ...e,
      subjectType: 'case',
      subjectId: e.caseId,
      payload: e.payload as Record<string, unknown>,
      location: (e.location as Record<string, unknown> | null) ?? null,
    },
    version,
  );
}

/** Leaf hashes under which the log may already hold this event: every version its subject type has had. */
export function candidateLeafHashes(e: StoredEvent): Buffer[] {
  const current = leafHashSync(leafBytes(leafOfStored(e, LEAF_VERSION)));
  return e.subjectType === 'case'
    ? [current, leafHashSync(leafBytes(leafOfStored(e, LEAF_VERSION_CASE_V1)))]
    : [current];
}

/**
 * Events of procedure `p` that the log does not hold yet (no leaf row for their subject type and id), oldest first;
 * `window` limits the search to the newest `window` ids of the store.
 */
export async function unloggedEvents(
  db: Db,
  p: ProcedureDefinition,
  opts: { afterId?: number; limit: number; window?: number },
): Promise<StoredEvent[]> {
  const { store } = p;
  const id = store.columns.id;
  const conditions: (SQL | undefined)[] = [
    isNull(transparencyLeaves.eventId),
    store.ofType(p.subjectType),
    opts.afterId === undefined ? undefined : gt(id, opts.afterId),
    opts.window === undefined
      ? undefined
      : sql`${id} > (select coalesce(max(w.id), 0) - ${opts.window} from ${store.table} w)`,
  ];
  const rows = await db
    .select({ e: store.table })
    .from(store.table)
    .leftJoin(
      transparencyLeaves,
      and(eq(transparencyLeaves.subjectType, p.subjectType), eq(transparencyLeaves.eventId, id)),
    )
    .where(and(...conditions))
    .orderBy(asc(id))
    .limit(opts.limit);
  return rows.map((r) => store.toStored((r as { e: Record<string, unknown> }).e, p.subjectType));
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

export function lookupIn(nodes: Map<string, Buffer>) {
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
 * The log no longer agrees with the events: an event not in the log has a leaf hash the log already holds (its
 * leaf was pointed elsewhere or removed). The sequencer stops rather than log the event a second time, which would
 * make a tampered log look whole again.
 */
export class LogIntegrityError extends Error {
  constructor(readonly problems: string[]) {
    super(`透明日志与全过程记录不一致，序列器已停止：${problems.join('；')}`);
    this.name = 'LogIntegrityError';
  }
}

/** Leaf indexes already holding one of these leaf hashes (index on level-0 hashes). */
export async function leavesWithHashes(db: Db, hashes: Buffer[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (let i = 0; i < hashes.length; i += 1000) {
    const rows = await db
      .select({ idx: transparencyNodes.idx, hash: transparencyNodes.hash })
      .from(transparencyNodes)
      .where(
        and(
          eq(transparencyNodes.level, 0),
          sql`${transparencyNodes.hash} in (${sql.join(
            hashes.slice(i, i + 1000).map((h) => sql`decode(${h.toString('hex')}, 'hex')`),
            sql`, `,
          )})`,
        ),
      );
    for (const r of rows) out.set(r.hash.toString('hex'), r.idx);
  }
  return out;
}

const alreadyLogged = (p: ProcedureDefinition, e: StoredEvent, index: number) =>
  `${p.label} ${e.subjectId} 第 ${e.seq} 条记录（事件 ${e.id}）不在日志的叶子表中，但其叶子已在日志第 ${index} 号位置（叶子被改指或删除）`;

/**
 * Appends every event not yet in the log, of every registered procedure, oldest first within each; `full` looks at
 * every event rather than the recent window. New leaves are written in the current leaf format (v2). An event under
 * any of whose leaf hashes (v2, or v1 for a case event) the tree already holds a leaf is never appended again: the
 * whole batch is refused with a `LogIntegrityError` (nothing written). Returns the tree size after.
 */
export async function sequencePending(deps: TransparencyDeps, opts: { full?: boolean } = {}): Promise<number> {
  let size = 0;
  for (const p of procedures()) size = await sequenceProcedure(deps, p, opts);
  return procedures().length === 0 ? treeSize(deps.db) : size;
}

async function sequenceProcedure(
  deps: TransparencyDeps,
  p: ProcedureDefinition,
  opts: { full?: boolean },
): Promise<number> {
  for (;;) {
    const { size, added } = await deps.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      await tx.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
      const size = await treeSize(tx);
      const pending = await unloggedEvents(tx, p, { limit: BATCH, window: opts.full ? undefined : ID_WINDOW });
      if (pending.length === 0) return { size, added: 0 };
      const candidates = pending.map(candidateLeafHashes);
      const logged = await leavesWithHashes(tx, candidates.flat());
      if (logged.size > 0)
        throw new LogIntegrityError(
          pending.flatMap((e, i) => {
            const at = (candidates[i] as Buffer[])
              .map((h) => logged.get(h.toString('hex')))
              .find((x) => x !== undefined);
            return at === undefined ? [] : [alreadyLogged(p, e, at)];
          }),
        );
      const hashes = candidates.map((c) => c[0] as Buffer);
      const frontier = await fetchNodes(tx, rangeNodes(0, size));
      const nodes = appendLeaves(size, hashes, lookupIn(frontier));
      await tx.insert(transparencyLeaves).values(
        pending.map((e, i) => ({
          leafIndex: size + i,
          eventId: e.id,
          subjectType: p.subjectType,
          leafVersion: LEAF_VERSION,
        })),
      );
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

export type CheckpointRow = typeof transparencyCheckpoints.$inferSelect;

export const toCheckpoint = (r: CheckpointRow): Checkpoint => ({
  treeSize: r.treeSize,
  rootHash: r.rootHash,
  timestamp: r.timestamp.toISOString(),
  auditSeq: r.auditSeq,
  auditHash: r.auditHash,
  signature: r.signature,
});

async function latestCheckpointRow(db: Db): Promise<CheckpointRow | null> {
  const [latest] = await db.select().from(transparencyCheckpoints).orderBy(desc(transparencyCheckpoints.id)).limit(1);
  return latest ?? null;
}

/** The latest signed checkpoint, or null before the first. Reads only: checkpoints are signed by the sequencer. */
export async function latestCheckpoint(db: Db): Promise<Checkpoint | null> {
  const row = await latestCheckpointRow(db);
  return row ? toCheckpoint(row) : null;
}

/** The audit chain's head as committed now: the last audit event's seq and hash (null before the first event). */
async function auditChainHead(db: Db): Promise<{ seq: number; hash: string } | null> {
  const [row] = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  return row ?? null;
}

/**
 * The sequencer's signing step: a new checkpoint over the whole tree and the audit chain's head as they are now,
 * unless the latest checkpoint already says the same. Returns the latest checkpoint (null for an empty log).
 */
export async function signCheckpoint(deps: TransparencyDeps): Promise<Checkpoint | null> {
  return deps.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
    const [size, audit, latest] = await Promise.all([treeSize(tx), auditChainHead(tx), latestCheckpointRow(tx)]);
    if (
      latest &&
      latest.treeSize === size &&
      latest.auditSeq === (audit?.seq ?? null) &&
      latest.auditHash === (audit?.hash ?? null)
    )
      return toCheckpoint(latest);
    if (size === 0 && !audit) return null;
    const key = await logKey({ ...deps, db: tx });
    const root = size === 0 ? sha256Hex('') : ((await hashRanges(tx, [rootPlan(size)]))[0] as Buffer).toString('hex');
    const body = {
      treeSize: size,
      rootHash: root,
      timestamp: deps.clock.now().toISOString(),
      auditSeq: audit?.seq ?? null,
      auditHash: audit?.hash ?? null,
    };
    const signature = key.sign(checkpointMessage(body)).toString('base64');
    const [row] = await tx
      .insert(transparencyCheckpoints)
      .values({ ...body, timestamp: new Date(body.timestamp), signature, keyId: key.keyId })
      .returning();
    return toCheckpoint(row as CheckpointRow);
  });
}

/**
 * The leaf index of each of these events and the latest signed checkpoint. Reads only: events the sequencer has not
 * logged yet, or that a checkpoint does not cover yet, are simply not covered (the caller says so).
 */
export async function leavesWithCheckpoint(
  deps: TransparencyDeps,
  eventIds: number[],
  subjectType = 'case',
): Promise<{ indexes: Map<number, number>; versions: Map<number, number>; checkpoint: Checkpoint | null }> {
  const [rows, checkpoint] = await Promise.all([leafRowsOf(deps.db, eventIds, subjectType), latestCheckpoint(deps.db)]);
  return {
    indexes: new Map(rows.map((r) => [r.eventId, r.leafIndex])),
    versions: new Map(rows.map((r) => [r.eventId, r.leafVersion])),
    checkpoint,
  };
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

/** The leaf rows of one subject type's events, by event id. */
async function leafRowsOf(db: Db, eventIds: number[], subjectType: string) {
  if (eventIds.length === 0) return [];
  return db
    .select()
    .from(transparencyLeaves)
    .where(and(eq(transparencyLeaves.subjectType, subjectType), inArray(transparencyLeaves.eventId, eventIds)));
}

/** Leaf indexes of one subject type's events (cases by default), by event id. */
export async function leafIndexesOf(db: Db, eventIds: number[], subjectType = 'case'): Promise<Map<number, number>> {
  return new Map((await leafRowsOf(db, eventIds, subjectType)).map((r) => [r.eventId, r.leafIndex]));
}
