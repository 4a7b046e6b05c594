/**
 * Tests for the RFC 6962 / RFC 9162 Merkle tree: the shared verifier (`common/merkle.ts`) and the server's
 * node store / proof generator (`merkle-tree.ts`).
 *
 * Known-answer vectors are the reference data of transparency-dev/merkle (`proof/verify_test.go`, originally
 * from google/certificate-transparency): eight leaves, the roots of the trees of sizes 1..8, and published
 * inclusion and consistency proofs. Property tests compare against a naive recursive RFC 6962 implementation.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Sha256,
  bytesToHex,
  hexToBytes,
  leafHash,
  nodeHash,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
  webCryptoSha256,
} from '../../../common/merkle.js';
import {
  type LeafRange,
  type NodeLookup,
  appendLeaves,
  consistencyPlan,
  consistencyProof,
  hashRange,
  inclusionPlan,
  inclusionProof,
  leafHashSync,
  newNodesOnAppend,
  nodeHashSync,
  nodeKey,
  nodesNeeded,
  rangeNodes,
  rootHash,
  rootPlan,
} from './merkle-tree.js';

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────────────────

/** Fast synchronous SHA-256 behind the async interface, for the bulk property tests. */
const nodeSha: Sha256 = async (data) => createHash('sha256').update(data).digest();

const sha256 = (...parts: Uint8Array[]): Buffer => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return h.digest();
};

/** Naive recursive RFC 6962 §2.1 MTH, written independently of the module under test. */
function referenceMth(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return sha256();
  if (leaves.length === 1) return sha256(Uint8Array.of(0), leaves[0] as Uint8Array);
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha256(Uint8Array.of(1), referenceMth(leaves.slice(0, k)), referenceMth(leaves.slice(k)));
}

/** Naive recursive RFC 6962 §2.1.1 PATH(m, D[n]). */
function referencePath(m: number, leaves: readonly Uint8Array[]): Buffer[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k
    ? [...referencePath(m, leaves.slice(0, k)), referenceMth(leaves.slice(k))]
    : [...referencePath(m - k, leaves.slice(k)), referenceMth(leaves.slice(0, k))];
}

/** Naive recursive RFC 6962 §2.1.2 SUBPROOF(m, D[n], b). */
function referenceSubproof(m: number, leaves: readonly Uint8Array[], b: boolean): Buffer[] {
  if (m === leaves.length) return b ? [] : [referenceMth(leaves)];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m <= k
    ? [...referenceSubproof(m, leaves.slice(0, k), b), referenceMth(leaves.slice(k))]
    : [...referenceSubproof(m - k, leaves.slice(k), false), referenceMth(leaves.slice(0, k))];
}

/** In-memory node store filled through `appendLeaves`. */
class MemoryTree {
  readonly nodes = new Map<string, Buffer>();
  size = 0;

  readonly get: NodeLookup = (level, index) => {
    const h = this.nodes.get(nodeKey(level, index));
    if (!h) throw new Error(`node (${level}, ${index}) is not stored`);
    return h;
  };

  /** A lookup that refuses nodes covering leaves at or beyond `treeSize` (proofs for older tree heads). */
  lookupUpTo(treeSize: number): NodeLookup {
    return (level, index) => {
      if ((index + 1) * 2 ** level > treeSize) throw new Error(`node (${level}, ${index}) is outside size ${treeSize}`);
      return this.get(level, index);
    };
  }

  append(leafHashes: readonly Buffer[]): void {
    for (const n of appendLeaves(this.size, leafHashes, this.get)) this.nodes.set(nodeKey(n.level, n.index), n.hash);
    this.size += leafHashes.length;
  }

  static of(leaves: readonly Uint8Array[]): MemoryTree {
    const t = new MemoryTree();
    t.append(leaves.map((l) => leafHashSync(l)));
    return t;
  }
}

function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(b);
  const i = Math.floor(bit / 8) % out.length;
  out[i] = (out[i] as number) ^ (1 << (bit % 8));
  return out;
}

const hexes = (hs: readonly Uint8Array[]): string[] => hs.map((h) => bytesToHex(h));

/** Random leaves, made unique by an index prefix so that no two leaves (or subtrees) share a hash. */
const leavesArb = (maxLength: number) =>
  // `size: 'max'`: fast-check's default size would cap arrays at about 10 elements.
  fc.array(fc.uint8Array({ maxLength: 24 }), { minLength: 1, maxLength, size: 'max' }).map((raw) =>
    raw.map((bytes, i) => {
      const out = new Uint8Array(4 + bytes.length);
      new DataView(out.buffer).setUint32(0, i);
      out.set(bytes, 4);
      return out;
    }),
  );

// ── Known-answer vectors (transparency-dev/merkle proof/verify_test.go) ────────────────────────────────

const KAT_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hexToBytes);

const EMPTY_ROOT = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

/** KAT_ROOTS[n - 1] = root of the tree of the first n leaves. */
const KAT_ROOTS = [
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/** Inclusion vectors; the upstream file numbers leaves from 1, these are 0-based leaf indexes. */
const KAT_INCLUSION: { leafIndex: number; treeSize: number; proof: string[] }[] = [
  { leafIndex: 0, treeSize: 1, proof: [] },
  {
    leafIndex: 0,
    treeSize: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    leafIndex: 5,
    treeSize: 8,
    proof: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { leafIndex: 2, treeSize: 3, proof: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    leafIndex: 1,
    treeSize: 5,
    proof: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

const KAT_CONSISTENCY: { from: number; to: number; proof: string[] }[] = [
  { from: 1, to: 1, proof: [] },
  {
    from: 1,
    to: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    from: 6,
    to: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    from: 2,
    to: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    from: 6,
    to: 7,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const katRoot = (n: number): Uint8Array => hexToBytes(KAT_ROOTS[n - 1] as string);
const SOME_HASH = hexToBytes('abacaba000000000000000000000000000000000000000000060061e00123456');

describe('hex helpers', () => {
  it('round-trips and accepts either case', () => {
    expect(bytesToHex(hexToBytes('00ff10Ab'))).toBe('00ff10ab');
    expect(hexToBytes('')).toEqual(new Uint8Array());
    expect(Array.from(hexToBytes('DEADbeef'))).toEqual([0xde, 0xad, 0xbe, 0xef]);
  });

  it('rejects odd length and non-hex characters', () => {
    expect(() => hexToBytes('abc')).toThrow();
    expect(() => hexToBytes('zz')).toThrow();
    expect(() => hexToBytes('0x00')).toThrow();
    expect(() => hexToBytes(' 0')).toThrow();
  });
});

describe('RFC 6962 known-answer vectors', () => {
  const tree = MemoryTree.of(KAT_LEAVES);

  it('hashes the empty tree, leaves and nodes like the reference', async () => {
    expect(bytesToHex(rootHash(0, tree.get))).toBe(EMPTY_ROOT);
    expect(bytesToHex(await webCryptoSha256(new Uint8Array()))).toBe(EMPTY_ROOT);
    expect(bytesToHex(await leafHash(webCryptoSha256, KAT_LEAVES[0] as Uint8Array))).toBe(KAT_ROOTS[0]);
    for (const leaf of KAT_LEAVES) {
      expect(bytesToHex(await leafHash(webCryptoSha256, leaf))).toBe(leafHashSync(leaf).toString('hex'));
    }
    const [a, b] = [leafHashSync(KAT_LEAVES[0] as Uint8Array), leafHashSync(KAT_LEAVES[1] as Uint8Array)];
    expect(bytesToHex(await nodeHash(webCryptoSha256, a, b))).toBe(KAT_ROOTS[1]);
    expect(nodeHashSync(a, b).toString('hex')).toBe(KAT_ROOTS[1]);
  });

  it('computes the published root for every size 1..8', () => {
    for (let n = 1; n <= 8; n++) {
      expect(rootHash(n, tree.lookupUpTo(n)).toString('hex')).toBe(KAT_ROOTS[n - 1]);
      expect(referenceMth(KAT_LEAVES.slice(0, n)).toString('hex')).toBe(KAT_ROOTS[n - 1]);
    }
  });

  for (const v of KAT_INCLUSION) {
    it(`inclusion leaf ${v.leafIndex} in size ${v.treeSize}: generated and verified`, async () => {
      expect(
        inclusionProof(v.leafIndex, v.treeSize, tree.lookupUpTo(v.treeSize)).map((h) => h.toString('hex')),
      ).toEqual(v.proof);
      const lh = await leafHash(webCryptoSha256, KAT_LEAVES[v.leafIndex] as Uint8Array);
      const proof = v.proof.map(hexToBytes);
      const rootHash = katRoot(v.treeSize);
      expect(bytesToHex(await rootFromInclusionProof(webCryptoSha256, v.leafIndex, v.treeSize, lh, proof))).toBe(
        KAT_ROOTS[v.treeSize - 1],
      );
      expect(
        await verifyInclusion(webCryptoSha256, {
          leafIndex: v.leafIndex,
          treeSize: v.treeSize,
          leafHash: lh,
          proof,
          rootHash,
        }),
      ).toBe(true);
    });
  }

  for (const v of KAT_CONSISTENCY) {
    it(`consistency ${v.from} → ${v.to}: generated and verified`, async () => {
      expect(consistencyProof(v.from, v.to, tree.lookupUpTo(v.to)).map((h) => h.toString('hex'))).toEqual(v.proof);
      const input = {
        from: v.from,
        to: v.to,
        proof: v.proof.map(hexToBytes),
        fromRoot: katRoot(v.from),
        toRoot: katRoot(v.to),
      };
      expect(await verifyConsistency(webCryptoSha256, input)).toBe(true);
    });
  }
});

describe('refusals on the known-answer vectors', () => {
  for (const v of KAT_INCLUSION.filter((x) => x.proof.length > 0)) {
    it(`inclusion leaf ${v.leafIndex} in size ${v.treeSize}`, async () => {
      const lh = await leafHash(nodeSha, KAT_LEAVES[v.leafIndex] as Uint8Array);
      const proof = v.proof.map(hexToBytes);
      const root = katRoot(v.treeSize);
      const base = { leafIndex: v.leafIndex, treeSize: v.treeSize, leafHash: lh, proof, rootHash: root };
      const probes: [string, typeof base][] = [
        ['leafIndex - 1', { ...base, leafIndex: v.leafIndex - 1 }],
        ['leafIndex + 1', { ...base, leafIndex: v.leafIndex + 1 }],
        ['leafIndex ^ 2', { ...base, leafIndex: v.leafIndex ^ 2 }],
        ['treeSize * 2', { ...base, treeSize: v.treeSize * 2 }],
        ['treeSize / 2', { ...base, treeSize: Math.floor(v.treeSize / 2) }],
        ['wrong leaf', { ...base, leafHash: SOME_HASH }],
        ['short leaf', { ...base, leafHash: new TextEncoder().encode('WrongLeaf') }],
        ['empty root', { ...base, rootHash: hexToBytes(EMPTY_ROOT) }],
        ['random root', { ...base, rootHash: SOME_HASH }],
        ['truncated proof', { ...base, proof: proof.slice(0, -1) }],
        ['proof without first element', { ...base, proof: proof.slice(1) }],
        ['extended proof (root)', { ...base, proof: [...proof, root] }],
        ['extended proof (empty element)', { ...base, proof: [...proof, new Uint8Array()] }],
        ['preceding root', { ...base, proof: [root, ...proof] }],
        ['inserted element', { ...base, proof: [proof[0] as Uint8Array, SOME_HASH, ...proof.slice(1)] }],
        ...proof.map((_, i): [string, typeof base] => [
          `bit-flipped proof[${i}]`,
          { ...base, proof: proof.map((p, j) => (j === i ? flipBit(p, 3) : p)) },
        ]),
      ];
      for (const [desc, probe] of probes) {
        expect(await verifyInclusion(nodeSha, probe), desc).toBe(false);
      }
    });
  }

  for (const v of KAT_CONSISTENCY.filter((x) => x.proof.length > 0)) {
    it(`consistency ${v.from} → ${v.to}`, async () => {
      const proof = v.proof.map(hexToBytes);
      const [r1, r2] = [katRoot(v.from), katRoot(v.to)];
      const base = { from: v.from, to: v.to, proof, fromRoot: r1, toRoot: r2 };
      const probes: [string, typeof base][] = [
        ['from - 1', { ...base, from: v.from - 1 }],
        ['from + 1', { ...base, from: v.from + 1 }],
        ['from ^ 2', { ...base, from: v.from ^ 2 }],
        ['to * 2', { ...base, to: v.to * 2 }],
        ['to / 2', { ...base, to: Math.floor(v.to / 2) }],
        ['wrong fromRoot', { ...base, fromRoot: SOME_HASH }],
        ['wrong toRoot', { ...base, toRoot: SOME_HASH }],
        ['swapped roots', { ...base, fromRoot: r2, toRoot: r1 }],
        ['empty proof', { ...base, proof: [] }],
        ['truncated proof', { ...base, proof: proof.slice(0, -1) }],
        ['extended proof (root)', { ...base, proof: [...proof, r2] }],
        ['extended proof (empty element)', { ...base, proof: [...proof, new Uint8Array()] }],
        ['preceding fromRoot', { ...base, proof: [r1, ...proof] }],
        ['preceding proof[0]', { ...base, proof: [proof[0] as Uint8Array, ...proof] }],
        ...proof.map((_, i): [string, typeof base] => [
          `bit-flipped proof[${i}]`,
          { ...base, proof: proof.map((p, j) => (j === i ? flipBit(p, 4) : p)) },
        ]),
      ];
      for (const [desc, probe] of probes) {
        expect(await verifyConsistency(nodeSha, probe), desc).toBe(false);
      }
    });
  }

  it('rootFromInclusionProof throws on a bad index, size or proof length', async () => {
    const lh = leafHashSync(KAT_LEAVES[0] as Uint8Array);
    const proof = (KAT_INCLUSION[1]?.proof ?? []).map(hexToBytes);
    await expect(rootFromInclusionProof(nodeSha, 8, 8, lh, proof)).rejects.toThrow(/not below/);
    await expect(rootFromInclusionProof(nodeSha, 0, 0, lh, [])).rejects.toThrow(/not below/);
    await expect(rootFromInclusionProof(nodeSha, 0, 8, lh, proof.slice(0, 2))).rejects.toThrow(/too short/);
    await expect(rootFromInclusionProof(nodeSha, 0, 8, lh, [...proof, SOME_HASH])).rejects.toThrow(/too long/);
    await expect(rootFromInclusionProof(nodeSha, 0, 1, lh, [SOME_HASH])).rejects.toThrow(/too long/);
    await expect(rootFromInclusionProof(nodeSha, -1, 8, lh, proof)).rejects.toThrow();
    await expect(rootFromInclusionProof(nodeSha, 0.5, 8, lh, proof)).rejects.toThrow();
  });

  it('single-entry tree: the leaf hash is the root, the proof is empty', async () => {
    const h = leafHashSync(new TextEncoder().encode('data'));
    const ok = { leafIndex: 0, treeSize: 1, leafHash: h, proof: [], rootHash: h };
    expect(await verifyInclusion(nodeSha, ok)).toBe(true);
    expect(await verifyInclusion(nodeSha, { ...ok, rootHash: new Uint8Array() })).toBe(false);
    expect(await verifyInclusion(nodeSha, { ...ok, leafHash: new Uint8Array() })).toBe(false);
    expect(await verifyInclusion(nodeSha, { ...ok, leafIndex: 1 })).toBe(false);
    expect(await verifyInclusion(nodeSha, { ...ok, treeSize: 0 })).toBe(false);
  });

  it('consistency edge cases: size 0, time travel, equal sizes', async () => {
    const [r1, r2] = [katRoot(1), katRoot(2)];
    const empty = hexToBytes(EMPTY_ROOT);
    const v = (from: number, to: number, proof: Uint8Array[], fromRoot: Uint8Array, toRoot: Uint8Array) =>
      verifyConsistency(nodeSha, { from, to, proof, fromRoot, toRoot });
    expect(await v(1, 1, [], r1, r1)).toBe(true);
    expect(await v(1, 1, [], r1, r2)).toBe(false); // equal sizes, different roots
    expect(await v(1, 1, [r1], r1, r1)).toBe(false); // equal sizes, non-empty proof
    expect(await v(0, 0, [], empty, empty)).toBe(false); // from the empty tree: not defined
    expect(await v(0, 1, [], empty, r1)).toBe(false);
    expect(await v(2, 1, [], r2, r1)).toBe(false); // time travel
    expect(await v(1, 2, [], r1, r2)).toBe(false); // missing proof
    expect(
      await v(1, 2, [hexToBytes('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7')], r1, r2),
    ).toBe(true);
    expect(() => consistencyPlan(0, 3)).toThrow();
    expect(() => consistencyPlan(4, 3)).toThrow();
    expect(consistencyPlan(3, 3)).toEqual([]);
  });
});

// ── Node store and planning ─────────────────────────────────────────────────────────────────────────────

describe('node store', () => {
  it('stores exactly the perfect subtrees, whether appended one by one or in batches', () => {
    fc.assert(
      fc.property(leavesArb(200), fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 20 }), (leaves, cuts) => {
        const hashes = leaves.map((l) => leafHashSync(l));
        // One at a time through newNodesOnAppend.
        const single = new Map<string, Buffer>();
        const getSingle: NodeLookup = (l, i) => {
          const h = single.get(nodeKey(l, i));
          if (!h) throw new Error('missing');
          return h;
        };
        hashes.forEach((h, i) => {
          for (const n of newNodesOnAppend(i, h, getSingle)) single.set(nodeKey(n.level, n.index), n.hash);
        });
        // In random batches; `get` must only be asked for nodes that existed before the batch.
        const batched = new MemoryTree();
        let pos = 0;
        for (const cut of [...cuts, hashes.length]) {
          const end = Math.min(hashes.length, pos + cut);
          const start = pos;
          const created = appendLeaves(start, hashes.slice(start, end), (l, i) => {
            expect((i + 1) * 2 ** l).toBeLessThanOrEqual(start);
            return batched.get(l, i);
          });
          for (const n of created) batched.nodes.set(nodeKey(n.level, n.index), n.hash);
          batched.size = end;
          pos = end;
        }
        let expected = 0;
        for (let size = 1; size <= leaves.length; size *= 2) expected += Math.floor(leaves.length / size);
        expect(single.size).toBe(expected);
        expect(batched.nodes.size).toBe(expected);
        for (const [key, h] of single) {
          expect(batched.nodes.get(key)?.equals(h)).toBe(true);
          const [level, index] = key.split(':').map(Number) as [number, number];
          const size = 2 ** level;
          expect(h.equals(referenceMth(leaves.slice(index * size, (index + 1) * size)))).toBe(true);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('decomposes ranges into aligned perfect subtrees and refuses unaligned hashing', () => {
    expect(rangeNodes(0, 0)).toEqual([]);
    expect(rangeNodes(0, 7)).toEqual([
      { level: 2, index: 0 },
      { level: 1, index: 2 },
      { level: 0, index: 6 },
    ]);
    expect(rangeNodes(1, 4)).toEqual([
      { level: 0, index: 1 },
      { level: 1, index: 1 },
    ]);
    expect(rangeNodes(8, 13)).toEqual([
      { level: 2, index: 2 },
      { level: 0, index: 12 },
    ]);
    const tree = MemoryTree.of(KAT_LEAVES);
    expect(() => hashRange({ start: 1, end: 4 }, tree.get)).toThrow(/not aligned/);
    expect(hashRange({ start: 4, end: 7 }, tree.get).equals(referenceMth(KAT_LEAVES.slice(4, 7)))).toBe(true);
    expect(rootPlan(5)).toEqual({ start: 0, end: 5 });
  });

  it('serves a proof from one batched fetch of nodesNeeded', () => {
    const leaves = Array.from({ length: 77 }, (_, i) => Uint8Array.of(i, i * 3));
    const tree = MemoryTree.of(leaves);
    const ranges: LeafRange[] = [...inclusionPlan(40, 70), ...consistencyPlan(23, 70), rootPlan(23), rootPlan(70)];
    const coords = nodesNeeded(ranges);
    const keys = coords.map((c) => nodeKey(c.level, c.index));
    expect(new Set(keys).size).toBe(keys.length);
    // "One query": fetch every needed node up front, then hash from that map only.
    const fetched = new Map(keys.map((k) => [k, tree.nodes.get(k) as Buffer]));
    const fromFetched: NodeLookup = (l, i) => {
      const h = fetched.get(nodeKey(l, i));
      if (!h) throw new Error(`node (${l}, ${i}) was not fetched`);
      return h;
    };
    expect(hexes(inclusionProof(40, 70, fromFetched))).toEqual(hexes(referencePath(40, leaves.slice(0, 70))));
    expect(hexes(consistencyProof(23, 70, fromFetched))).toEqual(
      hexes(referenceSubproof(23, leaves.slice(0, 70), true)),
    );
    expect(rootHash(70, fromFetched).equals(referenceMth(leaves.slice(0, 70)))).toBe(true);
  });
});

// ── Properties on random trees ──────────────────────────────────────────────────────────────────────────

describe('random trees', () => {
  it('small trees, exhaustively: every inclusion (i < m ≤ n) and consistency (1 ≤ a ≤ b ≤ n) proof verifies', async () => {
    await fc.assert(
      fc.asyncProperty(leavesArb(64), async (leaves) => {
        const n = leaves.length;
        const tree = MemoryTree.of(leaves);
        const roots: Buffer[] = [Buffer.alloc(0)];
        for (let m = 1; m <= n; m++) {
          const root = rootHash(m, tree.lookupUpTo(m));
          expect(root.equals(referenceMth(leaves.slice(0, m)))).toBe(true);
          roots.push(root);
        }
        for (let m = 1; m <= n; m++) {
          const lookup = tree.lookupUpTo(m);
          for (let i = 0; i < m; i++) {
            const proof = inclusionProof(i, m, lookup);
            const ok = await verifyInclusion(nodeSha, {
              leafIndex: i,
              treeSize: m,
              leafHash: tree.get(0, i),
              proof,
              rootHash: roots[m] as Buffer,
            });
            expect(ok, `inclusion ${i} in ${m}`).toBe(true);
          }
          for (let a = 1; a <= m; a++) {
            const proof = consistencyProof(a, m, lookup);
            const ok = await verifyConsistency(nodeSha, {
              from: a,
              to: m,
              proof,
              fromRoot: roots[a] as Buffer,
              toRoot: roots[m] as Buffer,
            });
            expect(ok, `consistency ${a} → ${m}`).toBe(true);
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  /** A tree of up to 300 leaves and some (leaf, older size, size) triples inside it. */
  const treeWithProbes = leavesArb(300).chain((leaves) =>
    fc.record({
      leaves: fc.constant(leaves),
      probes: fc.array(
        fc
          .tuple(fc.integer({ min: 1, max: leaves.length }), fc.integer({ min: 1, max: leaves.length }), fc.nat())
          .map(([x, y, r]) => {
            const [a, b] = [Math.min(x, y), Math.max(x, y)];
            return { a, b, i: r % b };
          }),
        { minLength: 1, maxLength: 12 },
      ),
      bits: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
    }),
  );

  it('larger trees: proofs equal the naive RFC 6962 PATH / SUBPROOF, verify, and refuse wrong positions', async () => {
    await fc.assert(
      fc.asyncProperty(treeWithProbes, async ({ leaves, probes }) => {
        const n = leaves.length;
        const tree = MemoryTree.of(leaves);
        expect(rootHash(n, tree.get).equals(referenceMth(leaves))).toBe(true);
        for (const { a, b, i } of probes) {
          const [rootA, rootB] = [referenceMth(leaves.slice(0, a)), referenceMth(leaves.slice(0, b))];
          const lookup = tree.lookupUpTo(b);
          expect(rootHash(b, lookup).equals(rootB)).toBe(true);

          const path = inclusionProof(i, b, lookup);
          expect(hexes(path)).toEqual(hexes(referencePath(i, leaves.slice(0, b))));
          const inc = { leafIndex: i, treeSize: b, leafHash: tree.get(0, i), proof: path, rootHash: rootB };
          expect(await verifyInclusion(nodeSha, inc)).toBe(true);
          // The same proof at another position, or against another tree head, is refused.
          for (const j of [i - 1, i + 1, b - 1 - i]) {
            if (j !== i) expect(await verifyInclusion(nodeSha, { ...inc, leafIndex: j }), `index ${j}`).toBe(false);
          }
          if (a !== b && i < a)
            expect(await verifyInclusion(nodeSha, { ...inc, treeSize: a, rootHash: rootA }), `size ${a}`).toBe(false);

          const cons = consistencyProof(a, b, lookup);
          expect(hexes(cons)).toEqual(hexes(referenceSubproof(a, leaves.slice(0, b), true)));
          const con = { from: a, to: b, proof: cons, fromRoot: rootA, toRoot: rootB };
          expect(await verifyConsistency(nodeSha, con)).toBe(true);
          if (a !== b) {
            expect(await verifyConsistency(nodeSha, { ...con, proof: cons.slice(0, -1) }), 'truncated').toBe(false);
            expect(await verifyConsistency(nodeSha, { ...con, proof: [...cons, rootB] }), 'extended').toBe(false);
            if (a > 1) {
              const rootA1 = referenceMth(leaves.slice(0, a - 1));
              expect(await verifyConsistency(nodeSha, { ...con, from: a - 1, fromRoot: rootA1 }), 'from - 1').toBe(
                false,
              );
            }
          }
          expect(await verifyInclusion(nodeSha, { ...inc, proof: path.slice(0, -1) }), 'truncated').toBe(
            path.length === 0,
          );
          expect(await verifyInclusion(nodeSha, { ...inc, proof: [...path, rootB] }), 'extended').toBe(false);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('flipping any bit of a proof element, the leaf hash or a root makes verification fail', async () => {
    await fc.assert(
      fc.asyncProperty(treeWithProbes, async ({ leaves, probes, bits }) => {
        const tree = MemoryTree.of(leaves);
        let k = 0;
        const nextBit = () => (bits[k++ % bits.length] as number) % 256;
        for (const { a, b, i } of probes) {
          const lookup = tree.lookupUpTo(b);
          const [rootA, rootB] = [rootHash(a, lookup), rootHash(b, lookup)];

          const path = inclusionProof(i, b, lookup);
          const inc = { leafIndex: i, treeSize: b, leafHash: tree.get(0, i), proof: path, rootHash: rootB };
          for (let e = 0; e < path.length; e++) {
            const proof = path.map((p, j) => (j === e ? flipBit(p, nextBit()) : p));
            expect(await verifyInclusion(nodeSha, { ...inc, proof }), `inclusion proof[${e}]`).toBe(false);
          }
          expect(
            await verifyInclusion(nodeSha, { ...inc, leafHash: flipBit(inc.leafHash, nextBit()) }),
            'leaf hash',
          ).toBe(false);
          expect(await verifyInclusion(nodeSha, { ...inc, rootHash: flipBit(rootB, nextBit()) }), 'root').toBe(false);

          const cons = consistencyProof(a, b, lookup);
          const con = { from: a, to: b, proof: cons, fromRoot: rootA, toRoot: rootB };
          for (let e = 0; e < cons.length; e++) {
            const proof = cons.map((p, j) => (j === e ? flipBit(p, nextBit()) : p));
            expect(await verifyConsistency(nodeSha, { ...con, proof }), `consistency proof[${e}]`).toBe(false);
          }
          expect(await verifyConsistency(nodeSha, { ...con, fromRoot: flipBit(rootA, nextBit()) }), 'fromRoot').toBe(
            false,
          );
          expect(await verifyConsistency(nodeSha, { ...con, toRoot: flipBit(rootB, nextBit()) }), 'toRoot').toBe(false);
        }
      }),
      { numRuns: 100 },
    );
  });
});

// ── Beyond 32 bits ──────────────────────────────────────────────────────────────────────────────────────

describe('trees beyond 2^32 leaves', () => {
  // With every leaf equal, the perfect subtree at level L has the same hash everywhere, so a virtual store
  // can answer any (level, index) without holding 2^40 leaves. Different shapes still give different roots.
  const levelHashes: Buffer[] = [leafHashSync(new TextEncoder().encode('same leaf'))];
  for (let l = 1; l <= 53; l++)
    levelHashes.push(nodeHashSync(levelHashes[l - 1] as Buffer, levelHashes[l - 1] as Buffer));
  const virtualLookup =
    (treeSize: number): NodeLookup =>
    (level, index) => {
      if ((index + 1) * 2 ** level > treeSize) throw new Error(`node (${level}, ${index}) is outside size ${treeSize}`);
      return levelHashes[level] as Buffer;
    };

  const cases: [number, number][] = [
    [2 ** 32, 2 ** 32 + 1],
    [2 ** 32 - 1, 2 ** 32 + 1],
    [2 ** 33 + 7, 2 ** 40 + 12_345],
    [2 ** 40 + 12_344, 2 ** 40 + 12_345],
    [3, 2 ** 52 + 3],
    [2 ** 52 + 1, 2 ** 53 - 2],
  ];

  for (const [i, n] of cases) {
    it(`inclusion of leaf ${i} and consistency ${i + 1} → ${n}`, async () => {
      // Inclusion plan: the sibling ranges plus the leaf tile [0, n) exactly.
      const plan = inclusionPlan(i, n);
      const tiles = [...plan, { start: i, end: i + 1 }].sort((x, y) => x.start - y.start);
      let pos = 0;
      for (const t of tiles) {
        expect(t.start).toBe(pos);
        pos = t.end;
      }
      expect(pos).toBe(n);

      const root = rootHash(n, virtualLookup(n));
      const proof = inclusionProof(i, n, virtualLookup(n));
      const inc = { leafIndex: i, treeSize: n, leafHash: levelHashes[0] as Buffer, proof, rootHash: root };
      expect(await verifyInclusion(nodeSha, inc)).toBe(true);
      const otherRoot = rootHash(n + 1, virtualLookup(n + 1));
      expect(await verifyInclusion(nodeSha, { ...inc, treeSize: n + 1, rootHash: otherRoot })).toBe(false);
      expect(await verifyInclusion(nodeSha, { ...inc, proof: proof.slice(1) })).toBe(false);

      const from = i + 1;
      const cons = consistencyProof(from, n, virtualLookup(n));
      const con = { from, to: n, proof: cons, fromRoot: rootHash(from, virtualLookup(from)), toRoot: root };
      expect(await verifyConsistency(nodeSha, con)).toBe(true);
      expect(await verifyConsistency(nodeSha, { ...con, to: n + 1, toRoot: otherRoot })).toBe(false);
      expect(await verifyConsistency(webCryptoSha256, con)).toBe(true);
    });
  }
});
