/**
 * RFC 6962 / RFC 9162 Merkle tree hashing and proof VERIFICATION, shared by the server and the public
 * verification page.
 *
 * This file must stay free of Node imports: it is bundled into a web page that checks proofs in the browser
 * with WebCrypto. SHA-256 is therefore injected as an async function ({@link Sha256}); use
 * {@link webCryptoSha256} in browsers and in Node 20+, or any other implementation (e.g. a wrapper around
 * `node:crypto`) on the server.
 *
 * Hashes (RFC 9162 §2.1.1):
 *   leaf hash = SHA-256(0x00 || leaf)
 *   node hash = SHA-256(0x01 || left || right)
 *
 * Sizes and indexes are JS numbers, required to be safe integers. All index arithmetic uses division and
 * remainder, never 32-bit bitwise operators, so trees with more than 2^32 leaves are handled correctly.
 *
 * Verification follows RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency). Proofs with missing or extra
 * elements, or with elements that are not 32 bytes long, are refused. A consistency proof from size 0 is not
 * defined by the RFC and is refused too.
 */

/** An injected SHA-256 implementation. */
export type Sha256 = (data: Uint8Array) => Promise<Uint8Array>;

/** Length in bytes of every hash in the tree. */
export const HASH_SIZE = 32;

/** Thrown for malformed proof requests (bad index or size, wrong proof length, wrong hash length). */
export class MerkleProofError extends Error {
  override name = 'MerkleProofError';
}

const HEX_RE = /^[0-9a-fA-F]*$/;

/** Decodes a hex string (either case). Throws on odd length or a non-hex character. */
export function hexToBytes(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new Error(`hex string has odd length ${hex.length}`);
  if (!HEX_RE.test(hex)) throw new Error('hex string contains a non-hex character');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/** Encodes bytes as lowercase hex. */
export function bytesToHex(b: Uint8Array): string {
  let s = '';
  for (const byte of b) s += byte.toString(16).padStart(2, '0');
  return s;
}

/** Byte-wise equality. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** RFC 9162 leaf hash: SHA-256(0x00 || leaf). */
export function leafHash(sha: Sha256, leaf: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + leaf.length);
  buf[0] = 0x00;
  buf.set(leaf, 1);
  return sha(buf);
}

/** RFC 9162 interior node hash: SHA-256(0x01 || left || right). */
export function nodeHash(sha: Sha256, left: Uint8Array, right: Uint8Array): Promise<Uint8Array> {
  const buf = new Uint8Array(1 + left.length + right.length);
  buf[0] = 0x01;
  buf.set(left, 1);
  buf.set(right, 1 + left.length);
  return sha(buf);
}

/** SHA-256 through WebCrypto (`globalThis.crypto.subtle`), available in browsers and in Node 20+. */
export const webCryptoSha256: Sha256 = async (data) => {
  // Copy into a fresh ArrayBuffer-backed view: `digest` does not accept views over a SharedArrayBuffer.
  const copy = new Uint8Array(data.length);
  copy.set(data);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', copy));
};

const isOdd = (x: number): boolean => x % 2 === 1;
const half = (x: number): number => Math.floor(x / 2);

function assertSize(name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new MerkleProofError(`${name} must be a non-negative safe integer, got ${value}`);
  }
}

function assertHashes(name: string, hashes: readonly Uint8Array[]): void {
  for (const h of hashes) {
    if (h.length !== HASH_SIZE) throw new MerkleProofError(`${name} contains a hash of ${h.length} bytes`);
  }
}

/**
 * Computes the root implied by an inclusion proof (RFC 9162 §2.1.3.2).
 * Throws {@link MerkleProofError} when `leafIndex >= treeSize`, when the proof is too long or too short for
 * the (leafIndex, treeSize) pair, or when any hash is not 32 bytes.
 */
export async function rootFromInclusionProof(
  sha: Sha256,
  leafIndex: number,
  treeSize: number,
  leafHash: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array> {
  assertSize('leafIndex', leafIndex);
  assertSize('treeSize', treeSize);
  if (leafIndex >= treeSize) throw new MerkleProofError(`leafIndex ${leafIndex} is not below treeSize ${treeSize}`);
  assertHashes('leafHash', [leafHash]);
  assertHashes('proof', proof);

  let fn = leafIndex;
  let sn = treeSize - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) throw new MerkleProofError('inclusion proof is too long');
    if (isOdd(fn) || fn === sn) {
      r = await nodeHash(sha, p, r);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      r = await nodeHash(sha, r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  if (sn !== 0) throw new MerkleProofError('inclusion proof is too short');
  return r;
}

/** Input of {@link verifyInclusion}. */
export interface InclusionInput {
  leafIndex: number;
  treeSize: number;
  leafHash: Uint8Array;
  proof: readonly Uint8Array[];
  rootHash: Uint8Array;
}

/**
 * True when `proof` proves that `leafHash` is leaf `leafIndex` of the tree of size `treeSize` with root
 * `rootHash`. Malformed input yields false; only failures of the hash function itself are thrown.
 */
export async function verifyInclusion(sha: Sha256, input: InclusionInput): Promise<boolean> {
  if (input.rootHash.length !== HASH_SIZE) return false;
  try {
    const root = await rootFromInclusionProof(sha, input.leafIndex, input.treeSize, input.leafHash, input.proof);
    return bytesEqual(root, input.rootHash);
  } catch (e) {
    if (e instanceof MerkleProofError) return false;
    throw e;
  }
}

/** Input of {@link verifyConsistency}. */
export interface ConsistencyInput {
  from: number;
  to: number;
  proof: readonly Uint8Array[];
  fromRoot: Uint8Array;
  toRoot: Uint8Array;
}

const isPowerOfTwo = (x: number): boolean => {
  if (x < 1) return false;
  let v = x;
  while (v % 2 === 0) v /= 2;
  return v === 1;
};

/**
 * True when `proof` proves that the tree of size `from` with root `fromRoot` is a prefix of the tree of size
 * `to` with root `toRoot` (RFC 9162 §2.1.4.2).
 *
 * - `from === to` requires an empty proof and equal roots.
 * - `from === 0` is refused (a consistency proof from the empty tree is not defined), as is `from > to`.
 * - Proofs with missing or extra elements, or hashes that are not 32 bytes long, are refused.
 */
export async function verifyConsistency(sha: Sha256, input: ConsistencyInput): Promise<boolean> {
  const { from, to, proof, fromRoot, toRoot } = input;
  if (!Number.isSafeInteger(from) || !Number.isSafeInteger(to)) return false;
  if (from < 1 || from > to) return false;
  if (fromRoot.length !== HASH_SIZE || toRoot.length !== HASH_SIZE) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  if (from === to) return proof.length === 0 && bytesEqual(fromRoot, toRoot);
  if (proof.length === 0) return false;

  // Step 1: when `from` is a power of two the first subtree is the old root itself, and it is not sent.
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : [...proof];
  // Step 2.
  let fn = from - 1;
  let sn = to - 1;
  // Step 3.
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  // Step 4.
  const first = path[0] as Uint8Array;
  let fr = first;
  let sr = first;
  // Step 5.
  for (let i = 1; i < path.length; i++) {
    const c = path[i] as Uint8Array;
    if (sn === 0) return false; // proof too long
    if (isOdd(fn) || fn === sn) {
      fr = await nodeHash(sha, c, fr);
      sr = await nodeHash(sha, c, sr);
      if (!isOdd(fn)) {
        while (!isOdd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
      }
    } else {
      sr = await nodeHash(sha, sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  // Step 6.
  return sn === 0 && bytesEqual(fr, fromRoot) && bytesEqual(sr, toRoot);
}
