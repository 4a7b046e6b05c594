import { desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumberSeq } from '../../test/tables.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { auditEvents } from './audit.schema.js';
import type { Db } from '../../db/client.js';
import { compile, compileSql } from '../../db/compiled.js';
import { type AuditInStatement, auditRowCtes, runAudited, verifyAuditChain } from './audit.service.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const lastEvent = async () =>
  (await env.database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1))[0];

describe('what is audited', () => {
  it('a successful login and a failed one, with IP and user agent', async () => {
    await env.login('gz_officer1');
    expect(await lastEvent()).toMatchObject({
      action: 'auth.login',
      outcome: 'success',
      actorUsername: 'gz_officer1',
      ip: '127.0.0.1',
    });
    await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gz_officer1', password: 'Wrong#Pass1' },
      headers: { 'user-agent': 'audit-test' },
    });
    expect(await lastEvent()).toMatchObject({
      action: 'auth.login',
      outcome: 'failure',
      code: 'invalid_credentials',
      userAgent: 'audit-test',
    });
  });

  it('a change, in the same transaction, naming the record', async () => {
    const admin = await env.login('admin');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie: admin },
      payload: {
        name: '广州市从化区市场监督管理局',
        kind: 'department',
        sector: 'market_regulation',
        regionCode: '440117',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(await lastEvent()).toMatchObject({
      action: 'org.create',
      outcome: 'success',
      resourceType: 'org',
      resourceId: res.json().id,
      actorUsername: 'admin',
    });
  });

  it('refused requests too: rule refusal, validation, missing login, wrong role, unknown route', async () => {
    const admin = await env.login('admin');
    const officer = await env.login('gz_officer1');
    const cases = [
      {
        cookie: admin,
        url: '/api/v1/orgs',
        payload: { name: '某局', kind: 'department', sector: 'market_regulation', regionCode: '440106', uscc: '123' },
        status: 422,
        code: 'invalid_uscc',
        action: 'org.create',
      },
      {
        cookie: admin,
        url: '/api/v1/orgs',
        payload: { name: 'x' },
        status: 400,
        code: 'validation_failed',
        action: 'org.create',
      },
      { cookie: '', url: '/api/v1/orgs', payload: {}, status: 401, code: 'unauthenticated', action: 'org.create' },
      {
        cookie: officer,
        url: '/api/v1/orgs',
        payload: { name: '某局乙', kind: 'department', sector: 'market_regulation', regionCode: '440106' },
        status: 403,
        code: 'forbidden',
        action: 'org.create',
      },
      {
        cookie: admin,
        url: '/api/v1/no-such-thing',
        payload: {},
        status: 404,
        code: 'route_not_found',
        action: 'POST /api/v1/no-such-thing',
      },
    ];
    for (const c of cases) {
      const res = await env.app.inject({
        method: 'POST',
        url: c.url,
        headers: { cookie: c.cookie },
        payload: c.payload,
      });
      expect(res.statusCode).toBe(c.status);
      expect(res.json().code).toBe(c.code);
      expect(await lastEvent()).toMatchObject({ action: c.action, outcome: 'failure', code: c.code });
    }
  });
});

describe('appending', () => {
  const ctx = (userAgent: string) => ({ actor: null, ip: '127.0.0.1', userAgent, audited: false });

  it('keeps one chain in seq order under concurrent use cases, hashing awkward text as verify does', async () => {
    const db = env.database.db;
    const awkward = 'a"b\\c\n\t\u2028 中文 😀 \u0001';
    const done = await Promise.all(
      Array.from({ length: 24 }, (_, i) =>
        runAudited(
          db,
          env.clock,
          ctx(`agent ${i} ${awkward}`),
          { action: 'test.concurrent', resourceType: 'test', resourceId: String(i), detail: awkward },
          async () => ({ value: i }),
        ),
      ),
    );
    expect(done).toHaveLength(24);
    const rows = await db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'test.concurrent'))
      .orderBy(auditEvents.seq);
    expect(rows).toHaveLength(24);
    expect(rows.every((r) => r.detail === awkward)).toBe(true);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  const failing = compileSql<{ x: number }>(sql`select 1 / ${sql.placeholder('zero')}::int as x`);
  const failingWithAuditRow = compile((db) =>
    db
      .with(...auditRowCtes(db))
      .select({ x: sql<number>`1 / ${sql.placeholder('zero')}::int` })
      .from(sql`(select 1) one`),
  );
  it.each([
    ['the audit row appended behind it', (tx: Db) => failing.run(tx, { zero: 0 })],
    ['the audit row in it', (tx: Db, audit: AuditInStatement) => audit.run(tx, failingWithAuditRow, { zero: 0 })],
  ])(
    'a use case whose last statement fails, sent without awaiting it (%s), commits nothing and is audited as failed',
    async (_, last) => {
      const db = env.database.db;
      const prefix = `TEST-ROLLBACK-${Math.random()}`;
      const attempt = runAudited(
        db,
        env.clock,
        ctx('rollback test'),
        { action: 'test.failing', resourceType: 'test' },
        async (tx, audit) => {
          await tx.insert(caseNumberSeq).values({ prefix, last: 1 });
          return { pending: last(tx, audit) };
        },
      );
      expect(await refusal(attempt)).toMatch(/division by zero/);
      expect(await db.select().from(caseNumberSeq).where(eq(caseNumberSeq.prefix, prefix))).toEqual([]);
      expect(await lastEvent()).toMatchObject({ action: 'test.failing', outcome: 'failure', code: 'internal_error' });
      expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
    },
  );
});

/** Drizzle wraps the database error; the trigger's message is in its cause. */
async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    const e = err as { message: string; cause?: { message?: string } };
    return e.cause?.message ?? e.message;
  }
  return 'not refused';
}

describe('append-only and chained', () => {
  it('the database refuses UPDATE, DELETE and TRUNCATE on audit events', async () => {
    const db = env.database.db;
    expect(await refusal(db.execute(sql`update audit_events set action = 'x' where seq = 1`))).toMatch(
      /append-only: UPDATE refused/,
    );
    expect(await refusal(db.execute(sql`delete from audit_events where seq = 1`))).toMatch(
      /append-only: DELETE refused/,
    );
    expect(await refusal(db.execute(sql`truncate audit_events`))).toMatch(/append-only: TRUNCATE refused/);
    // even with the purge switch, events younger than 184 days stay
    const purge = db.transaction(async (tx) => {
      await tx.execute(sql`select set_config('zhifa.audit_purge', 'on', true)`);
      await tx.execute(sql`delete from audit_events where seq = 1`);
    });
    expect(await refusal(purge)).toMatch(/append-only: DELETE refused/);
    expect((await db.select().from(auditEvents).where(eq(auditEvents.seq, 1))).length).toBe(1);
  });

  it('verify passes on the untouched chain and names the first altered event', async () => {
    const before = await verifyAuditChain(env.database.db, 3);
    expect(before).toMatchObject({ ok: true });
    expect(before.checked).toBeGreaterThan(5);
    const victim = (
      await env.database.db.select().from(auditEvents).where(eq(auditEvents.action, 'org.create')).limit(1)
    )[0];
    // As the database superuser, with triggers off, rewrite history.
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(sql`update audit_events set resource_id = 'forged' where seq = ${victim?.seq}`);
    });
    const after = await verifyAuditChain(env.database.db, 3);
    expect(after).toMatchObject({ ok: false, brokenSeq: victim?.seq });
  });
});

describe('reading the audit log', () => {
  it('is for auditors only, filters, and pages', async () => {
    const admin = await env.login('admin');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: { cookie: admin } })).statusCode,
    ).toBe(403);
    const auditor = await env.login('auditor');
    const res = await env.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?action=auth.login&actor=gz_officer1&pageSize=2',
      headers: { cookie: auditor },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.data).toHaveLength(2);
    expect(body.total).toBeGreaterThanOrEqual(3);
    expect(
      body.data.every(
        (e: { action: string; actorUsername: string }) =>
          e.action === 'auth.login' && e.actorUsername === 'gz_officer1',
      ),
    ).toBe(true);
    const future = await env.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events?from=2099-01-01T00:00:00Z',
      headers: { cookie: auditor },
    });
    expect(future.json().total).toBe(0);
  });

  it('the auditor reads the audit log and nothing else', async () => {
    const auditor = await env.login('auditor');
    for (const url of ['/api/v1/orgs', '/api/v1/users', '/api/v1/officers', '/api/v1/items', '/api/v1/regions']) {
      const res = await env.app.inject({ method: 'GET', url, headers: { cookie: auditor } });
      expect([url, res.statusCode]).toEqual([url, 403]);
    }
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: auditor } })).statusCode,
    ).toBe(200);
  });
});
