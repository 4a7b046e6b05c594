/**
 * Browser test of 机器客户端 (the 12345 and Open311 client settings): the system administrator opens the page from the
 * menu, makes a client with both scopes (the secret shown once in a dialog with a copy button and a warning), the
 * secret files an Open311 request, clears the callback URL, rotates the secret (the old one refused at once) and
 * revokes the client. Every page and dialog passes axe, at desktop and phone width; scopes show in Chinese.
 * Run with: npm run build && npx vitest run --config vitest.e2e.config.ts e2e/clients.e2e.test.ts
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { expectAccessible } from './axe';
import { DESKTOP, PHONE, jsErrors, shot, startConsole } from './browser';
import { login, spaced } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
const RAW = /hotline:write|open311:write|whsec_/;

const fileRequest = (page: Page, apiKey: string) =>
  page.request.post('/open311/v2/requests.json', {
    form: {
      api_key: apiKey,
      service_code: 'report',
      address_string: '广州市天河区体育西路 101 号',
      description: '夜间施工噪声扰民，持续到凌晨',
    },
  });

async function secretOf(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: '客户端密钥（只显示这一次）' });
  await dialog.waitFor();
  await expect.poll(() => dialog.getByText('关闭此对话框后密钥无法再次查看', { exact: false }).count()).toBe(1);
  expect(await dialog.getByRole('button', { name: /复制|copy/i }).count()).toBe(1);
  const secret = (await page.getByTestId('client-secret').locator('code').textContent()) ?? '';
  expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
  return secret;
}

async function closeSecret(page: Page) {
  const dialog = page.getByRole('dialog', { name: '客户端密钥（只显示这一次）' });
  await dialog.getByRole('button', { name: '我已妥善保存' }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const row = (page: Page, name: string) =>
  page.getByRole('table', { name: '机器客户端' }).locator('tbody tr', { hasText: name });

describe('机器客户端', () => {
  test('the system administrator makes, uses, rotates and revokes a client', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_sysadmin', DEMO_PASSWORD);
    await page
      .getByRole('navigation', { name: '功能菜单' })
      .getByRole('menuitem', { name: /机器客户端/ })
      .click();
    await page.waitForURL((u) => u.pathname === '/clients');
    await page.getByRole('heading', { name: '机器客户端' }).waitFor();
    // the undelivered callbacks, listed under the clients (none in the demo)
    await page.getByRole('heading', { name: /^回调投递（未送达 \d+ 条）$/ }).waitFor();
    await page.getByRole('table', { name: '未送达的回调' }).waitFor();
    await expectAccessible(page, '/clients');

    await page.getByRole('button', { name: /新建客户端/ }).click();
    const create = page.getByRole('dialog', { name: '新建机器客户端' });
    await create.waitFor();
    await create.getByLabel('客户端标识').fill('fms-e2e');
    await create.getByLabel('名称').fill('随手拍 Open311 应用');
    await create.getByLabel('提交 Open311 服务请求').check();
    await create.getByLabel('回调地址（可选）').fill('https://fms.example.org/hook');
    await expectAccessible(page, '新建机器客户端');
    await create.getByRole('button', { name: '新建并生成密钥' }).click();
    const first = await secretOf(page);
    await expectAccessible(page, '客户端密钥');
    await shot(page, 'clients-secret');
    await closeSecret(page);

    const r = row(page, '随手拍 Open311 应用');
    await r.waitFor();
    expect(await r.textContent()).toContain('提交 12345 工单');
    expect(await r.textContent()).toContain('提交 Open311 服务请求');
    expect(await r.textContent()).toContain('https://fms.example.org/hook');
    expect(await r.textContent()).toContain('正常');
    expect(await page.locator('main').textContent()).not.toMatch(RAW);
    // the 回调状态 column waits for the callback deliveries
    expect(await page.getByRole('columnheader', { name: '回调状态' }).count()).toBe(1);
    await shot(page, 'clients');

    // the secret works as an Open311 api_key
    const filed = await fileRequest(page, first);
    expect(filed.status(), await filed.text()).toBe(200);

    // clear the callback URL
    await r.getByRole('button', { name: /回调地址/ }).click();
    const callback = page.getByRole('dialog', { name: /^回调地址：/ });
    await callback.waitFor();
    await expectAccessible(page, '回调地址');
    await callback.getByLabel('回调地址').fill('');
    await callback.getByRole('button', { name: spaced('保存') }).click();
    await callback.waitFor({ state: 'hidden' });
    await expect.poll(async () => (await r.textContent())?.includes('未设置')).toBe(true);

    // rotate: a new secret, the old one refused at once
    await r.getByRole('button', { name: /更换密钥/ }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: spaced('更换') })
      .click();
    const second = await secretOf(page);
    expect(second).not.toBe(first);
    await closeSecret(page);
    expect((await fileRequest(page, first)).status()).toBe(403);
    expect((await fileRequest(page, second)).status()).toBe(200);

    // revoke (the row's button is named with its icon: "stop 停用")
    await r.getByRole('button', { name: /停\s*用$/ }).click();
    await page
      .getByRole('tooltip')
      .getByRole('button', { name: spaced('停用') })
      .click();
    await expect.poll(async () => (await r.textContent())?.includes('已停用')).toBe(true);
    expect(await r.getByRole('button', { name: /更换密钥/ }).count()).toBe(0);
    expect((await fileRequest(page, second)).status()).toBe(403);
    await expectAccessible(page, '/clients (revoked)');
    expect(jsErrors(page)).toEqual([]);
  });

  test('fits a phone screen and is not offered to other roles', async () => {
    const page = await openPage(PHONE, true);
    await login(page, 'gz_sysadmin', DEMO_PASSWORD);
    await page.goto('/clients');
    await page.getByRole('heading', { name: '机器客户端' }).waitFor();
    await page.getByText('随手拍 Open311 应用').first().waitFor();
    await expectAccessible(page, '/clients (phone)');
    await shot(page, 'clients-phone');
    const officer = await openPage(DESKTOP);
    await login(officer, 'gz_officer1', DEMO_PASSWORD);
    expect(
      await officer
        .getByRole('navigation', { name: '功能菜单' })
        .getByRole('menuitem', { name: /机器客户端/ })
        .count(),
    ).toBe(0);
    expect(jsErrors(page)).toEqual([]);
  });
});
