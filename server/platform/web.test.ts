/**
 * Delivery of the console and of the API: `/` serves the console, text responses are compressed (Brotli when
 * accepted, else gzip), pre-compressed build files are sent as they are, hashed assets are cached for a year,
 * index.html and the SPA fallback are revalidated, binary downloads pass through uncompressed.
 * A built console is stood in for by a folder laid out as `vite build` lays out dist/web.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { and, eq, isNotNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../modules/audit/audit.schema.js';
import { cases } from '../modules/cases/cases.schema.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import { IMMUTABLE, NO_CACHE, cacheControlFor } from './web.js';

const INDEX_HTML = `<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8" /><title>zhifa 行政执法监督平台</title>
<script type="module" crossorigin src="/assets/index-AbCd12_-.js"></script></head>
<body><div id="root"></div><!-- ${'控制台'.repeat(200)} --></body></html>`;
const ENTRY_JS = `export const pages = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `page-${i}`))};\n`;
const PAGE_CSS = `.zf-login{${'display:flex;'.repeat(200)}}\n`;
const VERIFY_JS = `console.log(${JSON.stringify('verify '.repeat(300))});\n`;

let env: TestEnv;
let webRoot: string;
let officer: string;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'zhifa-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), INDEX_HTML);
  writeFileSync(join(webRoot, 'index.html.br'), brotliCompressSync(INDEX_HTML));
  writeFileSync(join(webRoot, 'index.html.gz'), gzipSync(INDEX_HTML));
  writeFileSync(join(webRoot, 'assets', 'index-AbCd12_-.js'), ENTRY_JS);
  writeFileSync(join(webRoot, 'assets', 'index-AbCd12_-.js.br'), brotliCompressSync(ENTRY_JS));
  writeFileSync(join(webRoot, 'assets', 'index-AbCd12_-.js.gz'), gzipSync(ENTRY_JS));
  // No pre-compressed siblings: compressed on the fly.
  writeFileSync(join(webRoot, 'assets', 'LoginPage-Zz9xY1wQ.css'), PAGE_CSS);
  writeFileSync(join(webRoot, 'assets', 'verify.js'), VERIFY_JS);
  env = await createTestEnv({}, { webRoot });
  officer = await env.login('gz_officer1');
});

afterAll(async () => {
  await env.close();
  rmSync(webRoot, { recursive: true, force: true });
});

describe('the console at /', () => {
  it('GET / serves index.html (signed out and signed in), revalidated on every use', async () => {
    for (const cookie of [undefined, officer]) {
      const res = await env.app.inject({ method: 'GET', url: '/', headers: cookie ? { cookie } : {} });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe(NO_CACHE);
      expect(res.body).toBe(INDEX_HTML);
    }
  });

  it('HEAD / answers 200 with the headers of GET / and no body', async () => {
    const res = await env.app.inject({ method: 'HEAD', url: '/' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe(NO_CACHE);
    expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(INDEX_HTML));
    expect(res.body).toBe('');
  });

  it('deep links fall back to index.html, no-cache; unknown API paths stay problem+json 404', async () => {
    for (const method of ['GET', 'HEAD'] as const) {
      const res = await env.app.inject({ method, url: '/cases/some-case?tab=record' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.headers['cache-control']).toBe(NO_CACHE);
    }
    const api = await env.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(api.statusCode).toBe(404);
    expect(api.json().code).toBe('route_not_found');
  });
});

describe('compression', () => {
  it('API JSON: Brotli when accepted, else gzip, identity without Accept-Encoding; same JSON each way', async () => {
    const get = (acceptEncoding?: string) =>
      env.app.inject({
        method: 'GET',
        url: '/api/v1/cases?pageSize=100',
        headers: { cookie: officer, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) },
      });
    const plain = await get();
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const expected = plain.json();

    const br = await get('gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(expected);

    const gz = await get('gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(expected);
  });

  it('a refused write still gets its problem+json (decoded either way) and its failure audit row', async () => {
    const failures = async () =>
      (
        await env.database.db
          .select({ seq: auditEvents.seq })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'case.register'), eq(auditEvents.code, 'validation_failed')))
      ).length;
    const before = await failures();
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: officer, 'accept-encoding': 'br' },
      payload: { partyName: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(400);
    const raw = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.rawPayload) : res.rawPayload;
    expect(JSON.parse(raw.toString()).code).toBe('validation_failed');
    expect(await failures()).toBe(before + 1);
  });

  it('hashed assets: the pre-compressed .br/.gz file as built, immutable for a year', async () => {
    const url = '/assets/index-AbCd12_-.js';
    const br = await env.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip, br' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-type']).toContain('javascript');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe(IMMUTABLE);
    expect(br.headers.vary).toContain('accept-encoding');
    expect(br.rawPayload.equals(brotliCompressSync(ENTRY_JS))).toBe(true);

    const gz = await env.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(ENTRY_JS);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);

    const plain = await env.app.inject({ method: 'GET', url });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ENTRY_JS);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('an asset without pre-compressed files is compressed on the fly; index.html and verify.js are no-cache', async () => {
    const css = await env.app.inject({
      method: 'GET',
      url: '/assets/LoginPage-Zz9xY1wQ.css',
      headers: { 'accept-encoding': 'br' },
    });
    expect(css.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(css.rawPayload).toString()).toBe(PAGE_CSS);
    expect(css.headers['cache-control']).toBe(IMMUTABLE);

    const index = await env.app.inject({ method: 'GET', url: '/', headers: { 'accept-encoding': 'br' } });
    expect(index.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(index.rawPayload).toString()).toBe(INDEX_HTML);
    expect(index.headers['cache-control']).toBe(NO_CACHE);

    // The public case page loads /assets/verify.js by this fixed name: it must not be cached as immutable.
    const verify = await env.app.inject({
      method: 'GET',
      url: '/assets/verify.js',
      headers: { 'accept-encoding': 'br' },
    });
    expect(verify.headers['cache-control']).toBe(NO_CACHE);
    expect(brotliDecompressSync(verify.rawPayload).toString()).toBe(VERIFY_JS);
  });

  it('PDF downloads pass through uncompressed and whole', async () => {
    const org = await env.orgId('广州市市场监督管理局');
    const [decided] = await env.database.db
      .select({ id: cases.id })
      .from(cases)
      .where(and(eq(cases.orgId, org), isNotNull(cases.caseCode)))
      .limit(1);
    if (!decided) throw new Error('no decided demo case in 广州市市场监督管理局');
    const url = `/api/v1/cases/${decided.id}/documents/decision?download=1`;
    const plain = await env.app.inject({ method: 'GET', url, headers: { cookie: officer } });
    const br = await env.app.inject({
      method: 'GET',
      url,
      headers: { cookie: officer, 'accept-encoding': 'br, gzip' },
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-type']).toBe('application/pdf');
    expect(br.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-disposition']).toMatch(/^attachment; /);
    expect(br.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(br.rawPayload.length).toBe(plain.rawPayload.length);
  });
});

describe('cacheControlFor', () => {
  it('is immutable only for hashed files directly under assets/, whatever their encoding', () => {
    expect(cacheControlFor('assets/antd-DdZjXoxu.js')).toBe(IMMUTABLE);
    expect(cacheControlFor('/srv/dist/web/assets/BenchmarksPage--RcZmRMD.js.br')).toBe(IMMUTABLE);
    expect(cacheControlFor('assets/index-BzUIieTZ.css.gz')).toBe(IMMUTABLE);
    expect(cacheControlFor('assets/verify.js')).toBe(NO_CACHE);
    expect(cacheControlFor('index.html')).toBe(NO_CACHE);
    expect(cacheControlFor('index.html.br')).toBe(NO_CACHE);
    expect(cacheControlFor('favicon-12345678.ico')).toBe(NO_CACHE);
  });
});
