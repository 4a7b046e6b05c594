/**
 * Issue 11, findings 1 and 2: hostile text, ids, dates and framing are refused at the edge with problem+json in
 * Chinese, before any query; the refusal is audited and the audit chain stays intact; nothing else is written.
 */
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { count, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../modules/audit/audit.schema.js';
import { verifyAuditChain } from '../modules/audit/audit.service.js';
import { items } from '../modules/catalog/catalog.schema.js';
import { caseEvents, cases } from '../modules/cases/cases.schema.js';
import { orgs } from '../modules/orgs/orgs.schema.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import { problemOf } from './error-handler.js';

let env: TestEnv;
let officer: string;
let gzAmr: string;
let item: string;
let caseId: string;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-06-01T01:00:00Z'));
  officer = await env.login('gz_officer1');
  gzAmr = await env.orgId('广州市市场监督管理局');
  item = (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]
    ?.id as string;
  caseId = (await env.database.db.select({ id: cases.id }).from(cases).where(eq(cases.orgId, gzAmr)).limit(1))[0]
    ?.id as string;
});
afterAll(() => env.close());

const CJK = /[\u4e00-\u9fff]/;
const lastAudit = async () =>
  (await env.database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];
const rows = async (table: typeof cases | typeof caseEvents | typeof orgs) =>
  Number((await env.database.db.select({ n: count() }).from(table))[0]?.n);

function expectProblem(res: { statusCode: number; headers: Record<string, unknown>; body: string }, status: number) {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(res.body);
  expect(body.detail).toMatch(CJK);
  // a failed query, its SQL or its parameters never reach the answer
  expect(res.body).not.toMatch(/Failed query|insert into|select |audit_head|params:/i);
  return body as { code: string; detail: string; errors?: { path: string }[] };
}

const post = (url: string, payload: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: 'POST',
    url,
    headers: { ...(cookie ? { cookie } : {}), 'content-type': 'application/json', ...headers },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });

describe('finding 1: text the database cannot store never breaks the audit chain', () => {
  it('a login with a lone surrogate: 422 unsafe_text naming the field, audited, chain intact', async () => {
    const res = await post('/api/v1/auth/login', '{"username":"x\\ud800","password":"y"}');
    const body = expectProblem(res, 422);
    expect(body).toMatchObject({ code: 'unsafe_text', errors: [{ path: 'username' }] });
    expect(await lastAudit()).toMatchObject({ action: 'auth.login', outcome: 'failure', code: 'unsafe_text' });
    expect(await verifyAuditChain(env.database.db)).toMatchObject({ ok: true });
  });

  it('reason fields, jsonb payloads and keys: refused before the use case, nothing written', async () => {
    const events = await rows(caseEvents);
    const someId = randomUUID();
    const attempts: [string, unknown, string][] = [
      [`/api/v1/certificates/${someId}/suspend`, { reason: '暂扣\ud800理由' }, 'reason'],
      [`/api/v1/certificates/${someId}/revoke`, { reason: '\udc00吊销' }, 'reason'],
      [`/api/v1/officers/${someId}/reveal`, { reason: '查看\u0000' }, 'reason'],
      [`/api/v1/cases/${caseId}/actions/record_statement`, { statement: '陈述\ud83d' }, 'statement'],
      [`/api/v1/cases/${caseId}/actions/legal_review`, { outcome: 'approve', opinion: '同意\ud800' }, 'opinion'],
      [`/api/v1/cases/${caseId}/actions/file`, { location: { lat: 1, lng: 1, address: '\u0000' } }, 'location.address'],
      [`/api/v1/cases/${caseId}/actions/file`, { ['op\ud800inion']: 'x' }, 'op\\ud800inion'],
    ];
    for (const [url, payload, path] of attempts) {
      const raw = JSON.stringify(payload).replace(/[\ud800-\udfff]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
      const body = expectProblem(await post(url, raw, officer), 422);
      expect(body, url).toMatchObject({ code: 'unsafe_text', errors: [{ path }] });
      expect(await lastAudit()).toMatchObject({ outcome: 'failure', code: 'unsafe_text' });
    }
    expect(await rows(caseEvents)).toBe(events);
    expect(await verifyAuditChain(env.database.db)).toMatchObject({ ok: true });
  });
});

describe('finding 2: hostile ids, queries and dates are refused before any query', () => {
  it('a NUL in a path id: problem+json without SQL, with or without a session, and audited', async () => {
    const signedIn = expectProblem(await post('/api/v1/cases/%00/actions/file', {}, officer), 422);
    expect(signedIn).toMatchObject({ code: 'unsafe_text', errors: [{ path: 'id' }] });
    expect(await lastAudit()).toMatchObject({
      action: 'case.file',
      outcome: 'failure',
      code: 'unsafe_text',
      resourceId: '\ufffd',
      actorUsername: 'gz_officer1',
    });
    expectProblem(await post('/api/v1/cases/%00/actions/file', {}), 401);
    expect(await lastAudit()).toMatchObject({ action: 'case.file', code: 'unauthenticated', resourceId: '\ufffd' });
    expect(expectProblem(await post('/api/v1/cases/not-a-uuid/actions/file', {}, officer), 400).code).toBe(
      'validation_failed',
    );
    expect(await verifyAuditChain(env.database.db)).toMatchObject({ ok: true });
  });

  it('a NUL in a query or a body string: 422, never 500', async () => {
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/cases?q=%00', headers: { cookie: officer } });
    expect(expectProblem(list, 422)).toMatchObject({ code: 'unsafe_text', errors: [{ path: 'q' }] });
    const admin = await env.login('admin');
    const before = await rows(orgs);
    const org = await post(
      '/api/v1/orgs',
      { name: '某\u0000局', kind: 'department', sector: 'market_regulation', regionCode: '440106' },
      admin,
    );
    expect(expectProblem(org, 422).errors).toEqual([{ path: 'name', message: expect.stringMatching(CJK) }]);
    expect(await rows(orgs)).toBe(before);
  });

  it('occurredAt: booleans, null, numbers and absurd or future times are refused, not read as 1970', async () => {
    const before = await rows(cases);
    const register = (occurredAt: unknown) =>
      post(
        '/api/v1/cases',
        {
          orgId: gzAmr,
          itemId: item,
          source: 'inspection',
          party: { kind: 'organisation', name: '广州某某食品贸易有限公司' },
          facts: '检查发现未按规定建立进货查验记录',
          occurredAt,
        },
        officer,
      );
    for (const bad of [
      true,
      null,
      0,
      -8.64e15,
      '',
      '0000-01-01T00:00:00Z',
      '1999-12-31T23:59:59Z',
      '9999-12-31T23:59:59Z',
      '2999-01-01T00:00:00Z',
      '2026-06-02T02:00:00Z', // a day and an hour after the clock
    ]) {
      const body = expectProblem(await register(bad), 400);
      expect(body, String(bad)).toMatchObject({ code: 'validation_failed', errors: [{ path: 'occurredAt' }] });
    }
    expect(await rows(cases)).toBe(before);
    // within a day of now (a field device's clock may run ahead), and with an offset
    expect((await register('2026-06-02T00:30:00Z')).statusCode).toBe(201);
    expect((await register('2026-05-20T10:00:00+08:00')).statusCode).toBe(201);
  });

  it('event times in steps, and instants of benchmark queries, within bounds', async () => {
    const paid = await post(
      `/api/v1/cases/${caseId}/actions/record_payment`,
      { channel: 'bank', reference: 'B-1', amountFen: 100, paidAt: '2999-01-01T00:00:00Z' },
      officer,
    );
    expect(expectProblem(paid, 400).errors?.[0]?.path).toBe('paidAt');
    const head = await env.login('gd_amr_admin');
    for (const at of ['9999-12-31T23:59:59Z', '0000-01-01T00:00:00Z', -8.64e15, true]) {
      const res = await post(
        '/api/v1/benchmarks/evaluate',
        { itemId: item, orgId: gzAmr, circumstance: 'general', penaltyKinds: ['fine'], amountFen: 1, at },
        head,
      );
      expect(expectProblem(res, 400).errors?.[0]?.path, String(at)).toBe('at');
    }
    const q = await env.app.inject({
      method: 'GET',
      url: `/api/v1/benchmarks/effective?itemId=${item}&orgId=${gzAmr}&at=-271821-04-20`,
      headers: { cookie: head },
    });
    expectProblem(q, 400);
  });

  it('broken multipart: 400 invalid_multipart, audited', async () => {
    // a case the officer may add evidence to (the policy answers before the body is read: 404 for a missing case)
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions/add_evidence`,
      headers: { cookie: officer, 'content-type': 'multipart/form-data; boundary=xx' },
      payload: '--xx\r\nContent-Disposition: form-data; name="description"\r\n\r\n证据',
    });
    expect(expectProblem(res, 400).code).toBe('invalid_multipart');
    expect(await lastAudit()).toMatchObject({ action: 'case.add_evidence', code: 'invalid_multipart' });
    const nul = await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/actions/add_evidence`,
      headers: { cookie: officer, 'content-type': 'multipart/form-data; boundary=xx' },
      payload:
        '--xx\r\nContent-Disposition: form-data; name="files"; filename="a\u0000.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--xx--\r\n',
    });
    expect(expectProblem(nul, 422)).toMatchObject({ code: 'unsafe_text', errors: [{ path: 'files.0.name' }] });
  });

  it('framework errors are problem+json in Chinese, and a refused write is audited', async () => {
    const cases_: [number, string, () => ReturnType<typeof post>][] = [
      [400, 'invalid_json', () => post('/api/v1/orgs', '{"name":', officer)],
      [400, 'invalid_json', () => post('/api/v1/orgs', '', officer)],
      // a body type no form could send either is refused by the CSRF rule before the parser (platform/csrf.ts)
      [403, 'cross_site_request', () => post('/api/v1/orgs', '<a/>', officer, { 'content-type': 'application/xml' })],
      [400, 'bad_request', () => post('/api/v1/cases/%c0/actions/file', {}, officer)],
      [400, 'too_deep', () => post('/api/v1/orgs', `${'['.repeat(100)}${']'.repeat(100)}`, officer)],
      [413, 'payload_too_large', () => post('/api/v1/orgs', { name: 'x'.repeat(2 * 1024 * 1024) }, officer)],
    ];
    for (const [status, code, send] of cases_) {
      const before = (await lastAudit())?.seq ?? 0;
      const res = await send();
      expect(expectProblem(res, status).code, code).toBe(code);
      expect((await lastAudit())?.seq, code).toBe(before + 1);
      expect(await lastAudit()).toMatchObject({ outcome: 'failure', code });
    }
    expect(await verifyAuditChain(env.database.db)).toMatchObject({ ok: true });
  });

  it('431: a 100 KB URL gets problem+json in Chinese from the running server', async () => {
    await env.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = env.app.server.address() as AddressInfo;
    const res = await new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `/api/v1/cases?q=${'a'.repeat(100_000)}` }, (r) => {
        let body = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => {
          body += c;
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, type: String(r.headers['content-type']), body }));
      });
      req.on('error', reject);
      req.end();
    });
    expect(res.status).toBe(431);
    expect(res.type).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(res.body)).toMatchObject({
      status: 431,
      code: 'header_too_large',
      detail: expect.stringMatching(CJK),
    });
  });
});

describe('finding 12: answers to a session are not stored by browsers or proxies', () => {
  it('Cache-Control: no-store on authenticated answers, errors included, and on the login answer', async () => {
    for (const url of ['/api/v1/auth/me', '/api/v1/cases', `/api/v1/cases/${randomUUID()}`, '/api/v1/nowhere']) {
      const res = await env.app.inject({ method: 'GET', url, headers: { cookie: officer } });
      expect(res.headers['cache-control'], url).toBe('no-store');
    }
    const login = await post('/api/v1/auth/login', { username: 'gz_officer2', password: 'Wrong#Pass1' });
    expect(login.headers['cache-control']).toBe('no-store');
    const ok = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gz_officer2', password: (await import('../test/harness.js')).TEST_DEMO_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['cache-control']).toBe('no-store');
  });

  it('public cacheable answers keep their caching', async () => {
    const key = await env.app.inject({ method: 'GET', url: '/api/v1/transparency/public-key' });
    expect(key.headers['cache-control']).toBe('public, max-age=3600');
    const keySignedIn = await env.app.inject({
      method: 'GET',
      url: '/api/v1/transparency/public-key',
      headers: { cookie: officer },
    });
    expect(keySignedIn.headers['cache-control']).toBe('public, max-age=3600');
  });
});

describe('a database error is never echoed, and logged without its parameters', () => {
  it('a statement the database refuses becomes a Chinese problem; the log gets the SQLSTATE only', async () => {
    const secret = 'gz_officer1@127.0.0.1';
    const err = await env.database.db.execute(sql`select ${`${secret}\u0000`}::text as v`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).not.toBeNull();
    const { problem, log } = problemOf(err, 1024);
    expect(problem).toMatchObject({ status: 422, code: 'invalid_value', detail: expect.stringMatching(CJK) });
    expect(JSON.stringify(problem)).not.toContain(secret);
    expect(log?.data).toMatchObject({ sqlState: expect.stringMatching(/^22/) });
    expect(JSON.stringify(log)).not.toContain(secret);
    // a failure without a SQLSTATE: the message that quotes the query is left out of the log too
    const wrapped = problemOf(Object.assign(new Error(`Failed query: select 1\nparams: ${secret}`)), 1024);
    expect(wrapped.problem.status).toBe(500);
    expect(JSON.stringify(wrapped)).not.toContain(secret);
  });
});
