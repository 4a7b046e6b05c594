/**
 * Open311 GeoReport v2 (`/open311/v2/`) against the GeoReport v2 text, in JSON and XML: the service list and a
 * service's definition, POST requests (form-encoded, `api_key` = a machine client's secret with scope
 * `open311:write`), GET requests (the 90-day window and the 1,000 rows at their boundary) and GET a request; the
 * errors `[{ code, description }]` / `<errors><error>` with 403, 404 and 400; the scopes of machine clients both
 * ways, a revoked client refused, no personal data in any GET answer, hostile input refused at the edge; and the
 * system administrator's management of machine clients (scopes, rotation, callback URL, revocation), audited.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv, DAY_MS } from '../../test/harness.js';
import { auditEvents } from '../../test/tables.js';
import { resolveRegion, signatureHeader } from './complaints.rules.js';
import { complaints } from './complaints.schema.js';
import { beijingIso, requestWindow } from './open311.js';

let env: TestEnv;
let sysadmin: string;
const keys: Record<string, string> = {};

const NAME = { first_name: '小明', last_name: '欧阳' };
const PHONE = '13912345678';
const EMAIL = 'ouyang.xm@example.cn';
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const post = (format: 'json' | 'xml', fields: Record<string, string>, headers: Record<string, string> = {}) =>
  env.app.inject({
    method: 'POST',
    url: `/open311/v2/requests.${format}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: form(fields),
  });
const get = (url: string) => env.app.inject({ method: 'GET', url: `/open311/v2/${url}` });
const request = (over: Record<string, string> = {}) => ({
  api_key: keys.fms ?? '',
  service_code: 'complaint',
  address_string: '广州市天河区体育西路 101 号',
  lat: '23.1372',
  long: '113.3215',
  description: '餐馆油烟直排，影响周边居民生活',
  email: EMAIL,
  ...NAME,
  phone: PHONE,
  media_url: 'https://img.example.cn/photo/1.jpg',
  ...over,
});
const stored = async () => Number((await env.database.db.select({ n: count() }).from(complaints))[0]?.n);
const makeClient = async (id: string, scopes?: string[]) => {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/clients',
    headers: { cookie: sysadmin },
    payload: { id, name: `${id} 客户端`, ...(scopes ? { scopes } : {}) },
  });
  expect(res.statusCode, res.body).toBe(201);
  keys[id] = res.json().secret;
  return res.json();
};
const expectJsonError = (
  res: { statusCode: number; headers: Record<string, unknown>; json(): unknown },
  code: number,
) => {
  expect(res.statusCode).toBe(code);
  expect(String(res.headers['content-type'])).toMatch(/^application\/json/);
  const body = res.json() as { code: number; description: string }[];
  expect(body).toHaveLength(1);
  expect(body[0]?.code).toBe(code);
  expect(body[0]?.description).toMatch(/[\u4e00-\u9fff]/);
};
const expectXmlError = (res: { statusCode: number; headers: Record<string, unknown>; body: string }, code: number) => {
  expect(res.statusCode).toBe(code);
  expect(String(res.headers['content-type'])).toMatch(/^text\/xml/);
  expect(res.body).toMatch(
    new RegExp(
      `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<errors><error><code>${code}</code><description>[^<]+</description></error></errors>$`,
    ),
  );
};

beforeAll(async () => {
  env = await createTestEnv();
  sysadmin = await env.login('gz_sysadmin');
  await makeClient('fms', ['open311:write']);
  await makeClient('gd12345'); // default scope: hotline:write
});
afterAll(() => env.close());

describe('GET services', () => {
  it('lists one service per complaint kind, in JSON and XML, with the fields of GeoReport v2', async () => {
    const res = await get('services.json');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/^application\/json; charset=utf-8/);
    const services = res.json();
    expect(services.map((s: { service_code: string }) => s.service_code)).toEqual([
      'consultation',
      'help',
      'suggestion',
      'complaint',
      'report',
    ]);
    for (const s of services) {
      expect(Object.keys(s)).toEqual([
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]);
      expect([s.metadata, s.type]).toEqual([false, 'realtime']);
      expect(s.service_name).toMatch(/^[\u4e00-\u9fff]+$/);
    }
    expect(services[3]).toMatchObject({ service_name: '投诉', group: '投诉举报' });
    const xml = await get('services.xml');
    expect(String(xml.headers['content-type'])).toMatch(/^text\/xml; charset=utf-8/);
    expect(xml.body).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<services><service><service_code>consultation<\/service_code><service_name>咨询<\/service_name>/,
    );
    expect(xml.body.match(/<service>/g)).toHaveLength(5);
    expect(xml.body).toContain('<metadata>false</metadata><type>realtime</type>');
    expect(xml.body.endsWith('</services>')).toBe(true);
  });

  it('answers a service definition (no attributes) and 404 for an unknown service', async () => {
    expect((await get('services/report.json')).json()).toEqual({ service_code: 'report', attributes: [] });
    expect((await get('services/report.xml')).body).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<service_definition><service_code>report</service_code><attributes/></service_definition>',
    );
    expectJsonError(await get('services/pothole.json'), 404);
    expectXmlError(await get('services/pothole.xml'), 404);
    expectJsonError(await get('services/report.html'), 404);
    expectJsonError(await get('nothing-here.json'), 404);
  });
});

describe('POST requests', () => {
  let id: string;

  it('files a complaint through the same intake, channel open311, the complainant sealed; the id is the tracking number', async () => {
    const before = await stored();
    const res = await post('json', request());
    expect(res.statusCode, res.body).toBe(200);
    const [answer, ...rest] = res.json();
    expect(rest).toEqual([]);
    expect(Object.keys(answer)).toEqual(['service_request_id', 'service_notice', 'account_id']);
    id = answer.service_request_id;
    expect(id).toMatch(/^TS\d{8}\d{6}$/);
    expect(await stored()).toBe(before + 1);
    const [row] = await env.database.db.select().from(complaints).where(eq(complaints.trackingNumber, id));
    expect(row).toMatchObject({
      channel: 'open311',
      kind: 'complaint',
      regionCode: '440106',
      address: '广州市天河区体育西路 101 号',
      lat: 23.1372,
      lng: 113.3215,
      mediaUrl: 'https://img.example.cn/photo/1.jpg',
      hotlineClientId: 'fms',
      queryCodeHash: null,
      state: 'received',
      reporterNameMasked: '欧**明',
      reporterPhoneMasked: '139****5678',
      anonymous: false,
    });
    expect(JSON.stringify(row)).not.toContain(PHONE);
    expect(JSON.stringify(row)).not.toContain('欧阳小明');
    expect(JSON.stringify(row)).not.toContain(EMAIL);
    // audited, naming the client
    const [audit] = await env.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'complaint.receive'), eq(auditEvents.resourceId, row?.id ?? '')));
    expect([audit?.outcome, audit?.detail]).toEqual(['success', 'open311 客户端 fms']);
  });

  it('answers XML, and files with an address only (the region from its names) or with jurisdiction_id', async () => {
    const res = await post('xml', request({ lat: '', long: '', address_string: '广州市天河区石牌街道石牌东路 5 号' }));
    expect(res.statusCode, res.body).toBe(200);
    const m =
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<service_requests><request><service_request_id>(TS\d{14})<\/service_request_id><service_notice>[^<]+<\/service_notice><account_id\/><\/request><\/service_requests>$/.exec(
        res.body,
      );
    expect(m, res.body).not.toBeNull();
    const [row] = await env.database.db
      .select()
      .from(complaints)
      .where(eq(complaints.trackingNumber, m?.[1] ?? ''));
    expect([row?.regionCode, row?.lat]).toEqual(['440106001', null]);
    const anonymous = await post('json', {
      api_key: keys.fms ?? '',
      service_code: 'consultation',
      lat: '23.12',
      long: '113.33',
      jurisdiction_id: '440106',
      description: '咨询食品经营许可的办理流程',
    });
    expect(anonymous.statusCode, anonymous.body).toBe(200);
    const [anon] = await env.database.db
      .select()
      .from(complaints)
      .where(eq(complaints.trackingNumber, anonymous.json()[0].service_request_id));
    expect([anon?.anonymous, anon?.regionCode, anon?.mediaUrl]).toEqual([true, '440106', null]);
  });

  it('403 for a missing, wrong, hotline-only or revoked api_key; nothing stored, the refusal audited', async () => {
    const before = await stored();
    const auditsBefore = Number(
      (
        await env.database.db
          .select({ n: count() })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'complaint.receive'), eq(auditEvents.outcome, 'failure')))
      )[0]?.n,
    );
    expectJsonError(await post('json', request({ api_key: '' })), 403);
    expectJsonError(await post('json', request({ api_key: 'whsec_wrong' })), 403);
    expectJsonError(await post('json', request({ api_key: keys.gd12345 ?? '' })), 403);
    expectXmlError(await post('xml', request({ api_key: 'x'.repeat(500) })), 403);
    expect(await stored()).toBe(before);
    const auditsAfter = Number(
      (
        await env.database.db
          .select({ n: count() })
          .from(auditEvents)
          .where(and(eq(auditEvents.action, 'complaint.receive'), eq(auditEvents.outcome, 'failure')))
      )[0]?.n,
    );
    expect(auditsAfter).toBe(auditsBefore + 4);
  });

  it('an open311 client cannot post hotline tickets (401)', async () => {
    const body = JSON.stringify({
      ticketNumber: 'GD12345-O311-1',
      receivedAt: '2026-03-02T08:00:00+08:00',
      kind: 'consultation',
      content: '咨询天河区食品经营许可办理流程',
      regionCode: '440106',
    });
    const at = Math.floor(env.clock.now().getTime() / 1000);
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/tickets',
      headers: {
        'content-type': 'application/json',
        'x-zhifa-client': 'fms',
        'x-zhifa-signature': signatureHeader(keys.fms ?? '', at, body),
      },
      payload: body,
    });
    expect([res.statusCode, res.json().code]).toEqual([401, 'bad_signature']);
    // the hotline client with the same body: accepted
    const ok = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/tickets',
      headers: {
        'content-type': 'application/json',
        'x-zhifa-client': 'gd12345',
        'x-zhifa-signature': signatureHeader(keys.gd12345 ?? '', at, body),
      },
      payload: body,
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('404 for an unknown service_code, 400 for every other refusal, in JSON and XML; nothing stored', async () => {
    const before = await stored();
    expectJsonError(await post('json', request({ service_code: 'pothole' })), 404);
    expectXmlError(await post('xml', request({ service_code: 'pothole' })), 404);
    expectJsonError(await post('json', request({ jurisdiction_id: '449999' })), 404);
    const refusals: Record<string, string>[] = [
      { description: '' },
      { description: '短' },
      { description: '长'.repeat(4001) },
      { lat: '', long: '', address_string: '' },
      { long: '' },
      { lat: '91', long: '113' },
      { lat: 'abc' },
      { lat: '', long: '', address_string: '某某路 1 号' },
      { phone: '12345' },
      { email: 'not-an-email' },
      { media_url: 'javascript:alert(1)' },
      { first_name: '名'.repeat(26) },
      { address_string: '地'.repeat(201) },
      { jurisdiction_id: '44' },
    ];
    for (const over of refusals) {
      const res = await post('json', request(over));
      expectJsonError(res, 400);
      expectXmlError(await post('xml', request(over)), 400);
    }
    const named = (await post('json', request({ phone: '12345' }))).json()[0].description;
    expect(named).toContain('phone');
    expect(await stored()).toBe(before);
  });

  it('refuses hostile input at the edge, never a 5xx: NUL, lone surrogates, a body over the limit, other media types', async () => {
    const before = await stored();
    const hostile = [
      await post('json', request({ description: `油烟\u0000直排影响居民` })),
      // a lone surrogate cannot travel in a UTF-8 form; a JSON body can carry one (and is not a GeoReport form)
      await env.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(request()).replace('餐馆', '\\ud800'),
      }),
      await env.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(request()),
      }),
      await env.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.xml',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `description=${'a'.repeat(env.config.bodyLimitBytes + 10)}`,
      }),
      await env.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'text/plain' },
        payload: 'api_key=x',
      }),
      await env.app.inject({
        method: 'POST',
        url: '/open311/v2/requests.json',
        headers: { 'content-type': 'application/json' },
        payload: '{"api_key": {"$ne": null}}',
      }),
      await get('requests.json?start_date=%00'),
      await get(`requests.json?service_request_id=${'A'.repeat(50_000)}`),
      await get('requests.json?start_date=99999-01-01T00:00:00Z'),
    ];
    for (const res of hostile) {
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, res.body).toBeLessThan(500);
      expect(res.body).not.toMatch(/select|insert|Failed query/i);
      expect(String(res.headers['content-type']), res.body).toMatch(/^(application\/json|text\/xml)/);
    }
    // a path that is not valid percent-encoding is refused before any route is found (the platform's 400)
    expect((await get('requests/%ED%A0%80.json')).statusCode).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('is a machine endpoint: a browser-style cross-site form post is not refused by the CSRF rule (no cookie is read)', async () => {
    const res = await post('json', request(), { origin: 'https://fms.example.org', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode, res.body).toBe(200);
    // the console's API still refuses the same
    const api = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients',
      headers: {
        cookie: sysadmin,
        origin: 'https://fms.example.org',
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'id=abc&name=abc',
    });
    expect(api.statusCode).toBe(403);
  });

  describe('GET requests', () => {
    it('answers a request by id with the fields of GeoReport v2 (+08:00 times) and no personal data', async () => {
      const res = await get(`requests/${id}.json`);
      expect(res.statusCode, res.body).toBe(200);
      const [r] = res.json();
      expect(r).toMatchObject({
        service_request_id: id,
        status: 'open',
        status_notes: '待受理',
        service_name: '投诉',
        service_code: 'complaint',
        description: '餐馆油烟直排，影响周边居民生活',
        address: '广州市天河区体育西路 101 号',
        lat: 23.1372,
        long: 113.3215,
        media_url: 'https://img.example.cn/photo/1.jpg',
        requested_datetime: beijingIso(env.clock.now()),
      });
      expect(r.agency_responsible).toMatch(/天河区/);
      for (const k of ['requested_datetime', 'updated_datetime', 'expected_datetime'])
        expect(r[k]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
      for (const k of [
        'service_request_id',
        'status',
        'status_notes',
        'service_name',
        'service_code',
        'description',
        'agency_responsible',
        'requested_datetime',
        'updated_datetime',
        'expected_datetime',
        'address',
        'lat',
        'long',
        'media_url',
      ])
        expect(Object.keys(r)).toContain(k);
      const xml = await get(`requests/${id}.xml`);
      expect(xml.body).toMatch(
        new RegExp(
          `^<\\?xml version="1.0" encoding="UTF-8"\\?>\\n<service_requests><request><service_request_id>${id}</service_request_id><status>open</status><status_notes>待受理</status_notes>`,
        ),
      );
      expect(xml.body).toContain('<lat>23.1372</lat><long>113.3215</long>');
      expect(xml.body).toContain('<service_notice/>');
      expectJsonError(await get('requests/TS20260302000000.json'), 404);
      expectXmlError(await get('requests/TS20260302000000.xml'), 404);
    });

    it('never shows a name, a phone or an e-mail address in any GET answer', async () => {
      const answers = await Promise.all(
        [
          'services.json',
          'services.xml',
          'requests.json',
          'requests.xml',
          `requests/${id}.json`,
          `requests/${id}.xml`,
          `requests.json?service_request_id=${id}`,
        ].map(get),
      );
      for (const res of answers) {
        expect(res.statusCode).toBe(200);
        for (const secret of [
          PHONE,
          '139****5678',
          '欧阳小明',
          '欧**明',
          '小明',
          EMAIL,
          'example.cn"',
          'first_name',
          'phone',
          'email',
        ])
          expect(res.body).not.toContain(secret);
      }
      const all = answers[2]?.json() as Record<string, unknown>[];
      expect(all.length).toBeGreaterThan(0);
      for (const r of all)
        expect(Object.keys(r).some((k) => /name$|phone|mail|reporter/.test(k) && k !== 'service_name')).toBe(false);
    });

    it('lists only the requests filed through Open311, filtered by id, service, status and date', async () => {
      const all = (await get('requests.json')).json() as {
        service_request_id: string;
        service_code: string;
        status: string;
      }[];
      const ids = new Set(all.map((r) => r.service_request_id));
      const channels = await env.database.db
        .select({ channel: complaints.channel, n: count() })
        .from(complaints)
        .where(
          sql`${complaints.trackingNumber} in (${sql.join(
            [...ids].map((i) => sql`${i}`),
            sql`, `,
          )})`,
        )
        .groupBy(complaints.channel);
      expect(channels.map((c) => c.channel)).toEqual(['open311']);
      // a hotline ticket's tracking number is not an Open311 request
      const [hotline] = await env.database.db
        .select({ t: complaints.trackingNumber })
        .from(complaints)
        .where(eq(complaints.channel, 'hotline'))
        .limit(1);
      expectJsonError(await get(`requests/${hotline?.t}.json`), 404);
      const byId = (await get(`requests.json?service_request_id=${id},TS20260302000000&status=closed`)).json();
      expect(byId.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([id]);
      const consult = (await get('requests.json?service_code=consultation')).json() as { service_code: string }[];
      expect(consult.length).toBeGreaterThan(0);
      expect(consult.every((r) => r.service_code === 'consultation')).toBe(true);
      expectJsonError(await get('requests.json?service_code=pothole'), 404);
      const open = (await get('requests.json?status=open')).json() as { status: string }[];
      expect(open.every((r) => r.status === 'open')).toBe(true);
      const both = (await get('requests.json?status=open,closed')).json();
      expect(both.length).toBe(all.length);
      expectJsonError(await get('requests.json?status=pending'), 400);
      expectXmlError(await get('requests.xml?status=pending'), 400);
      // the default window: the last 90 days
      const old = await env.database.db
        .update(complaints)
        .set({ receivedAt: new Date(env.clock.now().getTime() - 90 * DAY_MS - 1000) })
        .where(eq(complaints.trackingNumber, id))
        .returning();
      expect(old).toHaveLength(1);
      expect(
        ((await get('requests.json')).json() as { service_request_id: string }[]).map((r) => r.service_request_id),
      ).not.toContain(id);
      // still found by its id, and in an explicit window that holds it
      expect((await get(`requests/${id}.json`)).statusCode).toBe(200);
      const from = new Date(env.clock.now().getTime() - 91 * DAY_MS).toISOString();
      const to = new Date(env.clock.now().getTime() - 1 * DAY_MS).toISOString();
      expect(
        ((await get(`requests.json?start_date=${from}&end_date=${to}`)).json() as { service_request_id: string }[]).map(
          (r) => r.service_request_id,
        ),
      ).toContain(id);
    });

    it('refuses a window of more than 90 days (90 days exactly is accepted) and a reversed one', async () => {
      const end = new Date('2026-03-01T00:00:00+08:00');
      const exactly = new Date(end.getTime() - 90 * DAY_MS);
      expect(requestWindow(end, exactly, end)).toEqual({ from: exactly, to: end });
      expect(() => requestWindow(end, new Date(exactly.getTime() - 1000), end)).toThrow(/90 天/);
      expect(requestWindow(end, exactly)).toEqual({ from: exactly, to: end });
      const q = (a: Date, b: Date) =>
        `requests.json?start_date=${encodeURIComponent(beijingIso(a))}&end_date=${encodeURIComponent(beijingIso(b))}`;
      expect((await get(q(exactly, end))).statusCode).toBe(200);
      expectJsonError(await get(q(new Date(exactly.getTime() - 1000), end)), 400);
      expectXmlError(await get(q(new Date(exactly.getTime() - 1000), end).replace('.json', '.xml')), 400);
      expectJsonError(await get(q(end, exactly)), 400);
      expectJsonError(await get('requests.json?start_date=2026-01-01'), 400);
    });

    it('answers at most 1,000 requests, the newest first', async () => {
      const [template] = await env.database.db
        .select()
        .from(complaints)
        .where(eq(complaints.channel, 'open311'))
        .limit(1);
      const existing = ((await get('requests.json')).json() as unknown[]).length;
      const add = 1001 - existing;
      // rows straight into the table: the limit is about the answer, not about intake
      await env.database.db.execute(sql`
        insert into complaints
          (id, tracking_number, channel, kind, content, region_code, anonymous, handling_org_id, state, received_at,
           due_date, created_at, updated_at)
        select gen_random_uuid(), 'TSBULK' || lpad(g::text, 6, '0'), 'open311', 'suggestion', '批量建议内容', '440106', true,
          ${template?.handlingOrgId}::uuid, 'received', now() - (g || ' seconds')::interval, '2026-03-20', now(), now()
        from generate_series(1, ${add}) g`);
      await env.database.db.execute(
        sql`update complaints set received_at = ${env.clock.now()}::timestamptz - (substr(tracking_number, 7)::int || ' seconds')::interval where tracking_number like 'TSBULK%'`,
      );
      const at1001 = (await get('requests.json')).json() as { service_request_id: string }[];
      expect(at1001).toHaveLength(1000);
      expect(at1001[0]?.service_request_id).not.toBe('TSBULK001001');
      const xml = (await get('requests.xml')).body;
      expect(xml.match(/<request>/g)).toHaveLength(1000);
      // one fewer: all of them
      await env.database.db
        .delete(complaints)
        .where(eq(complaints.trackingNumber, `TSBULK${String(add).padStart(6, '0')}`));
      expect(((await get('requests.json')).json() as unknown[]).length).toBe(1000);
      await env.database.db.delete(complaints).where(sql`${complaints.trackingNumber} like 'TSBULK%'`);
    });
  });
});

describe('machine clients', () => {
  it('are made with scopes, listed with their state; an unknown scope is refused', async () => {
    const both = await makeClient('both-doors', ['hotline:write', 'open311:write']);
    expect(both.scopes).toEqual(['hotline:write', 'open311:write']);
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients',
      headers: { cookie: sysadmin },
      payload: { id: 'badscope', name: '坏的范围', scopes: ['admin:all'] },
    });
    expect([bad.statusCode, bad.json().detail]).toEqual([400, expect.stringContaining('权限范围')]);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/hotline/clients', headers: { cookie: sysadmin } });
    const rows = list.json().data as { id: string; scopes: string[]; state: string }[];
    expect(rows.find((c) => c.id === 'gd12345')).toMatchObject({ scopes: ['hotline:write'], state: 'active' });
    expect(rows.find((c) => c.id === 'fms')).toMatchObject({ scopes: ['open311:write'], state: 'active' });
    for (const k of Object.values(keys)) expect(list.body).not.toContain(k);
  });

  it('set and clear the callback URL; rotate: the old key stops at once', async () => {
    const set = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/hotline/clients/fms/callback',
      headers: { cookie: sysadmin },
      payload: { callbackUrl: 'https://fms.example.org/open311/hook' },
    });
    expect([set.statusCode, set.json().callbackUrl]).toEqual([200, 'https://fms.example.org/open311/hook']);
    const bad = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/hotline/clients/fms/callback',
      headers: { cookie: sysadmin },
      payload: { callbackUrl: 'ftp://x' },
    });
    expect(bad.statusCode).toBe(400);
    const cleared = await env.app.inject({
      method: 'PUT',
      url: '/api/v1/hotline/clients/fms/callback',
      headers: { cookie: sysadmin },
      payload: { callbackUrl: null },
    });
    expect(cleared.json().callbackUrl).toBeNull();
    const rotated = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients/fms/rotate',
      headers: { cookie: sysadmin },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const old = keys.fms ?? '';
    keys.fms = rotated.json().secret;
    expectJsonError(await post('json', request({ api_key: old })), 403);
    expect((await post('json', request())).statusCode).toBe(200);
  });

  it('revoked: refused on every door (Open311 403, hotline 401), not rotated again; each change audited', async () => {
    const revoke = (id: string) =>
      env.app.inject({ method: 'POST', url: `/api/v1/hotline/clients/${id}/revoke`, headers: { cookie: sysadmin } });
    const res = await revoke('both-doors');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'revoked', revokedAt: expect.any(String) });
    expectJsonError(await post('json', request({ api_key: keys['both-doors'] ?? '' })), 403);
    const body = JSON.stringify({
      ticketNumber: 'GD12345-REV-1',
      receivedAt: '2026-03-02T08:00:00+08:00',
      kind: 'consultation',
      content: '咨询天河区食品经营许可办理流程',
      regionCode: '440106',
    });
    const hotline = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/tickets',
      headers: {
        'content-type': 'application/json',
        'x-zhifa-client': 'both-doors',
        'x-zhifa-signature': signatureHeader(
          keys['both-doors'] ?? '',
          Math.floor(env.clock.now().getTime() / 1000),
          body,
        ),
      },
      payload: body,
    });
    expect(hotline.statusCode).toBe(401);
    const again = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients/both-doors/rotate',
      headers: { cookie: sysadmin },
    });
    expect([again.statusCode, again.json().code]).toEqual([409, 'client_revoked']);
    expect((await revoke('nobody')).statusCode).toBe(404);
    const officer = await env.login('th_officer1');
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: '/api/v1/hotline/clients/fms/revoke',
          headers: { cookie: officer },
        })
      ).statusCode,
    ).toBe(403);
    const audited = await env.database.db
      .select({ action: auditEvents.action, outcome: auditEvents.outcome })
      .from(auditEvents)
      .where(sql`${auditEvents.action} like 'hotline_client.%'`);
    const seen = new Set(audited.map((a) => `${a.action} ${a.outcome}`));
    for (const a of [
      'hotline_client.create success',
      'hotline_client.create failure',
      'hotline_client.set_callback success',
      'hotline_client.rotate success',
      'hotline_client.revoke success',
      'hotline_client.rotate failure',
      'hotline_client.revoke failure',
    ])
      expect(seen).toContain(a);
  });
});

describe('resolveRegion', () => {
  const regions = [
    { code: '440000', name: '广东省', parentCode: null },
    { code: '440100', name: '广州市', parentCode: '440000' },
    { code: '440106', name: '天河区', parentCode: '440100' },
    { code: '440300', name: '深圳市', parentCode: '440000' },
    { code: '440305', name: '南山区', parentCode: '440300' },
    { code: '440900', name: '茂名市', parentCode: '440000' },
    { code: '440999', name: '南山区', parentCode: '440900' },
  ];
  it('takes the most specific region named, its ancestors breaking ties', () => {
    expect(resolveRegion('广州市天河区体育西路', regions)).toEqual({ code: '440106', ambiguous: false });
    expect(resolveRegion('天河区体育西路', regions)).toEqual({ code: '440106', ambiguous: false });
    expect(resolveRegion('广州市某路', regions)).toEqual({ code: '440100', ambiguous: false });
    expect(resolveRegion('深圳市南山区科技园', regions)).toEqual({ code: '440305', ambiguous: false });
    expect(resolveRegion('南山区科技园', regions)).toEqual({ code: null, ambiguous: true });
    expect(resolveRegion('某某路 1 号', regions)).toEqual({ code: null, ambiguous: false });
  });
});
