import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import {
  type TransparencyDeps,
  consistencyProof,
  inclusionProof,
  latestCheckpoint,
  logKey,
} from './transparency.service.js';

const Index = (name: string) =>
  z.coerce
    .number({ error: `${name} 必须是整数` })
    .int(`${name} 必须是整数`)
    .min(0, `${name} 不能为负数`)
    .max(Number.MAX_SAFE_INTEGER);

/** The transparency log's public API (RFC 6962 style); hashes are lowercase hex. */
export function transparencyRoutes(app: App, deps: TransparencyDeps) {
  app.get(
    '/api/v1/transparency/public-key',
    {
      config: { public: true },
      schema: { tags: ['transparency'], summary: '透明日志签名公钥（Ed25519，原始 32 字节的 base64）' },
    },
    async (_req, reply) => {
      const key = await logKey(deps);
      reply.header('cache-control', 'public, max-age=3600');
      return { algorithm: 'Ed25519', keyId: key.keyId, publicKey: key.publicKey.toString('base64') };
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
        querystring: z.object({ leafIndex: Index('leafIndex'), treeSize: Index('treeSize') }),
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
        querystring: z.object({ from: Index('from'), to: Index('to') }),
      },
    },
    async (req, reply) => {
      const proof = await consistencyProof(deps, req.query.from, req.query.to);
      reply.header('cache-control', 'public, max-age=31536000, immutable');
      return proof;
    },
  );
}
