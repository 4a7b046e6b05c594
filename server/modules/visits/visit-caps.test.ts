/**
 * The frequency caps as data through the API: everyone reads them (with the default); the supervising justice
 * department sets them — a city justice bureau the caps of the orgs in its city, only the provincial department an
 * item's cap; departments may not; validation (positive integers, per level ≤ across levels, one target); a PUT
 * replaces the cap; and the visit flags use it (an org cap of 1 per level: the 2nd special check is over_cap).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit, VisitCap } from '../../../common/contracts/visits.contract.js';
import { queryRows } from '../../db/client.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';

let env: TestEnv;
const who: Record<string, string> = {};
const org: Record<string, string> = {};
let itemId = '';

beforeAll(async () => {
  env = await createTestEnv();
  for (const u of ['gz_officer1', 'gz_head', 'gz_sfj_supervisor', 'sft_supervisor']) who[u] = await env.login(u);
  for (const n of ['广州市市场监督管理局', '深圳市市场监督管理局']) org[n] = await env.orgId(n);
  [{ id: itemId }] = (await queryRows<{ id: string }>(
    env.database.db,
    sql`select id from items where status = 'active' and type = 'inspection' order by base_code limit 1`,
  )) as [{ id: string }];
});
afterAll(() => env.close());

const call = (method: 'GET' | 'PUT' | 'POST', url: string, user: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: who[user] as string }, ...(payload ? { payload } : {}) });
const put = (user: string, body: object) => call('PUT', '/api/v1/visit-caps', user, body);
const BASIS = '粤府办〔2025〕15号：同一层级每年不超过 1 次';

describe('visit caps', () => {
  it('everyone reads the caps and the default; only the justice department may edit', async () => {
    const res = await call('GET', '/api/v1/visit-caps', 'gz_officer1');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ default: { perLevel: 2, acrossLevels: 4 }, canEdit: false });
    expect((await call('GET', '/api/v1/visit-caps', 'gz_sfj_supervisor')).json().canEdit).toBe(true);
    const head = await put('gz_head', {
      orgId: org['广州市市场监督管理局'],
      perLevel: 1,
      acrossLevels: 2,
      basis: BASIS,
    });
    expect(head.statusCode).toBe(403);
    expect(head.json().detail).toContain('司法行政部门');
  });

  it('validates: positive integers, per level ≤ across levels, exactly one target', async () => {
    const base = { orgId: org['广州市市场监督管理局'], perLevel: 1, acrossLevels: 2, basis: BASIS };
    for (const [body, path] of [
      [{ ...base, perLevel: 0 }, 'perLevel'],
      [{ ...base, acrossLevels: 1.5 }, 'acrossLevels'],
      [{ ...base, perLevel: 3 }, 'perLevel'],
      [{ ...base, itemId }, 'itemId'],
      [{ perLevel: 1, acrossLevels: 2, basis: BASIS }, 'itemId'],
      [{ ...base, basis: '' }, 'basis'],
    ] as const) {
      const res = await put('gz_sfj_supervisor', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });

  it('the city bureau sets its city orgs’ caps, not another city’s nor an item’s; the province sets an item’s', async () => {
    const other = await put('gz_sfj_supervisor', {
      orgId: org['深圳市市场监督管理局'],
      perLevel: 1,
      acrossLevels: 2,
      basis: BASIS,
    });
    expect(other.statusCode).toBe(403);
    expect(other.json().detail).toContain('监督地区');
    const item = await put('gz_sfj_supervisor', { itemId, perLevel: 1, acrossLevels: 3, basis: BASIS });
    expect(item.statusCode).toBe(403);
    expect(item.json().detail).toContain('省级');
    const byProvince = await put('sft_supervisor', { itemId, perLevel: 2, acrossLevels: 3, basis: BASIS });
    expect(byProvince.statusCode, byProvince.body).toBe(200);
    expect(byProvince.json()).toMatchObject({ itemId, orgId: null, perLevel: 2, acrossLevels: 3 });
    const first = await put('gz_sfj_supervisor', {
      orgId: org['广州市市场监督管理局'],
      perLevel: 2,
      acrossLevels: 2,
      basis: BASIS,
    });
    expect(first.statusCode, first.body).toBe(200);
    const again = await put('gz_sfj_supervisor', {
      orgId: org['广州市市场监督管理局'],
      perLevel: 1,
      acrossLevels: 2,
      basis: BASIS,
    });
    expect(again.json().id).toBe(first.json().id);
    const list = (await call('GET', '/api/v1/visit-caps', 'gz_officer1')).json().data as VisitCap[];
    const mine = list.filter((c) => c.orgId === org['广州市市场监督管理局']);
    expect(mine).toEqual([expect.objectContaining({ perLevel: 1, acrossLevels: 2, orgName: '广州市市场监督管理局' })]);
    expect(list.some((c) => c.itemId === itemId && c.itemName)).toBe(true);
  });

  it('the visit flags use the org’s cap: with 1 per level the 2nd special check of the year is over_cap', async () => {
    const [e] = await queryRows<{ id: string }>(
      env.database.db,
      sql`select e.id from entities e where e.region_code like '4401%'
          and not exists (select 1 from visits v where v.entity_id = e.id) order by e.uscc desc limit 1`,
    );
    await call('GET', `/api/v1/entities/${e?.id}/qr.svg`, 'gz_head');
    const [code] = await queryRows<{ token: string }>(
      env.database.db,
      sql`select token from entity_codes where entity_id = ${e?.id}`,
    );
    const officerIds = (
      await queryRows<{ id: string }>(
        env.database.db,
        sql`select id from officers where org_id = ${org['广州市市场监督管理局']} order by id limit 2`,
      )
    ).map((o) => o.id);
    const visit = async (daysAgo: number) =>
      (
        await call('POST', '/api/v1/visits', 'gz_head', {
          entityToken: code?.token,
          officerIds,
          purpose: 'special',
          startedAt: new Date(env.clock.now().getTime() - daysAgo * 86_400_000).toISOString(),
        })
      ).json() as Visit;
    expect((await visit(2)).flags.map((f) => f.code)).not.toContain('over_cap');
    const second = await visit(1);
    expect(second.flags.map((f) => f.code)).toContain('over_cap');
    expect(second.flags.find((f) => f.code === 'over_cap')?.note).toContain(BASIS);
  });
});
