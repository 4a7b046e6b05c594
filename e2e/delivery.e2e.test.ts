/**
 * Opening the console as the README says (the server's root address), and what the browser receives: compressed
 * text, hashed assets cached for a year, index.html revalidated, the login page without the signed-in pages' code.
 */
import type { Page, Response } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DESKTOP, PHONE, jsErrors, shot, startConsole } from './browser';
import { DEMO_PASSWORD } from './server';

const { openPage, url } = startConsole();

/** Every response the page receives from now on. */
function record(page: Page): Response[] {
  const responses: Response[] = [];
  page.on('response', (res) => responses.push(res));
  return responses;
}

describe('opening the console', () => {
  test('the root address shows the login page when signed out, then the home page after login', async () => {
    const page = await openPage(PHONE, true);
    const responses = record(page);
    // README: "Open http://localhost:3000" — the root address, nothing after it.
    const first = await page.goto(`${url()}/`);
    expect(first?.status()).toBe(200);
    expect(first?.headers()['cache-control']).toBe('no-cache');
    await page.getByRole('form', { name: '登录' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByRole('heading', { level: 1, name: 'zhifa 行政执法监督平台' }).waitFor();
    await shot(page, 'root-login-phone');

    // What the browser was sent: compressed JS/CSS (Brotli), immutable hashed assets, no signed-in pages' code.
    const assets = responses.filter((r) => new URL(r.url()).pathname.startsWith('/assets/'));
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of assets) {
      const headers = asset.headers();
      expect([asset.url(), headers['content-encoding']]).toEqual([asset.url(), 'br']);
      expect([asset.url(), headers['cache-control']]).toEqual([asset.url(), 'public, max-age=31536000, immutable']);
    }
    // Only the entry chunks: the login page, React, and the part of antd it uses — no layout, menu, table or page.
    const scripts = assets.filter((r) => new URL(r.url()).pathname.endsWith('.js'));
    const names = scripts.map((r) => new URL(r.url()).pathname.replace(/^\/assets\/|-[\w-]{8}\.js$/g, '')).sort();
    expect(names).toEqual(['antd-login', 'index', 'react', 'rolldown-runtime']);
    // Budget of compressed JS for /login (was 478 KB gzip in one 1.17 MB antd chunk; 174 KB Brotli when written).
    const bytes = scripts.reduce((sum, r) => sum + Number(r.headers()['content-length'] ?? Number.NaN), 0);
    expect(bytes).toBeLessThan(200_000);
    const me = responses.find((r) => new URL(r.url()).pathname === '/api/v1/auth/me');
    expect(me?.status()).toBe(401);

    await page.getByLabel('用户名').fill('gz_officer1');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname !== '/login');
    await expect.poll(() => page.getByTestId('current-user').textContent()).toBeTruthy();
    expect(jsErrors(page)).toEqual([]);
  });

  test('signed in, the root address opens the home page; API JSON arrives compressed', async () => {
    const page = await openPage(DESKTOP);
    await page.goto('/login');
    await page.getByLabel('用户名').fill('gz_officer1');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname !== '/login');
    const home = new URL(page.url()).pathname;

    const responses = record(page);
    await page.goto('/');
    await page.waitForURL((u) => u.pathname === home);
    await page.getByTestId('current-user').waitFor();
    const casesPage = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/cases');
    await page.goto('/cases');
    const list = await casesPage;
    expect(list.status()).toBe(200);
    expect(list.headers()['content-encoding']).toBe('br');
    expect(list.headers()['content-type']).toContain('application/json');
    expect(responses.length).toBeGreaterThan(0);
    expect(jsErrors(page)).toEqual([]);
  });
});
