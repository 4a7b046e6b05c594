/**
 * What every browser test needs: the real server (started once per test file), the system Chromium, pages in
 * zh-CN / Asia/Shanghai that collect page errors, and screenshots into artifacts/e2e/.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { REPO_ROOT, type RunningServer, startServer } from './server';

export const ARTIFACTS = join(REPO_ROOT, 'artifacts', 'e2e');
export const DESKTOP = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Chromium as installed by Debian; without these flags it tries to reach Google's hosts at every start. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface ConsoleOptions {
  /** Extra server environment (e.g. DATABASE_URL to run on PostgreSQL); read when the server starts. */
  env?: NodeJS.ProcessEnv;
}

/** Registers the file's beforeAll/afterAll: one server and one browser for the whole file. */
export function startConsole(options: ConsoleOptions = {}) {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({ env: options.env });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS });
  });

  afterAll(async () => {
    for (const ctx of contexts) await ctx.close().catch(() => {});
    await browser?.close().catch(() => {});
    await server?.stop();
  });

  async function openPage(viewport: { width: number; height: number }, mobile = false): Promise<Page> {
    if (!browser || !server) throw new Error('startConsole(): the browser is not started yet');
    const ctx = await browser.newContext({
      baseURL: server.url,
      viewport,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      // no dialog animations: a click never lands on a dialog still zooming in (the console honours the setting)
      reducedMotion: 'reduce',
      ...(mobile ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    });
    contexts.push(ctx);
    const page = await ctx.newPage();
    page.setDefaultTimeout(20_000);
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    (page as Page & { jsErrors?: string[] }).jsErrors = errors;
    return page;
  }

  return { openPage, url: () => server?.url ?? '' };
}

export function jsErrors(page: Page): string[] {
  return (page as Page & { jsErrors?: string[] }).jsErrors ?? [];
}

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

export async function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth);
}
