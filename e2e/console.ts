/**
 * Helpers shared by the console's browser tests: signing in, calling the API with the page's session, opening
 * menu pages and case actions, picking eligible officers, making a valid USCC.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { usccCheckChar } from '../common/identifiers';

export async function login(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  // dist/web may be rebuilt while the tests run (another build in the same checkout): load the page once more then.
  await page
    .getByLabel('用户名')
    .waitFor({ timeout: 10_000 })
    .catch(() => page.reload());
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((u) => u.pathname !== '/login');
}

/** Calls a JSON API path with the page's session cookie. */
export async function apiCall<T>(page: Page, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  return page.evaluate(
    async ({ m, p, b }) => {
      const res = await fetch(p, {
        method: m,
        credentials: 'same-origin',
        headers: { accept: 'application/json', ...(b === undefined ? {} : { 'content-type': 'application/json' }) },
        body: b === undefined ? undefined : JSON.stringify(b),
      });
      if (!res.ok) throw new Error(`${m} ${p}: HTTP ${res.status} ${await res.text()}`);
      return res.json();
    },
    { m: method, p: path, b: body },
  ) as Promise<T>;
}
export const apiGet = <T>(page: Page, path: string) => apiCall<T>(page, 'GET', path);

/** Opens a page of the 案件办理 menu group (expanding the group first when needed). */
export async function openMenuPage(page: Page, label: string, path: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: '功能菜单' });
  const group = nav.getByRole('menuitem', { name: /案件办理/ });
  await group.waitFor({ state: 'visible' });
  if ((await group.getAttribute('aria-expanded')) !== 'true') await group.click();
  // A click on an item while the submenu still slides open can get lost: wait for the expand motion to end.
  await expect.poll(() => nav.locator('.ant-motion-collapse, [class*="ant-motion-collapse-"]').count()).toBe(0);
  await nav
    .getByRole('menuitem')
    .filter({ hasText: new RegExp(`^${label}$`) })
    .click();
  await page.waitForURL((u) => u.pathname === path);
}

export async function openAction(page: Page, label: string): Promise<Locator> {
  await page
    .getByRole('region', { name: '可执行的操作' })
    .getByRole('button', { name: spaced(label) })
    .click();
  const dialog = page.getByRole('dialog', { name: label });
  await dialog.waitFor({ state: 'visible' });
  return dialog;
}

export async function submitAction(dialog: Locator): Promise<void> {
  await dialog.getByRole('button', { name: /提\s*交/ }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** The stage tag in the case page's header (the first one on the page). */
export const stateTag = (page: Page) => page.getByTestId('case-state').first();

export async function expectState(page: Page, label: string): Promise<void> {
  await expect.poll(() => stateTag(page).textContent()).toBe(label);
}

export interface Officer {
  id: string;
  name: string;
  position: string | null;
}

/** Two officers of the org who may enforce market regulation in 广州 now (some demo certificates are not valid). */
export async function eligibleOfficers(page: Page, orgId: string): Promise<Officer[]> {
  const officers = await apiGet<{ data: Officer[] }>(page, `/api/v1/officers?orgId=${orgId}&pageSize=200`);
  const out: Officer[] = [];
  for (const o of officers.data) {
    const e = await apiGet<{ eligible: boolean }>(
      page,
      `/api/v1/officers/${o.id}/eligibility?sector=market_regulation&regionCode=440100`,
    );
    if (e.eligible) out.push(o);
    if (out.length === 2) break;
  }
  return out;
}

/** A valid 统一社会信用代码 unique to this run. */
export function uscc(): string {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  let tail = '';
  for (let i = 0; i < 8; i++) tail += charset[Math.floor(Math.random() * charset.length)];
  const first17 = `914401016${tail}`;
  return first17 + usccCheckChar(first17);
}

/** A button whose Chinese label antd may have spaced out ("公 示"). */
export const spaced = (label: string) => new RegExp(`^${label.split('').join('\\s*')}$`);

/**
 * Takes a filed-to-be case through the API up to 事先告知 with the party's waivers (立案 and 指派 by the head, 提交审查,
 * 告知 of a ¥20,000 fine and the statement by the officer), so that it can be decided at once.
 */
export async function toPriorNotice(officer: Page, head: Page, caseId: string, officerIds: string[]): Promise<void> {
  const act = (page: Page, action: string, body: unknown) =>
    apiCall(page, 'POST', `/api/v1/cases/${caseId}/actions/${action}`, body);
  await act(head, 'file', {});
  await act(head, 'assign', { officerIds });
  await act(officer, 'submit_review', {});
  await act(officer, 'notify', { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 });
  await act(officer, 'record_statement', { waivesStatement: true, waivesHearing: true });
}
