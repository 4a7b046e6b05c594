/**
 * Server-side RFC 6962 / RFC 9162 Merkle tree: node maintenance on append, and proof GENERATION.
 * Verification lives in `common/merkle.ts` (shared with the public web page).
 *
 * Storage model
 * -------------
 * The server stores the hash of every PERFECT subtree ("node"), addressed by (level, index):
 *
 *   - level 0, index i  = the leaf hash of leaf i, i.e. SHA-256(0x00 || leaf_i);
 *   - level L, index j  = MTH(D[j·2^L : (j+1)·2^L]), the root of the perfect subtree over those 2^L leaves,
 *                         = SHA-256(0x01 || node(L-1, 2j) || node(L-1, 2j+1)).
 *
 * A node exists as soon as all of its leaves exist, and never changes afterwards: the store is append-only.
 * A tree of n leaves has exactly Σ_L floor(n / 2^L) stored nodes (< 2n). Non-perfect subtrees (the right
 * edge of a tree whose size is not a power of two) are never stored; they are recomputed on demand from at
 * most ⌈log2 n⌉ stored nodes.
 *
 * Reading
 * -------
 * Every hash a proof needs is MTH(D[start:end]) for some leaf range that occurs in the RFC 6962 recursion
 * (an "aligned" range: `start` is a multiple of the smallest power of two ≥ `end - start`). Such a range
 * decomposes into perfect subtrees of strictly decreasing size ({@link rangeNodes}); folding those from the
 * right, `H(n1, H(n2, … H(n_{k-1}, n_k)))`, is exactly the RFC 6962 split at the largest power of two < n
 * ({@link hashRange}). The planning API lets a database-backed caller collect every node it needs
 * ({@link nodesNeeded}) and fetch them in a single query before hashing.
 *
 * Sizes and indexes are JS numbers (safe integers); arithmetic uses division/remainder and `2 ** level`,
 * never 32-bit bitwise operators, so trees beyond 2^32 leaves work.
 */
import { createHash } from 'node:crypto';

/** Coordinates of a stored perfect-subtree node. */
export interface NodeCoord {
  level: number;
  index: number;
}

/** A stored node with its hash. */
export interface StoredNode extends NodeCoord {
  hash: Buffer;
}

/** A half-open leaf range [start, end). */
export interface LeafRange {
  start: number;
  end: number;
}

/** Reads a stored node; must return the hash or throw if it is missing. */
export type NodeLookup = (level: number, index: number) => Buffer;

/** SHA-256 of the empty string: the root of the empty tree. */
const EMPTY_ROOT = createHash('sha256').digest();

/** RFC 9162 leaf hash: SHA-256(0x00 || leaf). */
export function leafHashSync(leaf: Uint8Array | Buffer): Buffer {
  return createHash('sha256').update(Uint8Array.of(0x00)).update(leaf).digest();
}

/** RFC 9162 node hash: SHA-256(0x01 || left || right). */
export function nodeHashSync(left: Uint8Array | Buffer, right: Uint8Array | Buffer): Buffer {
  return createHash('sha256').update(Uint8Array.of(0x01)).update(left).update(right).digest();
}

/** Stable string key for a node, e.g. for maps or de-duplication. */
export function nodeKey(level: number, index: number): string {
  return `${level}:${index}`;
}

function assertIndex(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

/** Largest power of two strictly below n (n ≥ 2). */
function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Smallest power of two ≥ n (n ≥ 1). */
function ceilPowerOfTwo(n: number): number {
  let k = 1;
  while (k < n) k *= 2;
  return k;
}

// ── Append ──────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Nodes created when leaf `leafIndex` is appended (the tree grows to `leafIndex + 1` leaves): the level-0
 * node, then every perfect node completed by it, bottom-up. `get` reads already-stored left siblings.
 */
export function newNodesOnAppend(leafIndex: number, leafHash: Buffer, get: NodeLookup): StoredNode[] {
  assertIndex('leafIndex', leafIndex);
  const out: StoredNode[] = [{ level: 0, index: leafIndex, hash: leafHash }];
  let level = 0;
  let index = leafIndex;
  let hash = leafHash;
  // A node at an odd index is a right child: its parent is complete now.
  while (index % 2 === 1) {
    hash = nodeHashSync(get(level, index - 1), hash);
    index = (index - 1) / 2;
    level += 1;
    out.push({ level, index, hash });
  }
  return out;
}

/**
 * Nodes created when `leafHashes` are appended as leaves `startIndex, startIndex + 1, …` (the tree had
 * exactly `startIndex` leaves). Nodes created earlier in the same batch are read from the batch itself;
 * only older nodes are requested from `get`.
 */
export function appendLeaves(startIndex: number, leafHashes: readonly Buffer[], get: NodeLookup): StoredNode[] {
  assertIndex('startIndex', startIndex);
  const created = new Map<string, Buffer>();
  const lookup: NodeLookup = (level, index) => created.get(nodeKey(level, index)) ?? get(level, index);
  const out: StoredNode[] = [];
  leafHashes.forEach((h, i) => {
    for (const node of newNodesOnAppend(startIndex + i, h, lookup)) {
      created.set(nodeKey(node.level, node.index), node.hash);
      out.push(node);
    }
  });
  return out;
}

// ── Planning ────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Decomposes the leaf range [start, end) into stored perfect subtrees, left to right, each as large as
 * alignment allows. For the aligned ranges that occur in proofs, the sizes strictly decrease.
 */
export function rangeNodes(start: number, end: number): NodeCoord[] {
  assertIndex('start', start);
  assertIndex('end', end);
  if (start > end) throw new RangeError(`range start ${start} is after end ${end}`);
  const out: NodeCoord[] = [];
  let pos = start;
  while (pos < end) {
    let level = 0;
    let size = 1;
    while (pos % (size * 2) === 0 && pos + size * 2 <= end) {
      size *= 2;
      level += 1;
    }
    out.push({ level, index: pos / size });
    pos += size;
  }
  return out;
}

/**
 * RFC 6962 §2.1.1 PATH(m, D[n]) as leaf ranges, in proof order (the sibling nearest the leaf first).
 * Requires 0 ≤ leafIndex < treeSize.
 */
export function inclusionPlan(leafIndex: number, treeSize: number): LeafRange[] {
  assertIndex('leafIndex', leafIndex);
  assertIndex('treeSize', treeSize);
  if (leafIndex >= treeSize) throw new RangeError(`leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  // Walk top-down; the recursion appends the outer sibling after the inner path, so reverse at the end.
  const siblings: LeafRange[] = [];
  let lo = 0;
  let hi = treeSize;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (leafIndex < lo + k) {
      siblings.push({ start: lo + k, end: hi });
      hi = lo + k;
    } else {
      siblings.push({ start: lo, end: lo + k });
      lo += k;
    }
  }
  return siblings.reverse();
}

/**
 * RFC 6962 §2.1.2 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as leaf ranges, in proof order.
 * Requires 1 ≤ from ≤ to; `from === to` gives the empty proof.
 */
export function consistencyPlan(from: number, to: number): LeafRange[] {
  assertIndex('from', from);
  assertIndex('to', to);
  if (from < 1) throw new RangeError('a consistency proof from the empty tree is not defined');
  if (from > to) throw new RangeError(`from ${from} is after to ${to}`);
  const siblings: LeafRange[] = [];
  let lo = 0;
  let n = to;
  let m = from;
  let complete = true; // the `b` flag of SUBPROOF
  while (m < n) {
    const k = splitPoint(n);
    if (m <= k) {
      siblings.push({ start: lo + k, end: lo + n });
      n = k;
    } else {
      siblings.push({ start: lo, end: lo + k });
      lo += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  // Base case m == n: SUBPROOF(m, D[m], true) = {}, SUBPROOF(m, D[m], false) = {MTH(D[m])}.
  const head: LeafRange[] = complete ? [] : [{ start: lo, end: lo + n }];
  return [...head, ...siblings.reverse()];
}

/** The range whose MTH is the root of the tree of `treeSize` leaves: [0, treeSize). */
export function rootPlan(treeSize: number): LeafRange {
  assertIndex('treeSize', treeSize);
  return { start: 0, end: treeSize };
}

/** De-duplicated coordinates of every node needed to hash `ranges` (first-seen order). */
export function nodesNeeded(ranges: readonly LeafRange[]): NodeCoord[] {
  const seen = new Set<string>();
  const out: NodeCoord[] = [];
  for (const r of ranges) {
    for (const node of rangeNodes(r.start, r.end)) {
      const key = nodeKey(node.level, node.index);
      if (!seen.has(key)) {
        seen.add(key);
        out.push(node);
      }
    }
  }
  return out;
}

/**
 * MTH(D[start:end]) from stored nodes: the decomposition of {@link rangeNodes} folded right to left.
 * The empty range hashes to SHA-256(""). Throws for a range that is not aligned (`start` must be a multiple
 * of the smallest power of two ≥ its length), because the RFC tree over such a slice is not made of
 * stored nodes. Every range produced by the plans above, and every [0, n), is aligned.
 */
export function hashRange(range: LeafRange, lookup: NodeLookup): Buffer {
  const { start, end } = range;
  const nodes = rangeNodes(start, end);
  if (nodes.length === 0) return Buffer.from(EMPTY_ROOT);
  if (start % ceilPowerOfTwo(end - start) !== 0) {
    throw new RangeError(`leaf range [${start}, ${end}) is not aligned to an RFC 6962 subtree`);
  }
  const last = nodes[nodes.length - 1] as NodeCoord;
  let acc = lookup(last.level, last.index);
  for (let i = nodes.length - 2; i >= 0; i--) {
    const node = nodes[i] as NodeCoord;
    acc = nodeHashSync(lookup(node.level, node.index), acc);
  }
  return acc;
}

// ── Convenience ─────────────────────────────────────────────────────────────────────────────────────────

/** Inclusion proof (RFC 6962 PATH) for leaf `leafIndex` in the tree of `treeSize` leaves. */
export function inclusionProof(leafIndex: number, treeSize: number, lookup: NodeLookup): Buffer[] {
  return inclusionPlan(leafIndex, treeSize).map((r) => hashRange(r, lookup));
}

/** Consistency proof (RFC 6962 PROOF) between tree sizes `from` and `to` (1 ≤ from ≤ to). */
export function consistencyProof(from: number, to: number, lookup: NodeLookup): Buffer[] {
  return consistencyPlan(from, to).map((r) => hashRange(r, lookup));
}

/** Root hash of the tree of `treeSize` leaves; `rootHash(0)` is SHA-256 of the empty string. */
export function rootHash(treeSize: number, lookup: NodeLookup): Buffer {
  return hashRange(rootPlan(treeSize), lookup);
}
