import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, HOUR } from '../../platform/clock.js';
import { type TestEnv, TEST_DEMO_PASSWORD, createTestEnv } from '../../test/harness.js';
import { sessions, users } from './accounts.schema.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const login = (username: string, password: string) =>
  env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
const me = (cookie: string) => env.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });

describe('login', () => {
  it('sets an httpOnly SameSite=Lax cookie with ≥128 random bits; the database keeps only its SHA-256', async () => {
    const res = await login('gz_officer1', TEST_DEMO_PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      username: 'gz_officer1',
      roles: ['officer'],
      org: { name: '广州市市场监督管理局', regionCode: '440100' },
    });
    const cookie = res.cookies.find((c) => c.name === 'zhifa_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const token = cookie?.value ?? '';
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const stored = await env.database.db.select().from(sessions);
    expect(stored.some((s) => s.tokenHash === createHash('sha256').update(token).digest('hex'))).toBe(true);
    const dump = JSON.stringify(stored);
    expect(dump).not.toContain(token);
  });

  it('answers wrong password and unknown user the same way (401, not saying which)', async () => {
    const wrong = await login('gz_officer2', 'Wrong#Pass99');
    const unknown = await login('nobody_here', 'Wrong#Pass99');
    for (const res of [wrong, unknown]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'invalid_credentials', detail: '用户名或密码错误' });
    }
  });

  it('gives a new token at every login', async () => {
    const a = await env.login('gz_reviewer');
    const b = await env.login('gz_reviewer');
    expect(a).not.toBe(b);
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(200);
  });

  it('logout ends the session', async () => {
    const cookie = await env.login('gz_head');
    const out = await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    const after = await me(cookie);
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
  });
});

describe('lockout after consecutive failures', () => {
  it('warns on the 4th failure, pauses on the 5th (even the right password gets 423) and resumes after the pause', async () => {
    env.clock.set(new Date('2026-03-02T01:00:00Z'));
    for (let i = 0; i < 3; i++)
      expect((await login('sz_officer1', 'Wrong#Pass99')).json().detail).toBe('用户名或密码错误');
    const fourth = await login('sz_officer1', 'Wrong#Pass99');
    expect(fourth.statusCode).toBe(401);
    expect(fourth.json()).toMatchObject({
      code: 'invalid_credentials',
      detail: '用户名或密码错误；再失败 1 次将暂停登录 1 分钟',
      remainingAttempts: 1,
    });
    const fifth = await login('sz_officer1', 'Wrong#Pass99');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json()).toMatchObject({ code: 'account_locked', lockedUntil: '2026-03-02T01:01:00.000Z' });
    expect(fifth.json().detail).toContain('2026年3月2日 09:01');
    const locked = await login('sz_officer1', TEST_DEMO_PASSWORD);
    expect(locked.statusCode).toBe(423);
    expect(locked.json().code).toBe('account_locked');
    env.clock.advance(59_000);
    expect((await login('sz_officer1', TEST_DEMO_PASSWORD)).statusCode).toBe(423);
    env.clock.advance(1_000);
    expect((await login('sz_officer1', TEST_DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('counts only consecutive failures: a success resets the count', async () => {
    for (let i = 0; i < 4; i++) await login('sz_reviewer', 'Wrong#Pass99');
    expect((await login('sz_reviewer', TEST_DEMO_PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await login('sz_reviewer', 'Wrong#Pass99');
    expect((await login('sz_reviewer', TEST_DEMO_PASSWORD)).statusCode).toBe(200);
  });
});

describe('session timeouts', () => {
  it('ends a session idle for 30 minutes', async () => {
    const cookie = await env.login('th_officer1');
    env.clock.advance(29 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200); // activity renews the idle window
    env.clock.advance(29 * MINUTE);
    expect((await me(cookie)).statusCode).toBe(200);
    env.clock.advance(30 * MINUTE);
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
    expect((await me(cookie)).statusCode).toBe(401); // and stays ended
  });

  it('ends a session exactly at the idle limit after the last activity, not up to 30 s early', async () => {
    const cookie = await env.login('th_officer1');
    env.clock.advance(10_000); // activity 10 s after login
    expect((await me(cookie)).statusCode).toBe(200);
    env.clock.advance(30 * MINUTE - 1); // 1 ms before the idle limit counted from that activity
    expect((await me(cookie)).statusCode).toBe(200);
    env.clock.advance(30 * MINUTE); // 30 minutes idle to the millisecond
    expect((await me(cookie)).json().code).toBe('session_expired');
  });

  it('ends an active session 12 hours after login', async () => {
    const cookie = await env.login('th_zf_officer');
    for (let elapsed = 0; elapsed < 12 * HOUR - 20 * MINUTE; elapsed += 20 * MINUTE) {
      env.clock.advance(20 * MINUTE);
      expect((await me(cookie)).statusCode).toBe(200);
    }
    env.clock.advance(20 * MINUTE);
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('session_expired');
  });
});

describe('disabling and password change', () => {
  it('disabling an account ends all its sessions at once', async () => {
    const s1 = await env.login('sp_officer');
    const s2 = await env.login('sp_officer');
    const admin = await env.login('admin');
    const [u] = await env.database.db.select().from(users).where(eq(users.username, 'sp_officer'));
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${u?.id}`,
      headers: { cookie: admin },
      payload: { disabled: true },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().disabled).toBe(true);
    expect((await me(s1)).statusCode).toBe(401);
    expect((await me(s2)).statusCode).toBe(401);
    const open = await env.database.db.execute(
      sql`select count(*)::int as n from sessions where user_id = ${u?.id} and ended_at is null`,
    );
    expect((open as unknown as { rows: { n: number }[] }).rows[0]?.n).toBe(0);
    const again = await login('sp_officer', TEST_DEMO_PASSWORD);
    expect(again.statusCode).toBe(403);
    expect(again.json().code).toBe('account_disabled');
  });

  it('refuses a weak new password with weak_password, and changes nothing', async () => {
    const cookie = await env.login('gz_officer2');
    for (const weak of ['Ab1!xyz', 'abcdefgh12', 'Password1!']) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/password',
        headers: { cookie },
        payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: weak },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'weak_password', errors: [{ path: 'newPassword' }] });
    }
    expect((await login('gz_officer2', TEST_DEMO_PASSWORD)).statusCode).toBe(200);
  });

  it('changes the password with the current one and ends the other sessions', async () => {
    const other = await env.login('sz_officer1');
    const cookie = await env.login('sz_officer1');
    const wrong = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: 'Nope#12345', newPassword: 'N3w-Passw0rd!' },
    });
    expect(wrong.json().code).toBe('invalid_current_password');
    const ok = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/password',
      headers: { cookie },
      payload: { currentPassword: TEST_DEMO_PASSWORD, newPassword: 'N3w-Passw0rd!' },
    });
    expect(ok.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(200);
    expect((await me(other)).statusCode).toBe(401);
    expect((await login('sz_officer1', TEST_DEMO_PASSWORD)).statusCode).toBe(401);
    expect((await login('sz_officer1', 'N3w-Passw0rd!')).statusCode).toBe(200);
  });
});
