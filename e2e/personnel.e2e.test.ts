/**
 * Browser tests of the personnel pages (执法人员、证件、培训登记、培训统计) against the real server with its demo data.
 * Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/personnel.e2e.test.ts
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from './server';
import { DESKTOP, PHONE, jsErrors, shot, startConsole } from './browser';

const { openPage } = startConsole();

async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** GET a JSON API path with the page's session cookie. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`${p}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/** Opens a page of the 执法人员管理 menu group (expanding the group first when needed). */
async function openMenuPage(page: Page, label: string, path: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: '功能菜单' });
  const group = nav.getByRole('menuitem', { name: /执法人员管理/ });
  await group.waitFor({ state: 'visible' });
  if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
  // A click on an item while the submenu still slides open can get lost: wait for the expand motion to end.
  await expect.poll(() => nav.locator('.ant-motion-collapse, [class*="ant-motion-collapse-"]').count()).toBe(0);
  await nav
    .getByRole('menuitem')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
  await page.waitForURL((u) => u.pathname === path);
}

interface CertificateRow {
  id: string;
  officerId: string;
  officerName: string;
  orgName: string;
  number: string;
  displayStatus: string;
}

describe('zhifa personnel console', () => {
  test('sft_admin opens an officer from 执法人员 and sees the certificate with its QR code', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'sft_admin', DEMO_PASSWORD);

    // An officer who holds a valid certificate (the demo data has officers without one).
    const certs = await apiGet<{ data: CertificateRow[] }>(
      page,
      '/api/v1/certificates?status=valid&current=1&pageSize=1',
    );
    const cert = certs.data[0];
    expect(cert).toBeDefined();
    if (!cert) return;

    await openMenuPage(page, '执法人员', '/officers');
    const search = page.getByRole('search', { name: '执法人员查询' });
    await search.getByLabel('姓名或身份证号', { exact: true }).fill(cert.officerName);
    await search.getByRole('button', { name: /查\s*询/ }).click();
    const table = page.getByRole('table', { name: '执法人员列表' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: cert.officerName }).first();
    await row.waitFor({ state: 'visible' });
    // The list shows masked ID numbers only.
    expect(await row.textContent()).toMatch(/\d{6}\*{8}\d{3}[\dX]/);
    await shot(page, 'personnel-officers');

    await row.getByRole('button', { name: /详情/ }).click();
    await page.waitForURL((u) => u.pathname === `/officers/${cert.officerId}`);
    await expect.poll(() => page.getByRole('tab', { selected: true }).textContent()).toContain('执法证件');
    const card = page.getByTestId('certificate-card').filter({ hasText: cert.number });
    await card.waitFor({ state: 'visible' });
    expect(await card.textContent()).toContain('有效');
    const qr = card.getByRole('img', { name: '证件查验二维码' });
    await qr.waitFor({ state: 'visible' });
    await expect
      .poll(() => qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBeGreaterThan(0);
    expect(await card.getByRole('link', { name: /公开查验页面/ }).getAttribute('href')).toMatch(
      /\/public\/certificates\/[\w-]+$/,
    );
    await shot(page, 'personnel-officer-detail');
    expect(jsErrors(page)).toEqual([]);
  });

  test('gz_admin imports a CSV in 培训登记: one new row, one duplicate, one error', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_admin', DEMO_PASSWORD);

    // A valid certificate of an officer of the admin's own org (广州市市场监督管理局): the ID-number-free path.
    const me = await apiGet<{ org: { id: string; name: string } }>(page, '/api/v1/auth/me');
    expect(me.org.name).toBe('广州市市场监督管理局');
    const certs = await apiGet<{ data: CertificateRow[] }>(
      page,
      `/api/v1/certificates?orgId=${encodeURIComponent(me.org.id)}&status=valid&current=1&pageSize=1`,
    );
    const cert = certs.data[0];
    expect(cert).toBeDefined();
    if (!cert) return;

    const course = `e2e 行政处罚法专题${Date.now().toString(36)}`;
    const csv = [
      'certificateNumber,course,category,mode,provider,date,minutes',
      `${cert.number},${course},公共法律知识,线上,广东省行政执法人员网络培训平台,2026-03-15,90`,
      `${cert.number},${course},公共法律知识,线上,广东省行政执法人员网络培训平台,2026-03-15,90`,
      `${cert.number},${course}（补课）,业务知识,线下,市司法局线下集中培训,2026-02-30,90`,
    ].join('\r\n');

    await openMenuPage(page, '培训登记', '/training/import');
    await page.getByRole('button', { name: /下载模板/ }).waitFor({ state: 'visible' });
    await page
      .locator('input[type=file]')
      .setInputFiles({ name: '培训记录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-file-name').filter({ hasText: '培训记录.csv' }).waitFor();
    await page.getByRole('button', { name: /开始导入/ }).click();

    await page.getByTestId('import-tally').filter({ hasText: '已完成 1 / 1 批' }).waitFor();
    const value = async (id: string) =>
      (await page.getByTestId(id).locator('.ant-statistic-content').textContent())?.trim();
    expect(await value('import-created')).toBe('1');
    expect(await value('import-duplicates')).toBe('1');
    expect(await value('import-errors')).toBe('1');

    const results = page.getByRole('table', { name: '导入结果' });
    const rows = results.locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(3);
    expect(await rows.nth(0).textContent()).toMatch(/第 2 行.*新增.*2 学时/);
    expect(await rows.nth(1).textContent()).toMatch(/第 3 行.*重复/);
    expect(await rows.nth(2).textContent()).toMatch(/第 4 行.*错误.*日期/);

    // Filter by result.
    const filters = page.getByRole('radiogroup', { name: '按结果筛选' });
    await filters.locator('label').filter({ hasText: '错误 1' }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('第 4 行');
    await filters.locator('label').filter({ hasText: '全部 3' }).click();
    await expect.poll(() => rows.count()).toBe(3);
    await shot(page, 'personnel-training-import');
    expect(jsErrors(page)).toEqual([]);
  });

  test('the public certificate page fits a 390 px wide phone', async () => {
    // The public token comes from the staff API; the page itself needs no login.
    const staff = await openPage(DESKTOP);
    await login(staff, 'sft_admin', DEMO_PASSWORD);
    const certs = await apiGet<{ data: CertificateRow[] }>(
      staff,
      '/api/v1/certificates?status=valid&current=1&pageSize=1',
    );
    const cert = certs.data[0];
    expect(cert).toBeDefined();
    if (!cert) return;
    const officer = await apiGet<{ certificates: { id: string; publicUrl: string }[] }>(
      staff,
      `/api/v1/officers/${cert.officerId}`,
    );
    const publicUrl = officer.certificates.find((c) => c.id === cert.id)?.publicUrl;
    expect(publicUrl).toMatch(/\/public\/certificates\/[\w-]+$/);
    const path = new URL(publicUrl as string).pathname;

    const page = await openPage(PHONE, true);
    await page.goto(path);
    await page.getByRole('heading', { name: '行政执法证件查验' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('status').textContent()).toBe('有效');
    expect(await page.locator('body').textContent()).toContain(cert.number);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'personnel-public-certificate-phone');
    expect(jsErrors(page)).toEqual([]);
  });

  test('培训统计 renders the per-org chart and the report tables', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'sft_admin', DEMO_PASSWORD);
    await openMenuPage(page, '培训统计', '/training/report');

    const canvas = page.getByTestId('training-by-org-chart').locator('canvas').first();
    await canvas.waitFor({ state: 'visible' });
    await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.width * c.height)).toBeGreaterThan(0);

    const table = page.getByRole('table', { name: '人员学时明细' });
    await table.locator('tbody tr.ant-table-row').first().waitFor({ state: 'visible' });
    await expect.poll(() => page.getByText(/年度达标率/).count()).toBeGreaterThan(0);
    const csv = page.getByRole('link', { name: /导出 CSV/ });
    expect(await csv.getAttribute('href')).toMatch(/^\/api\/v1\/reports\/training\?year=\d{4}&format=csv$/);
    await page.getByText('全员轮训未完成').waitFor();
    await page.getByText('退出机制提示').waitFor();
    await page.waitForTimeout(600); // let the chart's entry animation finish before the screenshot
    await shot(page, 'personnel-training-report');
    expect(jsErrors(page)).toEqual([]);
  });
});
