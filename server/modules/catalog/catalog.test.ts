import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { items } from './catalog.schema.js';

let env: TestEnv;
let amrAdmin: string;
beforeAll(async () => {
  env = await createTestEnv();
  amrAdmin = await env.login('gd_amr_admin');
});
afterAll(() => env.close());

const req = (
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  cookie: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) =>
  env.app.inject({
    method,
    url,
    headers: { cookie, ...headers },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
const itemId = async (code: string) =>
  (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, code)))[0]?.id as string;

const newItem = {
  baseCode: 'SC-CF-TEST1',
  name: '对经营者销售过期食品的处罚（测试）',
  legalBasis: { law: '《中华人民共和国食品安全法》', article: '第一百二十四条第一款第五项 ……' },
  type: 'penalty',
  sector: 'market_regulation',
  levels: ['province', 'city', 'county'],
  basisLevel: 'national',
};

describe('catalogue', () => {
  it('searches names with pg_trgm (Chinese substrings and near misses) and codes by prefix', async () => {
    const cookie = await env.login('gz_officer1');
    const byName = (await req('GET', `/api/v1/items?q=${encodeURIComponent('明码标价')}`, cookie)).json();
    expect(byName.data[0].baseCode).toBe('SC-CF-JG13');
    const near = (await req('GET', `/api/v1/items?q=${encodeURIComponent('超标排放大气污染物处罚')}`, cookie)).json();
    expect(near.data.map((i: { baseCode: string }) => i.baseCode)).toContain('HJ-CF-0099');
    const byCode = (await req('GET', '/api/v1/items?q=HJ-CF', cookie)).json();
    expect(byCode.total).toBeGreaterThanOrEqual(4);
    expect(byCode.data.every((i: { baseCode: string }) => i.baseCode.startsWith('HJ-CF'))).toBe(true);
    const filtered = (
      await req('GET', '/api/v1/items?type=inspection&sector=market_regulation&level=township', cookie)
    ).json();
    expect(
      filtered.data.every(
        (i: { type: string; levels: string[] }) => i.type === 'inspection' && i.levels.includes('township'),
      ),
    ).toBe(true);
    expect((await req('GET', '/api/v1/items', cookie)).json().total).toBeGreaterThanOrEqual(30);
  });

  it('creates an item, keeps every version on PUT, and refuses a duplicate code', async () => {
    const created = await req('POST', '/api/v1/items', amrAdmin, newItem);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ version: 1, townshipGuiding: false });
    const id = created.json().id;
    const put = await req('PUT', `/api/v1/items/${id}`, amrAdmin, {
      ...newItem,
      name: '对经营者销售超过保质期食品的处罚（测试）',
    });
    expect(put.json()).toMatchObject({ version: 2, name: '对经营者销售超过保质期食品的处罚（测试）' });
    const versions = (await req('GET', `/api/v1/items/${id}/versions`, amrAdmin)).json();
    expect(versions.data.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions.data[1].snapshot.name).toBe(newItem.name);
    expect((await req('POST', '/api/v1/items', amrAdmin, newItem)).json().code).toBe('duplicate_item');
  });

  it('takes an item created without basisLevel as resting on national law; a revision must still state it', async () => {
    const { basisLevel: _omitted, ...withoutLevel } = newItem;
    const created = await req('POST', '/api/v1/items', amrAdmin, { ...withoutLevel, baseCode: 'SC-CF-TEST-NAT' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().basisLevel).toBe('national');
    const [stored] = await env.database.db.select().from(items).where(eq(items.baseCode, 'SC-CF-TEST-NAT'));
    expect(stored?.basisLevel).toBe('national');
    // national law is for the province to list: a city admin leaving it out is refused like one stating it
    const city = await req('POST', '/api/v1/items', await env.login('gz_admin'), { ...withoutLevel, baseCode: 'X-4' });
    expect(city.statusCode).toBe(403);
    const wrong = await req('POST', '/api/v1/items', amrAdmin, { ...newItem, baseCode: 'X-5', basisLevel: 'county' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].path).toBe('basisLevel');
    const put = await req('PUT', `/api/v1/items/${created.json().id}`, amrAdmin, withoutLevel);
    expect(put.statusCode).toBe(400);
    expect(put.json().errors[0].path).toBe('basisLevel');
  });

  it('lets only a province-level admin of the sector edit; a city only items from city rules', async () => {
    expect(
      (await req('POST', '/api/v1/items', await env.login('gd_eee_admin'), { ...newItem, baseCode: 'X-1' })).statusCode,
    ).toBe(403);
    expect(
      (await req('POST', '/api/v1/items', await env.login('gz_admin'), { ...newItem, baseCode: 'X-2' })).statusCode,
    ).toBe(403);
    const cityRule = await req('POST', '/api/v1/items', await env.login('gz_admin'), {
      ...newItem,
      baseCode: 'X-3',
      basisLevel: 'city',
    });
    expect(cityRule.statusCode).toBe(201);
  });

  it('links only inspection/coercion items to a penalty item of the same sector', async () => {
    const penalty = await itemId('SC-CF-0122');
    const bad = await req('POST', '/api/v1/items', amrAdmin, { ...newItem, baseCode: 'X-4', parentItemId: penalty });
    expect(bad.json()).toMatchObject({ code: 'invalid_parent_item', errors: [{ path: 'parentItemId' }] });
    const ok = await req('POST', '/api/v1/items', amrAdmin, {
      ...newItem,
      baseCode: 'X-5',
      type: 'inspection',
      parentItemId: penalty,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('lets an org claim items of its sector and level, once', async () => {
    const thAdmin = await env.login('th_amr_admin');
    const thAmr = await env.orgId('广州市天河区市场监督管理局');
    const fresh = await itemId('SC-CF-TEST1');
    const claim = await req('POST', `/api/v1/items/${fresh}/claims`, thAdmin, {});
    expect(claim.statusCode).toBe(201);
    expect((await req('POST', `/api/v1/items/${fresh}/claims`, thAdmin, {})).json().code).toBe('already_claimed');
    expect((await req('POST', `/api/v1/items/${await itemId('HJ-CF-0099')}/claims`, thAdmin, {})).json().code).toBe(
      'claim_not_allowed',
    );
    expect((await req('POST', `/api/v1/items/${await itemId('HJ-XK-0001')}/claims`, thAdmin, {})).json().code).toBe(
      'claim_not_allowed',
    );
    const list = (await req('GET', `/api/v1/orgs/${thAmr}/items`, thAdmin)).json();
    expect(list.data.map((i: { id: string }) => i.id)).toContain(fresh);
    expect((await req('GET', `/api/v1/items?claimedBy=${thAmr}&pageSize=200`, thAdmin)).json().total).toBe(list.total);
  });

  it('imports CSV with per-row results: created, updated, unchanged, error', async () => {
    const csv = [
      'baseCode,name,law,article,type,sector,levels,basisLevel,townshipGuiding,major,parentBaseCode',
      'SC-IMP-1,对某违法行为的处罚,《某法》,第一条 ……,penalty,market_regulation,province|city|county,national,false,false,',
      'SC-IMP-2,对某行为的检查,《某法》,第二条 ……,inspection,market_regulation,county|township,national,true,false,SC-IMP-1',
      'SC-IMP-3,,《某法》,第三条,penalty,market_regulation,county,national,false,false,',
      'SC-IMP-4,错误层级,《某法》,第四条,penalty,market_regulation,village,national,false,false,',
    ].join('\n');
    const first = (await req('POST', '/api/v1/items/import', amrAdmin, csv, { 'content-type': 'text/csv' })).json();
    expect(first).toMatchObject({ created: 2, errors: 2 });
    expect(first.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
      [4, 'error'],
      [5, 'error'],
    ]);
    const again = (
      await req(
        'POST',
        '/api/v1/items/import',
        amrAdmin,
        csv.replace('对某违法行为的处罚', '对某违法行为的处罚（修订）'),
        { 'content-type': 'text/csv' },
      )
    ).json();
    expect(again).toMatchObject({ created: 0, updated: 1, unchanged: 1, errors: 2 });
    const json = (await req('POST', '/api/v1/items/import', amrAdmin, [{ ...newItem, baseCode: 'SC-IMP-5' }])).json();
    expect(json).toMatchObject({ created: 1 });
  });
});
