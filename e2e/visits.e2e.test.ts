/**
 * Browser test of 扫码入企: an officer of 广州市市场监督管理局 reads an entity's printable 入企码 on its page, then on
 * a phone records a visit with the code typed in (himself preselected, a colleague added), and gets the visit's
 * 监督码; the enterprise opens it (who came, certificate checked now) and rates it once; /e/<token> shows the
 * history behind the USCC; the city's supervisor lists visits by flag in Chinese and sees the rating aggregates.
 * Every page and dialog passes axe. Run with:
 * npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/visits.e2e.test.ts
 */
import { describe, expect, test } from 'vitest';
import { expectAccessible } from './axe';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
const RAW = /[0-9a-f]{8}-[0-9a-f]{4}-|no_task|over_cap|single_officer|late_backfill|joint_possible|referral/;
let visitPath = '';
let entityPath = '';
let uscc = '';

describe('扫码入企', () => {
  test('an officer records a visit on a phone with the code typed in, and gets the 监督码', async () => {
    // the entity's page on a desktop (its tabs overflow into antd's "more" menu on a phone, which axe flags there)
    const desk = await openPage(DESKTOP);
    await login(desk, 'gz_officer1', DEMO_PASSWORD);
    const list = await apiGet<{ data: { id: string; uscc: string }[] }>(
      desk,
      '/api/v1/entities?regionCode=440106&pageSize=50',
    );
    const entity = list.data[list.data.length - 1];
    if (!entity) throw new Error('no demo entity in 天河区');
    uscc = entity.uscc;

    await desk.goto(`/entities/${entity.id}`);
    await desk.getByRole('tab', { name: /入企记录/ }).click();
    await desk.getByRole('button', { name: '入企码' }).click();
    const dialog = desk.getByRole('dialog', { name: /入企码/ });
    await dialog.getByTestId('entity-code').waitFor();
    await expectAccessible(desk, '入企码 dialog');
    const token = ((await dialog.getByTestId('entity-code').textContent()) ?? '').trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    entityPath = `/e/${token}`;

    const page = await openPage(PHONE);
    await login(page, 'gz_officer1', DEMO_PASSWORD);

    await page.goto('/visits/scan');
    await page.getByRole('heading', { name: '扫码入企' }).waitFor();
    const form = page.getByRole('form', { name: '扫码入企登记' });
    // the signed-in officer is preselected, and only he
    const boxes = form.getByRole('checkbox');
    await expect.poll(() => form.getByRole('checkbox', { checked: true }).count()).toBe(1);
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, '/visits/scan (phone)');
    await form.getByLabel('入企码').fill(`http://localhost/e/${token}`);
    await form.getByRole('checkbox', { checked: false }).first().check();
    await form.getByText('转办交办', { exact: true }).click();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'visits-scan-phone');
    await form.getByRole('button', { name: '登记入企' }).click();
    await page.getByRole('heading', { name: /已登记入企/ }).waitFor();
    await page.getByRole('img', { name: '本次入企的监督码' }).waitFor();
    await expectAccessible(page, '已登记入企 (phone)');
    expect(await page.locator('main').textContent()).not.toMatch(RAW);

    const mine = await apiGet<{ data: { publicUrl: string; entityId: string }[] }>(page, '/api/v1/visits?pageSize=1');
    expect(mine.data[0]?.entityId).toBe(entity.id);
    visitPath = new URL(mine.data[0]?.publicUrl ?? '').pathname;
    expect(jsErrors(page)).toEqual([]);
  });

  test('the enterprise sees who came, rates once, and reads its history behind its USCC', async () => {
    const page = await openPage(PHONE);
    await page.goto(visitPath);
    await page.getByRole('heading', { name: '入企监督码' }).waitFor();
    const text = (await page.locator('main').textContent()) ?? '';
    expect(text).toContain('入企人员');
    expect(text).toContain('证件有效');
    await expectAccessible(page, '/public/visits/:token');
    await page.getByLabel('5 分').check();
    await page.getByLabel('意见建议（可选）').fill('检查规范，态度很好');
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('评价已提交').waitFor();
    expect(await page.getByRole('button', { name: '提交评价' }).count()).toBe(0);
    await expectAccessible(page, '/public/visits/:token (rated)');

    await page.goto(entityPath);
    await page.getByLabel('本单位统一社会信用代码').fill('91440000000000000X');
    await page.getByRole('button', { name: '查看入企记录' }).click();
    await page.getByText('不符').waitFor();
    await expectAccessible(page, '/e/:token (wrong USCC)');
    await page.getByLabel('本单位统一社会信用代码').fill(uscc);
    await page.getByRole('button', { name: '查看入企记录' }).click();
    await page.getByRole('link', { name: '查看与评价' }).first().waitFor();
    await expectAccessible(page, '/e/:token (history)');
  });

  test('the supervisor lists visits by flag, in Chinese, and sees the ratings per department', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_sfj_supervisor', DEMO_PASSWORD);
    await page.goto('/visits');
    await page.getByRole('heading', { name: '入企记录' }).waitFor();
    const list = page.getByLabel('入企记录列表');
    await list.getByText('无任务入企').first().waitFor();
    await page.getByRole('heading', { name: /企业评价/ }).waitFor();
    await expectAccessible(page, '/visits');
    const search = page.getByRole('search', { name: '入企记录查询' });
    await search.getByLabel('提示', { exact: true }).click();
    const option = page.locator('.ant-select-dropdown:visible').getByTitle('超过检查频次上限', { exact: true }).first();
    await option.waitFor({ state: 'visible' });
    await option.click();
    await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 5_000 }).toBe(0);
    await search.getByRole('button', { name: /查\s*询/ }).click();
    // the filtered list: over-cap visits only (the demo's single-officer visit is gone)
    await expect
      .poll(async () => {
        const text = (await list.textContent()) ?? '';
        return text.includes('超过检查频次上限') && !text.includes('执法人员不足 2 人');
      })
      .toBe(true);
    expect(await page.locator('main').textContent()).not.toMatch(RAW);
    await shot(page, 'visits-list');
    expect(jsErrors(page)).toEqual([]);
  });

  test('the city justice bureau sets an org’s frequency cap on the 入企记录 page', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_sfj_supervisor', DEMO_PASSWORD);
    await page.goto('/visits');
    await page.getByRole('heading', { name: '检查频次上限' }).waitFor();
    const form = page.getByRole('form', { name: '设定检查频次上限' });
    await form.getByRole('combobox', { name: '单位' }).fill('广州市市场监督管理局');
    const org = page
      .locator('.ant-select-dropdown:visible')
      .getByTitle('广州市市场监督管理局', { exact: true })
      .first();
    await org.waitFor({ state: 'visible' });
    await org.click();
    await form.getByLabel('同一层级每年上限').fill('3');
    await form.getByLabel('各层级合计每年上限').fill('2');
    await form.getByLabel('依据').fill('粤府办〔2025〕15号');
    await form.getByRole('button', { name: /保存上限/ }).click();
    // per level above across levels: refused, naming the field
    await form.getByText('同一层级的上限不能大于各层级合计的上限').waitFor();
    await form.getByLabel('同一层级每年上限').fill('1');
    await form.getByRole('button', { name: /保存上限/ }).click();
    const card = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: '检查频次上限' }) });
    await card.getByRole('cell', { name: '广州市市场监督管理局' }).waitFor();
    await expectAccessible(page, '/visits (caps)');
    expect(await page.locator('main').textContent()).not.toMatch(RAW);
    expect(jsErrors(page)).toEqual([]);
  });
});
