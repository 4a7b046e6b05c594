/**
 * 三员分立 enforced by rules, not the menu (issue 11 finding 9): only the security administrator grants or revokes
 * the three administrator roles; no account holds two of them (nor a business role with one); a new administrator
 * gets a one-time password that must be changed first; administrators get 403 on every business route of the
 * OpenAPI document while their own routes work.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { isBusinessRoute } from './accounts.rules.js';
import { users } from './accounts.schema.js';

let env: TestEnv;
let root: string;
beforeAll(async () => {
  env = await createTestEnv();
  root = await env.orgId('广东省司法厅');
});
afterAll(() => env.close());

const req = (method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const userId = async (username: string) =>
  (await env.database.db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id as string;
const userCount = async () => Number((await env.database.db.select({ n: count() }).from(users))[0]?.n);
const loginWith = async (username: string, password: string) => {
  const res = await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  expect(res.statusCode, res.body).toBe(200);
  return { cookie: `zhifa_session=${res.cookies.find((c) => c.name === 'zhifa_session')?.value}`, me: res.json() };
};

describe('who grants the administrator roles', () => {
  it('a system administrator never grants them (the finding: admin created an auditor with a password it chose)', async () => {
    const before = await userCount();
    for (const [who, role] of [
      ['admin', 'auditor'],
      ['admin', 'secadmin'],
      ['gz_sysadmin', 'secadmin'],
      ['gz_sysadmin', 'sysadmin'],
    ] as const) {
      const res = await req('POST', '/api/v1/users', await env.login(who), {
        username: `x_${who}_${role}`,
        displayName: '某管理员',
        password: 'Str0ng#Pass',
        orgId: role === 'auditor' || who === 'admin' ? root : await env.orgId('广州市司法局'),
        roles: [role],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'role_not_grantable', errors: [{ path: 'roles' }] });
    }
    // nor turns a business account into one, nor takes one away
    const admin = await env.login('admin');
    expect(
      (await req('PATCH', `/api/v1/users/${await userId('gz_officer1')}`, admin, { roles: ['sysadmin'] })).json().code,
    ).toBe('role_not_grantable');
    expect(
      (await req('PATCH', `/api/v1/users/${await userId('auditor')}`, admin, { roles: ['supervisor'] })).json().code,
    ).toBe('role_not_grantable');
    expect(await userCount()).toBe(before);
  });

  it('the security administrator creates an administrator with a one-time password it does not choose', async () => {
    const sec = await env.login('secadmin');
    const chosen = await req('POST', '/api/v1/users', sec, {
      username: 'new_auditor',
      displayName: '新审计员',
      password: 'Str0ng#Pass',
      orgId: root,
      roles: ['auditor'],
    });
    expect(chosen.json()).toMatchObject({ code: 'password_not_allowed', errors: [{ path: 'password' }] });
    // and grants nothing but the administrator roles
    expect(
      (
        await req('POST', '/api/v1/users', sec, {
          username: 'new_officer',
          displayName: '新执法',
          password: 'Str0ng#Pass',
          orgId: root,
          roles: ['supervisor'],
        })
      ).json().code,
    ).toBe('role_not_grantable');
    const created = await req('POST', '/api/v1/users', sec, {
      username: 'new_auditor',
      displayName: '新审计员',
      orgId: root,
      roles: ['auditor'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const otp = created.json().oneTimePassword as string;
    expect(otp).toMatch(/^.{16}$/);
    // the list never shows it again
    const listed = (await req('GET', '/api/v1/users?q=new_auditor', sec)).json().data[0];
    expect(listed.oneTimePassword).toBeUndefined();

    // first login: only the password change is open
    const { cookie, me } = await loginWith('new_auditor', otp);
    expect(me.mustChangePassword).toBe(true);
    const blocked = await req('GET', '/api/v1/audit-events', cookie);
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().code).toBe('password_change_required');
    expect((await req('GET', '/api/v1/auth/me', cookie)).statusCode).toBe(200);
    const changed = await req('POST', '/api/v1/auth/password', cookie, {
      currentPassword: otp,
      newPassword: 'Aud1t#Own-Choice',
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expect((await req('GET', '/api/v1/audit-events', cookie)).statusCode).toBe(200);
    expect((await req('GET', '/api/v1/auth/me', cookie)).json().mustChangePassword).toBe(false);
  });

  it('granting an administrator role to an existing account issues a one-time password and ends its sessions', async () => {
    const sec = await env.login('secadmin');
    const created = await req('POST', '/api/v1/users', sec, {
      username: 'gz_sysadmin2',
      displayName: '广州市系统管理员二',
      orgId: await env.orgId('广州市司法局'),
      roles: ['sysadmin'],
    });
    const first = await loginWith('gz_sysadmin2', created.json().oneTimePassword);
    await req('POST', '/api/v1/auth/password', first.cookie, {
      currentPassword: created.json().oneTimePassword,
      newPassword: 'Sys#Adm1n-2026',
    });
    const id = created.json().id as string;
    // two of the three roles on one account are refused, whoever asks
    const both = await req('PATCH', `/api/v1/users/${id}`, sec, { roles: ['sysadmin', 'secadmin'] });
    expect(both.json()).toMatchObject({ code: 'separation_of_duties' });
    const moved = await req('PATCH', `/api/v1/users/${id}`, sec, { roles: ['secadmin'] });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().roles).toEqual(['secadmin']);
    expect(moved.json().oneTimePassword).toMatch(/^.{16}$/);
    expect((await req('GET', '/api/v1/auth/me', first.cookie)).statusCode).toBe(401);
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gz_sysadmin2', password: 'Sys#Adm1n-2026' },
    });
    expect(again.statusCode).toBe(401);
    expect((await loginWith('gz_sysadmin2', moved.json().oneTimePassword)).me.mustChangePassword).toBe(true);
  });

  it('no account holds an administrator role with a business role', async () => {
    const res = await req('POST', '/api/v1/users', await env.login('secadmin'), {
      username: 'mixed_admin',
      displayName: '某人',
      orgId: root,
      roles: ['secadmin', 'supervisor'],
    });
    expect(res.json()).toMatchObject({ code: 'separation_of_duties' });
  });
});

describe('administrators get 403 on every business route of the OpenAPI document', () => {
  const PLACEHOLDER: Record<string, string> = {
    kind: 'decision',
    sha256: '0'.repeat(64),
    code: 'AAAAAAAAAAAAAAAAAAAAAA',
    token: 'AAAAAAAAAAAAAAAAAAAAAA',
  };
  const OWN: Record<string, string[]> = {
    admin: ['/api/v1/users', '/api/v1/orgs', '/api/v1/regions', '/api/v1/auth/me'],
    gz_sysadmin: ['/api/v1/users', '/api/v1/orgs', '/api/v1/auth/me'],
    secadmin: ['/api/v1/users', '/api/v1/sessions', '/api/v1/auth/me'],
    auditor: ['/api/v1/audit-events', '/api/v1/auth/me'],
  };

  it('walks every operation for sysadmin, secadmin and auditor', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => ['get', 'post', 'put', 'patch', 'delete'].includes(m))
        .map((method) => ({ path, method: method.toUpperCase() })),
    );
    const business = operations.filter((o) => isBusinessRoute(o.path.replace(/\{(\w+)\}/g, ':$1')));
    expect(business.length).toBeGreaterThan(60);
    for (const who of Object.keys(OWN)) {
      const cookie = await env.login(who);
      const allowed: string[] = [];
      for (const op of business) {
        const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => PLACEHOLDER[name] ?? crypto.randomUUID());
        const res = await env.app.inject({
          method: op.method as 'GET',
          url,
          headers: { cookie, 'content-type': 'application/json' },
          ...(op.method === 'GET' ? {} : { payload: '{}' }),
        });
        if (res.statusCode !== 403) allowed.push(`${who} ${op.method} ${op.path} → ${res.statusCode}`);
      }
      expect(allowed).toEqual([]);
      for (const own of OWN[who] as string[]) {
        const res = await req('GET', own, cookie);
        expect(res.statusCode, `${who} GET ${own}`).toBe(200);
      }
    }
  });

  it('the demo case list is out of reach of sysadmin and secadmin (the finding), not only out of the menu', async () => {
    for (const who of ['admin', 'secadmin']) {
      const res = await req('GET', '/api/v1/cases', await env.login(who));
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toContain('三员分立');
    }
  });
});
