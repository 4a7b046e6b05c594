import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, TEST_DEMO_PASSWORD, createTestEnv } from '../../test/harness.js';
import { users } from './accounts.schema.js';

let env: TestEnv;
let admin: string;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
});
afterAll(() => env.close());

const req = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, cookie: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const userId = async (username: string) =>
  (await env.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id as string;
const userCount = async () => Number((await env.database.db.select({ n: count() }).from(users))[0]?.n);

describe('creating accounts', () => {
  it('refuses two of sysadmin/secadmin/auditor on one account (三员分立), and an auditor with any other role', async () => {
    const orgId = await env.orgId('广东省司法厅');
    const before = await userCount();
    for (const roles of [
      ['sysadmin', 'auditor'],
      ['secadmin', 'sysadmin'],
      ['auditor', 'secadmin'],
      ['auditor', 'supervisor'],
    ]) {
      const res = await req('POST', '/api/v1/users', admin, {
        username: 'x_user',
        displayName: '某人',
        password: 'Str0ng#Pass',
        orgId,
        roles,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'separation_of_duties', errors: [{ path: 'roles' }] });
    }
    expect(await userCount()).toBe(before);
  });

  it('refuses weak passwords at the boundary: 7 characters, 2 classes, common', async () => {
    const orgId = await env.orgId('广州市市场监督管理局');
    for (const password of ['Ab1!xyz', 'abcdefgh1234', 'ABCDEFG!!!!', 'P@ssw0rd', 'Passw0rd!2024']) {
      const res = await req('POST', '/api/v1/users', admin, {
        username: 'weak_user',
        displayName: '某人',
        password,
        orgId,
        roles: ['officer'],
      });
      expect([password, res.statusCode, res.json().code]).toEqual([password, 422, 'weak_password']);
    }
    const ok = await req('POST', '/api/v1/users', admin, {
      username: 'Strong_User',
      displayName: '某人',
      password: 'Ab1!xyzw',
      orgId,
      roles: ['officer'],
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({
      username: 'strong_user',
      roles: ['officer'],
      orgName: '广州市市场监督管理局',
      disabled: false,
    });
    expect(JSON.stringify(ok.json())).not.toMatch(/scrypt|password/i);
    const dup = await req('POST', '/api/v1/users', admin, {
      username: 'STRONG_USER',
      displayName: '某人',
      password: 'Ab1!xyzw',
      orgId,
      roles: ['officer'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('username_taken');
  });

  it('lets an org_admin create business accounts in its own org only', async () => {
    const gzAdmin = await env.login('gz_admin');
    const own = await env.orgId('广州市市场监督管理局');
    const other = await env.orgId('深圳市市场监督管理局');
    const ok = await req('POST', '/api/v1/users', gzAdmin, {
      username: 'gz_officer9',
      displayName: '新执法',
      password: 'Ab1!xyzw',
      orgId: own,
      roles: ['officer'],
    });
    expect(ok.statusCode).toBe(201);
    const elsewhere = await req('POST', '/api/v1/users', gzAdmin, {
      username: 'gz_officer8',
      displayName: '新执法',
      password: 'Ab1!xyzw',
      orgId: other,
      roles: ['officer'],
    });
    expect(elsewhere.json().code).toBe('invalid_org');
    const escalate = await req('POST', '/api/v1/users', gzAdmin, {
      username: 'gz_officer7',
      displayName: '新执法',
      password: 'Ab1!xyzw',
      orgId: own,
      roles: ['sysadmin'],
    });
    expect(escalate.json().code).toBe('role_not_grantable');
    const list = (await req('GET', '/api/v1/users?pageSize=200', gzAdmin)).json();
    expect(list.data.every((u: { orgName: string }) => u.orgName === '广州市市场监督管理局')).toBe(true);
    expect((await req('GET', `/api/v1/users/${await userId('sz_officer1')}`, gzAdmin)).statusCode).toBe(404);
  });

  it('refuses account administration to an officer', async () => {
    const officer = await env.login('gz_officer1');
    expect((await req('GET', '/api/v1/users', officer)).statusCode).toBe(403);
  });

  it('does not let an administrator change its own roles or disable itself', async () => {
    const res = await req('PATCH', `/api/v1/users/${await userId('admin')}`, admin, { disabled: true });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('cannot_change_self');
  });
});

describe('security administrator', () => {
  it('locks an account (ending its sessions) and unlocks it; a sysadmin cannot', async () => {
    const sec = await env.login('secadmin');
    const victim = await env.login('gz_reviewer');
    const id = await userId('gz_reviewer');
    expect((await req('POST', `/api/v1/users/${id}/lock`, admin)).statusCode).toBe(403);
    const locked = await req('POST', `/api/v1/users/${id}/lock`, sec);
    expect(locked.statusCode).toBe(200);
    expect((await req('GET', '/api/v1/auth/me', victim)).statusCode).toBe(401);
    const login = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gz_reviewer', password: TEST_DEMO_PASSWORD },
    });
    expect(login.statusCode).toBe(423);
    expect((await req('POST', `/api/v1/users/${id}/unlock`, sec)).json().lockedUntil).toBeNull();
    expect((await env.login('gz_reviewer')).length).toBeGreaterThan(20);
  });

  it('lists sessions and ends one', async () => {
    const sec = await env.login('secadmin');
    const victim = await env.login('th_officer1');
    const list = (await req('GET', `/api/v1/sessions?userId=${await userId('th_officer1')}`, sec)).json();
    expect(list.total).toBeGreaterThanOrEqual(1);
    for (const s of list.data) expect((await req('DELETE', `/api/v1/sessions/${s.id}`, sec)).statusCode).toBe(204);
    expect((await req('GET', '/api/v1/auth/me', victim)).statusCode).toBe(401);
    expect((await req('GET', '/api/v1/sessions', admin)).statusCode).toBe(403);
  });
});
