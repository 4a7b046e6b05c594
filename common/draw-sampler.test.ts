import * as nodeCrypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  nobleDrawHash,
  nodeDrawHash,
  RivestSampler,
  reduceDigest,
  reduceHex,
  rivestSample,
  sha256Hex,
  toHex,
  utf8,
} from './draw-sampler.js';

const data = (name: string) => JSON.parse(readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8'));

interface Vector {
  data: { count: number; seed: string; total: number };
  expected: number[];
}
const vectors: Vector[] = data('rivest-sampler-tests.json').tests;
const transcript: {
  seed: string;
  b: number;
  n: number;
  picks: { i: number; value: number }[];
  rejected: { i: number; value: number }[];
} = data('rivest-sampler-py-transcript.json');

const nodeHash = nodeDrawHash(nodeCrypto);
// Node 20.11 has no crypto.hash: the Hash-object path.
const nodeHashObjects = nodeDrawHash({ createHash: nodeCrypto.createHash });
const allHashes = [nobleDrawHash, nodeHash, nodeHashObjects];

/** The definition, literally: BigInt of the hex digest of UTF-8(seed + "," + i), mod N, plus 1. */
const byDefinition = (seed: string, i: number, n: number) =>
  Number(
    BigInt(
      `0x${nodeCrypto
        .createHash('sha256')
        .update(Buffer.from(`${seed},${i}`, 'utf8'))
        .digest('hex')}`,
    ) % BigInt(n),
  ) + 1;

describe('Rivest sampler: published vectors (cjerdonek/rivest-sampler-tests, with replacement)', () => {
  it('carries all ten vectors, including the non-BMP seed', () => {
    expect(vectors).toHaveLength(10);
    expect(vectors.map((v) => v.data.seed)).toContain('\u{1F600}');
  });

  for (const v of vectors) {
    it(`seed ${JSON.stringify(v.data.seed)}, N = ${v.data.total}: ${v.expected.join(', ')}`, () => {
      for (const hash of allHashes) {
        const picks = rivestSample(v.data.seed, v.data.total, v.data.count, { withReplacement: true, hash });
        expect(picks.map((p) => p.value)).toEqual(v.expected);
        expect(picks.map((p) => p.i)).toEqual(v.expected.map((_, k) => k + 1));
      }
      expect(v.expected.map((_, k) => byDefinition(v.data.seed, k + 1, v.data.total))).toEqual(v.expected);
    });
  }

  it('"0" over N = 2 repeats a value with replacement, and skips it without', () => {
    expect(rivestSample('0', 2, 2, { withReplacement: true }).map((p) => p.value)).toEqual([1, 1]);
    expect(rivestSample('0', 2, 2)).toEqual([
      { i: 1, value: 1 },
      { i: 3, value: 2 },
    ]);
  });
});

describe('Rivest sampler: without replacement (sampler.py transcript, 2011-11-14)', () => {
  it('gives the 47 values of the transcript, rejecting the repeat at i = 32', () => {
    const picks = rivestSample(transcript.seed, transcript.b, transcript.n);
    expect(picks).toEqual(transcript.picks);
    expect(transcript.rejected).toEqual([{ i: 32, value: 611 }]);
    const s = new RivestSampler(nobleDrawHash, transcript.seed, transcript.b);
    expect(reduceDigest(s.digestAt(32), transcript.b) + 1).toBe(611);
  });

  it('the first five equal the with-replacement vector of the same seed (no repeat among them)', () => {
    const v = vectors.find((x) => x.data.seed === transcript.seed) as Vector;
    expect(transcript.picks.slice(0, 5).map((p) => p.value)).toEqual(v.expected);
  });

  it('never repeats, and drawing all N gives a permutation', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.integer({ min: 1, max: 40 }), (seed, n) => {
        const values = rivestSample(seed, n, n).map((p) => p.value);
        expect([...values].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, k) => k + 1));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses more distinct values than N, and a size outside 1..2^32', () => {
    expect(() => rivestSample('x', 3, 4)).toThrow(/distinct/);
    expect(rivestSample('x', 3, 4, { withReplacement: true })).toHaveLength(4);
    expect(() => rivestSample('x', 0, 1)).toThrow(RangeError);
    expect(() => new RivestSampler(nobleDrawHash, 'x', 2 ** 32 + 1)).toThrow(RangeError);
    expect(rivestSample('x', 5, 0)).toEqual([]);
  });
});

describe('encoding and reduction', () => {
  it('reduceDigest equals BigInt(hex) mod N for any digest and N up to 2^44', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: 2 ** 44 }), (d, n) => {
        expect(reduceDigest(d, n)).toBe(Number(BigInt(`0x${toHex(d)}`) % BigInt(n)));
      }),
      { numRuns: 500 },
    );
  });

  it('reduceHex (the node:crypto fast path) equals reduceDigest of the same digest', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.integer({ min: 1, max: 2 ** 37 }), (d, n) => {
        expect(reduceHex(toHex(d), n)).toBe(reduceDigest(d, n));
      }),
      { numRuns: 500 },
    );
    expect(nodeHash.hexOfText).toBeTypeOf('function');
    expect(nodeHashObjects.hexOfText).toBeUndefined();
  });

  it('the three hash paths give the same picks, without replacement too', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 10 }), fc.integer({ min: 1, max: 500 }), (seed, n) => {
        const [a, b, c] = allHashes.map((hash) => rivestSample(seed, n, Math.min(n, 20), { hash }));
        expect(b).toEqual(a);
        expect(c).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('hashes seed + "," + decimal i as UTF-8, with i past the 16 digits first reserved', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.integer({ min: 1, max: 2 ** 30 }), (seed, i) => {
        const s = new RivestSampler(nobleDrawHash, seed, 1000);
        expect(toHex(s.digestAt(i))).toBe(nodeCrypto.createHash('sha256').update(`${seed},${i}`, 'utf8').digest('hex'));
      }),
      { numRuns: 200 },
    );
    const s = new RivestSampler(nobleDrawHash, 'seed', 7);
    const big = Number.MAX_SAFE_INTEGER;
    expect(toHex(s.digestAt(big))).toBe(sha256Hex(`seed,${big}`));
  });

  it('noble and node:crypto agree, one-shot and incremental', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 300 }), (a, b) => {
        const one = toHex(nobleDrawHash.digest(new Uint8Array([...a, ...b])));
        expect(toHex(nodeHash.digest(new Uint8Array([...a, ...b])))).toBe(one);
        for (const h of allHashes) {
          const s = h.create();
          s.update(a);
          s.update(b);
          expect(toHex(s.digest())).toBe(one);
        }
      }),
      { numRuns: 100 },
    );
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(toHex(utf8('☃'))).toBe('e29883');
  });
});
