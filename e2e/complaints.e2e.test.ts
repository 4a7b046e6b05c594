/**
 * Browser test of 投诉举报's console: an officer of 广州市市场监督管理局 opens the inbox (due badges in working days,
 * filters), then a complaint waiting to be accepted and takes it through 受理 → 答复 → 办结 with the page's buttons;
 * the department head reveals a complainant (the dialog says it is audited); the city's supervisor opens 投诉督办
 * with the overdue list and the statistics per org. Every page and dialog passes axe; no raw id or code is shown.
 * Run with: npm run build && npx vitest run --config vitest.e2e.config.ts e2e/complaints.e2e.test.ts
 */
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { ComplaintSummary } from '../common/contracts/complaints.contract';
import { expectAccessible } from './axe';
import { DESKTOP, PHONE, jsErrors, shot, startConsole } from './browser';
import { apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
const spaced = (label: string) => new RegExp(`^${[...label].join('\\s*')}$`);
/** No uuid, no enum code of the module in the page's main text. */
const RAW =
  /[0-9a-f]{8}-[0-9a-f]{4}-|\b(received|accepted|transferred|disputed|replied|closed|rejected|merged|hotline|portal|referral|open311|consultation|suggestion)\b/;

async function step(page: Page, label: string, fill?: { field: string; value: string }) {
  await page
    .getByRole('region', { name: '可执行的操作' })
    .getByRole('button', { name: spaced(label) })
    .click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor();
  if (fill) await dialog.getByLabel(fill.field).fill(fill.value);
  await expectAccessible(page, `投诉举报：${label}`);
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

const stateOf = (page: Page) => page.getByTestId('complaint-state').first().textContent();

describe('投诉举报', () => {
  test('an officer works the inbox and takes a complaint through 受理 → 答复 → 办结', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_officer1', DEMO_PASSWORD);
    await page.goto('/complaints');
    const table = page.getByRole('table', { name: '投诉举报列表' });
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('due-badge').first().textContent()).toMatch(
      /^(剩余 \d+ 个工作日|今日到期|逾期 \d+ 个工作日)$/,
    );
    await expectAccessible(page, '/complaints');
    await shot(page, 'complaints-inbox');
    // the overdue filter keeps only overdue badges
    await page.getByRole('switch', { name: '仅看逾期' }).click();
    await page.getByRole('button', { name: /查\s*询/ }).click();
    await expect
      .poll(async () => {
        const badges = await page.getByTestId('due-badge').allTextContents();
        return badges.length > 0 && badges.every((b) => b.startsWith('逾期'));
      })
      .toBe(true);
    expect(await page.locator('main').textContent()).not.toMatch(RAW);

    const waiting = await apiGet<{ data: ComplaintSummary[] }>(page, '/api/v1/complaints?state=received&pageSize=100');
    const target = waiting.data.find((c) => c.abilities.includes('accept'));
    if (!target) throw new Error('no complaint of 广州市市场监督管理局 waiting to be accepted');
    await page.goto(`/complaints/${target.id}`);
    await page.getByRole('heading', { name: `投诉举报 ${target.trackingNumber}` }).waitFor();
    expect(await stateOf(page)).toBe('待受理');
    await expectAccessible(page, '/complaints/:id');
    await shot(page, 'complaint');

    await step(page, '受理');
    await expect.poll(() => stateOf(page)).toBe('办理中');
    await step(page, '答复', { field: '答复内容', value: '经现场核查，已责令该经营者立即整改，并将持续跟进。' });
    await expect.poll(() => stateOf(page)).toBe('已答复');
    await page.getByTestId('reply-text').waitFor();
    await step(page, '办结');
    await expect.poll(() => stateOf(page)).toBe('已办结');
    const steps = await page.getByTestId('complaint-step').allTextContents();
    expect(steps.map((s) => s.slice(0, 2))).toEqual(expect.arrayContaining(['登记', '受理', '答复', '办结']));
    expect(await page.getByRole('region', { name: '可执行的操作' }).count()).toBe(0);
    expect(await page.locator('main').textContent()).not.toMatch(RAW);
    await expectAccessible(page, '/complaints/:id (closed)');
    expect(jsErrors(page)).toEqual([]);
  });

  test('the department head reveals a complainant, told that it is audited', async () => {
    const page = await openPage(PHONE);
    await login(page, 'gz_head', DEMO_PASSWORD);
    const list = await apiGet<{ data: ComplaintSummary[] }>(page, '/api/v1/complaints?channel=portal&pageSize=100');
    const named = [];
    for (const c of list.data) {
      const full = await apiGet<{ reporter: { anonymous: boolean } }>(page, `/api/v1/complaints/${c.id}`);
      if (!full.reporter.anonymous && c.abilities.includes('reveal_reporter')) named.push(c);
      if (named.length > 0) break;
    }
    const c = named[0];
    if (!c) throw new Error('no named complaint of 广州市市场监督管理局');
    await page.goto('/complaints');
    await page.getByRole('list', { name: '投诉举报列表' }).or(page.getByLabel('投诉举报列表')).first().waitFor();
    await expectAccessible(page, '/complaints (phone)');
    await page.goto(`/complaints/${c.id}`);
    const masked = await page.getByTestId('reporter-masked').textContent();
    expect(masked).toMatch(/\*/);
    await page
      .getByRole('button', { name: /查\s*看$/ })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: '查看投诉人信息' });
    await dialog.waitFor();
    await dialog.getByText(/记入审计日志/).waitFor();
    await expectAccessible(page, '查看投诉人信息');
    await dialog.getByRole('button', { name: spaced('查看') }).click();
    await dialog.getByTestId('revealed-phone').waitFor();
    expect(await dialog.getByTestId('revealed-phone').textContent()).toMatch(/^(1\d{10}|未留)$/);
    await dialog
      .locator('.ant-modal-footer')
      .getByRole('button', { name: spaced('关闭') })
      .click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.locator('main').textContent()).not.toMatch(/1\d{10}/);
    await shot(page, 'complaint-phone');
    expect(jsErrors(page)).toEqual([]);
  });

  test('the city supervisor opens 投诉督办: the overdue list and the statistics per org', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_sfj_supervisor', DEMO_PASSWORD);
    await page.goto('/complaints/supervision');
    await page.getByRole('table', { name: '逾期未办结的投诉举报' }).locator('tbody tr.ant-table-row').first().waitFor();
    const stats = page.getByRole('table', { name: '各单位投诉举报办理统计' });
    await stats.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await stats.textContent()).toContain('广州市市场监督管理局');
    await page.getByTestId('stats-total').waitFor();
    expect(await page.locator('main').textContent()).not.toMatch(RAW);
    await expectAccessible(page, '/complaints/supervision');
    await shot(page, 'complaints-supervision');
    expect(jsErrors(page)).toEqual([]);
  });
});
