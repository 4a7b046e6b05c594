/**
 * Security in a real browser (issue 11 findings 9–11, issue 10 item 4): a page on another origin — another port of
 * the same host, so "same-site" and the SameSite=Lax cookie goes along — posts a form and a fetch to the console's
 * API and is refused, the session intact; the login page warns before the pause and shows its end in full; a new
 * administrator's first login opens 个人中心 to change the one-time password.
 * Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/security.e2e.test.ts
 */
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DESKTOP, jsErrors, shot, startConsole } from './browser';
import { apiCall, apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const console_ = startConsole();
const { openPage } = console_;

/** The attacker's page: a form and a fetch aimed at the console's API, on an origin of its own. */
let evil: Server;
let evilOrigin = '';
beforeAll(async () => {
  evil = createServer((_req, res) => {
    const app = console_.url();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><html><body>
<form id="f" method="POST" action="${app}/api/v1/auth/logout" enctype="text/plain">
  <input name="x" value="y"><button id="go">go</button>
</form>
<form id="m" method="POST" action="${app}/api/v1/auth/logout" enctype="multipart/form-data">
  <input name="x" value="y"><button id="gom">go</button>
</form>
<script>
  window.attack = async () => {
    const out = {};
    try {
      const r = await fetch('${app}/api/v1/auth/logout', { method: 'POST', mode: 'no-cors', credentials: 'include',
        headers: { 'content-type': 'text/plain' }, body: 'x' });
      out.noCors = r.type;
    } catch (e) { out.noCors = 'error'; }
    try {
      await fetch('${app}/api/v1/auth/logout', { method: 'POST', credentials: 'include',
        headers: { 'content-type': 'application/json' }, body: '{}' });
      out.json = 'sent';
    } catch (e) { out.json = 'blocked'; }
    return out;
  };
</script></body></html>`);
  });
  await new Promise<void>((done) => evil.listen(0, '127.0.0.1', done));
  evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((done) => evil.close(() => done())));

const signedIn = async (page: Awaited<ReturnType<typeof openPage>>) =>
  page.evaluate(async () => (await fetch('/api/v1/auth/me', { credentials: 'same-origin' })).status);

describe('cross-site requests are refused (CSRF)', () => {
  test('a form POST and a fetch from another origin do not log the officer out', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_officer1', DEMO_PASSWORD);
    expect(await signedIn(page)).toBe(200);

    const attacker = await page.context().newPage();
    await attacker.goto(`${evilOrigin}/`);
    expect(new URL(attacker.url()).port).not.toBe(new URL(console_.url()).port);
    const fetched = await attacker.evaluate(() => (window as unknown as { attack: () => Promise<object> }).attack());
    // the no-cors fetch reached the server and was refused there (its opaque answer is also withheld from the page by
    // Cross-Origin-Resource-Policy); the JSON one never left (no CORS preflight is granted)
    expect(['opaque', 'error']).toContain((fetched as { noCors: string }).noCors);
    expect((fetched as { json: string }).json).toBe('blocked');
    expect(await signedIn(page)).toBe(200);

    // the text/plain form: a top-level POST, the cookie goes along — and the server answers 403 problem+json
    const [answer] = await Promise.all([attacker.waitForNavigation(), attacker.click('#go')]);
    expect(answer?.status()).toBe(403);
    expect(await attacker.textContent('body')).toContain('cross_site_request');
    expect(await signedIn(page)).toBe(200);

    // multipart from the other origin: refused by its Origin
    await attacker.goto(`${evilOrigin}/`);
    const [multipart] = await Promise.all([attacker.waitForNavigation(), attacker.click('#gom')]);
    expect(multipart?.status()).toBe(403);
    expect(await signedIn(page)).toBe(200);
    await shot(attacker, 'csrf-refused');

    // the console itself still writes: its own fetches carry its origin
    const me = await apiGet<{ username: string }>(page, '/api/v1/auth/me');
    expect(me.username).toBe('gz_officer1');
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    expect(await signedIn(page)).toBe(401);
    expect(jsErrors(page)).toEqual([]);
  });
});

describe('the login page', () => {
  test('warns on the 4th failure that the next pauses login, then shows the pause’s end in full', async () => {
    const page = await openPage(DESKTOP);
    // an unknown name gets the same warning and pause as a real one (no oracle)
    for (let i = 1; i <= 5; i++) {
      await page.goto('/login');
      await page.getByLabel('用户名').fill('someone_unknown');
      await page.getByLabel('密码', { exact: true }).fill(`Wrong#Pass${i}`);
      await page.getByTestId('login-submit').click();
      const alert = page.getByTestId('login-error');
      await alert.waitFor({ state: 'visible' });
      const text = (await alert.textContent()) ?? '';
      if (i < 4) expect(text).toBe('用户名或密码错误');
      if (i === 4) {
        expect(text).toContain('再失败 1 次将暂停登录 1 分钟');
        expect(await alert.getAttribute('class')).toContain('ant-alert-warning');
        await shot(page, 'login-warning');
      }
      if (i === 5) {
        expect(text).toMatch(/登录失败次数过多，已暂停登录，请于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 后重试/);
        await shot(page, 'login-paused');
      }
    }
    expect(jsErrors(page)).toEqual([]);
  });
});

describe('三员分立 in the console', () => {
  test('a new auditor signs in with the one-time password and must change it first', async () => {
    const sec = await openPage(DESKTOP);
    await login(sec, 'secadmin', DEMO_PASSWORD);
    const me = await apiGet<{ org: { id: string } }>(sec, '/api/v1/auth/me');
    const created = await apiCall<{ oneTimePassword: string }>(sec, 'POST', '/api/v1/users', {
      username: 'e2e_auditor',
      displayName: '新审计员',
      orgId: me.org.id,
      roles: ['auditor'],
    });
    const page = await openPage(DESKTOP);
    await login(page, 'e2e_auditor', created.oneTimePassword);
    await page.waitForURL((u) => u.pathname === '/profile');
    await page.getByTestId('must-change-password').waitFor({ state: 'visible' });
    await page.goto('/audit');
    await page.waitForURL((u) => u.pathname === '/profile');
    await page.getByLabel('当前密码').fill(created.oneTimePassword);
    await page.getByLabel('新密码', { exact: true }).fill('Aud1t#Own-Choice');
    await page.getByLabel('确认新密码').fill('Aud1t#Own-Choice');
    await page.getByRole('button', { name: /修改密码|保\s*存|确\s*认/ }).click();
    await page.getByTestId('must-change-password').waitFor({ state: 'hidden' });
    await page.goto('/audit');
    await page.waitForURL((u) => u.pathname === '/audit');
    expect(jsErrors(page)).toEqual([]);
  });
});
