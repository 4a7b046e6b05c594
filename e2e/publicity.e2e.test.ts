/**
 * Browser tests of 一案一码 and 公示 against the real server on PostgreSQL (a fresh database per run, so that the test
 * can tamper with a record event as superuser and see the public page's in-browser verification fail).
 * Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/publicity.e2e.test.ts
 */
import { randomBytes } from 'node:crypto';
import jsQR from 'jsqr';
import pg from 'pg';
import { PNG } from 'pngjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DESKTOP, PHONE, jsErrors, scrollWidth, shot, startConsole } from './browser';
import { DEMO_PASSWORD } from './server';
import {
  apiCall,
  apiGet,
  eligibleOfficers,
  expectState,
  login,
  openAction,
  openMenuPage,
  spaced,
  toPriorNotice,
  uscc,
} from './console';

const ITEM_CODE = 'SC-CF-0126';

// ── a fresh PostgreSQL database for this file (created before the server starts, dropped after it stopped) ──
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DB_NAME = `zhifa_e2e_pub_${randomBytes(5).toString('hex')}`;
const DB_URL = (() => {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();

async function withAdmin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  await withAdmin((c) => c.query(`create database ${DB_NAME}`));
});

// Registered before startConsole's hooks: after-hooks run in reverse order, so the server has stopped by then.
afterAll(async () => {
  await withAdmin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
});

const { openPage } = startConsole({ env: { DATABASE_URL: DB_URL, ZHIFA_PUBLIC_CACHE_SECONDS: '0' } });

async function staff(username: string, viewport = DESKTOP): Promise<Page> {
  const page = await openPage(viewport, viewport === PHONE);
  await login(page, username, DEMO_PASSWORD);
  return page;
}

/** The QR code drawn as a PNG data URL, decoded. */
function decodeQr(dataUrl: string): string | null {
  const match = /^data:image\/png;base64,(.+)$/.exec(dataUrl);
  if (!match?.[1]) return null;
  const png = PNG.sync.read(Buffer.from(match[1], 'base64'));
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null;
}

const verifyState = (page: Page) => page.locator('#verify').getAttribute('data-state');

async function expectVerify(page: Page, state: 'verified' | 'failed'): Promise<void> {
  await expect.poll(() => verifyState(page), { timeout: 15_000 }).toBe(state);
}

const stepLabels = (page: Page) => page.getByTestId('public-steps').locator('li > span:first-child').allTextContents();

interface CaseDetailJson {
  id: string;
  number: string;
  caseCode: string | null;
  publicUrl: string | null;
}

describe('一案一码 and 公示', () => {
  test('a decision gets its case code and verified public page, is published from 公示管理, and a tampered record fails verification', async () => {
    const officer = await staff('gz_officer1');
    const head = await staff('gz_head');
    const me = await apiGet<{ org: { id: string } }>(officer, '/api/v1/auth/me');
    const items = await apiGet<{ data: { id: string; baseCode: string }[] }>(
      officer,
      `/api/v1/items?type=penalty&q=${ITEM_CODE}`,
    );
    const item = items.data.find((i) => i.baseCode === ITEM_CODE);
    const [first, second] = await eligibleOfficers(officer, me.org.id);
    expect(item).toBeDefined();
    expect(second).toBeDefined();
    if (!item || !first || !second) return;

    // ── gz_officer1 registers a case against an organisation and takes it to 事先告知 (the party waives) ──
    const suffix = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const party = `e2e 公示检验商贸有限公司${suffix}`;
    const created = await apiCall<CaseDetailJson>(officer, 'POST', '/api/v1/cases', {
      orgId: me.org.id,
      itemId: item.id,
      source: 'inspection',
      party: { kind: 'organisation', name: party, uscc: uscc() },
      facts: '经现场检查，当事人未按规定建立进货查验记录。',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
    });
    expect(created.caseCode).toBeNull();
    await toPriorNotice(officer, head, created.id, [first.id, second.id]);

    // ── gz_head decides in the console; the case page shows 一案一码 ──
    await head.goto(`/cases/${created.id}`);
    await expectState(head, '事先告知');
    const codeSection = head.getByRole('region', { name: '一案一码' });
    expect(await codeSection.count()).toBe(0);
    const decide = await openAction(head, '作出决定');
    await expect.poll(() => decide.getByTestId('benchmark-check').textContent()).toContain('在基准幅度内');
    await decide.getByRole('button', { name: spaced('提交') }).click();
    await decide.waitFor({ state: 'hidden' });
    await expectState(head, '决定');
    await codeSection.waitFor({ state: 'visible' });

    const decided = await apiGet<CaseDetailJson>(head, `/api/v1/cases/${created.id}`);
    expect(decided.caseCode).toBeTruthy();
    expect(decided.publicUrl).toMatch(new RegExp(`/v/${decided.caseCode}$`));
    if (!decided.caseCode || !decided.publicUrl) return;
    expect(await codeSection.getByTestId('case-code').textContent()).toBe(decided.caseCode);
    const qr = codeSection.getByRole('img', { name: '一案一码二维码' });
    await qr.waitFor({ state: 'visible' });
    expect(decodeQr((await qr.getAttribute('src')) ?? '')).toBe(decided.publicUrl);
    const link = codeSection.getByRole('link', { name: '打开公开页面' });
    expect(await link.getAttribute('data-testid')).toBe('public-link');
    expect(await link.getAttribute('target')).toBe('_blank');
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toBe(decided.publicUrl);
    // PUBLIC_BASE_URL is not set in the test: the link names localhost and the server's port; open its path here.
    const publicPath = new URL(href).pathname;
    expect(publicPath).toBe(`/v/${decided.caseCode}`);
    await shot(head, 'publicity-case-code');

    // ── the public page on a phone: the steps, the party and the penalty, verified in the browser ──
    const pub = await openPage(PHONE, true);
    const res = await pub.goto(publicPath);
    expect(res?.status()).toBe(200);
    await expectVerify(pub, 'verified');
    expect(await pub.locator('#verify').textContent()).toContain('已验证');
    const steps = await stepLabels(pub);
    expect(steps[0]).toBe('案源登记');
    expect(steps.at(-1)).toBe('作出决定');
    expect(steps.indexOf('立案')).toBeGreaterThan(0);
    expect(steps.indexOf('事先告知')).toBeGreaterThan(steps.indexOf('立案'));
    expect(await pub.getByTestId('public-party').textContent()).toContain(party);
    expect(await pub.getByTestId('public-penalty').textContent()).toContain('20,000.00 元');
    expect(await pub.getByTestId('public-benchmark').textContent()).toContain('裁量基准');
    expect(await scrollWidth(pub)).toBeLessThanOrEqual(PHONE.width);
    await shot(pub, 'publicity-public-verified');

    // ── gz_head publishes it from 公示管理 ──
    await openMenuPage(head, '公示管理', '/publicity');
    const search = head.getByRole('search', { name: '公示查询' });
    await search.getByLabel('关键词').fill(party);
    await search.getByRole('button', { name: /查\s*询/ }).click();
    const table = head.getByRole('table', { name: '公示列表' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: party });
    await row.waitFor({ state: 'visible' });
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count()).toBe(1);
    expect(await row.getByTestId('publicity-status').textContent()).toBe('待公示');
    expect(await row.getByRole('link', { name: decided.number }).getAttribute('href')).toBe(`/cases/${created.id}`);
    expect(await row.getByRole('link', { name: '公开页面' }).getAttribute('href')).toBe(decided.publicUrl);
    await row.getByRole('button', { name: spaced('公示') }).click();
    const confirm = head.getByRole('dialog', { name: '公示决定' });
    await confirm.waitFor({ state: 'visible' });
    expect(await confirm.textContent()).toContain(decided.number);
    await confirm.getByRole('button', { name: spaced('公示') }).click();
    await confirm.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('publicity-status').textContent()).toBe('已公示');
    expect(await row.textContent()).not.toContain('逾期公示');
    await shot(head, 'publicity-list-published');

    // ── 撤回: a revocation time before the decision is refused by the server, shown under the field ──
    await row.getByRole('button', { name: spaced('撤回') }).click();
    const withdraw = head.getByRole('dialog', { name: '撤回公示' });
    await withdraw.waitFor({ state: 'visible' });
    await withdraw.getByLabel('更正', { exact: true }).check();
    const revokedAt = withdraw.getByLabel('撤销或更正时间', { exact: true });
    await revokedAt.click();
    await revokedAt.fill('2020-01-02 10:00');
    await revokedAt.press('Enter');
    await expect.poll(() => head.locator('.ant-picker-dropdown:visible').count(), { timeout: 5_000 }).toBe(0);
    expect(await revokedAt.inputValue()).toBe('2020-01-02 10:00');
    await withdraw.getByLabel('说明', { exact: true }).fill('e2e：检验撤回时间的校验');
    await withdraw.getByRole('button', { name: spaced('撤回公示') }).click();
    const fieldError = withdraw.getByText('撤销或更正决定的时间不能早于原决定');
    await fieldError.waitFor({ state: 'visible' });
    await shot(head, 'publicity-withdraw-refused');
    await withdraw.getByRole('button', { name: spaced('取消') }).click();
    await withdraw.waitFor({ state: 'hidden' });
    expect(await row.getByTestId('publicity-status').textContent()).toBe('已公示');

    // ── the public list finds it by the party's organisation name ──
    await pub.goto('/public/decisions');
    await pub.getByLabel('当事人（单位名称）').fill(party);
    // the date fields stay empty: the form sends from= and to= blank, which means "any date"
    await pub.getByRole('button', { name: '查询' }).click();
    await pub.waitForURL((u) => u.pathname === '/public/decisions' && u.searchParams.get('party') === party);
    const cards = pub.getByTestId('decision-row');
    await expect.poll(() => cards.count()).toBe(1);
    expect(await cards.first().textContent()).toContain(decided.number);
    expect(await cards.first().textContent()).toContain(party);
    expect(await cards.first().getByRole('link', { name: decided.number }).getAttribute('href')).toBe(publicPath);
    expect(await scrollWidth(pub)).toBeLessThanOrEqual(PHONE.width);
    await shot(pub, 'publicity-public-decisions');

    // ── the case page now lists 公示 as a step, still verified ──
    await pub.goto(publicPath);
    await expectVerify(pub, 'verified');
    expect((await stepLabels(pub)).at(-1)).toBe('公示');

    // ── a superuser alters the decision's amount in the database: the page fails verification ──
    const db = new pg.Client({ connectionString: DB_URL });
    await db.connect();
    try {
      const before = await db.query<{ amount: string }>(
        "select payload->>'amountFen' as amount from case_events where case_id = $1 and type = 'decide'",
        [created.id],
      );
      expect(before.rows).toEqual([{ amount: '2000000' }]);
      await db.query('begin');
      await db.query('set local session_replication_role = replica');
      const updated = await db.query(
        "update case_events set payload = jsonb_set(payload, '{amountFen}', '1') where case_id = $1 and type = 'decide'",
        [created.id],
      );
      await db.query('commit');
      expect(updated.rowCount).toBe(1);
    } catch (err) {
      await db.query('rollback').catch(() => {});
      throw err;
    } finally {
      await db.end();
    }
    await pub.reload();
    await expectVerify(pub, 'failed');
    expect(await pub.locator('#verify').textContent()).toContain('验证失败');
    // The page shows what is stored now (the altered amount), which is what the check refuses.
    expect(await pub.getByTestId('public-penalty').textContent()).toContain('0.01 元');
    expect(await scrollWidth(pub)).toBeLessThanOrEqual(PHONE.width);
    await shot(pub, 'publicity-public-tampered');

    // ── an unknown case code answers the 404 page ──
    const unknown = await pub.goto('/v/unknowncode');
    expect(unknown?.status()).toBe(404);
    expect(await pub.getByTestId('public-status').textContent()).toContain('未找到该案件码');

    for (const p of [officer, head]) expect(jsErrors(p)).toEqual([]);
  });

  test('公示管理 fits a phone, and a supervisor sees the decisions past their publish-by date in 公示监督', async () => {
    // The deciding org's department head on a phone: cards instead of a table, nothing wider than the screen.
    const phone = await staff('gz_head', PHONE);
    await phone.goto('/publicity');
    const cards = phone.getByRole('region', { name: '公示列表' }).locator('.zf-card-list > li');
    await expect.poll(() => cards.count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'publicity-phone-list');

    const supervisor = await staff('gz_sfj_supervisor');
    const overdue = await apiGet<{ data: { number: string; publishBy: string }[]; total: number; today: string }>(
      supervisor,
      '/api/v1/publicity/overdue?pageSize=100',
    );
    // The demo data leaves some decisions unpublished long after their publish-by date.
    expect(overdue.total).toBeGreaterThan(0);
    const oldest = overdue.data[0];
    if (!oldest) return;
    await openMenuPage(supervisor, '公示监督', '/publicity/overdue');
    const table = supervisor.getByRole('table', { name: '逾期未公示决定' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: oldest.number });
    await row.waitFor({ state: 'visible' });
    const days = Math.round((Date.parse(overdue.today) - Date.parse(oldest.publishBy)) / 86_400_000);
    expect(days).toBeGreaterThan(0);
    expect(await row.getByTestId('overdue-days').textContent()).toBe(`逾期 ${days} 日`);
    await shot(supervisor, 'publicity-overdue');

    for (const p of [phone, supervisor]) expect(jsErrors(p)).toEqual([]);
  });
});
