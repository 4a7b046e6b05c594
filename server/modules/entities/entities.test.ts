import { Writable } from 'node:stream';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../test/tables.js';
import { usccCheckChar } from '../../../common/identifiers.js';
import { queryRows } from '../../db/client.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { entities } from './entities.schema.js';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let env: TestEnv;
let gz: string; // 广州市市场监督管理局 officer
let th: string; // 天河区市场监督管理局 officer
let sz: string; // 深圳市市场监督管理局 officer
const bodies: string[] = [];
const LEGAL_REP = '欧阳建国';

beforeAll(async () => {
  env = await createTestEnv({}, { logger: { level: 'trace', stream: logStream } });
  [gz, th, sz] = await Promise.all([env.login('gz_officer1'), env.login('th_officer1'), env.login('sz_officer1')]);
});
afterAll(() => env.close());

async function call(method: 'GET' | 'POST' | 'PATCH', url: string, cookie: string, payload?: object) {
  const res = await env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
  bodies.push(res.body);
  return res;
}
const uscc = (serial: string, region = '440106') => {
  const first17 = `91${region}MA${serial}`.slice(0, 17);
  return first17 + usccCheckChar(first17);
};
const base = (over: object = {}) => ({
  uscc: uscc('5T0001A'),
  name: '广州天河测试餐饮有限公司',
  kind: 'enterprise',
  regionCode: '440106',
  sectors: ['market_regulation', 'health'],
  address: '天河路 385 号',
  legalRepresentative: LEGAL_REP,
  riskClass: 'B',
  creditClass: 'A',
  ...over,
});
const entityCount = async () => Number((await env.database.db.select({ n: count() }).from(entities))[0]?.n);

describe('the demo library', () => {
  it('holds ≥ 2,000 entities in 广州 and 深圳 in every risk and credit class', async () => {
    const rows = await queryRows<{ city: string; risk: string; credit: string; n: number }>(
      env.database.db,
      sql`select substr(region_code, 1, 4) as city, risk_class as risk, credit_class as credit, count(*)::int as n from entities group by 1, 2, 3`,
    );
    const total = rows.reduce((s, r) => s + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(2000);
    expect(new Set(rows.map((r) => r.city))).toEqual(new Set(['4401', '4403']));
    expect(new Set(rows.map((r) => r.risk))).toEqual(new Set(['A', 'B', 'C', 'D']));
    expect(new Set(rows.map((r) => r.credit))).toEqual(new Set(['A', 'B', 'C', 'D']));
  });
});

describe('registering an entity', () => {
  it('creates it with the legal representative masked, sealed at rest, and audits it', async () => {
    const res = await call('POST', '/api/v1/entities', th, base());
    expect(res.statusCode).toBe(201);
    const e = res.json();
    expect(e).toMatchObject({
      uscc: base().uscc,
      regionName: '天河区',
      legalRepresentative: '欧**国',
      status: 'active',
    });
    expect(e.warnings).toBeUndefined();
    const [row] = await env.database.db.select().from(entities).where(eq(entities.id, e.id));
    expect(row?.legalRepSealed).not.toContain(LEGAL_REP);
    expect(row?.legalRepMasked).toBe('欧**国');
    const [audit] = await env.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, e.id))
      .orderBy(sql`seq desc`);
    expect(audit).toMatchObject({ action: 'entity.create', outcome: 'success' });
  });

  it('accepts a wrong check character with the uscc_check_mismatch warning', async () => {
    const good = uscc('5T0002B');
    const wrong = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await call('POST', '/api/v1/entities', th, base({ uscc: wrong, name: '早期赋码测试有限公司' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().usccCheckValid).toBe(false);
    expect(res.json().warnings).toEqual([expect.objectContaining({ code: 'uscc_check_mismatch' })]);
  });

  it('refuses bad input with a Chinese message naming the field, writing nothing', async () => {
    const before = await entityCount();
    const cases: [object, number, string, string][] = [
      [{ uscc: '91440106MA59' }, 422, 'invalid_uscc', 'uscc'],
      [{ uscc: base().uscc }, 409, 'duplicate_uscc', 'uscc'],
      [{ uscc: uscc('5T0003C'), regionCode: '440100' }, 422, 'invalid_region_level', 'regionCode'],
      [{ uscc: uscc('5T0003C'), regionCode: '440199' }, 422, 'unknown_region', 'regionCode'],
      [{ uscc: uscc('5T0003C'), riskClass: 'E' }, 400, 'validation_failed', 'riskClass'],
      [{ uscc: uscc('5T0003C'), sectors: [] }, 400, 'validation_failed', 'sectors'],
      [{ uscc: uscc('5T0003C'), sectors: ['general'] }, 400, 'validation_failed', 'sectors.0'],
      [{ uscc: uscc('5T0003C'), kind: 'person' }, 400, 'validation_failed', 'kind'],
    ];
    for (const [over, status, code, path] of cases) {
      const res = await call('POST', '/api/v1/entities', th, base(over));
      expect(res.statusCode, JSON.stringify(over)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code, errors: [expect.objectContaining({ path })] });
      expect(res.json().detail).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await entityCount()).toBe(before);
  });

  it('refuses a region outside the caller’s subtree, and roles that do not keep the library', async () => {
    const outside = await call('POST', '/api/v1/entities', th, base({ uscc: uscc('5T0004D'), regionCode: '440104' }));
    expect(outside.statusCode).toBe(422);
    expect(outside.json()).toMatchObject({ code: 'out_of_scope', errors: [{ path: 'regionCode' }] });
    for (const who of ['gz_reviewer', 'gz_sfj_admin', 'sft_supervisor']) {
      const res = await call('POST', '/api/v1/entities', await env.login(who), base({ uscc: uscc('5T0004D') }));
      expect(res.statusCode, who).toBe(403);
    }
    for (const who of ['admin', 'secadmin', 'auditor']) {
      const cookie = await env.login(who);
      expect((await call('GET', '/api/v1/entities', cookie)).statusCode, who).toBe(403);
      expect((await call('POST', '/api/v1/entities', cookie, base({ uscc: uscc('5T0004D') }))).statusCode).toBe(403);
    }
  });
});

describe('reading the library', () => {
  it('shows only the caller’s region subtree: another region’s entity answers 404', async () => {
    const mine = (await call('GET', `/api/v1/entities?q=${encodeURIComponent('天河测试餐饮')}`, th)).json();
    const id = mine.data[0].id as string;
    expect((await call('GET', `/api/v1/entities/${id}`, gz)).statusCode).toBe(200);
    const other = await call('GET', `/api/v1/entities/${id}`, sz);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
    const szList = (await call('GET', '/api/v1/entities?pageSize=200', sz)).json();
    expect(szList.total).toBeGreaterThan(500);
    expect(szList.data.every((e: { regionCode: string }) => e.regionCode.startsWith('4403'))).toBe(true);
    const thList = (await call('GET', '/api/v1/entities?pageSize=200', th)).json();
    expect(thList.data.every((e: { regionCode: string }) => e.regionCode.startsWith('440106'))).toBe(true);
    // a supervisor of the province sees both cities
    const all = (await call('GET', '/api/v1/entities?pageSize=1', await env.login('sft_supervisor'))).json();
    expect(all.total).toBeGreaterThanOrEqual(szList.total + thList.total);
  });

  it('filters by name (trigram, Chinese substring), USCC exact and prefix, region, sector and classes', async () => {
    const byName = (await call('GET', `/api/v1/entities?q=${encodeURIComponent('测试餐饮')}`, gz)).json();
    expect(byName.data.map((e: { name: string }) => e.name)).toContain('广州天河测试餐饮有限公司');
    const exact = (await call('GET', `/api/v1/entities?q=${base().uscc.toLowerCase()}`, gz)).json();
    expect(exact.total).toBe(1);
    expect(exact.data[0].uscc).toBe(base().uscc);
    const prefix = (await call('GET', `/api/v1/entities?q=${base().uscc.slice(0, 12)}&pageSize=200`, gz)).json();
    expect(prefix.data.every((e: { uscc: string }) => e.uscc.startsWith(base().uscc.slice(0, 12)))).toBe(true);
    expect(prefix.data.map((e: { uscc: string }) => e.uscc)).toContain(base().uscc);
    const filtered = (
      await call('GET', '/api/v1/entities?regionCode=440305&sector=health&riskClass=D&creditClass=C&pageSize=200', sz)
    ).json();
    for (const e of filtered.data) {
      expect(e).toMatchObject({ regionCode: '440305', riskClass: 'D', creditClass: 'C' });
      expect(e.sectors).toContain('health');
    }
    const abnormal = (await call('GET', '/api/v1/entities?status=abnormal', gz)).json();
    expect(abnormal.total).toBeGreaterThan(0);
    expect(abnormal.data.every((e: { status: string }) => e.status === 'abnormal')).toBe(true);
    const bad = await call('GET', '/api/v1/entities?riskClass=Z', gz);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].path).toBe('riskClass');
  });

  it('lists an entity’s penalty cases in the caller’s scope, and empty visits, inspections, complaints', async () => {
    const [party] = await queryRows<{ uscc: string; n: number }>(
      env.database.db,
      sql`select c.party_uscc as uscc, count(*)::int as n from cases c join orgs o on o.id = c.org_id
          where o.region_code = '440100' and o.sector = 'market_regulation' and c.party_uscc is not null
            and not exists (select 1 from entities e where e.uscc = c.party_uscc
              and (exists (select 1 from visits v where v.entity_id = e.id)
                or exists (select 1 from inspection_targets t where t.entity_id = e.id)))
          group by 1 order by 2 desc, 1 limit 1`,
    );
    const list = (await call('GET', `/api/v1/entities?q=${party?.uscc}`, gz)).json();
    const detail = (await call('GET', `/api/v1/entities/${list.data[0].id}`, gz)).json();
    expect(detail.cases.length).toBeGreaterThanOrEqual(1);
    expect(detail.cases[0]).toEqual(
      expect.objectContaining({
        number: expect.any(String),
        stateLabel: expect.any(String),
        orgName: expect.any(String),
      }),
    );
    expect(detail).toMatchObject({ visits: [], inspections: [], complaints: [] });
  });
});

describe('changing an entity', () => {
  it('patches classes, status and the legal representative (sealed again, masked), audited', async () => {
    const id = (await call('GET', `/api/v1/entities?q=${base().uscc}`, th)).json().data[0].id as string;
    const res = await call('PATCH', `/api/v1/entities/${id}`, th, {
      riskClass: 'D',
      status: 'abnormal',
      legalRepresentative: '司马相如',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ riskClass: 'D', status: 'abnormal', legalRepresentative: '司**如' });
    const [audit] = await env.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, id))
      .orderBy(sql`seq desc`);
    expect(audit).toMatchObject({ action: 'entity.update', outcome: 'success' });
  });

  it('answers 404 to another region’s officer and refuses moving it out of scope or onto a used USCC', async () => {
    const id = (await call('GET', `/api/v1/entities?q=${base().uscc}`, th)).json().data[0].id as string;
    const res = await call('PATCH', `/api/v1/entities/${id}`, sz, { riskClass: 'A' });
    expect(res.statusCode).toBe(404);
    const [failure] = await env.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.resourceId, id))
      .orderBy(sql`seq desc`);
    expect(failure).toMatchObject({ action: 'entity.update', outcome: 'failure', code: 'not_found' });
    expect((await call('PATCH', `/api/v1/entities/${id}`, th, { regionCode: '440305' })).json().code).toBe(
      'out_of_scope',
    );
    const other = (await call('GET', '/api/v1/entities?regionCode=440106&pageSize=2', th))
      .json()
      .data.find((e: { id: string }) => e.id !== id);
    const dup = await call('PATCH', `/api/v1/entities/${id}`, th, { uscc: other.uscc });
    expect(dup.statusCode).toBe(409);
    expect((await call('PATCH', `/api/v1/entities/${id}`, th, {})).statusCode).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents every entities endpoint, the import included', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    for (const p of ['/api/v1/entities', '/api/v1/entities/{id}', '/api/v1/entities/import'])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});

describe('personal data', () => {
  it('never sends or logs the legal representative’s full name', () => {
    expect(logLines.length).toBeGreaterThan(10);
    for (const name of [LEGAL_REP, '司马相如']) {
      for (const text of [...bodies, ...logLines]) expect(text.includes(name)).toBe(false);
    }
  });
});
