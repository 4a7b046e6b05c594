/**
 * Competence (issue 11 finding 8, 行政处罚法 arts. 17–24): a case is registered, and every later step taken, only
 * under an item the org holds — claimed by it and of its sector, or for a township delegated and in force.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { delegations, itemClaims, items, orgs } from '../../test/tables.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { competenceGap } from './case-competence.js';
import { cases } from './cases.schema.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

const itemId = async (code: string) =>
  (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, code)))[0]?.id as string;

async function register(username: string, orgName: string, code: string) {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: await env.login(username) },
    payload: {
      orgId: await env.orgId(orgName),
      itemId: await itemId(code),
      source: 'inspection',
      party: { kind: 'person', name: '王某' },
      facts: '巡查发现违法行为',
      occurredAt: '2026-02-20T02:00:00Z',
    },
  });
}
const act = async (username: string, id: string, action: string, payload: object = {}) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/actions/${action}`,
    headers: { cookie: await env.login(username) },
    payload,
  });

describe('demo data', () => {
  it('every demo case is registered under an item its org holds', async () => {
    const rows = await env.database.db
      .select({
        org: orgs,
        item: items,
        claimed: sql<boolean>`exists (select 1 from item_claims ic where ic.item_id = ${cases.itemId} and ic.org_id = ${cases.orgId})`,
      })
      .from(cases)
      .innerJoin(orgs, eq(orgs.id, cases.orgId))
      .innerJoin(items, eq(items.id, cases.itemId))
      .where(sql`${cases.number} like '%-D%'`);
    expect(rows.length).toBe(71);
    const gaps = [];
    for (const r of rows) {
      const gap = await competenceGap(env.database.db, r.org, r.item, r.claimed, env.clock.now());
      if (gap) gaps.push(`${r.org.name} ${r.item.baseCode}: ${gap}`);
    }
    expect(gaps).toEqual([]);
  });
});

describe('the register form is offered only the items the org holds', () => {
  const competent = async (username: string) =>
    (
      await env.app.inject({
        method: 'GET',
        url: '/api/v1/items?competent=true&type=penalty&pageSize=100',
        headers: { cookie: await env.login(username) },
      })
    ).json() as { data: { baseCode: string; sector: string }[]; total: number };

  it('a department: its claimed items of its sector', async () => {
    const list = await competent('th_officer1');
    expect(list.total).toBeGreaterThan(0);
    expect(list.data.every((i) => i.sector === 'market_regulation')).toBe(true);
    expect(list.data.map((i) => i.baseCode)).toContain('SC-CF-0127');
    expect((await competent('gz_officer1')).data.map((i) => i.baseCode)).not.toContain('SC-CF-0127');
  });

  it('a township: the items delegated to it and in force', async () => {
    const codes = (await competent('sp_officer')).data.map((i) => i.baseCode).sort();
    // CG-CF-0118/0115 (evaluated) and SR34/SR36 (announced) are in force; JG13 is only approved by the county
    expect(codes).toEqual(['CG-CF-0115', 'CG-CF-0118', 'CG-CF-SR34', 'CG-CF-SR36']);
  });
});

describe('registering needs competence (422 no_competence naming the item and the org)', () => {
  it('refuses a market-regulation bureau an ecology-environment item', async () => {
    const res = await register('gz_officer1', '广州市市场监督管理局', 'HJ-CF-0108');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'no_competence', errors: [{ path: 'itemId' }] });
    expect(res.json().detail).toContain('广州市市场监督管理局');
    expect(res.json().detail).toContain('HJ-CF-0108');
    expect(res.json().detail).toContain('生态环境');
  });

  it('refuses an item of its own sector that the org never claimed', async () => {
    // SC-CF-0127 is exercised at county and township level only: 广州市市场监督管理局 has not claimed it
    const res = await register('gz_officer1', '广州市市场监督管理局', 'SC-CF-0127');
    expect(res.json()).toMatchObject({ code: 'no_competence' });
    expect(res.json().detail).toContain('未认领');
    expect((await register('gz_officer1', '广州市市场监督管理局', 'SC-CF-0126')).statusCode).toBe(201);
  });

  it('lets a township act only on items delegated to it and in force', async () => {
    // SC-CF-JG13: the delegation to 石牌街道 is only approved by the county, not yet announced
    const pending = await register('sp_officer', '广州市天河区石牌街道综合行政执法办', 'SC-CF-JG13');
    expect(pending.json()).toMatchObject({ code: 'no_competence' });
    expect(pending.json().detail).toContain('赋权');
    // SC-CF-0127 was delegated to 五山街道 only (and recalled)
    expect((await register('sp_officer', '广州市天河区石牌街道综合行政执法办', 'SC-CF-0127')).json().code).toBe(
      'no_competence',
    );
    expect((await register('sp_officer', '广州市天河区石牌街道综合行政执法办', 'CG-CF-0118')).statusCode).toBe(201);
  });

  it('checks every later step: after the delegation is recalled the township can no longer act on the case', async () => {
    const created = await register('sp_officer', '广州市天河区石牌街道综合行政执法办', 'CG-CF-SR34');
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const sp = await env.orgId('广州市天河区石牌街道综合行政执法办');
    const sr34 = await itemId('CG-CF-SR34');
    await env.database.db
      .update(delegations)
      .set({ status: 'recalled' })
      .where(
        and(sql`${sp}::uuid = any(${delegations.townshipOrgIds})`, sql`${sr34}::uuid = any(${delegations.itemIds})`),
      );
    const step = await act('sp_officer', id, 'request_recusal', {
      officerId: '00000000-0000-4000-8000-000000000000',
      applicant: 'officer',
      reason: '与当事人存在利害关系',
    });
    expect(step.statusCode).toBe(422);
    expect(step.json().code).toBe('no_competence');
  });

  it('checks every later step of a department: a withdrawn claim stops the case except 移送', async () => {
    const created = await register('gz_officer1', '广州市市场监督管理局', 'SC-CF-JG13');
    const id = created.json().id as string;
    expect((await act('gz_head', id, 'file')).statusCode).toBe(200);
    const gzAmr = await env.orgId('广州市市场监督管理局');
    const jg13 = await itemId('SC-CF-JG13');
    await env.database.db.delete(itemClaims).where(and(eq(itemClaims.orgId, gzAmr), eq(itemClaims.itemId, jg13)));
    const refused = await act('gz_head', id, 'extend', {
      days: 30,
      approvalRef: '穗市监延〔2026〕1号',
      reason: '案情复杂',
    });
    expect(refused.json()).toMatchObject({ code: 'no_competence' });
    const moved = await act('gz_head', id, 'transfer', { to: '有管辖权的行政机关', reason: '不属于本机关管辖' });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().state).toBe('transferred');
  });
});
