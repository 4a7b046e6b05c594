import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../test/tables.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';

let env: TestEnv;
let amrAdmin: string;
let thAdmin: string;
beforeAll(async () => {
  env = await createTestEnv();
  amrAdmin = await env.login('gd_amr_admin');
  thAdmin = await env.login('th_amr_admin');
});
afterAll(() => env.close());

const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const itemId = async (code: string) =>
  (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, code)))[0]?.id as string;

const tiers = [
  {
    circumstance: 'lighter',
    conditions: '初次违法',
    penaltyKinds: ['warning', 'fine'],
    fine: { minFen: 100_000, maxFen: 500_000 },
    timeLimitDays: 15,
  },
  {
    circumstance: 'general',
    conditions: '一般',
    penaltyKinds: ['fine'],
    fine: { minFen: 500_000, maxFen: 2_000_000 },
    timeLimitDays: 15,
  },
  {
    circumstance: 'heavier',
    conditions: '从重',
    penaltyKinds: ['fine', 'suspend_business'],
    fine: { minFen: 2_000_000, maxFen: 5_000_000 },
    timeLimitDays: 15,
  },
];

describe('benchmarks and refinements', () => {
  let benchmarkId: string;
  let item: string;

  it('a province department sets a benchmark; a county cannot set one, only refine', async () => {
    item = await itemId('SC-CF-0053');
    // the demo has none for SC-CF-0053 at fixed amounts: create one for a fresh item
    const created = await req('POST', '/api/v1/items', amrAdmin, {
      baseCode: 'SC-CF-BM1',
      name: '对某违法行为的处罚（基准测试）',
      legalBasis: { law: '《某法》', article: '第一条' },
      type: 'penalty',
      sector: 'market_regulation',
      levels: ['province', 'city', 'county'],
      basisLevel: 'national',
    });
    item = created.json().id;
    const gdAmr = await env.orgId('广东省市场监督管理局');
    const res = await req('POST', '/api/v1/benchmarks', amrAdmin, {
      itemId: item,
      ownerOrgId: gdAmr,
      effectiveFrom: '2026-01-01',
      tiers,
    });
    expect(res.statusCode).toBe(201);
    benchmarkId = res.json().id;
    const thAmr = await env.orgId('广州市天河区市场监督管理局');
    const county = await req('POST', '/api/v1/benchmarks', thAdmin, {
      itemId: item,
      ownerOrgId: thAmr,
      effectiveFrom: '2026-01-01',
      tiers,
    });
    expect(county.json().code).toBe('benchmark_level');
    const city = await req('POST', '/api/v1/benchmarks', await env.login('gz_admin'), {
      itemId: item,
      ownerOrgId: await env.orgId('广州市市场监督管理局'),
      effectiveFrom: '2026-01-01',
      tiers,
    });
    expect(city.json().code).toBe('benchmark_level');
  });

  it('refuses a refinement that widens, naming the tier and the bound, and writes nothing', async () => {
    const wide = [{ ...tiers[1], fine: { minFen: 500_000, maxFen: 2_000_001 } }];
    const res = await req('POST', `/api/v1/benchmarks/${benchmarkId}/refinements`, thAdmin, {
      effectiveFrom: '2026-03-01',
      tiers: wide,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'exceeds_parent', errors: [{ path: 'tiers.0.fine.maxFen' }] });
    expect(res.json().detail).toContain('【一般】');
    const added = [{ ...tiers[0], penaltyKinds: ['warning', 'fine', 'revoke_license'] }];
    expect(
      (
        await req('POST', `/api/v1/benchmarks/${benchmarkId}/refinements`, thAdmin, {
          effectiveFrom: '2026-03-01',
          tiers: added,
        })
      ).json().errors[0].path,
    ).toBe('tiers.0.penaltyKinds');
    const newTier = [
      { circumstance: 'mitigated', conditions: '', penaltyKinds: ['fine'], fine: { minFen: 0, maxFen: 100_000 } },
    ];
    expect(
      (
        await req('POST', `/api/v1/benchmarks/${benchmarkId}/refinements`, thAdmin, {
          effectiveFrom: '2026-03-01',
          tiers: newTier,
        })
      ).json().errors[0].path,
    ).toBe('tiers.0.circumstance');
    expect((await req('GET', `/api/v1/benchmarks?itemId=${item}`, thAdmin)).json().total).toBe(1);
  });

  it('only a county org refines', async () => {
    const gz = await req('POST', `/api/v1/benchmarks/${benchmarkId}/refinements`, await env.login('gz_admin'), {
      effectiveFrom: '2026-03-01',
      tiers: [tiers[1]],
    });
    expect(gz.json().code).toBe('refinement_level');
  });

  it('resolves the nearest refinement in the org’s line by date, else the upper benchmark', async () => {
    const narrow = [
      { ...tiers[1], fine: { minFen: 600_000, maxFen: 1_500_000 } },
      { ...tiers[2], penaltyKinds: ['fine'], timeLimitDays: 10 },
    ];
    const res = await req('POST', `/api/v1/benchmarks/${benchmarkId}/refinements`, thAdmin, {
      effectiveFrom: '2026-03-01',
      tiers: narrow,
    });
    expect(res.statusCode).toBe(201);
    const refinementId = res.json().id;
    const thAmr = await env.orgId('广州市天河区市场监督管理局');
    const yxAmr = await env.orgId('广州市越秀区市场监督管理局');
    const shipai = await env.orgId('广州市天河区石牌街道综合行政执法办');
    const sft = await env.login('sft_supervisor'); // sees every org of the province
    const eff = async (orgId: string, at: string) =>
      (await req('GET', `/api/v1/benchmarks/effective?itemId=${item}&orgId=${orgId}&at=${at}`, sft)).json();
    const after = await eff(thAmr, '2026-03-01T00:00:00%2B08:00');
    expect(after).toMatchObject({ benchmarkId: refinementId, version: 1, parent: { benchmarkId, version: 1 } });
    // an omitted fine is inherited from the parent tier
    expect(after.tiers.find((t: { circumstance: string }) => t.circumstance === 'heavier').fine).toEqual({
      minFen: 2_000_000,
      maxFen: 5_000_000,
    });
    expect((await eff(thAmr, '2026-02-28T23:59:59%2B08:00')).benchmarkId).toBe(benchmarkId);
    expect((await eff(yxAmr, '2026-06-01T00:00:00Z')).benchmarkId).toBe(benchmarkId); // sibling county: upper one
    expect((await eff(shipai, '2026-06-01T00:00:00Z')).benchmarkId).toBe(refinementId); // township in the county
    const before = await req(
      'GET',
      `/api/v1/benchmarks/effective?itemId=${item}&orgId=${thAmr}&at=2025-12-31T00:00:00Z`,
      amrAdmin,
    );
    expect(before.json().code).toBe('no_benchmark');
    // a new version of the parent from a later date applies from that date
    await req('PUT', `/api/v1/benchmarks/${benchmarkId}`, amrAdmin, { effectiveFrom: '2026-09-01', tiers });
    expect((await eff(yxAmr, '2026-09-01T00:00:00%2B08:00')).version).toBe(2);
    expect((await eff(yxAmr, '2026-08-31T00:00:00%2B08:00')).version).toBe(1);
  });

  it('evaluates a decision against the tier that applies', async () => {
    const thAmr = await env.orgId('广州市天河区市场监督管理局');
    const ask = async (amountFen: number, orgName = '广州市天河区市场监督管理局') =>
      (
        await req('POST', '/api/v1/benchmarks/evaluate', amrAdmin, {
          itemId: item,
          orgId: await env.orgId(orgName),
          circumstance: 'general',
          penaltyKinds: ['fine'],
          amountFen,
          at: '2026-06-01T00:00:00Z',
        })
      ).json();
    expect((await ask(600_000)).withinRange).toBe(true);
    expect((await ask(599_999)).reasons[0].code).toBe('amount_below_range');
    expect((await ask(1_500_001)).reasons[0].code).toBe('amount_above_range');
    expect((await ask(1_500_000)).benchmark).toMatchObject({ version: 1, parent: { version: expect.any(Number) } });
    // the sibling county applies the province tier: 5,000 元 is inside it, not inside 天河's refinement
    expect((await ask(500_000, '广州市越秀区市场监督管理局')).reasons).toEqual([]);
    expect((await ask(500_000)).reasons[0].code).toBe('amount_below_range');
    void thAmr;
  });

  it('keeps an evaluation of another region invisible (404)', async () => {
    const szOfficer = await env.login('sz_officer1');
    const res = await req('POST', '/api/v1/benchmarks/evaluate', szOfficer, {
      itemId: item,
      orgId: await env.orgId('广州市天河区市场监督管理局'),
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 1,
    });
    expect(res.statusCode).toBe(404);
  });
});
