import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { codeFrom } from './portal.routes.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const get = (url: string, method: 'GET' | 'HEAD' = 'GET') => env.app.inject({ method, url });

describe('public portal frame routes', () => {
  it('answers an unknown /public/* address with the public 404 page, not the console or a login redirect', async () => {
    for (const path of ['/public/nope', '/public/decisions/extra/path', '/public/%E4%B8%8D%E5%AD%98%E5%9C%A8?x=1']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(404);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      expect(res.headers.location, path).toBeUndefined();
      expect(res.body, path).toContain('<h1>页面不存在</h1>');
      expect(res.body, path).toContain('href="/public/decisions"');
      expect(res.body, path).not.toContain('id="root"'); // not the console's index.html
    }
    const head = await get('/public/nope', 'HEAD');
    expect(head.statusCode).toBe(404);
    expect(head.body).toBe('');
  });

  it('serves a real robots.txt: public pages allowed, the API and the console not', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const lines = res.body.split('\n');
    expect(lines).toContain('User-agent: *');
    for (const rule of ['Allow: /public', 'Allow: /v/', 'Disallow: /api/', 'Disallow: /'])
      expect(lines).toContain(rule);
    expect(res.body).not.toContain('<html');
  });

  it('serves the favicon as an ICO and as an SVG with their content types', async () => {
    const ico = await get('/favicon.ico');
    expect(ico.statusCode).toBe(200);
    expect(ico.headers['content-type']).toBe('image/x-icon');
    const bytes = ico.rawPayload;
    // ICONDIR: reserved 0, type 1 (icon), then the number of images
    expect([bytes.readUInt16LE(0), bytes.readUInt16LE(2)]).toEqual([0, 1]);
    expect(bytes.readUInt16LE(4)).toBeGreaterThanOrEqual(1);
    const svg = await get('/favicon.svg');
    expect(svg.statusCode).toBe(200);
    expect(svg.headers['content-type']).toBe('image/svg+xml');
    expect(svg.body).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.headers['cache-control']).toContain('max-age=');
  });

  it('has an index of the public services', async () => {
    for (const path of ['/public', '/public/']) {
      const res = await get(path);
      expect(res.statusCode, path).toBe(200);
      for (const label of ['执法决定公示', '案件码核验', '执法证件查验']) expect(res.body).toContain(label);
    }
  });

  it('takes a typed case code or a pasted address to the case page; refuses what cannot be a code', async () => {
    expect((await get('/public/cases')).statusCode).toBe(200);
    expect((await get('/public/cases?code=')).statusCode).toBe(200);
    const typed = await get('/public/cases?code=%20AbCdEfGhIjKlMnOpQrStUv%20');
    expect(typed.statusCode).toBe(303);
    expect(typed.headers.location).toBe('/v/AbCdEfGhIjKlMnOpQrStUv');
    const pasted = await get(
      `/public/cases?code=${encodeURIComponent('https://zf.example.gov.cn/v/AbCdEfGhIjKlMnOpQrStUv?x=1')}`,
    );
    expect(pasted.headers.location).toBe('/v/AbCdEfGhIjKlMnOpQrStUv');
    const bad = await get(`/public/cases?code=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('这不是有效的案件码');
    expect(bad.body).not.toContain('<script>alert');
    expect(bad.body).toContain('&#60;script&#62;'); // echoed escaped in the field
    const cert = await get(
      `/public/certificates?code=${encodeURIComponent('http://x/public/certificates/abcdefgh12345678')}`,
    );
    expect(cert.statusCode).toBe(303);
    expect(cert.headers.location).toBe('/public/certificates/abcdefgh12345678');
    expect((await get('/public/certificates?code=a%2Fb')).statusCode).toBe(400);
  });

  it('reads codes out of what people paste', () => {
    expect(codeFrom('  abcDEF12_-  ', '/v/')).toBe('abcDEF12_-');
    expect(codeFrom('http://h/v/abcdefgh#top', '/v/')).toBe('abcdefgh');
    expect(codeFrom('http://h/v/', '/v/')).toBeNull();
    expect(codeFrom('short', '/v/')).toBeNull();
    expect(codeFrom('../../etc/passwd', '/v/')).toBeNull();
    expect(codeFrom('x'.repeat(129), '/v/')).toBeNull();
  });
});
