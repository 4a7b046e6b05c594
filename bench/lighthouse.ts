/**
 * Benchmark: Lighthouse 12 (mobile preset: Moto G Power emulation, simulated slow 4G and 4× CPU slowdown) on the
 * staff console's /login and a case page (signed in: the session cookie goes in Lighthouse's extraHeaders) and on
 * the public pages, against the real server (node bin/zhifa.mjs serve, demo province, fresh data folder) serving the
 * built console from dist/web. Target: performance ≥ 90 on /login and on the case page; the public pages stay at 100.
 * Baseline in the same run: the public decision list, a server-rendered page without a framework; every page's
 * LCP is also printed as a ratio to it. Each page runs RUNS times, the median run (by performance
 * score, then LCP) is reported.
 *
 *   npm run bench:lighthouse                   # vite build, then this script; writes bench/results/lighthouse.txt
 *   LIGHTHOUSE_RUNS=5 npm run bench:lighthouse
 *   LIGHTHOUSE_PAGES=login,case           # only these pages (names: baseline, login, case, public-case, certificate)
 *   LIGHTHOUSE_JSON_DIR=/tmp/lhr           # also keep each run's full Lighthouse report (JSON)
 *   CHROME_PATH=/usr/bin/chromium (default)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from 'chrome-launcher';
import lighthouse, { type Flags, type Result } from 'lighthouse';
import { CHROMIUM_ARGS } from '../e2e/browser.js';
import { DEMO_PASSWORD, REPO_ROOT, startServer } from '../e2e/server.js';

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const ONLY = process.env.LIGHTHOUSE_PAGES?.split(',');
const OUT = process.env.LIGHTHOUSE_OUT ?? join(REPO_ROOT, 'bench', 'results', 'lighthouse.txt');

interface PageSpec {
  key: string;
  name: string;
  path: string;
  cookie?: string;
  /** Pages with a target; the others are reported. */
  target?: number;
}

interface Measured {
  scores: Record<string, number>;
  lcpMs: number;
  tbtMs: number;
  fcpMs: number;
  cls: number;
  /** Bytes over the wire for scripts (compressed when the server compresses) and their uncompressed size. */
  jsTransfer: number;
  jsResource: number;
  totalTransfer: number;
  scripts: number;
}

async function api<T>(base: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  if (res.status !== 200) throw new Error(`login ${username}: HTTP ${res.status} ${await res.text()}`);
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('zhifa_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie.split(';')[0] as string;
}

function summarise(lhr: Result): Measured {
  const audit = (id: string) => lhr.audits[id]?.numericValue ?? Number.NaN;
  const items = (lhr.audits['network-requests']?.details as { items?: Record<string, unknown>[] } | undefined)?.items;
  let jsTransfer = 0;
  let jsResource = 0;
  let totalTransfer = 0;
  let scripts = 0;
  for (const item of items ?? []) {
    const transfer = Number(item.transferSize ?? 0);
    totalTransfer += transfer;
    if (item.resourceType === 'Script') {
      scripts += 1;
      jsTransfer += transfer;
      jsResource += Number(item.resourceSize ?? 0);
    }
  }
  const scores: Record<string, number> = {};
  for (const [id, category] of Object.entries(lhr.categories)) scores[id] = Math.round((category.score ?? 0) * 100);
  return {
    scores,
    lcpMs: audit('largest-contentful-paint'),
    tbtMs: audit('total-blocking-time'),
    fcpMs: audit('first-contentful-paint'),
    cls: audit('cumulative-layout-shift'),
    jsTransfer,
    jsResource,
    totalTransfer,
    scripts,
  };
}

function median(runs: Measured[]): Measured {
  const sorted = [...runs].sort(
    (a, b) => (a.scores.performance ?? 0) - (b.scores.performance ?? 0) || b.lcpMs - a.lcpMs,
  );
  return sorted[Math.floor(sorted.length / 2)] as Measured;
}

function lighthouseVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'lighthouse', 'package.json'), 'utf8'));
  return String(pkg.version);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${Math.round(value)} ms`;

async function main() {
  const server = await startServer();
  const chrome = await launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
  });
  try {
    const base = server.url;
    const head = await login(base, 'gz_head');
    // A decided case (it has a case code): the richest case page, and its public page /v/<code>.
    const list = await api<{ data: { id: string }[] }>(base, '/api/v1/cases?pageSize=100', head);
    let decided: { id: string; caseCode: string | null } | undefined;
    for (const row of list.data) {
      const detail = await api<{ id: string; caseCode: string | null }>(base, `/api/v1/cases/${row.id}`, head);
      if (detail.caseCode) {
        decided = detail;
        break;
      }
    }
    if (!decided?.caseCode) throw new Error('no decided demo case visible to gz_head');
    const admin = await login(base, 'gz_sfj_admin');
    const certs = await api<{ data: { officerId: string; status: string }[] }>(
      base,
      '/api/v1/certificates?status=valid&pageSize=1',
      admin,
    );
    const officerId = certs.data[0]?.officerId;
    if (!officerId) throw new Error('no valid certificate visible to gz_sfj_admin');
    const officer = await api<{ certificates: { publicToken: string; status: string }[] }>(
      base,
      `/api/v1/officers/${officerId}`,
      admin,
    );
    const cert = officer.certificates.find((c) => c.status === 'valid');
    if (!cert) throw new Error('the officer has no valid certificate');

    const pages: PageSpec[] = [
      { key: 'baseline', name: 'public decision list (baseline)', path: '/public/decisions' },
      { key: 'login', name: 'console /login', path: '/login', target: 90 },
      { key: 'case', name: 'console case page (signed in)', path: `/cases/${decided.id}`, cookie: head, target: 90 },
      { key: 'public-case', name: 'public case page /v/<code>', path: `/v/${decided.caseCode}` },
      { key: 'certificate', name: 'public certificate check', path: `/public/certificates/${cert.publicToken}` },
    ].filter((p) => !ONLY || p.key === 'baseline' || ONLY.includes(p.key));

    const results: { page: PageSpec; m: Measured; all: Measured[] }[] = [];
    let benchmarkIndex = 0;
    for (const page of pages) {
      const all: Measured[] = [];
      for (let i = 0; i < RUNS; i++) {
        const flags: Flags = {
          port: chrome.port,
          output: 'json',
          logLevel: 'error',
          onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
          ...(page.cookie ? { extraHeaders: { Cookie: page.cookie } } : {}),
        };
        // A run that fails to record its trace (NO_NAVSTART, now and then under load) is run again, up to 3 times.
        let runner: Awaited<ReturnType<typeof lighthouse>>;
        for (let attempt = 1; ; attempt++) {
          runner = await lighthouse(`${base}${page.path}`, flags);
          if (!runner) throw new Error(`lighthouse returned nothing for ${page.path}`);
          if (!runner.lhr.runtimeError) break;
          if (attempt === 3) throw new Error(`${page.path}: ${runner.lhr.runtimeError.message}`);
        }
        const final = runner.lhr.finalDisplayedUrl;
        if (new URL(final).pathname !== page.path.split('?')[0])
          throw new Error(`${page.path} ended on ${final} (not signed in?)`);
        if (process.env.LIGHTHOUSE_JSON_DIR) {
          mkdirSync(process.env.LIGHTHOUSE_JSON_DIR, { recursive: true });
          const file = `${page.name.replace(/[^a-z0-9]+/gi, '-')}-${i}.json`;
          writeFileSync(join(process.env.LIGHTHOUSE_JSON_DIR, file), JSON.stringify(runner.lhr));
        }
        benchmarkIndex = Math.round(runner.lhr.environment.benchmarkIndex);
        all.push(summarise(runner.lhr));
        process.stdout.write('.');
      }
      results.push({ page, m: median(all), all });
    }
    process.stdout.write('\n');

    const baseline = results[0]?.m as Measured;
    const load = (await import('node:os')).loadavg()[0]?.toFixed(1);
    const lines: string[] = [
      `Lighthouse ${lighthouseVersion()}, mobile preset (simulated throttling), ${RUNS} runs per page, median run; ${new Date().toISOString()}`,
      `Chromium: ${CHROME_PATH}; server: node bin/zhifa.mjs serve (PGlite, demo province); Lighthouse benchmarkIndex ${benchmarkIndex}; load average at the end ${load}`,
      '',
      'page | perf | a11y | best practices | SEO | FCP | LCP (× baseline) | TBT | CLS | JS transfer | JS uncompressed | scripts | all transfer | perf of each run',
    ];
    let failed = false;
    for (const { page, m, all } of results) {
      const s = m.scores;
      const ok = page.target === undefined || (s.performance ?? 0) >= page.target;
      if (!ok) failed = true;
      lines.push(
        [
          page.name + (page.target ? ` [target ≥ ${page.target}: ${ok ? 'met' : 'MISSED'}]` : ''),
          s.performance,
          s.accessibility,
          s['best-practices'],
          s.seo,
          ms(m.fcpMs),
          `${ms(m.lcpMs)} (${(m.lcpMs / baseline.lcpMs).toFixed(2)}×)`,
          ms(m.tbtMs),
          m.cls.toFixed(3),
          kb(m.jsTransfer),
          kb(m.jsResource),
          m.scripts,
          kb(m.totalTransfer),
          all.map((r) => r.scores.performance).join(', '),
        ].join(' | '),
      );
    }
    const text = `${lines.join('\n')}\n`;
    process.stdout.write(text);
    mkdirSync(join(OUT, '..'), { recursive: true });
    writeFileSync(OUT, text);
    if (failed) process.exitCode = 1;
  } finally {
    chrome.kill();
    await server.stop();
  }
}

await main();
