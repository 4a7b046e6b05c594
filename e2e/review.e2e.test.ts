/**
 * Browser test of 案卷评查: 广州市司法局's supervisor opens the campaigns (the demo one drawn), the create dialog,
 * then a new campaign's page where the population is frozen and the sample drawn with a public seed; a reviewer of
 * 天河区司法局 opens one of their sheets, reads the pre-fills linked to the case record and submits a score. Every
 * page and the dialog pass axe. Run with:
 * npx vite build && npx vitest run --config vitest.e2e.config.ts e2e/review.e2e.test.ts
 */
import { describe, expect, test } from 'vitest';
import type { Campaign, RubricSummary, SheetListItem } from '../common/contracts/review.contract';
import { expectAccessible } from './axe';
import { DESKTOP, jsErrors, shot, startConsole } from './browser';
import { apiCall, apiGet, login } from './console';
import { DEMO_PASSWORD } from './server';

const { openPage } = startConsole();

describe('案卷评查', () => {
  test('the city supervisor draws a campaign’s sample with a public seed', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'gz_sfj_supervisor', DEMO_PASSWORD);
    await page.goto('/reviews/campaigns');
    const table = page.getByRole('table', { name: '案卷评查活动列表' });
    await table.locator('tbody tr.ant-table-row', { hasText: '行政处罚案卷评查（演示）' }).waitFor();
    await expectAccessible(page, '/reviews/campaigns');
    await shot(page, 'review-campaigns');

    await page.getByRole('button', { name: '组织案卷评查' }).click();
    const dialog = page.getByRole('dialog', { name: '组织案卷评查' });
    await dialog.waitFor();
    await dialog.getByLabel('评查活动名称').waitFor();
    await expectAccessible(page, '组织案卷评查');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    await dialog.waitFor({ state: 'hidden' });

    // a campaign through the API (the dialog's selects are exercised by their own tests), drawn on its page
    const orgs = await apiGet<{ data: { id: string; name: string }[] }>(page, '/api/v1/orgs?pageSize=200');
    const rubrics = await apiGet<{ data: RubricSummary[] }>(page, '/api/v1/reviews/rubrics');
    const reviewers = await apiGet<{ data: { id: string }[] }>(page, '/api/v1/reviews/reviewer-candidates');
    const created = await apiCall<Campaign>(page, 'POST', '/api/v1/reviews/campaigns', {
      year: 2026,
      name: '浏览器测试案卷评查',
      orgIds: orgs.data.filter((o) => o.name === '广州市天河区市场监督管理局').map((o) => o.id),
      sample: { perOrg: 1 },
      caseFilter: { kinds: ['penalty'], closedFrom: '2020-01-01', closedTo: '2099-12-31' },
      rubricId: rubrics.data[0]?.id,
      reviewerIds: reviewers.data.map((r) => r.id),
    });
    await page.goto(`/reviews/campaigns/${created.id}`);
    await page.getByRole('heading', { name: '浏览器测试案卷评查' }).waitFor();
    await page.getByRole('button', { name: '冻结名录并承诺种子' }).click();
    await page.getByText('案卷名录摘要').waitFor();
    await page.getByLabel('公开种子').fill('6 2 8 3 1');
    await page.getByRole('button', { name: /抽\s*取/ }).click();
    await page.getByText('抽取的案卷（1 宗）').waitFor();
    expect(await page.getByText('评查人 1：').count()).toBe(1);
    await expectAccessible(page, '/reviews/campaigns/:id');
    await shot(page, 'review-campaign');
    const pub = await apiGet<{ record: { publicSeed: string } | null }>(
      page,
      `/api/v1/public/review-campaigns/${created.id}/draw`,
    );
    expect(pub.record?.publicSeed).toBe('6 2 8 3 1');
    expect(await page.locator('main').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-|penalty|perOrg/);
    expect(jsErrors(page)).toEqual([]);
  });

  test('a reviewer confirms the pre-fills and submits a score', async () => {
    const page = await openPage(DESKTOP);
    await login(page, 'th_sfj_supervisor', DEMO_PASSWORD);
    await page.goto('/reviews/sheets');
    await page.getByRole('table', { name: '评查表列表' }).locator('tbody tr.ant-table-row').first().waitFor();
    await expectAccessible(page, '/reviews/sheets');
    const sheets = await apiGet<{ data: SheetListItem[] }>(page, '/api/v1/reviews/sheets?open=true&pageSize=200');
    const mine = sheets.data.find((s) => s.abilities.includes('submit'));
    if (!mine) throw new Error('no open sheet of 冯监督');
    await page.goto(`/reviews/sheets/${mine.id}`);
    await page.getByRole('heading', { name: `评查表：${mine.caseNumber}` }).waitFor();
    expect(await page.getByRole('link', { name: /查看全过程记录第 \d+ 条/ }).count()).toBeGreaterThan(0);
    await expectAccessible(page, '/reviews/sheets/:id');
    await page.getByLabel('事实认定：违法事实表述不具体（时间、地点、情节） 扣分次数').fill('1');
    await page.getByRole('button', { name: '提交评查表' }).click();
    await page.getByText(/\d+(\.\d)? 分 · /).waitFor();
    expect(await page.getByRole('button', { name: '提交评查表' }).count()).toBe(0);
    await expectAccessible(page, '/reviews/sheets/:id (submitted)');
    await shot(page, 'review-sheet');
    expect(jsErrors(page)).toEqual([]);
  });
});
