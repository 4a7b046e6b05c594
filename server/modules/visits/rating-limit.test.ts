/**
 * The enterprise's anonymous rating of a visit is rate-limited per client like the public complaint form (the same
 * platform/rate-limit.ts config): past the limit a client gets 429 `rate_limited` on the JSON and the form door,
 * while another client still gets through.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { visits } from './visits.schema.js';

const LIMIT = 3;
let env: TestEnv;
let tokens: string[] = [];

beforeAll(async () => {
  env = await createTestEnv({ loginRateLimitPerMinute: LIMIT });
  tokens = (await env.database.db.select({ t: visits.publicToken }).from(visits)).map((r) => r.t);
});
afterAll(() => env.close());

const rateJson = (token: string, remoteAddress: string) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/public/visits/${token}/rating`,
    remoteAddress,
    payload: { score: 4 },
  });

function rateForm(token: string, remoteAddress: string) {
  const boundary = '----zhifa-rating';
  return env.app.inject({
    method: 'POST',
    url: `/public/visits/${token}/rating`,
    remoteAddress,
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://localhost:3000' },
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="score"\r\n\r\n5\r\n--${boundary}--\r\n`,
  });
}

describe('rating a visit, rate-limited', () => {
  it('answers 429 rate_limited past the limit per client (JSON), another client still rates', async () => {
    expect(tokens.length).toBeGreaterThan(LIMIT + 2);
    const codes: number[] = [];
    for (let i = 0; i <= LIMIT; i++) codes.push((await rateJson(tokens[i] as string, '10.7.7.1')).statusCode);
    expect(codes.slice(0, LIMIT).every((c) => c === 201 || c === 409)).toBe(true);
    const refused = await rateJson(tokens[LIMIT] as string, '10.7.7.1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe('rate_limited');
    expect(refused.json().detail).toMatch(/请求过于频繁/);
    const other = await rateJson(tokens[LIMIT + 1] as string, '10.7.7.2');
    expect([201, 409]).toContain(other.statusCode);
  });

  it('limits the multipart form too', async () => {
    const codes: number[] = [];
    for (let i = 0; i <= LIMIT; i++) codes.push((await rateForm(tokens[i] as string, '10.7.7.3')).statusCode);
    expect(codes.slice(0, LIMIT).every((c) => c === 303 || c === 409)).toBe(true);
    expect(codes[LIMIT]).toBe(429);
  });
});
