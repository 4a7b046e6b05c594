/**
 * Contract of the transparency log's public API (RFC 6962 style): `/api/v1/transparency/…`. Hashes are lowercase
 * hex; the public key and signatures base64. The public verifier (web/verify) reads these answers.
 */
import { z } from 'zod';
import type { Wire } from './kit.js';

// Requests

/** A leaf index or a tree size: a non-negative integer. */
const Index = (name: string) =>
  z.coerce
    .number({ error: `${name} 必须是整数` })
    .int(`${name} 必须是整数`)
    .min(0, `${name} 不能为负数`)
    .max(Number.MAX_SAFE_INTEGER);

export const InclusionProofQuery = z.object({ leafIndex: Index('leafIndex'), treeSize: Index('treeSize') });
export const ConsistencyProofQuery = z.object({ from: Index('from'), to: Index('to') });

// Answers

const Hex = z.string().describe('小写十六进制');

export const TransparencyPublicKeyView = z.object({
  algorithm: z.literal('Ed25519'),
  keyId: z.string(),
  /** Base64 of the raw 32-byte Ed25519 public key. */
  publicKey: z.string().describe('原始 32 字节公钥的 base64'),
});
export type TransparencyPublicKey = Wire<typeof TransparencyPublicKeyView>;

/**
 * A signed checkpoint: what its Ed25519 signature covers (`checkpointMessage` in common/transparency-leaf.ts) and
 * the signature. The timestamp is signed as it is written: the answer carries the stored string unchanged.
 */
export const CheckpointView = z.object({
  treeSize: z.number().int(),
  /** Lowercase hex. */
  rootHash: Hex,
  /** ISO 8601, UTC. */
  timestamp: z.iso.datetime().describe('ISO 8601（UTC），按签名时的原样'),
  /**
   * The audit chain's head when the checkpoint was signed: the last audit event's `seq` and hash (v2). Null in v1
   * checkpoints (signed before the audit chain was anchored) and while the audit trail is empty.
   */
  auditSeq: z.number().int().nullable(),
  auditHash: Hex.nullable(),
  /** Base64 of the 64-byte Ed25519 signature over `checkpointMessage`. */
  signature: z.string().describe('Ed25519 签名（64 字节）的 base64'),
});
/** What a checkpoint's Ed25519 signature covers, and the signature. */
export type Checkpoint = Wire<typeof CheckpointView>;

export const InclusionProofView = z.object({
  leafIndex: z.number().int(),
  treeSize: z.number().int(),
  leafHash: Hex,
  /** The audit path, leaf to root (RFC 6962 §2.1.1). */
  proof: z.array(Hex),
});
export type InclusionProof = Wire<typeof InclusionProofView>;

export const ConsistencyProofView = z.object({
  from: z.number().int(),
  to: z.number().int(),
  /** RFC 6962 §2.1.2. */
  proof: z.array(Hex),
});
export type ConsistencyProof = Wire<typeof ConsistencyProofView>;
