/**
 * The Rivest SHA-256 sampler (R. L. Rivest, sampler.py, 2011) and the hashing it runs on, shared by the server,
 * `zhifa redraw` and the public page that re-runs a draw in the browser. Pure: no Node imports.
 *
 *   pick i = int(SHA-256(UTF-8(seed + "," + decimal(i)))) mod N + 1,   i = 1, 2, 3, …
 *
 * `decimal(i)` is the shortest ASCII decimal form of i (no sign, no leading zeros); the digest is read as one
 * unsigned big-endian 256-bit integer (the same as `BigInt('0x' + hex)`). Without replacement a value already
 * picked is skipped and i goes on. See docs/draw.md.
 *
 * Hashing is synchronous and injected ({@link DrawHash}) so the hot loop stays cheap: {@link nobleDrawHash}
 * (@noble/hashes, runs in browsers and Node) is the default; {@link nodeDrawHash} wraps `node:crypto`.
 */
import { sha256 } from '@noble/hashes/sha2';

/** An incremental SHA-256 (a `node:crypto` Hash or a noble hasher). */
export interface Sha256Stream {
  update(data: Uint8Array): unknown;
  digest(): Uint8Array;
}

/** Synchronous SHA-256, one-shot and incremental. */
export interface DrawHash {
  digest(data: Uint8Array): Uint8Array;
  create(): Sha256Stream;
  /**
   * Optional fast path: SHA-256 of the UTF-8 bytes of `text` as lowercase hex. node:crypto's one-shot `hash()`
   * does this about 4× faster than building a Hash object and a Buffer per pick; the sampler uses it when present.
   */
  hexOfText?(text: string): string;
}

/** SHA-256 from @noble/hashes (pure JS, audited, no dependencies): the default everywhere, the browser's path. */
export const nobleDrawHash: DrawHash = {
  digest: (data) => sha256(data),
  create: () => sha256.create(),
};

/** The parts of `node:crypto` the draw uses; pass the module itself: `nodeDrawHash(crypto)`. */
export interface NodeCryptoLike {
  createHash(algorithm: 'sha256'): Sha256Stream;
  /** `crypto.hash` (Node ≥ 20.12); without it the Hash-object path is used. */
  hash?: (algorithm: 'sha256', data: string) => string;
}

/** SHA-256 from `node:crypto`, passed in so that this file stays free of Node imports. */
export function nodeDrawHash(nodeCrypto: NodeCryptoLike): DrawHash {
  const { createHash, hash } = nodeCrypto;
  const digest = (data: Uint8Array) => {
    const h = createHash('sha256');
    h.update(data);
    return h.digest();
  };
  return {
    digest,
    create: () => createHash('sha256'),
    ...(typeof hash === 'function' ? { hexOfText: (text: string) => hash('sha256', text) } : {}),
  };
}

const encoder = new TextEncoder();

/** UTF-8 bytes of a string (lone surrogates, which the draw's inputs refuse, would become U+FFFD). */
export const utf8 = (s: string): Uint8Array => encoder.encode(s);

/** Lowercase hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += (b < 16 ? '0' : '') + b.toString(16);
  return s;
}

/** SHA-256 of the UTF-8 bytes of `text`, as lowercase hex. */
export const sha256Hex = (text: string, hash: DrawHash = nobleDrawHash): string =>
  hash.hexOfText ? hash.hexOfText(text) : toHex(hash.digest(utf8(text)));

/**
 * int(digest) mod n for a big-endian digest, exactly, without BigInt: Horner's rule keeps every intermediate
 * below 256·n + 256, exact in a double while n ≤ 2^44. Equal to `Number(BigInt('0x' + hex) % BigInt(n))`.
 */
export function reduceDigest(digest: Uint8Array, n: number): number {
  let r = 0;
  for (let k = 0; k < digest.length; k++) r = (r * 256 + (digest[k] as number)) % n;
  return r;
}

/**
 * int(hex) mod n for 64 lowercase hex digits, exactly: four digits (16 bits) at a time, exact while n ≤ 2^37.
 * Equal to {@link reduceDigest} of the same digest.
 */
export function reduceHex(hex: string, n: number): number {
  let r = 0;
  for (let k = 0; k < hex.length; k += 4) {
    let chunk = 0;
    for (let j = k; j < k + 4; j++) {
      const c = hex.charCodeAt(j);
      chunk = chunk * 16 + (c <= 57 ? c - 48 : c - 87);
    }
    r = (r * 65536 + chunk) % n;
  }
  return r;
}

/** Largest N the sampler accepts (reduceDigest stays exact far beyond it). */
export const MAX_SAMPLER_SIZE = 2 ** 32;

/** After this many picks a sampler that still wants a new value gives up (never reached in practice). */
export const pickLimit = (n: number): number => 64 * n + 1024;

/**
 * One Rivest pick stream over 1..N for one seed. `next()` returns the value of pick i = 1, 2, …; `i` is the
 * counter of the pick last returned. The bytes `seed + ","` are encoded once; each pick only appends digits.
 */
export class RivestSampler {
  /** Counter of the last pick (0 before the first). */
  i = 0;
  private buf: Uint8Array;
  private readonly prefixLength: number;
  private readonly prefixText: string;
  private readonly hexOfText: ((text: string) => string) | undefined;

  constructor(
    private readonly hash: DrawHash,
    seed: string,
    readonly size: number,
  ) {
    if (!Number.isSafeInteger(size) || size < 1 || size > MAX_SAMPLER_SIZE) {
      throw new RangeError(`sampler size must be an integer in 1..${MAX_SAMPLER_SIZE}, got ${size}`);
    }
    this.prefixText = `${seed},`;
    this.hexOfText = hash.hexOfText?.bind(hash);
    const prefix = utf8(this.prefixText);
    this.prefixLength = prefix.length;
    this.buf = new Uint8Array(prefix.length + 16);
    this.buf.set(prefix);
  }

  /** SHA-256 of pick i (the next one), without advancing; used for traces and docs. */
  digestAt(i: number): Uint8Array {
    const digits = String(i);
    if (this.buf.length < this.prefixLength + digits.length) {
      const grown = new Uint8Array(this.prefixLength + digits.length);
      grown.set(this.buf.subarray(0, this.prefixLength));
      this.buf = grown;
    }
    for (let k = 0; k < digits.length; k++) this.buf[this.prefixLength + k] = digits.charCodeAt(k);
    return this.hash.digest(this.buf.subarray(0, this.prefixLength + digits.length));
  }

  /** Advances to pick i + 1 and returns its value in 1..N (with replacement: repeats are the caller's affair). */
  next(): number {
    this.i++;
    if (this.hexOfText) return reduceHex(this.hexOfText(this.prefixText + this.i), this.size) + 1;
    return reduceDigest(this.digestAt(this.i), this.size) + 1;
  }
}

/** One pick of a sample: the counter i that produced it and the value in 1..N. */
export interface RivestPick {
  i: number;
  value: number;
}

/**
 * The first `count` values of the Rivest sampler over 1..`size` for `seed`; without replacement (the default)
 * repeats are skipped, so `count` may not exceed `size`. Throws after {@link pickLimit} picks (probability below
 * e^-50 for any size this platform draws from).
 */
export function rivestSample(
  seed: string,
  size: number,
  count: number,
  options: { withReplacement?: boolean; hash?: DrawHash } = {},
): RivestPick[] {
  const withReplacement = options.withReplacement ?? false;
  if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer`);
  if (count === 0) return [];
  if (!withReplacement && count > size) throw new RangeError(`cannot draw ${count} distinct values from ${size}`);
  const sampler = new RivestSampler(options.hash ?? nobleDrawHash, seed, size);
  const out: RivestPick[] = [];
  const seen = withReplacement ? null : new Uint8Array(size + 1);
  const limit = pickLimit(size);
  while (out.length < count) {
    if (sampler.i >= limit) throw new RangeError(`sampler gave up after ${limit} picks`);
    const value = sampler.next();
    if (seen) {
      if (seen[value]) continue;
      seen[value] = 1;
    }
    out.push({ i: sampler.i, value });
  }
  return out;
}
