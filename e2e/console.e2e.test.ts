/**
 * Browser tests of the staff console against the real server (built console served from dist/web).
 * Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD } from './server';
import { DESKTOP, PHONE, jsErrors, shot, scrollWidth, startConsole } from './browser';

const { openPage } = startConsole();

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
}

/** Opens an antd Select/TreeSelect by its form label (inside `scope`) and picks the option titled `title`. */
async function pickOption(
  page: Page,
  scope: ReturnType<Page['locator']>,
  label: string,
  title: string,
  search?: string,
) {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  if (search) await input.fill(search);
  const option = page.locator('.ant-select-dropdown:visible').getByTitle(title, { exact: true }).first();
  await option.waitFor({ state: 'visible' });
  await option.click();
  // Wait until the dropdown has closed (its leave animation included) so it cannot swallow the next click.
  // (No Escape as a fallback: with the dropdown already gone it would close the dialog itself.)
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 5_000 }).toBe(0);
}

describe('zhifa staff console', () => {
  test('a wrong password shows the Chinese error message', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'admin', 'not-the-password-1');
    const alert = page.getByRole('alert').filter({ hasText: '用户名或密码错误' });
    await alert.waitFor({ state: 'visible' });
    expect(await alert.textContent()).toContain('用户名或密码错误');
    expect(new URL(page.url()).pathname).toBe('/login');
    // The password field is cleared for the next attempt, the username kept.
    expect(await page.getByLabel('用户名').inputValue()).toBe('admin');
    expect(await page.getByLabel('密码', { exact: true }).inputValue()).toBe('');
    await shot(page, 'login-wrong-password');
    expect(jsErrors(page)).toEqual([]);
  });

  test('admin creates an org, finds it in the list, and logs out', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await page.goto('/orgs');

    // Header shows who is signed in, the side menu offers the admin pages.
    const header = page.locator('header');
    await expect.poll(() => header.textContent()).toContain('zhifa 行政执法监督平台');
    const me = await page.evaluate(async () => {
      const res = await fetch('/api/v1/auth/me', { credentials: 'same-origin' });
      return (await res.json()) as { username: string; displayName: string; org: { name: string } };
    });
    expect(me.username).toBe('admin');
    const userText = (await page.getByTestId('current-user').textContent()) ?? '';
    expect(userText).toContain(me.displayName);
    expect(userText).toContain(me.org.name);
    const nav = page.getByRole('navigation', { name: '功能菜单' });
    await nav.getByText('组织机构', { exact: true }).click();
    await expect.poll(() => nav.textContent()).toContain('用户管理');
    expect(await nav.textContent()).not.toContain('审计日志');

    // The region tree is loaded lazily from /api/v1/regions.
    await page.getByRole('navigation', { name: '行政区划' }).getByText('广东省', { exact: true }).waitFor();

    const name = `e2e测试市场监管局${Date.now().toString(36)}`;
    await page.getByRole('button', { name: '新建单位' }).click();
    const dialog = page.getByRole('dialog').filter({ hasText: '新建单位' });
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByLabel('名称', { exact: true }).fill(name);
    await pickOption(page, dialog, '类型', '执法部门');
    await pickOption(page, dialog, '行业领域', '市场监管');
    await pickOption(page, dialog, '行政区划', '广州市', '广州');
    for (const chosen of ['执法部门', '市场监管', '广州市']) {
      await expect.poll(() => dialog.locator('.ant-select').filter({ hasText: chosen }).count()).toBe(1);
    }
    await shot(page, 'org-create-form');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();

    // The dialog closes once the server has saved the org (the 已保存 toast is too brief to wait for reliably).
    await dialog.waitFor({ state: 'hidden' });

    // Search by name: exactly the new org is listed, with labels instead of codes.
    const search = page.getByRole('search', { name: '单位查询' });
    await search.getByLabel('名称', { exact: true }).fill(name);
    await search.getByRole('button', { name: /查\s*询/ }).click();
    const table = page.getByRole('table');
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: name });
    await row.waitFor({ state: 'visible' });
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    const rowText = await row.textContent();
    expect(rowText).toContain('执法部门');
    expect(rowText).toContain('市场监管');
    expect(rowText).toContain('广州市');
    expect(rowText).toContain('正常');
    await shot(page, 'org-created-in-list');

    // Log out: back on the login page, and the console is no longer reachable.
    await page.getByRole('button', { name: /退出登录/ }).click();
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByTestId('login-submit').waitFor({ state: 'visible' });
    await page.goto('/orgs');
    await page.waitForURL((u) => u.pathname === '/login');
    await page.getByLabel('用户名').waitFor({ state: 'visible' });
    await shot(page, 'logged-out');
    expect(jsErrors(page)).toEqual([]);
  });

  test('admin adds a user: a weak password is refused under its field, a strong one saves and closes the dialog', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL((u) => u.pathname === '/workbench');
    await page.goto('/users');
    await page.getByRole('button', { name: /新建用户/ }).click();
    const dialog = page.getByRole('dialog', { name: '新建用户' });
    await dialog.waitFor({ state: 'visible' });
    const username = `e2e_user_${Date.now().toString(36)}`;
    await dialog.getByLabel('用户名', { exact: true }).fill(username);
    await dialog.getByLabel('姓名', { exact: true }).fill('测试用户');
    await dialog.getByLabel('初始密码', { exact: true }).fill('123456');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    // the server's weak_password lands under the password field; the dialog stays open
    const passwordItem = dialog.locator('.ant-form-item').filter({ has: page.getByLabel('初始密码', { exact: true }) });
    await passwordItem.locator('.ant-form-item-explain-error').waitFor({ state: 'visible' });
    expect(await dialog.isVisible()).toBe(true);
    await dialog.getByLabel('初始密码', { exact: true }).fill('Str0ng#Passw0rd2026');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    const users = await page.evaluate(
      async (u) =>
        (await (await fetch(`/api/v1/users?q=${u}`, { credentials: 'same-origin' })).json()) as {
          data: { username: string }[];
        },
      username,
    );
    expect(users.data.map((u) => u.username)).toContain(username);
    expect(jsErrors(page)).toEqual([]);
  });

  test('login page and org list fit a 390 px wide phone screen', async () => {
    const page = await openPage(PHONE, true);
    await page.goto('/login');
    await page.getByTestId('login-submit').waitFor({ state: 'visible' });
    await page.getByText('zhifa 行政执法监督平台').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'phone-login');

    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码', { exact: true }).fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/workbench');
    await page.goto('/orgs');

    // Below md the list renders as cards; the demo data provides orgs to show.
    const list = page.getByRole('region', { name: '单位列表' });
    await list.getByRole('listitem').first().waitFor({ state: 'visible' });
    expect(await page.getByRole('table').count()).toBe(0);
    // The side menu is collapsed behind a toggle on the phone.
    await page.getByRole('button', { name: '展开菜单' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('navigation', { name: '功能菜单' }).isVisible()).toBe(false);
    await page.getByRole('button', { name: /退出登录/ }).waitFor({ state: 'visible' });

    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'phone-orgs');

    // Opening the menu overlays it without widening the page.
    await page.getByRole('button', { name: '展开菜单' }).click();
    await page
      .getByRole('navigation', { name: '功能菜单' })
      .getByText('个人中心', { exact: true })
      .waitFor({ state: 'visible' });
    await page.waitForTimeout(400); // let the slide-in animation finish before the screenshot
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'phone-menu');
    expect(jsErrors(page)).toEqual([]);
  });
});
