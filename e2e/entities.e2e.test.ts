/**
 * Browser test of 检查对象名录库: the list with its filters, an entity's page, and the import dialog uploading a CSV
 * with progress, the summary and the rows to fix by line. Run with:
 * npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/entities.e2e.test.ts
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { usccCheckChar } from '../common/identifiers';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { expectAccessible } from './axe';
import { apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
const uscc = (n: number) => {
  const first17 = `91440106MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
};

describe('检查对象名录库', () => {
  test('an officer filters the list, opens an entity and sees its cases, the legal representative masked', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'th_officer1', DEMO_PASSWORD);
    await page.goto('/entities');
    const table = page.getByRole('table', { name: '检查对象列表' });
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    const search = page.getByRole('search', { name: '检查对象查询' });
    await search.getByLabel('风险等级', { exact: true }).click();
    const option = page.locator('.ant-select-dropdown:visible').getByTitle('D 级（高风险）', { exact: true }).first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await search.getByRole('button', { name: /查\s*询/ }).click();
    await expect
      .poll(async () => {
        const tags = await table.locator('tbody tr.ant-table-row').allTextContents();
        return tags.length > 0 && tags.every((t) => t.includes('D 级（高风险）'));
      })
      .toBe(true);
    // every row is in 天河区 (the officer's county) and no raw region code is shown
    const texts = await table.locator('tbody tr.ant-table-row').allTextContents();
    expect(texts.every((t) => t.includes('天河区') || t.includes('街道'))).toBe(true);
    expect(texts.join('')).not.toMatch(/440106(?!\d{3}MA|MA)/);
    await shot(page, 'entities-list');

    // an entity that is a party of a demo case of 天河区
    // (a case against an organisation whose USCC the library holds)
    const cases = await apiGet<{ data: { id: string }[] }>(page, '/api/v1/cases?pageSize=50');
    let uscc: string | undefined;
    for (const c of cases.data) {
      const detail = await apiGet<{ party: { uscc: string | null } }>(page, `/api/v1/cases/${c.id}`);
      if (!detail.party.uscc) continue;
      const found = await apiGet<{ total: number }>(page, `/api/v1/entities?q=${detail.party.uscc}`);
      if (found.total === 1) {
        uscc = detail.party.uscc;
        break;
      }
    }
    if (!uscc) throw new Error('no demo case against an organisation of the library');
    await search.getByRole('button', { name: /重\s*置/ }).click();
    await search.getByLabel('名称或信用代码', { exact: true }).fill(uscc);
    await search.getByRole('button', { name: /查\s*询/ }).click();
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    await table.locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
    await page.waitForURL((u) => /^\/entities\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByRole('tab', { name: /处罚案件（[1-9]/ }).waitFor();
    const detail = (await page.locator('#root').textContent()) ?? '';
    expect(detail).toMatch(/法定代表人[^*]*\*/);
    expect(detail).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await shot(page, 'entities-detail');
    expect(jsErrors(page)).toEqual([]);
  });

  test('imports a CSV through the dialog: progress, summary, rows to fix by line, the list then shows it', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'th_officer1', DEMO_PASSWORD);
    await page.goto('/entities');
    await page.getByRole('button', { name: /批量导入/ }).click();
    const dialog = page.getByRole('dialog', { name: '批量导入检查对象' });
    await dialog.waitFor({ state: 'visible' });
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-e2e-entities-'));
    const file = join(dir, '名录.csv');
    const rows = ['统一社会信用代码,名称,类型,所在区划代码,行业领域,地址,法定代表人,风险等级,信用等级,状态'];
    for (let i = 0; i < 3000; i++)
      rows.push(`${uscc(7000000 + i)},浏览器导入${i}号商行,个体工商户,440106,市场监管,天河路 ${i} 号,王小明,B,A,存续`);
    rows.push(`${uscc(7100000)},越秀企业,企业,440104,市场监管,中山路 1 号,王小明,A,A,存续`);
    rows.push('12345,,企业,440106,市场监管,天河路,王小明,A,A,存续');
    writeFileSync(file, `\uFEFF${rows.join('\r\n')}\r\n`);
    await dialog.locator('input[type=file]').setInputFiles(file);
    await dialog.getByRole('button', { name: '开始导入' }).click();
    await dialog.getByRole('progressbar', { name: '导入进度' }).waitFor();
    const summary = dialog.getByText(/导入完成：共 3002 行，新增 3000 行，更新 0 行，错误 2 行/);
    await summary.waitFor({ timeout: 60_000 });
    const problems = dialog.getByRole('table', { name: '导入有误的行' });
    await expect.poll(() => problems.locator('tbody tr.ant-table-row').count()).toBe(2);
    const problemText = (await problems.textContent()) ?? '';
    expect(problemText).toContain('第 3002 行');
    expect(problemText).toContain('管辖范围');
    expect(problemText).toContain('第 3003 行');
    expect(problemText).toContain('18 位');
    await shot(page, 'entities-import');
    await dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
    const search = page.getByRole('search', { name: '检查对象查询' });
    await search.getByLabel('名称或信用代码', { exact: true }).fill('浏览器导入2999号');
    await search.getByRole('button', { name: /查\s*询/ }).click();
    await page.getByRole('table', { name: '检查对象列表' }).getByText('浏览器导入2999号商行').waitFor();
    expect(jsErrors(page)).toEqual([]);
  });

  test('on a phone the list fits the screen', async () => {
    const page = await openPage(PHONE);
    await login(page, 'sz_officer1', DEMO_PASSWORD);
    await page.goto('/entities');
    await page.getByRole('region', { name: '检查对象列表' }).getByText('风险等级').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'entities-phone');
  });

  test('on a phone the entity page shows its records through a select, not overflowing tabs, and passes axe', async () => {
    const page = await openPage(PHONE);
    await login(page, 'th_officer1', DEMO_PASSWORD);
    const list = await apiGet<{ data: { id: string }[] }>(page, '/api/v1/entities?pageSize=1');
    await page.goto(`/entities/${list.data[0]?.id}`);
    const pick = page.getByRole('combobox', { name: '查看记录' });
    await pick.waitFor();
    expect(await page.getByRole('tablist').count()).toBe(0);
    await pick.click();
    const option = page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(/入企记录/)
      .first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await page.getByRole('region', { name: /入企记录/ }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '/entities/:id (phone)');
    await shot(page, 'entities-detail-phone');
    expect(jsErrors(page)).toEqual([]);
  });
});
