/**
 * CSRF (issue 11 finding 11) at the API: a state-changing request needs a JSON or multipart body (or none) and the
 * console's own origin; a machine client without Origin still works with JSON. The browser test with a real
 * cross-origin page is e2e/security.e2e.test.ts.
 */
import { and, desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../modules/accounts/accounts.schema.js';
import { auditEvents } from '../modules/audit/audit.schema.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import { csrfRefusal } from './csrf.js';

let env: TestEnv;
let sec: string;
let targetId: string;
beforeAll(async () => {
  env = await createTestEnv();
  sec = await env.login('secadmin');
  targetId = (await env.database.db.select().from(users).where(eq(users.username, 'gz_officer2')))[0]?.id as string;
});
afterAll(() => env.close());

const lockedUntil = async () =>
  (await env.database.db.select().from(users).where(eq(users.id, targetId)))[0]?.lockedUntil ?? null;
const post = (path: string, headers: Record<string, string>, payload?: string | Buffer) =>
  env.app.inject({ method: 'POST', url: path, headers: { cookie: sec, ...headers }, ...(payload ? { payload } : {}) });

describe('state-changing requests from another origin are refused', () => {
  it('the finding: unlock with text/plain from https://evil.example → 403, the account stays locked', async () => {
    expect(
      (await post(`/api/v1/users/${targetId}/lock`, { 'content-type': 'application/json' }, '{}')).statusCode,
    ).toBe(200);
    const res = await post(
      `/api/v1/users/${targetId}/unlock`,
      { 'content-type': 'text/plain', origin: 'https://evil.example' },
      'x',
    );
    expect(res.statusCode).toBe(403);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'cross_site_request' });
    expect(await lockedUntil()).not.toBeNull();
    // the refusal is audited
    const [row] = await env.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.outcome, 'failure'), eq(auditEvents.code, 'cross_site_request')))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    expect(row).toBeDefined();
  });

  it('refuses JSON from another origin, and a cross-site Sec-Fetch-Site without Origin', async () => {
    for (const headers of <Record<string, string>[]>[
      { origin: 'https://evil.example' },
      { origin: 'http://localhost:3001' }, // another port of the same host: same-site, not same-origin
      { origin: 'null' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ]) {
      const res = await post(
        `/api/v1/users/${targetId}/unlock`,
        { 'content-type': 'application/json', ...headers },
        '{}',
      );
      expect(res.statusCode, JSON.stringify(headers)).toBe(403);
      expect(res.json().code).toBe('cross_site_request');
    }
    expect(await lockedUntil()).not.toBeNull();
  });

  it('refuses the bodies a cross-site form can send, even from the own origin', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const res = await post(
        `/api/v1/users/${targetId}/unlock`,
        { 'content-type': type, origin: 'http://localhost:3000' },
        'a=b',
      );
      expect(res.statusCode, type).toBe(403);
    }
    expect(await lockedUntil()).not.toBeNull();
  });

  it('accepts the console (own Origin or Sec-Fetch-Site same-origin) and machine clients without Origin', async () => {
    const ok: Record<string, string>[] = [
      { origin: 'http://localhost:3000' }, // PUBLIC_BASE_URL
      { origin: 'http://localhost:80', host: 'localhost:80' }, // the origin the request was addressed to
      { 'sec-fetch-site': 'same-origin' },
      { 'sec-fetch-site': 'none' },
      {},
    ];
    for (const headers of ok) {
      await post(`/api/v1/users/${targetId}/lock`, { 'content-type': 'application/json' }, '{}');
      const res = await post(
        `/api/v1/users/${targetId}/unlock`,
        { 'content-type': 'application/json', ...headers },
        '{}',
      );
      expect(res.statusCode, JSON.stringify(headers)).toBe(200);
    }
    // a body-less POST (logout) from the console
    const cookie = await env.login('gz_officer1');
    const out = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, origin: 'http://localhost:3000' },
    });
    expect(out.statusCode).toBe(204);
  });

  it('multipart evidence from another origin is refused before anything is read', async () => {
    const boundary = '----zhifa-csrf';
    const res = await post(
      '/api/v1/cases/00000000-0000-4000-8000-000000000000/actions/add_evidence',
      { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'https://evil.example' },
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nx\r\n--${boundary}--\r\n`,
      ),
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('cross_site_request');
  });
});

describe('csrfRefusal (the rule alone)', () => {
  const at = (method: string, headers: Record<string, string>) =>
    csrfRefusal({ method, headers, protocol: 'https' }, 'https://zhifa.example.gov.cn');
  it('leaves reads alone and checks writes', () => {
    expect(at('GET', { origin: 'https://evil.example' })).toBeNull();
    expect(at('HEAD', { 'content-type': 'text/plain' })).toBeNull();
    for (const m of ['POST', 'PUT', 'PATCH', 'DELETE'])
      expect(at(m, { 'content-type': 'application/json', origin: 'https://evil.example' })).not.toBeNull();
    expect(
      at('PUT', { 'content-type': 'application/json; charset=utf-8', origin: 'https://zhifa.example.gov.cn' }),
    ).toBeNull();
    expect(at('DELETE', { 'content-length': '3' })).not.toBeNull(); // a body without a type
    expect(at('DELETE', {})).toBeNull();
    expect(at('POST', { 'content-type': 'text/csv', 'sec-fetch-site': 'same-origin' })).toBeNull();
  });
});
