/**
 * The public complaint door: the form says what goes where, a complaint filed without an account (anonymous or not,
 * with a photo hashed like evidence) gets a tracking number and query code; the tracking page shows the progress and
 * the reply but never the complainant; the complainant rates once closed; forged or cross-site posts store nothing.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../platform/crypto.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { complaintFiles, complaints } from './complaints.schema.js';
import { sniffMime } from './public.routes.js';

let env: TestEnv;
let officer: string;
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('not really a png'),
]);

function form(fields: Record<string, string>, files: { name: string; type: string; content: Buffer }[] = []) {
  const boundary = '----zhifa-complaint';
  const parts = [
    ...Object.entries(fields).map(([k, v]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
    ),
    ...files.map((f) =>
      Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: ${f.type}\r\n\r\n`,
        ),
        f.content,
        Buffer.from('\r\n'),
      ]),
    ),
  ];
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://localhost:3000' },
    payload: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]),
  };
}

const submit = (fields: Record<string, string>, files?: { name: string; type: string; content: Buffer }[]) =>
  env.app.inject({ method: 'POST', url: '/public/complaints/new', ...form(fields, files) });
const stored = async () => Number((await env.database.db.select({ n: count() }).from(complaints))[0]?.n);
const FIELDS = {
  reporterPhone: '139 1234 5678',
  reporterName: '欧阳小明',
  kind: 'complaint',
  content: '石牌街道某餐馆油烟直排，影响居民生活',
  regionCode: '440106001',
  address: '石牌东路 1 号',
  subjectName: '某餐馆',
};
const receiptOf = (body: string) => ({
  no: /data-testid="tracking-number">([^<]+)</.exec(body)?.[1] as string,
  code: /data-testid="query-code">([^<]+)</.exec(body)?.[1] as string,
});

beforeAll(async () => {
  env = await createTestEnv();
  officer = await env.login('th_zf_officer');
});
afterAll(() => env.close());

describe('the public complaint form', () => {
  it('says what goes to the department and what stays hidden, phone first', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/public/complaints/new' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('发送给承办部门');
    expect(res.body).toContain('不会公开');
    expect(res.body).toContain('可以匿名');
    expect(res.body.indexOf('name="reporterPhone"')).toBeLessThan(res.body.indexOf('name="content"'));
    expect(res.body).toContain('广州市天河区');
  });

  it('files a complaint with a photo, answers a tracking number and query code, and tracks it without the complainant', async () => {
    const res = await submit(FIELDS, [{ name: '油烟.png', type: 'image/png', content: PNG }]);
    expect(res.statusCode, res.body).toBe(200);
    const { no, code } = receiptOf(res.body);
    expect(no).toMatch(/^TS\d{14}$/);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const [row] = await env.database.db.select().from(complaints).where(eq(complaints.trackingNumber, no));
    expect(row?.channel).toBe('portal');
    expect(row?.reporterPhoneMasked).toBe('139****5678');
    expect(row?.attachments).toEqual([
      { name: '油烟.png', mime: 'image/png', size: PNG.length, sha256: sha256Hex(PNG) },
    ]);
    const [file] = await env.database.db
      .select()
      .from(complaintFiles)
      .where(eq(complaintFiles.sha256, sha256Hex(PNG)));
    expect(file?.size).toBe(PNG.length);

    const wrong = await env.app.inject({ method: 'GET', url: `/public/complaints/track?no=${no}&code=AAAAAAAA` });
    expect(wrong.statusCode).toBe(404);
    const track = await env.app.inject({ method: 'GET', url: `/public/complaints/track?no=${no}&code=${code}` });
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain('待受理');
    expect(track.body).toContain('广州市天河区综合行政执法局');
    expect(track.body).not.toMatch(/欧阳|13912345678|5678/);

    // handled in the console, then rated by the complainant, once
    const id = row?.id as string;
    for (const [action, body] of [
      ['accept', {}],
      ['reply', { text: '已现场检查并责令安装油烟净化设施。' }],
      ['close', {}],
    ] as const) {
      const r = await env.app.inject({
        method: 'POST',
        url: `/api/v1/complaints/${id}/${action}`,
        headers: { cookie: officer },
        payload: body,
      });
      expect(r.statusCode, r.body).toBe(200);
    }
    const closed = await env.app.inject({ method: 'GET', url: `/public/complaints/track?no=${no}&code=${code}` });
    expect(closed.body).toContain('已现场检查并责令安装油烟净化设施。');
    expect(closed.body).toContain('提交评价');
    const rate = await env.app.inject({
      method: 'POST',
      url: '/public/complaints/track',
      ...form({ no, code, rating: 'dissatisfied', comment: '油烟仍然很大' }),
    });
    expect(rate.statusCode, rate.body).toBe(200);
    expect(rate.body).toContain('感谢您的评价');
    expect(rate.body).not.toContain('提交评价');
    const again = await env.app.inject({
      method: 'POST',
      url: '/public/complaints/track',
      ...form({ no, code, rating: 'satisfied' }),
    });
    expect(again.statusCode).toBe(400);
    // 不满意: the org may reopen once
    const reopen = await env.app.inject({
      method: 'POST',
      url: `/api/v1/complaints/${id}/reopen`,
      headers: { cookie: officer },
      payload: {},
    });
    expect(reopen.statusCode, reopen.body).toBe(200);
    expect(reopen.json().state).toBe('accepted');
  });

  it('accepts anonymous complaints', async () => {
    const res = await submit({ ...FIELDS, reporterPhone: '', reporterName: '' });
    expect(res.statusCode).toBe(200);
    const [row] = await env.database.db
      .select()
      .from(complaints)
      .where(eq(complaints.trackingNumber, receiptOf(res.body).no));
    expect([row?.anonymous, row?.reporterPhoneSealed]).toEqual([true, null]);
  });

  it('refuses bad input, other files, the honeypot and cross-site posts, storing nothing', async () => {
    const before = await stored();
    const bad = await submit({ ...FIELDS, content: '', reporterPhone: '123' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('aria-invalid="true"');
    expect(bad.body).toContain('联系电话应为');
    const exe = await submit(FIELDS, [{ name: 'a.exe', type: 'image/png', content: Buffer.from('MZ...') }]);
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('不是照片');
    expect((await submit({ ...FIELDS, website: 'http://spam' })).statusCode).toBe(400);
    const urlencoded = await env.app.inject({
      method: 'POST',
      url: '/public/complaints/new',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'kind=complaint&content=xxxxxxxx&regionCode=440106',
    });
    expect(urlencoded.statusCode).toBe(403);
    const crossSite = await env.app.inject({
      method: 'POST',
      url: '/public/complaints/new',
      ...form(FIELDS),
      headers: { ...form(FIELDS).headers, origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(await stored()).toBe(before);
    expect(sniffMime(Buffer.from('%PDF-1.7'))).toBe('application/pdf');
  });
});
