/**
 * Issue 12: the contracts (common/contracts/*.contract.ts) describe every answer, so the OpenAPI document says what
 * each operation returns. Every operation declares a schema for its success answer, or answers 204 (no body), or
 * declares the binary or streamed media type it sends (a PDF, a CSV, NDJSON, HTML).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../test/harness.js';

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
      if (!described) undescribed.push(key);
    }
  expect(undescribed).toEqual([]);
});

it('describes the refusals of every operation as problem+json with a stable code', () => {
  const missing: string[] = [];
  for (const [path, item] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      const problem = op.responses?.default?.content?.['application/problem+json']?.schema as
        | { properties?: Record<string, unknown>; required?: string[] }
        | undefined;
      if (!problem?.properties?.code || !problem.required?.includes('detail'))
        missing.push(`${method.toUpperCase()} ${path}`);
    }
  expect(missing).toEqual([]);
});
