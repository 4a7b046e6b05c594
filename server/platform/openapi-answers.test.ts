/**
 * Issue 12: the contracts (common/contracts/*.contract.ts) describe every answer, so the OpenAPI document says what
 * each operation returns. Every operation declares a schema for its success answer, or answers 204 (no body), or
 * declares the binary or streamed media type it sends (a PDF, a CSV, NDJSON, HTML).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../test/harness.js';

/** Operations whose answers are not yet in a contract. The list only shrinks. */
const PENDING = new Set<string>([
  'POST /api/v1/auth/logout',
  'POST /api/v1/auth/password',
  'GET /api/v1/users',
  'POST /api/v1/users',
  'GET /api/v1/users/{id}',
  'PATCH /api/v1/users/{id}',
  'POST /api/v1/users/{id}/lock',
  'POST /api/v1/users/{id}/unlock',
  'GET /api/v1/sessions',
  'DELETE /api/v1/sessions/{id}',
  'GET /api/v1/audit-events',
  'GET /api/v1/officers',
  'POST /api/v1/officers',
  'GET /api/v1/officers/{id}',
  'PATCH /api/v1/officers/{id}',
  'POST /api/v1/officers/{id}/reveal',
  'GET /api/v1/officers/{id}/eligibility',
  'GET /api/v1/certificates',
  'POST /api/v1/officers/{id}/certificates',
  'POST /api/v1/certificates/{id}/suspend',
  'POST /api/v1/certificates/{id}/reinstate',
  'POST /api/v1/certificates/{id}/revoke',
  'GET /api/v1/certificates/{id}/qr.svg',
  'GET /api/v1/public/certificates/{token}',
  'POST /api/v1/training-records',
  'GET /api/v1/officers/{id}/training-records',
  'POST /api/v1/training-records/import',
  'GET /api/v1/reports/training',
  'GET /api/v1/reports/training/by-org',
  'GET /api/v1/reports/rotation',
  'POST /api/v1/officers/{id}/assessments',
  'GET /api/v1/reports/exit-flags',
  'POST /api/v1/officers/{id}/exit-decisions',
  'GET /api/v1/items',
  'POST /api/v1/items',
  'GET /api/v1/items/{id}',
  'PUT /api/v1/items/{id}',
  'GET /api/v1/items/{id}/versions',
  'POST /api/v1/items/{id}/claims',
  'GET /api/v1/orgs/{id}/items',
  'GET /api/v1/orgs/{id}/delegated-items',
  'POST /api/v1/items/import',
  'GET /api/v1/benchmarks',
  'POST /api/v1/benchmarks',
  'GET /api/v1/benchmarks/effective',
  'POST /api/v1/benchmarks/evaluate',
  'GET /api/v1/benchmarks/{id}',
  'PUT /api/v1/benchmarks/{id}',
  'POST /api/v1/benchmarks/{id}/refinements',
  'GET /api/v1/delegations',
  'POST /api/v1/delegations',
  'GET /api/v1/delegations/{id}',
  'POST /api/v1/delegations/{id}/actions/county_approve',
  'POST /api/v1/delegations/{id}/actions/city_decide',
  'POST /api/v1/delegations/{id}/actions/announce',
  'POST /api/v1/delegations/{id}/actions/evaluate',
  'POST /api/v1/delegations/{id}/actions/recall',
  'GET /api/v1/reports/delegations-unevaluated',
  'GET /api/v1/entities',
  'POST /api/v1/entities',
  'GET /api/v1/entities/{id}',
  'PATCH /api/v1/entities/{id}',
  'GET /api/v1/me/tasks',
  'POST /api/v1/entities/import',
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
    const [method, path] = key.split(' ');
    const successes = Object.entries(doc.paths[path]?.[method.toLowerCase()]?.responses ?? {}).filter(([c]) =>
      /^2\d\d$/.test(c),
    );
    return successes.length > 0 && successes.every(([c, r]) => c === '204' || Object.keys(r.content ?? {}).length > 0);
  });
  expect(stale).toEqual([]);
});
