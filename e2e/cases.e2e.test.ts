/**
 * Browser tests of the penalty-case pages (案件管理、案件详情、法制审核) against the real server with its demo data.
 * Run with: npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/cases.e2e.test.ts
 */
import { createHash } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from './server';
import {
  apiCall,
  apiGet,
  eligibleOfficers,
  expectState,
  login,
  openAction,
  openMenuPage,
  submitAction,
  toPriorNotice,
  uscc,
} from './console';
import { DESKTOP, PHONE, jsErrors, shot, startConsole } from './browser';

const ITEM_CODE = 'SC-CF-0126';

const { openPage } = startConsole();

/** A logged-in desktop page of a demo account. */
async function staff(username: string): Promise<Page> {
  const page = await openPage(DESKTOP);
  await login(page, username, DEMO_PASSWORD);
  return page;
}

/** Waits until no Select dropdown is open (leave animation included) so it cannot swallow the next click. */
async function dropdownsClosed(page: Page): Promise<void> {
  // No Escape as a fallback: with the dropdown already gone it would close the dialog itself.
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count(), { timeout: 5_000 }).toBe(0);
}

/** Opens an antd Select by its form label (inside `scope`) and picks the options titled `titles`. */
async function pick(
  page: Page,
  scope: Locator,
  label: string,
  titles: (string | RegExp)[],
  search?: string,
): Promise<void> {
  const input = scope.getByLabel(label, { exact: true });
  await input.click();
  if (search) await input.fill(search);
  for (const title of titles) {
    const option = page
      .locator('.ant-select-dropdown:visible')
      .getByTitle(title, typeof title === 'string' ? { exact: true } : undefined)
      .first();
    await option.waitFor({ state: 'visible' });
    await option.click();
  }
  if (titles.length > 1) await page.keyboard.press('Escape');
  await dropdownsClosed(page);
  // The choice is shown in the select (a click during the dropdown's opening motion could be lost).
  const id = await input.getAttribute('id');
  const select = scope.locator('.ant-select').filter({ has: page.locator(`[id="${id}"]`) });
  for (const title of titles) {
    await expect
      .poll(async () => {
        const text = (await select.textContent()) ?? '';
        return typeof title === 'string'
          ? text.includes(title)
          : new RegExp(title.source.replace(/^\^/, '')).test(text);
      })
      .toBe(true);
  }
}

/** The event types shown in the timeline, in order. */
const timelineTypes = (page: Page) =>
  page
    .getByRole('region', { name: '全过程记录' })
    .getByTestId('case-event')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));

interface CaseRow {
  id: string;
  number: string;
  partyName: string;
}

describe('zhifa case console', () => {
  test('a case goes from 案源登记 to 决定 through the console, and its page fits a phone', async () => {
    const officer = await staff('gz_officer1');
    const me = await apiGet<{ org: { id: string; name: string } }>(officer, '/api/v1/auth/me');
    expect(me.org.name).toBe('广州市市场监督管理局');
    const [first, second] = await eligibleOfficers(officer, me.org.id);
    expect(second).toBeDefined();
    if (!first || !second) return;

    // ── gz_officer1 registers a case against an organisation ──
    const party = `e2e 食品贸易有限公司${Date.now().toString(36)}`;
    const code = uscc();
    await openMenuPage(officer, '案件管理', '/cases');
    await officer.getByRole('button', { name: /登记案源/ }).click();
    const register = officer.getByRole('dialog', { name: '登记案源' });
    await register.waitFor({ state: 'visible' });
    await pick(officer, register, '执法事项', [new RegExp(`^${ITEM_CODE} `)], ITEM_CODE);
    await pick(officer, register, '案件来源', ['检查发现']);
    await register.getByLabel('法人或其他组织').check();
    await register.getByLabel('当事人名称', { exact: true }).fill(party);
    await register.getByLabel('统一社会信用代码', { exact: true }).fill(code);
    await register
      .getByLabel('违法事实', { exact: true })
      .fill('经现场检查，当事人未按规定建立进货查验记录，无法提供所售冷冻肉品的供货者许可证和检验合格证明。');
    await register.getByLabel('发生地点', { exact: true }).fill('广州市天河区某农贸市场');
    await register.getByRole('button', { name: /登\s*记/ }).click();
    await register.waitFor({ state: 'hidden' });

    // the new case opens, saying what it waits for and from whom
    await officer.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await expectState(officer, '案源登记');
    expect(await officer.getByTestId('case-waiting-for').textContent()).toContain('等待负责人：立案');
    const listed = await apiGet<{ data: CaseRow[] }>(officer, `/api/v1/cases?q=${encodeURIComponent(party)}`);
    const created = listed.data[0];
    expect(created?.partyName).toBe(party);
    if (!created) return;
    const casePath = `/cases/${created.id}`;
    expect(new URL(officer.url()).pathname).toBe(casePath);

    await openMenuPage(officer, '案件管理', '/cases');
    const table = officer.getByRole('table', { name: '案件列表' });
    const row = table.locator('tbody tr.ant-table-row').filter({ hasText: party });
    await row.waitFor({ state: 'visible' });
    expect(await row.textContent()).toContain('案源登记');
    expect(await row.textContent()).toContain(created.number);
    // the item in words and no officers yet
    expect(await row.textContent()).toContain('进货查验记录');
    expect(await row.textContent()).toContain('未指派');
    await shot(officer, 'cases-list');

    // ── gz_head files it and assigns two eligible officers ──
    const head = await staff('gz_head');
    await head.goto(casePath);
    await expectState(head, '案源登记');
    expect(await head.getByTestId('case-party').textContent()).toContain(code);
    await submitAction(await openAction(head, '立案'));
    await expectState(head, '立案');
    const assign = await openAction(head, '指派承办人员');
    await pick(head, assign, '承办人员', [new RegExp(`^${first.name}`), new RegExp(`^${second.name}`)]);
    await submitAction(assign);
    await expectState(head, '调查取证');
    await expect
      .poll(() => head.getByTestId('case-officers').textContent())
      .toMatch(new RegExp(`${first.name}|${second.name}`));
    expect(await head.getByTestId('case-officers').textContent()).toContain(second.name);

    // ── gz_officer1 uploads evidence and sees its SHA-256 ──
    await officer.goto(casePath);
    await expectState(officer, '调查取证');
    const evidence = Buffer.from(`e2e 现场检查照片 ${Date.now()}\n`, 'utf8');
    const sha256 = createHash('sha256').update(evidence).digest('hex');
    await officer
      .getByRole('region', { name: '可执行的操作' })
      .getByRole('button', { name: /^调查取证$/ })
      .click();
    const upload = officer.getByRole('dialog', { name: '调查取证：上传证据' });
    await upload.waitFor({ state: 'visible' });
    const fileInput = upload.locator('input[type=file]');
    expect(await fileInput.getAttribute('accept')).toBe('image/*,video/*,audio/*,application/pdf');
    expect(await fileInput.getAttribute('capture')).toBe('environment');
    expect(await fileInput.getAttribute('multiple')).not.toBeNull();
    await upload.getByLabel('证据说明').fill('现场检查照片');
    await fileInput.setInputFiles({ name: '现场照片.jpg', mimeType: 'image/jpeg', buffer: evidence });
    await upload.getByText('现场照片.jpg').waitFor({ state: 'visible' });
    await upload.getByRole('button', { name: /上\s*传/ }).click();
    await upload.getByTestId('evidence-result').waitFor({ state: 'visible' });
    expect(await upload.getByTestId('evidence-sha256').textContent()).toBe(sha256);
    await shot(officer, 'cases-evidence-uploaded');
    await upload.getByRole('button', { name: /完\s*成/ }).click();
    await upload.waitFor({ state: 'hidden' });
    const attachment = officer
      .getByRole('region', { name: '全过程记录' })
      .getByTestId('case-attachment')
      .filter({ hasText: '现场照片.jpg' });
    await attachment.waitFor({ state: 'visible' });
    // the file's SHA-256 is among the event's 技术信息, not in the line people read
    expect(await attachment.textContent()).not.toContain(sha256.slice(0, 12));
    const evidenceEvent = officer
      .getByRole('region', { name: '全过程记录' })
      .getByTestId('case-event')
      .filter({ has: officer.getByTestId('case-attachment').filter({ hasText: '现场照片.jpg' }) });
    await evidenceEvent.getByTestId('event-tech-toggle').click();
    expect(await evidenceEvent.getByTestId('event-tech').textContent()).toContain(sha256);
    await evidenceEvent.getByTestId('event-tech-toggle').click();
    expect(await attachment.getByRole('link').getAttribute('href')).toBe(
      `/api/v1/cases/${created.id}/evidence/${sha256}`,
    );

    // ── submits for review, then the prior notice of a 20,000 元 fine (一般) ──
    const review = await openAction(officer, '提交案件审查');
    await review.getByLabel('调查终结报告摘要').fill('事实清楚，证据确实充分。');
    await submitAction(review);
    await expectState(officer, '案件审查');
    const notify = await openAction(officer, '事先告知');
    await pick(officer, notify, '情节', ['一般']);
    await notify.getByLabel('罚款金额（元）', { exact: true }).fill('20000');
    await expect.poll(() => notify.getByTestId('benchmark-check').textContent()).toContain('在基准幅度内');
    expect(await notify.getByTestId('benchmark-range').textContent()).toMatch(/18,500–36,500 元/);
    await submitAction(notify);
    await expectState(officer, '事先告知');
    expect(await officer.getByTestId('case-intended').textContent()).toContain('20,000 元');

    // ── gz_head cannot decide yet: 作出决定 is shown disabled with the rule that refuses it ──
    await head.reload();
    await expectState(head, '事先告知');
    const blocked = head.getByTestId('blocked-action').filter({ hasText: '作出决定' });
    await blocked.waitFor({ state: 'visible' });
    expect(await blocked.getAttribute('data-code')).toBe('statement_period_open');
    expect(await blocked.textContent()).toContain('陈述申辩期');
    expect(await blocked.getByRole('button').isDisabled()).toBe(true);
    expect(
      await head
        .getByRole('region', { name: '可执行的操作' })
        .getByRole('button', { name: /作出决定/ })
        .count(),
    ).toBe(0);
    await shot(head, 'cases-decide-blocked');

    // ── gz_officer1 records that the party waives statement and hearing ──
    const statement = await openAction(officer, '记录陈述申辩');
    await statement.getByLabel('当事人放弃陈述、申辩').check();
    await statement.getByLabel('当事人放弃听证').check();
    await submitAction(statement);
    await expect.poll(() => timelineTypes(officer)).toContain('record_statement');

    // ── gz_head decides the same fine ──
    await head.reload();
    await expectState(head, '事先告知');
    const decide = await openAction(head, '作出决定');
    expect(await decide.getByLabel('罚款金额（元）', { exact: true }).inputValue()).toMatch(/^20,?000(\.00)?$/);
    await expect.poll(() => decide.getByTestId('benchmark-check').textContent()).toContain('在基准幅度内');
    await submitAction(decide);
    await expectState(head, '决定');
    const decision = head.getByTestId('case-decision');
    await expect.poll(() => decision.textContent()).toContain('20,000 元');
    expect(await decision.textContent()).toContain('在基准幅度内');
    expect(await decision.textContent()).toMatch(/第 \d+ 版/);

    // ── the record lists every step in order ──
    await expect
      .poll(() => timelineTypes(head))
      .toEqual(['register', 'file', 'assign', 'add_evidence', 'submit_review', 'notify', 'record_statement', 'decide']);
    const labels = await head.getByRole('region', { name: '全过程记录' }).getByTestId('case-event').allTextContents();
    const order = [
      '案源登记',
      '立案',
      '指派承办人员',
      '调查取证',
      '提交案件审查',
      '事先告知',
      '记录陈述申辩',
      '作出决定',
    ];
    expect(labels.map((l, i) => l.startsWith(order[i] ?? '\u0000'))).toEqual(order.map(() => true));
    // each step says in words that it is chained; the hash itself only behind 技术信息
    expect(labels.every((l) => l.includes('已链式存证') && !/[0-9a-f]{12}/.test(l))).toBe(true);
    const decideEvent = head.getByRole('region', { name: '全过程记录' }).getByTestId('case-event').last();
    const toggle = decideEvent.getByTestId('event-tech-toggle');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await decideEvent.getByTestId('event-hash').count()).toBe(0);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await toggle.textContent()).toBe('收起技术信息');
    const stored = await apiGet<{ data: { type: string; hash: string }[] }>(head, `/api/v1/cases/${created.id}/record`);
    expect(await decideEvent.getByTestId('event-hash').textContent()).toBe(stored.data.at(-1)?.hash);
    await toggle.click();
    expect(await decideEvent.getByTestId('event-hash').count()).toBe(0);
    await shot(head, 'cases-decided');

    // ── the case page fits a 390 px wide phone ──
    const phone = await openPage(PHONE, true);
    await login(phone, 'gz_officer1', DEMO_PASSWORD);
    await phone.goto(casePath);
    await expectState(phone, '决定');
    await expect
      .poll(() => phone.getByRole('region', { name: '全过程记录' }).getByTestId('case-event').count())
      .toBe(8);
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await shot(phone, 'cases-phone-detail');

    for (const p of [officer, head, phone]) expect(jsErrors(p)).toEqual([]);
  });

  test('gz_reviewer finds a notified case in 法制审核 and approves it; a decision outside the benchmark needs a reason', async () => {
    // Set-up through the API: a case flagged 案情复杂 (legal review required) at 事先告知.
    const officer = await staff('gz_officer1');
    const head = await staff('gz_head');
    const me = await apiGet<{ org: { id: string } }>(officer, '/api/v1/auth/me');
    const items = await apiGet<{ data: { id: string; baseCode: string }[] }>(
      officer,
      `/api/v1/items?type=penalty&q=${ITEM_CODE}`,
    );
    const item = items.data.find((i) => i.baseCode === ITEM_CODE);
    expect(item).toBeDefined();
    const [first, second] = await eligibleOfficers(officer, me.org.id);
    if (!item || !first || !second) return;
    const party = `e2e 复杂案件当事人${Date.now().toString(36)}`;
    const created = await apiCall<{ id: string; number: string }>(officer, 'POST', '/api/v1/cases', {
      orgId: me.org.id,
      itemId: item.id,
      source: 'complaint',
      party: { kind: 'organisation', name: party, uscc: uscc() },
      facts: '投诉反映当事人未建立进货查验记录，涉及多个供货者。',
      occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      reviewFlags: { complex: true },
    });
    await toPriorNotice(officer, head, created.id, [first.id, second.id]);

    // Without legal review the decision is not offered: it is shown disabled with the rule, and the case page says
    // it waits for the legal reviewer.
    await head.goto(`/cases/${created.id}`);
    await expectState(head, '事先告知');
    const blocked = head.getByTestId('blocked-action').filter({ hasText: '作出决定' });
    await blocked.waitFor({ state: 'visible' });
    expect(await blocked.getAttribute('data-code')).toBe('legal_review_required');
    expect(await blocked.textContent()).toContain('法制审核');
    expect(await head.getByTestId('case-waiting-for').textContent()).toContain('等待法制审核人员');

    // gz_reviewer: 法制审核 inbox → the case → 法制审核 (同意).
    const reviewer = await staff('gz_reviewer');
    await openMenuPage(reviewer, '法制审核', '/cases/review-inbox');
    const inbox = reviewer.getByRole('table', { name: '待审核案件' });
    const row = inbox.locator('tbody tr.ant-table-row').filter({ hasText: party });
    await row.waitFor({ state: 'visible' });
    await shot(reviewer, 'cases-review-inbox');
    await row.getByRole('link', { name: created.number }).click();
    await reviewer.waitForURL((u) => u.pathname === `/cases/${created.id}`);
    await expectState(reviewer, '事先告知');
    const review = await openAction(reviewer, '法制审核');
    await review.getByLabel('同意', { exact: true }).check();
    await review
      .getByLabel('审核意见书', { exact: true })
      .fill('执法主体合法，程序正当，事实清楚，适用依据正确，裁量适当。');
    await submitAction(review);
    await expectState(reviewer, '法制审核');
    expect(await reviewer.getByTestId('case-legal-review').textContent()).toBe('同意');

    // gz_head: a fine below the tier needs a written reason (the server's field error), then decides with one.
    await head.reload();
    await expectState(head, '法制审核');
    const decide = await openAction(head, '作出决定');
    const amount = decide.getByLabel('罚款金额（元）', { exact: true });
    await amount.fill('10000');
    await expect.poll(() => decide.getByTestId('benchmark-check').textContent()).toContain('超出基准');
    await decide.getByRole('button', { name: /提\s*交/ }).click();
    // The form asks for the reason before the request (the benchmark check said "outside").
    await decide.getByText('超出裁量基准的，须书面说明理由').waitFor({ state: 'visible' });
    await decide.getByLabel('偏离基准理由', { exact: true }).fill('当事人系初次违法且主动配合调查，及时改正。');
    await submitAction(decide);
    await expectState(head, '决定');
    await head.getByTestId('deviation-alert').waitFor({ state: 'visible' });
    expect(await head.getByTestId('case-decision').textContent()).toContain('偏离基准');
    await shot(head, 'cases-decided-deviation');
    await expect.poll(() => timelineTypes(head)).toContain('legal_review');

    for (const p of [officer, head, reviewer]) expect(jsErrors(p)).toEqual([]);
  });
  test('an officer decides on the spot by the simplified procedure; the head decides a recusal application', async () => {
    const officer = await staff('gz_officer1');
    const head = await staff('gz_head');
    const me = await apiGet<{ org: { id: string } }>(officer, '/api/v1/auth/me');
    const items = await apiGet<{ data: { id: string; baseCode: string }[] }>(
      officer,
      `/api/v1/items?type=penalty&q=${ITEM_CODE}`,
    );
    const item = items.data.find((i) => i.baseCode === ITEM_CODE);
    const [first, second] = await eligibleOfficers(officer, me.org.id);
    expect(item && first && second).toBeTruthy();
    if (!item || !first || !second) return;
    const register = (name: string) =>
      apiCall<{ id: string }>(officer, 'POST', '/api/v1/cases', {
        orgId: me.org.id,
        itemId: item.id,
        source: 'inspection',
        party: { kind: 'organisation', name, uscc: uscc() },
        facts: '现场检查发现进货查验记录不全。',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      });

    // ── 简易程序: ¥3,000.01 is refused (the organisation threshold is ¥3,000), ¥3,000 is decided and delivered ──
    const onSpot = await register(`e2e 当场处罚商行${Date.now().toString(36)}`);
    await officer.goto(`/cases/${onSpot.id}`);
    await expectState(officer, '案源登记');
    const simplified = await openAction(officer, '简易程序当场处罚');
    await pick(officer, simplified, '承办人员', [new RegExp(`^${first.name}`), new RegExp(`^${second.name}`)]);
    await pick(officer, simplified, '情节', ['减轻']);
    await simplified.getByLabel('罚款金额（元）', { exact: true }).fill('3000.01');
    await simplified.getByLabel('当事人陈述、申辩', { exact: true }).fill('当事人对违法事实无异议。');
    // within the 减轻 tier (0–5,000 元): the benchmark check agrees before the server is asked
    await expect.poll(() => simplified.getByTestId('benchmark-check').textContent()).toContain('在基准幅度内');
    await simplified.getByRole('button', { name: /提\s*交/ }).click();
    await simplified.getByTestId('action-error').waitFor({ state: 'visible' });
    expect(await simplified.getByTestId('action-error').getAttribute('data-code')).toBe('simplified_not_allowed');
    await simplified.getByLabel('罚款金额（元）', { exact: true }).fill('3000');
    await submitAction(simplified);
    await expectState(officer, '送达');
    await officer.getByTestId('case-procedure').waitFor({ state: 'visible' });
    await expect.poll(() => timelineTypes(officer)).toEqual(['register', 'simplified_decide']);
    await shot(officer, 'cases-simplified');

    // ── 回避: the party's application, recorded by the officer, granted by the head ──
    const recusal = await register(`e2e 回避申请公司${Date.now().toString(36)}`);
    await apiCall(head, 'POST', `/api/v1/cases/${recusal.id}/actions/file`, {});
    await officer.goto(`/cases/${recusal.id}`);
    await expectState(officer, '立案');
    const ask = await openAction(officer, '申请回避');
    await pick(officer, ask, '应回避的执法人员', [new RegExp(`^${first.name}`)]);
    await ask.getByLabel('回避理由', { exact: true }).fill('当事人称该执法人员系其亲属。');
    await submitAction(ask);
    await expect.poll(() => officer.getByTestId('case-recusals').textContent()).toContain('待决定');
    await head.goto(`/cases/${recusal.id}`);
    const decide = await openAction(head, '回避决定');
    await decide.getByLabel('决定理由', { exact: true }).fill('经核实属实，同意回避。');
    await submitAction(decide);
    await expect.poll(() => head.getByTestId('case-recusals').textContent()).toContain('已回避');
    await expect.poll(() => timelineTypes(head)).toEqual(['register', 'file', 'request_recusal', 'decide_recusal']);
    for (const p of [officer, head]) expect(jsErrors(p)).toEqual([]);
  });
});
