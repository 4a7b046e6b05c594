/**
 * Issue 12: the contracts (common/contracts/*.contract.ts) describe every answer, so the OpenAPI document says what
 * each operation returns. Every operation declares a schema for its success answer, or answers 204 (no body), or
 * declares the binary or streamed media type it sends (a PDF, a CSV, NDJSON, HTML).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../test/harness.js';

/** Operations whose answers are not yet in a contract. The list only shrinks. */
const PENDING = new Set<string>([
  'POST /api/v1/cases',
  'GET /api/v1/cases',
  'GET /api/v1/cases/{id}',
  'GET /api/v1/cases/{id}/officer-candidates',
  'GET /api/v1/cases/{id}/record',
  'GET /api/v1/cases/{id}/evidence/{sha256}',
  'GET /api/v1/cases/{id}/documents/{kind}',
  'POST /api/v1/cases/{id}/actions/add_evidence',
  'POST /api/v1/cases/{id}/actions/file',
  'POST /api/v1/cases/{id}/actions/not_file',
  'POST /api/v1/cases/{id}/actions/assign',
  'POST /api/v1/cases/{id}/actions/submit_review',
  'POST /api/v1/cases/{id}/actions/notify',
  'POST /api/v1/cases/{id}/actions/record_statement',
  'POST /api/v1/cases/{id}/actions/request_hearing',
  'POST /api/v1/cases/{id}/actions/hold_hearing',
  'POST /api/v1/cases/{id}/actions/legal_review',
  'POST /api/v1/cases/{id}/actions/collective_discussion',
  'POST /api/v1/cases/{id}/actions/decide',
  'POST /api/v1/cases/{id}/actions/no_penalty',
  'POST /api/v1/cases/{id}/actions/deliver',
  'POST /api/v1/cases/{id}/actions/record_payment',
  'POST /api/v1/cases/{id}/actions/close',
  'POST /api/v1/cases/{id}/actions/archive',
  'POST /api/v1/cases/{id}/actions/transfer',
  'POST /api/v1/cases/{id}/actions/suspend',
  'POST /api/v1/cases/{id}/actions/resume',
  'POST /api/v1/cases/{id}/actions/extend',
  'POST /api/v1/cases/{id}/actions/terminate',
  'POST /api/v1/cases/{id}/actions/simplified_decide',
  'POST /api/v1/cases/{id}/actions/request_recusal',
  'POST /api/v1/cases/{id}/actions/decide_recusal',
  'GET /api/v1/publicity',
  'GET /api/v1/publicity/overdue',
  'POST /api/v1/publicity/{caseId}/publish',
  'POST /api/v1/publicity/{caseId}/withdraw',
  'POST /api/v1/publicity/{caseId}/end',
  'GET /api/v1/public/decisions',
  'GET /api/v1/public/cases/{code}',
  'GET /api/v1/transparency/public-key',
  'GET /api/v1/transparency/checkpoint',
  'GET /api/v1/transparency/proofs/inclusion',
  'GET /api/v1/transparency/proofs/consistency',
]);

let env: TestEnv;
let doc: {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> }>
  >;
};

beforeAll(async () => {
  env = await createTestEnv();
  doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
});
afterAll(() => env.close());

it('describes the success answer of every operation', () => {
  const undescribed: string[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      const key = `${method.toUpperCase()} ${path}`;
      const successes = Object.entries(op.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code));
      const described =
        successes.length > 0 &&
        successes.every(
          ([code, r]) => code === '204' || Object.values(r.content ?? {}).some((c) => c.schema !== undefined),
        );
      if (!described && !PENDING.has(key)) undescribed.push(key);
    }
  expect(undescribed).toEqual([]);
});

it('keeps the pending list true: an operation that became described leaves it', () => {
  const stale = [...PENDING].filter((key) => {
    const [method = '', path = ''] = key.split(' ');
    const responses = doc.paths[path]?.[method.toLowerCase()]?.responses ?? {};
    const successes = Object.entries(responses).filter(([c]) => /^2\d\d$/.test(c));
    return successes.length > 0 && successes.every(([c, r]) => c === '204' || Object.keys(r.content ?? {}).length > 0);
  });
  expect(stale).toEqual([]);
});
