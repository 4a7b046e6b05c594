/**
 * Accessibility: axe-core (WCAG 2.1 A and AA rules) on every console page an officer and a department head work in,
 * on a dialog, and on every public page — no critical and no serious violation. One server, one browser, one login
 * per role. Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/a11y.e2e.test.ts
 */
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { expectAccessible, report } from './axe';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();

interface CaseRow {
  id: string;
  state: string;
}
interface CaseDetailJson {
  id: string;
  caseCode: string | null;
}

let officer: Page;
let head: Page;

beforeAll(async () => {
  officer = await openPage(DESKTOP);
  await login(officer, 'gz_officer1', DEMO_PASSWORD);
  head = await openPage(DESKTOP);
  await login(head, 'gz_head', DEMO_PASSWORD);
});

/** A case of the officer's org in this state (the demo data has every state). */
async function caseIn(page: Page, state: string): Promise<CaseDetailJson> {
  const list = await apiGet<{ data: CaseRow[] }>(page, `/api/v1/cases?status=${state}&pageSize=5`);
  const row = list.data[0];
  if (!row) throw new Error(`no demo case in state ${state}`);
  return apiGet<CaseDetailJson>(page, `/api/v1/cases/${row.id}`);
}

describe('axe (WCAG 2.1 AA): 0 critical, 0 serious', () => {
  test('/login', async () => {
    const page = await openPage(DESKTOP);
    await page.goto('/login');
    await page.getByLabel('用户名').waitFor();
    await expectAccessible(page, '/login');
    // the refusal message is part of the page too
    await page.getByLabel('用户名').fill('gz_officer2');
    await page.getByLabel('密码', { exact: true }).fill('Wrong#Pass99');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('login-error').waitFor();
    await expectAccessible(page, '/login (refused)');
  });

  test('工作台 (officer, department head)', async () => {
    await officer.goto('/');
    await officer.waitForURL((u) => u.pathname === '/workbench');
    await officer.getByTestId('tasks-steps').getByTestId('task-link').first().waitFor();
    await expectAccessible(officer, '工作台 (officer)');
    await head.goto('/workbench');
    await head.getByTestId('tasks-steps').getByTestId('task-link').first().waitFor();
    await expectAccessible(head, '工作台 (head)');
  });

  test('/cases', async () => {
    await officer.goto('/cases');
    await officer.getByRole('table').locator('tbody tr.ant-table-row').first().waitFor();
    await expectAccessible(officer, '/cases');
  });

  test('登记案源 (dialog open)', async () => {
    await officer.goto('/cases');
    await officer.getByRole('button', { name: /登记案源/ }).click();
    const dialog = officer.getByRole('dialog', { name: '登记案源' });
    await dialog.waitFor({ state: 'visible' });
    // wait for the opening motion to end: axe measures colours mid-fade otherwise
    await expect.poll(() => officer.locator('.ant-zoom-enter, .ant-zoom-appear').count()).toBe(0);
    await expectAccessible(officer, '登记案源');
    await officer.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  test('a case page (decided, with its record, documents and case code)', async () => {
    const decided = await caseIn(officer, 'decided');
    await officer.goto(`/cases/${decided.id}`);
    await officer.getByTestId('case-state').first().waitFor();
    const record = officer.getByRole('region', { name: '全过程记录' });
    await record.getByTestId('case-event').first().waitFor();
    await expectAccessible(officer, '/cases/:id (decided)');
    // with an event's 技术信息 open
    await record.getByTestId('event-tech-toggle').first().click();
    await record.getByTestId('event-hash').waitFor();
    await expectAccessible(officer, '/cases/:id (技术信息 open)');
  });

  test('a case page as the department head (pending filing, with its actions)', async () => {
    const registered = await caseIn(head, 'registered');
    await head.goto(`/cases/${registered.id}`);
    await head.getByRole('region', { name: '可执行的操作' }).waitFor();
    await expectAccessible(head, '/cases/:id (registered, head)');
  });

  test('/officers', async () => {
    await officer.goto('/officers');
    await officer.locator('tbody tr.ant-table-row').first().waitFor();
    await expectAccessible(officer, '/officers');
  });

  test('检查对象名录库: list, an entity page, the import dialog', async () => {
    await officer.goto('/entities');
    await officer.locator('tbody tr.ant-table-row').first().waitFor();
    await expectAccessible(officer, '/entities');
    await officer.getByRole('button', { name: /批量导入/ }).click();
    const dialog = officer.getByRole('dialog', { name: '批量导入检查对象' });
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => officer.locator('.ant-zoom-enter, .ant-zoom-appear').count()).toBe(0);
    await expectAccessible(officer, '批量导入检查对象');
    await officer.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    await officer.locator('tbody tr.ant-table-row').first().getByRole('link').first().click();
    await officer.waitForURL((u) => /^\/entities\/[0-9a-f-]{36}$/.test(u.pathname));
    await officer.getByRole('tab', { name: /处罚案件/ }).waitFor();
    await expectAccessible(officer, '/entities/:id');
  });

  test('/items', async () => {
    await officer.goto('/items');
    await officer.locator('tbody tr.ant-table-row').first().waitFor();
    await expectAccessible(officer, '/items');
  });

  test('/publicity (department head: publish and withdraw buttons)', async () => {
    await head.goto('/publicity');
    await head.locator('tbody tr.ant-table-row').first().waitFor();
    await expectAccessible(head, '/publicity');
  });

  test('a bad or unknown id in a console address shows the 404 page, never the server validation text', async () => {
    const paths = [
      '/cases/abc',
      '/officers/abc',
      '/items/abc',
      '/entities/abc',
      `/cases/${randomUUID()}`,
      '/no-such-page',
    ];
    for (const path of paths) {
      await officer.goto(path);
      await officer.getByTestId('not-found').waitFor();
      const text = (await officer.locator('#root').textContent()) ?? '';
      expect(text, path).toContain('页面不存在');
      expect(text, path).not.toMatch(/UUID|路径参数|必须是|[0-9a-f]{8}-[0-9a-f]{4}-/);
    }
    await officer.goto('/cases/abc');
    await officer.getByTestId('not-found').waitFor();
    await expectAccessible(officer, '/cases/abc (404)');
    await officer.getByRole('button', { name: '返回案件列表' }).click();
    await officer.waitForURL((u) => u.pathname === '/cases');
  });

  test('public pages: decisions list, case page (verified), certificate check, their 404s — desktop and phone', async () => {
    const decided = await caseIn(officer, 'decided');
    expect(decided.caseCode).toBeTruthy();
    const certs = await apiGet<{ data: { id: string; officerId: string; displayStatus: string }[] }>(
      officer,
      '/api/v1/certificates?status=valid&pageSize=20',
    );
    const listed = certs.data.find((c) => c.displayStatus === 'valid');
    if (!listed) throw new Error('no valid demo certificate');
    const holder = await apiGet<{ certificates: { id: string; publicUrl: string }[] }>(
      officer,
      `/api/v1/officers/${listed.officerId}`,
    );
    const cert = holder.certificates.find((c) => c.id === listed.id);
    expect(cert).toBeDefined();
    const pages: [string, string, () => Promise<unknown>][] = [];
    const pub = await openPage(PHONE, true);
    pages.push(['/public/decisions', '/public/decisions', () => pub.getByTestId('decision-row').first().waitFor()]);
    pages.push([
      '/v/<code>',
      `/v/${decided.caseCode}`,
      () => expect.poll(() => pub.locator('#verify').getAttribute('data-state'), { timeout: 15_000 }).toBe('verified'),
    ]);
    pages.push(['/public/certificates/<token>', new URL(cert?.publicUrl ?? '').pathname, async () => {}]);
    pages.push(['/v/<unknown>', '/v/unknowncode', async () => {}]);
    pages.push(['/public/certificates/<unknown>', '/public/certificates/nope', async () => {}]);
    pages.push(['/public', '/public', async () => {}]);
    pages.push(['/public/cases', '/public/cases', async () => {}]);
    pages.push(['/public/cases (refused code)', '/public/cases?code=%3F%3F', async () => {}]);
    pages.push(['/public/certificates', '/public/certificates', async () => {}]);
    pages.push(['/public/<unknown>', '/public/nope', async () => {}]);
    for (const [name, path, ready] of pages) {
      await pub.goto(path);
      await ready();
      await expectAccessible(pub, `${name} (phone)`);
    }
    const desk = await openPage(DESKTOP);
    for (const [name, path, ready] of pages.slice(0, 3)) {
      await desk.goto(path);
      if (name === '/public/decisions') await desk.getByTestId('decision-row').first().waitFor();
      else if (name === '/v/<code>')
        await expect
          .poll(() => desk.locator('#verify').getAttribute('data-state'), { timeout: 15_000 })
          .toBe('verified');
      else await ready();
      await expectAccessible(desk, `${name} (desktop)`);
    }
    expect(jsErrors(pub)).toEqual([]);
  });

  test('public frame: header and footer on a phone, links between the services, case code entry, 404, robots, favicon', async () => {
    const decided = await caseIn(officer, 'decided');
    const pub = await openPage(PHONE, true);
    await pub.goto('/public/decisions');
    const header = pub.getByRole('banner');
    expect(await header.textContent()).toContain('行政执法信息公示平台');
    expect(await header.textContent()).toContain('广东省司法厅 发布');
    const footer = pub.getByRole('contentinfo');
    expect(await footer.textContent()).toContain('主办单位：广东省司法厅');
    expect(await footer.textContent()).toContain('联系方式：12345 政务服务便民热线');
    const nav = pub.getByRole('navigation', { name: '公开服务' });
    expect(await nav.getByRole('link', { name: '执法决定公示' }).getAttribute('aria-current')).toBe('page');
    expect(await scrollWidth(pub)).toBeLessThanOrEqual(PHONE.width);
    // 案件码核验: a pasted QR address lands on the case page, which links back to the list
    await nav.getByRole('link', { name: '案件码核验' }).click();
    await pub.waitForURL((u) => u.pathname === '/public/cases');
    await pub.getByLabel('案件码').fill(`https://example.gov.cn/v/${decided.caseCode}`);
    await pub.getByRole('button', { name: '查询' }).click();
    await pub.waitForURL((u) => u.pathname === `/v/${decided.caseCode}`);
    await expect.poll(() => pub.locator('#verify').getAttribute('data-state'), { timeout: 15_000 }).toBe('verified');
    // plain words on the page; the key id, root hash and case code only inside the folded 技术信息
    const details = pub.locator('details#verify-tech');
    expect(await details.getAttribute('open')).toBeNull();
    const key = await apiGet<{ keyId: string }>(pub, '/api/v1/transparency/public-key');
    expect(await details.textContent()).toContain(key.keyId);
    expect(await pub.locator('#verify-detail').textContent()).toMatch(
      /条办案记录，与平台公开登记并签名确认的记录完全一致.*当事人、处罚决定和每一步的办理时间/,
    );
    expect(await pub.locator('#verify-detail').textContent()).not.toContain(key.keyId);
    await details.locator('summary').click();
    await expect.poll(() => details.getAttribute('open')).toBe('');
    await shot(pub, 'public-case-tech-open');
    await pub.getByRole('link', { name: '查看全部公示的行政执法决定' }).click();
    await pub.waitForURL((u) => u.pathname === '/public/decisions');
    // an unknown public address: the public 404 page, not the staff login
    const missing = await pub.goto('/public/no-such-page');
    expect(missing?.status()).toBe(404);
    expect(pub.url()).toContain('/public/no-such-page');
    expect(await pub.getByRole('heading', { level: 1 }).textContent()).toBe('页面不存在');
    expect(await pub.getByRole('banner').count()).toBe(1);
    await shot(pub, 'public-404');
    const robots = await pub.request.get('/robots.txt');
    expect(robots.headers()['content-type']).toBe('text/plain; charset=utf-8');
    expect(await robots.text()).toContain('Disallow: /api/');
    const ico = await pub.request.get('/favicon.ico');
    expect(ico.headers()['content-type']).toBe('image/x-icon');
    const svg = await pub.request.get('/favicon.svg');
    expect(svg.headers()['content-type']).toBe('image/svg+xml');
    expect(jsErrors(pub)).toEqual([]);
  });

  test('no page error on the way, and the summary', async () => {
    for (const p of [officer, head]) expect(jsErrors(p)).toEqual([]);
    console.log(
      `axe summary (violating nodes by impact):\n${[...report]
        .map(([name, c]) => `  ${name}: critical ${c.critical}, serious ${c.serious}, moderate ${c.moderate}`)
        .join('\n')}`,
    );
  });
});
