/**
 * The first hour of an officer: `/` as the README says, 工作台 with 待办 linking to cases, 登记案源 landing on the new
 * case, a session that ends while the form is filled (nothing typed is lost), and the decision PDF downloaded from
 * a decided case's page.
 * Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/workbench.e2e.test.ts
 */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
const ITEM_CODE = 'SC-CF-0126';

async function pickItem(page: Page, dialog: Locator): Promise<void> {
  const input = dialog.getByLabel('执法事项', { exact: true });
  await input.click();
  await input.fill(ITEM_CODE);
  const option = page
    .locator('.ant-select-dropdown:visible')
    .getByTitle(new RegExp(`^${ITEM_CODE} `))
    .first();
  await option.waitFor({ state: 'visible' });
  // closing the dropdown clears the search, which reloads the unfiltered list: wait for that request to finish
  const reloaded = page.waitForResponse((r) => /\/api\/v1\/items\?/.test(r.url()) && !r.url().includes('q='));
  await option.click();
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
  await reloaded;
}

describe('an officer’s first hour', () => {
  test('opens / as the README says, lands on 工作台 and follows a 待办 to its case', async () => {
    const page = await openPage(PHONE, true);
    await page.goto('/');
    await page.getByLabel('用户名').waitFor({ state: 'visible' });
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('用户名').fill('gz_officer1');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL((u) => u.pathname === '/workbench');
    const steps = page.getByTestId('tasks-steps');
    const first = steps.getByTestId('task-link').first();
    await first.waitFor({ state: 'visible' });
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'workbench-officer-phone');
    // no raw ids or codes in the entries
    expect(await steps.textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    const href = await first.getAttribute('href');
    expect(href).toMatch(/^\/cases\/[0-9a-f-]{36}$/);
    await first.click();
    await page.waitForURL((u) => u.pathname === href);
    await page.getByTestId('case-waiting-for').waitFor({ state: 'visible' });
    // the 待办 is the officer's to take: the page says so
    expect(await page.getByTestId('case-waiting-for').textContent()).toContain('由您办理');
    expect(jsErrors(page)).toEqual([]);
  });

  test('a session ended while 登记案源 is filled: the password is asked, the case is registered with the typed facts', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_officer1', DEMO_PASSWORD);
    await page.goto('/cases');
    await page.getByRole('button', { name: /登记案源/ }).click();
    const register = page.getByRole('dialog', { name: '登记案源' });
    await register.waitFor({ state: 'visible' });
    const party = `e2e 会话超时测试有限公司${Date.now().toString(36)}`;
    const facts = '现场检查发现当事人未建立进货查验记录，冷库内三批次冻品无法提供供货者许可证。';
    await pickItem(page, register);
    await register.getByLabel('法人或其他组织').check();
    await register.getByLabel('当事人名称', { exact: true }).fill(party);
    await register.getByLabel('违法事实', { exact: true }).fill(facts);

    // the session ends on the server (as after the idle timeout) while the officer types
    const ended = await page.context().request.post('/api/v1/auth/logout');
    expect(ended.status()).toBeLessThan(300);
    await register.getByRole('button', { name: /登\s*记/ }).click();
    const reauth = page.getByRole('dialog', { name: '登录已超时，请重新验证' });
    await reauth.waitFor({ state: 'visible' });
    // the form is still there underneath
    expect(await register.getByLabel('违法事实', { exact: true }).inputValue()).toBe(facts);
    await reauth.getByLabel('密码', { exact: true }).fill('wrong-password-1');
    await reauth.getByRole('button', { name: /验证并继续/ }).click();
    await reauth.getByTestId('reauth-error').waitFor({ state: 'visible' });
    await reauth.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await reauth.getByRole('button', { name: /验证并继续/ }).click();

    // registered with what was typed; the new case opens
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await expect.poll(() => page.getByTestId('case-party').textContent()).toContain(party);
    expect(await page.getByText(facts).count()).toBeGreaterThan(0);
    // the draft is gone once the server accepted it
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('zhifa.draft.')))).toEqual(
      [],
    );
    expect(jsErrors(page)).toEqual([]);
  });

  test('a closed 登记案源 keeps its draft on 工作台, without the identifiers', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_officer1', DEMO_PASSWORD);
    await page.goto('/cases');
    await page.getByRole('button', { name: /登记案源/ }).click();
    const register = page.getByRole('dialog', { name: '登记案源' });
    await register.waitFor({ state: 'visible' });
    await register.getByLabel('自然人').check();
    await register.getByLabel('当事人姓名', { exact: true }).fill('张某');
    await register.getByLabel('公民身份号码', { exact: true }).fill('11010519491231002X');
    await register.getByLabel('违法事实', { exact: true }).fill('草稿：现场检查记录尚未整理完毕。');
    await page.waitForTimeout(500); // the draft is saved 300 ms after the last keystroke
    await register.getByRole('button', { name: /取\s*消/ }).click();
    await register.waitFor({ state: 'hidden' });
    const stored = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith('zhifa.draft.'))
        .map(([, v]) => v),
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]).toContain('现场检查记录尚未整理完毕');
    expect(stored[0]).not.toContain('11010519491231002X');

    await page.goto('/workbench');
    const drafts = page.getByTestId('drafts');
    await drafts.getByRole('link', { name: '登记案源' }).click();
    const reopened = page.getByRole('dialog', { name: '登记案源' });
    await reopened.waitFor({ state: 'visible' });
    await expect
      .poll(() => reopened.getByLabel('违法事实', { exact: true }).inputValue())
      .toBe('草稿：现场检查记录尚未整理完毕。');
    expect(await reopened.getByLabel('当事人姓名', { exact: true }).inputValue()).toBe('张某');
    expect(await reopened.getByLabel('公民身份号码', { exact: true }).inputValue()).toBe('');
  });

  test('the decision PDF is downloaded from a decided case’s page', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_head', DEMO_PASSWORD);
    const decided = await apiGet<{ data: { id: string }[] }>(page, '/api/v1/cases?status=decided&pageSize=1');
    const id = decided.data[0]?.id;
    expect(id).toBeTruthy();
    await page.goto(`/cases/${id}`);
    const documents = page.getByRole('region', { name: '文书' });
    await documents.waitFor({ state: 'visible' });
    expect(await documents.textContent()).toContain('行政处罚决定书');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      documents.getByRole('link', { name: '下载行政处罚决定书' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^行政处罚决定书-.+\.pdf$/);
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(jsErrors(page)).toEqual([]);
  });
});
