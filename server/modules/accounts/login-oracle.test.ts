/**
 * Login without oracles (issue 11 finding 10, issue 10 item 4): unknown, wrong and paused names get the same
 * answers after the same work; the pause is per name and client with exponential back-off, never a hard lock that
 * anyone can set; a wrong current password in 修改密码 counts toward it.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '../../platform/clock.js';
import { passwordCheckCount } from '../../platform/crypto.js';
import { type TestEnv, TEST_DEMO_PASSWORD, createTestEnv } from '../../test/harness.js';
import { users } from './accounts.schema.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const login = (username: string, password: string, ip = '203.0.113.7') =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip });
/** What a client sees of an answer: status and body. */
const seen = async (res: Awaited<ReturnType<typeof login>>) => ({ status: res.statusCode, body: res.json() });

describe('the same answer and the same work for unknown, wrong and paused names', () => {
  it('answers an unknown name exactly like a real one with a wrong password, failure after failure', async () => {
    for (let i = 1; i <= 6; i++) {
      const real = await seen(await login('gz_reviewer', 'Wrong#Pass99'));
      const unknown = await seen(await login('no_such_user', 'Wrong#Pass99'));
      // the lock's end is the same moment for both (the clock does not move)
      expect(unknown).toEqual(real);
      if (i === 4) expect(real.body.detail).toContain('再失败 1 次将暂停登录');
      if (i >= 5) expect(real).toMatchObject({ status: 423, body: { code: 'account_locked' } });
    }
    env.clock.advance(60 * MINUTE);
  });

  it('hashes the password on every path: unknown, wrong, paused, right', async () => {
    const once = async (username: string, password: string) => {
      const before = passwordCheckCount();
      const res = await login(username, password, '198.51.100.9');
      return { checks: passwordCheckCount() - before, status: res.statusCode };
    };
    expect(await once('nobody_at_all', 'Wrong#Pass99')).toEqual({ checks: 1, status: 401 });
    expect(await once('th_officer1', 'Wrong#Pass99')).toEqual({ checks: 1, status: 401 });
    expect(await once('th_officer1', TEST_DEMO_PASSWORD)).toEqual({ checks: 1, status: 200 });
    for (let i = 0; i < 5; i++) await login('th_officer1', 'Wrong#Pass99', '198.51.100.9');
    for (let i = 0; i < 5; i++) await login('nobody_at_all', 'Wrong#Pass99', '198.51.100.9');
    expect(await once('th_officer1', TEST_DEMO_PASSWORD)).toEqual({ checks: 1, status: 423 });
    expect(await once('nobody_at_all', TEST_DEMO_PASSWORD)).toEqual({ checks: 1, status: 423 });
    env.clock.advance(60 * MINUTE);
  });

  it('says an account is locked by the security administrator only to whoever has its password', async () => {
    const sec = await env.login('secadmin');
    const [u] = await env.database.db.select().from(users).where(eq(users.username, 'gz_officer2'));
    const lock = await env.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u?.id}/lock`,
      headers: { cookie: sec },
      remoteAddress: '192.0.2.1',
    });
    expect(lock.statusCode).toBe(200);
    const wrong = await seen(await login('gz_officer2', 'Wrong#Pass99', '192.0.2.50'));
    const unknown = await seen(await login('gz_officer2x', 'Wrong#Pass99', '192.0.2.50'));
    expect(wrong).toEqual(unknown);
    expect(wrong.status).toBe(401);
    const right = await login('gz_officer2', TEST_DEMO_PASSWORD, '192.0.2.50');
    expect(right.statusCode).toBe(423);
    expect(right.json().detail).toContain('安全管理员');
  });
});

describe('pauses per name and client, with exponential back-off', () => {
  it('doubles the pause with every further failure, up to the configured maximum', async () => {
    const pauses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await login('sz_reviewer', 'Wrong#Pass99', '198.51.100.20');
      if (res.statusCode === 423) {
        const until = Date.parse(res.json().lockedUntil);
        pauses.push((until - env.clock.now().getTime()) / MINUTE);
        env.clock.set(new Date(until));
      }
    }
    expect(pauses).toEqual([1, 2, 4, 8, 16, 30]);
    expect((await login('sz_reviewer', TEST_DEMO_PASSWORD, '198.51.100.20')).statusCode).toBe(200);
  });

  it('another client is not paused by someone else’s failures (no lock anyone can set)', async () => {
    for (let i = 0; i < 5; i++) await login('th_zf_officer', 'Wrong#Pass99', '203.0.113.66');
    expect((await login('th_zf_officer', TEST_DEMO_PASSWORD, '203.0.113.66')).statusCode).toBe(423);
    expect((await login('th_zf_officer', TEST_DEMO_PASSWORD, '198.51.100.77')).statusCode).toBe(200);
    env.clock.advance(60 * MINUTE);
  });

  it('pauses the name from every client after 20 failures across clients (guessing spread over addresses)', async () => {
    for (let c = 0; c < 5; c++)
      for (let i = 0; i < 4; i++) await login('gz_head', 'Wrong#Pass99', `203.0.113.${100 + c}`);
    const elsewhere = await login('gz_head', TEST_DEMO_PASSWORD, '198.51.100.200');
    expect(elsewhere.statusCode).toBe(423);
    env.clock.advance(2 * MINUTE);
    expect((await login('gz_head', TEST_DEMO_PASSWORD, '198.51.100.200')).statusCode).toBe(200);
  });

  it('the security administrator’s unlock lifts the pause', async () => {
    for (let i = 0; i < 5; i++) await login('sp_officer', 'Wrong#Pass99', '203.0.113.9');
    expect((await login('sp_officer', TEST_DEMO_PASSWORD, '203.0.113.9')).statusCode).toBe(423);
    const [u] = await env.database.db.select().from(users).where(eq(users.username, 'sp_officer'));
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/users/${u?.id}/unlock`,
      headers: { cookie: await env.login('secadmin') },
    });
    expect(res.statusCode).toBe(200);
    expect((await login('sp_officer', TEST_DEMO_PASSWORD, '203.0.113.9')).statusCode).toBe(200);
  });
});

describe('修改密码 (POST /api/v1/auth/password) is throttled and counts toward the pause', () => {
  it('five wrong current passwords pause login and the password change itself', async () => {
    const ip = '198.51.100.33';
    const cookie = await (async () => {
      const res = await login('th_officer1', TEST_DEMO_PASSWORD, ip);
      expect(res.statusCode).toBe(200);
      return `zhifa_session=${res.cookies.find((c) => c.name === 'zhifa_session')?.value}`;
    })();
    const change = (currentPassword: string) =>
      env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie },
        payload: { currentPassword, newPassword: 'N3w-Passw0rd!' },
        remoteAddress: ip,
      });
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push((await change('Nope#12345')).json().code);
    expect(codes).toEqual([
      'invalid_current_password',
      'invalid_current_password',
      'invalid_current_password',
      'invalid_current_password',
      'account_locked',
      'account_locked',
    ]);
    // paused: even the right current password is not checked, and login from that client waits too
    expect((await change(TEST_DEMO_PASSWORD)).statusCode).toBe(423);
    expect((await login('th_officer1', TEST_DEMO_PASSWORD, ip)).statusCode).toBe(423);
    env.clock.advance(60 * MINUTE);
    expect((await login('th_officer1', TEST_DEMO_PASSWORD, ip)).statusCode).toBe(200);
  });
});
