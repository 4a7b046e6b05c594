/**
 * Browser test of 监督工作计划: a city justice bureau's supervisor finds the year's plan, reads each item's targets,
 * due date and dated progress, and reports progress on an item; the province's supervisor reads the city's plan but
 * is offered no report button; every page and the dialog pass axe; the pages fit a phone. Run with:
 * npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/supervision.e2e.test.ts
 */
import { describe, expect, test } from 'vitest';
import { expectAccessible } from './axe';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
/** The demo plans are this year's (Asia/Shanghai). */
const YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date());

describe('监督工作计划', () => {
  test('the city supervisor opens this year’s plan and reports progress on an item', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_sfj_supervisor', DEMO_PASSWORD);
    await page.getByRole('menuitem', { name: /执法监督/ }).click();
    await page.getByRole('menuitem', { name: '监督工作计划' }).click();
    await page.waitForURL('**/supervision/plans');
    const table = page.getByRole('table', { name: '监督工作计划列表' });
    const row = table.locator('tbody tr.ant-table-row', { hasText: '广州市司法局' });
    await row.waitFor();
    expect(await row.textContent()).toContain('已完成 1 / 3 项');
    await expectAccessible(page, '/supervision/plans');
    await shot(page, 'supervision-plans');

    await row.getByRole('link', { name: `${YEAR} 年度` }).click();
    await page.getByRole('heading', { name: `广州市司法局 ${YEAR} 年度监督工作计划` }).waitFor();
    const items = page.getByTestId('plan-item');
    await expect.poll(() => items.count()).toBe(3);
    const rectification = items.filter({ hasText: '行政执法突出问题专项整治' });
    expect(await rectification.textContent()).toContain('尚未登记进展');
    expect(await rectification.textContent()).toContain('广州市天河区综合行政执法局');
    await expectAccessible(page, '/supervision/plans/:id');

    await rectification.getByRole('button', { name: '登记进展' }).click();
    const dialog = page.getByRole('dialog', { name: /登记进展/ });
    await dialog.waitFor();
    await expectAccessible(page, '登记进展');
    await dialog.getByLabel('进展情况').fill('已制定整治方案，正在组织自查。');
    await dialog.getByRole('button', { name: /登\s*记/ }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => rectification.textContent()).toContain('已制定整治方案，正在组织自查。');
    expect(await rectification.textContent()).toContain('进行中');
    expect(await rectification.textContent()).not.toContain('尚未登记进展');
    // no raw codes or ids reach the page
    expect(await page.locator('main').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|in_progress|file_review/);
    expect(jsErrors(page)).toEqual([]);
  });

  test('the province supervisor reads the city plan without a report button, on a phone', async () => {
    const page = await openPage(PHONE);
    await login(page, 'sft_supervisor', DEMO_PASSWORD);
    await page.goto('/supervision/plans');
    const list = page.getByLabel('监督工作计划列表');
    await list.getByText('广州市司法局').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    const plans = await apiGet<{ data: { id: string; bodyOrgName: string }[] }>(
      page,
      `/api/v1/supervision/plans?year=${YEAR}`,
    );
    const city = plans.data.find((p) => p.bodyOrgName === '广州市司法局');
    if (!city) throw new Error('no demo plan of 广州市司法局');
    await page.goto(`/supervision/plans/${city.id}`);
    await page.getByRole('heading', { name: `广州市司法局 ${YEAR} 年度监督工作计划` }).waitFor();
    await page.getByTestId('plan-item').first().waitFor();
    expect(await page.getByRole('button', { name: '登记进展' }).count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '/supervision/plans/:id (phone)');
    expect(jsErrors(page)).toEqual([]);
  });
});
