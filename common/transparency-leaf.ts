/**
 * The transparency log's leaves and checkpoints, shared by the server (which appends and signs) and the public case
 * page (which recomputes a leaf from what it shows and checks it is in the signed tree). The format is specified in
 * docs/publicity.md (“The transparency log”).
 *
 * A leaf is one procedure-record event, as its public view: which subject (its type and id), its place in the
 * subject's record, the step and its time, the masked public projection of its payload, and the hash the subject's
 * chain gives the full event (which commits to everything the event holds, personal data included, without revealing
 * it). The leaf's bytes are the UTF-8 of its canonical JSON (RFC 8785); its hash is RFC 6962's SHA-256(0x00 ‖ bytes).
 *
 * Versions: 2 (`LEAF_VERSION`, every leaf logged since the record became generic) names the subject by
 * `subjectType` and `subjectId`; 1 named a penalty case by `caseId` and stays valid for the leaves logged then (the
 * log stores each leaf's version, the server and the browser hash whatever version the leaf carries).
 */
import { canonicalJson } from './canonical-json.js';

/** The version new leaves are written in. */
export const LEAF_VERSION = 2;
/** The first version: penalty-case leaves only (`caseId`). */
export const LEAF_VERSION_CASE_V1 = 1;

interface LeafBody {
  seq: number;
  type: string;
  at: string;
  /** The whitelisted, masked projection of the event's payload (the procedure's `publicView`). */
  public: Record<string, unknown>;
  /** The event's hash in the subject's chain, recomputed from the stored event. */
  eventHash: string;
}

/** v1: a penalty case's event. */
export interface TransparencyLeafV1 extends LeafBody {
  v: typeof LEAF_VERSION_CASE_V1;
  caseId: string;
}

/** v2: an event of any subject type. */
export interface TransparencyLeafV2 extends LeafBody {
  v: typeof LEAF_VERSION;
  subjectType: string;
  subjectId: string;
}

export type TransparencyLeaf = TransparencyLeafV1 | TransparencyLeafV2;

/** The leaf's subject, whatever its version. */
export const leafSubject = (leaf: TransparencyLeaf): { subjectType: string; subjectId: string } =>
  leaf.v === LEAF_VERSION_CASE_V1
    ? { subjectType: 'case', subjectId: leaf.caseId }
    : { subjectType: leaf.subjectType, subjectId: leaf.subjectId };

/** Refuses a leaf of a version this code does not know (a newer server's) rather than hash it wrongly. */
export function leafBytes(leaf: TransparencyLeaf): Uint8Array<ArrayBuffer> {
  if (leaf.v !== LEAF_VERSION && leaf.v !== LEAF_VERSION_CASE_V1)
    throw new RangeError(`unknown transparency leaf version ${String((leaf as { v: unknown }).v)}`);
  return new TextEncoder().encode(canonicalJson(leaf));
}

import type { Checkpoint } from './contracts/transparency.contract.js';

/** What a checkpoint's Ed25519 signature covers: its shape is the transparency contract's. */
export type { Checkpoint };

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
