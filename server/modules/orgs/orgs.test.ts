import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../../common/identifiers.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { orgs } from './orgs.schema.js';

let env: TestEnv;
let admin: string;
beforeAll(async () => {
  env = await createTestEnv();
  admin = await env.login('admin');
});
afterAll(() => env.close());

const get = (url: string, cookie: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });
const post = (url: string, cookie: string, payload: object) =>
  env.app.inject({ method: 'POST', url, headers: { cookie }, payload });
const orgCount = async () => Number((await env.database.db.select({ n: count() }).from(orgs))[0]?.n);

describe('regions', () => {
  it('lists the province, its 21 cities, and a county’s townships', async () => {
    const top = (await get('/api/v1/regions', admin)).json();
    expect(top.data).toEqual([
      expect.objectContaining({ code: '440000', name: '广东省', level: 'province', hasChildren: true }),
    ]);
    const cities = (await get('/api/v1/regions?parent=440000', admin)).json();
    expect(cities.total).toBe(21);
    expect(cities.data.map((c: { name: string }) => c.name)).toContain('东莞市');
    const townships = (await get('/api/v1/regions?parent=440106', admin)).json();
    expect(townships.data.length).toBeGreaterThanOrEqual(2);
    expect(townships.data.every((t: { code: string }) => /^440106\d{3}$/.test(t.code))).toBe(true);
  });
  it('refuses a malformed code with a Chinese field message', async () => {
    const res = await get('/api/v1/regions?parent=44', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'parent' }] });
  });
});

describe('creating orgs', () => {
  const base = {
    name: '广州市番禺区市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440113',
  };

  it('refuses a USCC of the wrong length or with a forbidden character, writing nothing', async () => {
    const before = await orgCount();
    for (const [uscc, fragment] of [
      ['91440101MA59', '18 位'],
      ['91440101MA5ICXYZ1A', '第 12 位'],
    ] as const) {
      const res = await post('/api/v1/orgs', admin, { ...base, uscc });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'invalid_uscc', errors: [{ path: 'uscc' }] });
      expect(res.json().detail).toContain(fragment);
    }
    expect(await orgCount()).toBe(before);
  });

  it('accepts a USCC whose check character is wrong, with a warning', async () => {
    const first17 = '11440113MB2H0001';
    const good = `${first17}0${usccCheckChar(`${first17}0`)}`;
    const bad = `${first17}0${good.endsWith('1') ? '2' : '1'}`;
    const res = await post('/api/v1/orgs', admin, { ...base, uscc: bad });
    expect(res.statusCode).toBe(201);
    expect(res.json().uscc).toBe(bad);
    expect(res.json().warnings).toEqual([expect.objectContaining({ code: 'uscc_check_mismatch' })]);
    const ok = await post('/api/v1/orgs', admin, {
      ...base,
      name: '广州市南沙区市场监督管理局',
      regionCode: '440115',
      uscc: good.toLowerCase(),
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().uscc).toBe(good);
    expect(ok.json().warnings).toEqual([]);
  });

  it('refuses a duplicate name, a kind/sector mismatch and a parent outside the vertical line', async () => {
    const dup = await post('/api/v1/orgs', admin, { ...base, name: '广州市市场监督管理局', regionCode: '440100' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_org_name');
    const shape = await post('/api/v1/orgs', admin, {
      ...base,
      name: '某区司法局',
      kind: 'justice',
      sector: 'market_regulation',
    });
    expect(shape.json()).toMatchObject({ code: 'invalid_org_shape', errors: [{ path: 'sector' }] });
    const szAmr = await env.orgId('深圳市市场监督管理局');
    const parent = await post('/api/v1/orgs', admin, {
      ...base,
      name: '广州市白云区市场监督管理局',
      regionCode: '440111',
      parentId: szAmr,
    });
    expect(parent.json()).toMatchObject({ code: 'invalid_parent', errors: [{ path: 'parentId' }] });
  });

  it('lets only a sysadmin create, and only within its own scope', async () => {
    const officer = await env.login('gz_officer1');
    const refused = await post('/api/v1/orgs', officer, { ...base, name: '某单位甲' });
    expect(refused.statusCode).toBe(403);
    const gzSys = await env.login('gz_sysadmin');
    const outside = await post('/api/v1/orgs', gzSys, {
      ...base,
      name: '深圳市福田区市场监督管理局',
      regionCode: '440304',
    });
    expect(outside.statusCode).toBe(422);
    expect(outside.json().code).toBe('out_of_scope');
    const inside = await post('/api/v1/orgs', gzSys, {
      ...base,
      name: '广州市花都区市场监督管理局',
      regionCode: '440114',
    });
    expect(inside.statusCode).toBe(201);
  });

  it('refuses a parent cycle on PATCH', async () => {
    const gz = await env.orgId('广州市市场监督管理局');
    const th = await env.orgId('广州市天河区市场监督管理局');
    const res = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${gz}`,
      headers: { cookie: admin },
      payload: { parentId: th },
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBeOneOf(['parent_cycle', 'invalid_parent']);
    const rename = await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${th}`,
      headers: { cookie: admin },
      payload: { status: 'inactive' },
    });
    expect(rename.json().status).toBe('inactive');
    await env.app.inject({
      method: 'PATCH',
      url: `/api/v1/orgs/${th}`,
      headers: { cookie: admin },
      payload: { status: 'active' },
    });
  });
});

describe('scope: a record outside the caller’s scope answers 404', () => {
  it('a city department sees itself and its child, not its parent, a sibling city, or another sector', async () => {
    const cookie = await env.login('gz_officer1'); // 广州市市场监督管理局
    const expectations: [string, number][] = [
      ['广州市市场监督管理局', 200], // same org
      ['广州市天河区市场监督管理局', 200], // child
      ['广东省市场监督管理局', 404], // parent
      ['深圳市市场监督管理局', 404], // sibling city
      ['广州市生态环境局', 404], // other sector, same city
      ['广州市司法局', 404], // justice, same city
    ];
    for (const [name, status] of expectations) {
      const res = await get(`/api/v1/orgs/${await env.orgId(name)}`, cookie);
      expect([name, res.statusCode]).toEqual([name, status]);
      if (status === 404) expect(res.json().code).toBe('not_found');
    }
  });

  it('a county department sees neither its sibling county nor its parent', async () => {
    const cookie = await env.login('th_officer1'); // 天河区市场监督管理局
    expect((await get(`/api/v1/orgs/${await env.orgId('广州市越秀区市场监督管理局')}`, cookie)).statusCode).toBe(404);
    expect((await get(`/api/v1/orgs/${await env.orgId('广州市市场监督管理局')}`, cookie)).statusCode).toBe(404);
    const list = (await get('/api/v1/orgs?pageSize=200', cookie)).json();
    expect(list.data.map((o: { name: string }) => o.name)).toEqual(['广州市天河区市场监督管理局']);
  });

  it('lists only in-scope orgs, and filters by region subtree', async () => {
    const gz = await env.login('gz_officer1');
    const list = (await get('/api/v1/orgs?pageSize=200', gz)).json();
    expect(list.total).toBe(list.data.length);
    expect(
      list.data.every(
        (o: { regionCode: string; sector: string }) =>
          o.regionCode.startsWith('4401') && o.sector === 'market_regulation',
      ),
    ).toBe(true);
    const sft = await env.login('sft_supervisor'); // the province justice department sees everything
    const all = (await get('/api/v1/orgs?pageSize=200', sft)).json();
    expect(all.total).toBe(await orgCount());
    const sz = (await get('/api/v1/orgs?regionCode=440300&pageSize=200', sft)).json();
    expect(sz.data.length).toBeGreaterThan(0);
    expect(sz.data.every((o: { regionCode: string }) => o.regionCode.startsWith('4403'))).toBe(true);
  });

  it('pages with a stable order and refuses pageSize above 200', async () => {
    const sft = await env.login('sft_supervisor');
    const p1 = (await get('/api/v1/orgs?current=1&pageSize=5', sft)).json();
    const p2 = (await get('/api/v1/orgs?current=2&pageSize=5', sft)).json();
    const all = (await get('/api/v1/orgs?pageSize=10', sft)).json();
    expect([...p1.data, ...p2.data].map((o: { id: string }) => o.id)).toEqual(
      all.data.map((o: { id: string }) => o.id),
    );
    expect((await get('/api/v1/orgs?pageSize=201', sft)).statusCode).toBe(400);
  });

  it('searches names as text: LIKE wildcards match only themselves', async () => {
    const sft = await env.login('sft_supervisor');
    expect((await get(`/api/v1/orgs?q=${encodeURIComponent('%')}`, sft)).json().total).toBe(0);
    expect(
      (await get(`/api/v1/orgs?q=${encodeURIComponent('市场监督')}&pageSize=200`, sft)).json().total,
    ).toBeGreaterThan(3);
  });

  it('a township sees only its own township’s orgs, every sector', async () => {
    const [row] = await env.database.db.select().from(orgs).where(eq(orgs.name, '广州市天河区石牌街道综合行政执法办'));
    expect(row?.regionCode).toBe('440106001');
    const cookie = await env.login('sp_officer');
    const list = (await get('/api/v1/orgs?pageSize=200', cookie)).json();
    expect(list.data.map((o: { name: string }) => o.name).sort()).toEqual(
      ['广州市天河区石牌街道司法所', '广州市天河区石牌街道综合行政执法办'].sort(),
    );
  });
});
