/**
 * The transparency log's leaves and checkpoints, shared by the server (which appends and signs) and the public case
 * page (which recomputes a leaf from what it shows and checks it is in the signed tree).
 *
 * A leaf is one case-record event, as its public view: which case, its place in the case's record, the step and its
 * time, the masked public projection of its payload, and the hash the case's chain gives the full event (which
 * commits to everything the event holds, personal data included, without revealing it). The leaf's bytes are the
 * UTF-8 of its canonical JSON; its hash is RFC 6962's SHA-256(0x00 ‖ bytes).
 */
import { canonicalJson } from './canonical-json.js';

export const LEAF_VERSION = 1;

export interface TransparencyLeaf {
  v: typeof LEAF_VERSION;
  caseId: string;
  seq: number;
  type: string;
  at: string;
  /** The whitelisted, masked projection of the event's payload (publicity/public-views.ts). */
  public: Record<string, unknown>;
  /** The event's hash in the case's chain, recomputed from the stored event. */
  eventHash: string;
}

export function leafBytes(leaf: TransparencyLeaf): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(canonicalJson(leaf));
}

/** What a checkpoint's Ed25519 signature covers. */
export interface Checkpoint {
  treeSize: number;
  /** Lowercase hex. */
  rootHash: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  /**
   * The audit chain's head when the checkpoint was signed: the last audit event's `seq` and hash (v2). Null in v1
   * checkpoints (signed before the audit chain was anchored) and while the audit trail is empty.
   */
  auditSeq: number | null;
  auditHash: string | null;
  /** Base64 of the 64-byte Ed25519 signature over `checkpointMessage`. */
  signature: string;
}

export const CHECKPOINT_ORIGIN = 'zhifa transparency log v1';
export const CHECKPOINT_ORIGIN_V2 = 'zhifa transparency log v2';

/**
 * What a checkpoint's signature covers: v2 (with the audit head)
 * `"zhifa transparency log v2\n<treeSize>\n<rootHash>\n<timestamp>\n<auditSeq>\n<auditHash>\n"`; a checkpoint
 * without the audit head keeps the v1 form `"zhifa transparency log v1\n<treeSize>\n<rootHash>\n<timestamp>\n"`.
 */
export function checkpointMessage(
  c: Pick<Checkpoint, 'treeSize' | 'rootHash' | 'timestamp'> & Partial<Pick<Checkpoint, 'auditSeq' | 'auditHash'>>,
): Uint8Array<ArrayBuffer> {
  const head = `${c.treeSize}\n${c.rootHash}\n${c.timestamp}\n`;
  const text =
    c.auditSeq === null || c.auditSeq === undefined || !c.auditHash
      ? `${CHECKPOINT_ORIGIN}\n${head}`
      : `${CHECKPOINT_ORIGIN_V2}\n${head}${c.auditSeq}\n${c.auditHash}\n`;
  return new TextEncoder().encode(text);
}
