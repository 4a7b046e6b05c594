/**
 * Browser test of 双随机、一公开: a department head of 广州市市场监督管理局 publishes a plan, creates a task and runs
 * the draw ceremony on the draw screen (commitment with its hashes, public seed confirmed, result per risk class),
 * and 重新验算 in the browser says 一致; an officer records a target's result on a phone (drawn inspectors
 * preselected, 公示期限 shown). Every page and dialog passes axe. The plan is made through the API so that the test
 * does not depend on the demo's own inspection data. Run with:
 * npm run build && npx vitest run --config vitest.e2e.config.ts e2e/inspections.e2e.test.ts
 */
import { describe, expect, test } from 'vitest';
import { expectAccessible } from './axe';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { apiCall, apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();
const YEAR = Number(new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(new Date()));
const PLAN_NAME = `${YEAR} 年度食品经营者监督检查抽查计划（浏览器测试）`;
let taskId = '';

describe('双随机、一公开', () => {
  test('the department head publishes a plan, creates a task and draws it in the ceremony; 重新验算 says 一致', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_head', DEMO_PASSWORD);

    await page.goto('/inspections/plans');
    await page.getByRole('heading', { name: '抽查计划' }).waitFor();
    await expectAccessible(page, '/inspections/plans');
    await page.getByRole('button', { name: '制定抽查计划' }).click();
    const planDialog = page.getByRole('dialog', { name: '制定抽查计划' });
    await planDialog.waitFor();
    await planDialog.getByLabel('计划名称').waitFor();
    await expectAccessible(page, '制定抽查计划');
    await planDialog.getByRole('button', { name: /取\s*消/ }).click();
    await planDialog.waitFor({ state: 'hidden' });

    const me = await apiGet<{ org: { id: string } }>(page, '/api/v1/auth/me');
    const items = await apiGet<{ data: { id: string }[] }>(page, '/api/v1/items?type=inspection&q=SC-JC-0110');
    const item = items.data[0];
    if (!item) throw new Error('no demo inspection item SC-JC-0110');
    const plan = await apiCall<{ id: string }>(page, 'POST', '/api/v1/inspection-plans', {
      year: YEAR,
      name: PLAN_NAME,
      orgIds: [me.org.id],
      itemIds: [item.id],
      targetFilter: { regionCodes: ['440100'], sectors: [], kinds: [] },
      ratios: { A: 0.05, B: 0.1, C: 0.2, D: 0.5 },
      inspectorsPerTarget: 2,
      from: `${YEAR}-01-01`,
      to: `${YEAR}-12-31`,
    });

    await page.goto(`/inspections/plans/${plan.id}`);
    await page.getByRole('heading', { name: PLAN_NAME }).waitFor();
    expect(await page.locator('main').textContent()).toContain('B 级（较低风险） 10%');
    await expectAccessible(page, '/inspections/plans/:id');
    await page.getByRole('button', { name: '公布计划' }).click();
    await page
      .getByRole('dialog', { name: '公布抽查计划' })
      .getByRole('button', { name: /公\s*布/ })
      .click();
    await page.getByText('已公布', { exact: true }).first().waitFor();

    await page.getByRole('button', { name: '创建抽查任务' }).click();
    const taskDialog = page.getByRole('dialog', { name: '创建抽查任务' });
    await taskDialog.waitFor();
    await expectAccessible(page, '创建抽查任务');
    await taskDialog.getByLabel('任务名称').fill('第一批次抽查');
    await taskDialog.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/inspections\/tasks\/[0-9a-f-]{36}$/);
    taskId = new URL(page.url()).pathname.split('/').pop() ?? '';
    await page.getByRole('heading', { name: '第一批次抽查' }).waitFor();
    await expectAccessible(page, '/inspections/tasks/:id (draft)');

    // the ceremony
    await page.getByRole('button', { name: '抽取现场' }).click();
    await page.waitForURL(`**/inspections/tasks/${taskId}/draw`);
    await page.getByRole('button', { name: '冻结名录并承诺' }).click();
    await page
      .getByRole('dialog', { name: '冻结名录并承诺种子' })
      .getByRole('button', { name: /冻结并承诺/ })
      .click();
    const commitment = page.getByTestId('seed-commitment');
    await commitment.waitFor();
    expect(await commitment.textContent()).toMatch(/^[0-9a-f]{64}/);
    expect(await page.getByTestId('population-hash').textContent()).toMatch(/^[0-9a-f]{64}/);
    expect(await page.getByTestId('pool-hash').textContent()).toMatch(/^[0-9a-f]{64}/);
    expect(Number(await page.getByTestId('population-size').textContent())).toBeGreaterThan(0);
    expect(Number(await page.getByTestId('pool-size').textContent())).toBeGreaterThanOrEqual(2);
    await expectAccessible(page, '/inspections/tasks/:id/draw (committed)');
    await shot(page, 'inspections-draw-committed');

    await page.getByLabel('公开种子').fill(' 3 1 4 1 5 9 ');
    await page.getByRole('button', { name: '公开抽取' }).click();
    const confirm = page.getByRole('dialog', { name: '确认公开种子' });
    await confirm.waitFor();
    expect(await confirm.getByTestId('seed-confirm').textContent()).toBe('3 1 4 1 5 9');
    await expectAccessible(page, '确认公开种子');
    await confirm.getByRole('button', { name: /确认并抽取/ }).click();
    await page.getByTestId('server-seed').waitFor();
    expect(await page.getByTestId('public-seed').textContent()).toContain('3 1 4 1 5 9');
    await expect.poll(() => page.getByTestId('drawn-target').count()).toBeGreaterThan(0);

    await page.getByRole('button', { name: '重新验算' }).click();
    await expect.poll(() => page.getByTestId('verify-result').textContent(), { timeout: 20_000 }).toContain('一致');
    expect(await page.getByTestId('verify-result').textContent()).not.toContain('不一致');
    await expectAccessible(page, '/inspections/tasks/:id/draw (drawn)');
    await shot(page, 'inspections-draw-drawn');
    // hashes are the public proof; ids and codes are never prose
    expect(await page.locator('main').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|on_site|no_issue|committed/);
    expect(jsErrors(page)).toEqual([]);
  });

  test('an officer records a drawn target’s result on a phone', async () => {
    if (!taskId) throw new Error('the draw test did not run');
    const page = await openPage(PHONE);
    await login(page, 'gz_officer1', DEMO_PASSWORD);
    await page.goto('/inspections/tasks');
    await page.getByLabel('抽查任务列表').getByText('第一批次抽查').first().waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '/inspections/tasks (phone)');

    await page.goto(`/inspections/tasks/${taskId}`);
    const list = page.getByLabel('抽中的检查对象');
    await list.waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '/inspections/tasks/:id (phone)');
    await list
      .getByRole('button', { name: /^录入结果：/ })
      .first()
      .click();
    await page.waitForURL(/\/targets\/[0-9a-f-]{36}$/);
    const form = page.getByRole('form', { name: '录入检查结果' });
    await form.waitFor();
    // the drawn inspectors are preselected
    const drawn = form.getByRole('checkbox');
    expect(await drawn.count()).toBeGreaterThanOrEqual(2);
    for (const box of await drawn.all()) expect(await box.isChecked()).toBe(true);
    await form.getByText('书面检查').click();
    await form.getByText('未发现问题', { exact: true }).click();
    await form.getByLabel('检查情况').fill('查验进货查验记录和许可证，未发现问题。');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '结果录入 (phone)');
    await shot(page, 'inspections-result-phone');
    await form.getByRole('button', { name: '保存检查结果' }).click();
    await page.waitForURL(`**/inspections/tasks/${taskId}`);
    await expect.poll(() => list.textContent()).toContain('未发现问题');
    expect(await list.textContent()).toMatch(/应于 \d{4}-\d{2}-\d{2} 前公示/);
    expect(await page.locator('main').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|no_issue|desk/);
    expect(jsErrors(page)).toEqual([]);
  });

  test('the public pages: plans and tasks without an account; the task page re-runs the draw in the browser (一致)', async () => {
    if (!taskId) throw new Error('the draw test did not run');
    const page = await openPage(PHONE);
    await page.goto('/public/inspections');
    await page.getByRole('heading', { name: '双随机、一公开', level: 1 }).waitFor();
    expect(
      await page
        .getByRole('navigation', { name: '公开服务' })
        .getByRole('link', { name: '双随机、一公开' })
        .getAttribute('aria-current'),
    ).toBe('page');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '/public/inspections');
    await page.getByRole('heading', { name: PLAN_NAME }).waitFor();
    await page.locator(`a[href="/public/inspections/tasks/${taskId}"]`).click();
    await page.waitForURL(`**/public/inspections/tasks/${taskId}`);
    expect(await page.getByTestId('seed-commitment').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('public-seed').textContent()).toBe('3 1 4 1 5 9');
    await expect.poll(() => page.getByTestId('redraw-status').textContent(), { timeout: 20_000 }).toBe('一致');
    expect(await page.getByTestId('public-targets').locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(PHONE.width);
    await expectAccessible(page, '/public/inspections/tasks/:id');
    await shot(page, 'inspections-public-task');
    expect(jsErrors(page)).toEqual([]);
  });

  test('整改复查 and 逾期未公示结果: the demo’s open follow-up listed, its entry linked; both pages pass axe', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_head', DEMO_PASSWORD);
    await page.goto('/inspections/follow-ups');
    await page.getByRole('heading', { name: '整改复查' }).waitFor();
    const list = page.getByLabel('整改复查', { exact: true }).last();
    await expect.poll(() => list.textContent()).toContain('待复查');
    expect(await list.textContent()).toContain('第一批次联合抽查');
    await expectAccessible(page, '/inspections/follow-ups');
    await page.goto('/inspections/late-results');
    await page.getByRole('heading', { name: '逾期未公示的抽查结果' }).waitFor();
    await expectAccessible(page, '/inspections/late-results');
    expect(await page.locator('main').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|open|done/);
    expect(jsErrors(page)).toEqual([]);
  });
});
