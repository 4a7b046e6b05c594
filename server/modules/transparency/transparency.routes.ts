import {
  CheckpointView,
  ConsistencyProofQuery,
  ConsistencyProofView,
  InclusionProofQuery,
  InclusionProofView,
  TransparencyPublicKeyView,
} from '../../../common/contracts/transparency.contract.js';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import {
  type TransparencyDeps,
  consistencyProof,
  inclusionProof,
  latestCheckpoint,
  logKey,
} from './transparency.service.js';

/** The transparency log's public API (RFC 6962 style); hashes are lowercase hex. */
export function transparencyRoutes(app: App, deps: TransparencyDeps) {
  app.get(
    '/api/v1/transparency/public-key',
    {
      config: { public: true },
      schema: {
        tags: ['transparency'],
        summary: '透明日志签名公钥（Ed25519，原始 32 字节的 base64）',
        response: { 200: TransparencyPublicKeyView },
      },
    },
    async (_req, reply) => {
      const key = await logKey(deps);
      reply.header('cache-control', 'public, max-age=3600');
      return { algorithm: 'Ed25519' as const, keyId: key.keyId, publicKey: key.publicKey.toString('base64') };
    },
  );
  app.get(
    '/api/v1/transparency/checkpoint',
    {
      config: { public: true },
      schema: {
        tags: ['transparency'],
        summary:
          '最新签名检查点 { treeSize, rootHash, timestamp, auditSeq, auditHash, signature }（只读，由序列器定时签署）',
        response: { 200: CheckpointView },
      },
    },
    async (_req, reply) => {
      // reads only: checkpoints are signed by the sequencer on its schedule, never by a request
      const checkpoint = await latestCheckpoint(deps.db);
      if (!checkpoint) throw new AppError(404, 'no_checkpoint', '透明日志尚未签署检查点，请稍后再试');
      reply.header('cache-control', 'no-store');
      return checkpoint;
    },
  );
  app.get(
    '/api/v1/transparency/proofs/inclusion',
    {
      config: { public: true },
      schema: {
        tags: ['transparency'],
        summary: '包含证明（RFC 6962 审计路径）',
        querystring: InclusionProofQuery,
        response: { 200: InclusionProofView },
      },
    },
    async (req, reply) => {
      const proof = await inclusionProof(deps, req.query.leafIndex, req.query.treeSize);
      // a proof for a given (leaf, size) never changes
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return proof;
    },
  );
  app.get(
    '/api/v1/transparency/proofs/consistency',
    {
      config: { public: true },
      schema: {
        tags: ['transparency'],
        summary: '一致性证明（RFC 6962）',
        querystring: ConsistencyProofQuery,
        response: { 200: ConsistencyProofView },
      },
    },
    async (req, reply) => {
      const proof = await consistencyProof(deps, req.query.from, req.query.to);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return proof;
    },
  );
}
