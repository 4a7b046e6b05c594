/**
 * Supervision work plans (行政执法监督工作计划): made by the supervisors of a county-or-above justice department, one a
 * year, with items due within the year and aimed at orgs the body oversees; seen by the justice departments above and
 * the 司法所 that assist the county; progress reported by the body itself. Other orgs' plans stay invisible.
 */
import { randomUUID } from 'node:crypto';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan, PlanSummary } from '../../../common/contracts/supervision.contract.js';
import { queryRows } from '../../db/client.js';
import { hashPassword } from '../../platform/crypto.js';
import { users } from '../accounts/accounts.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { checkPlanItems, isOverdue, isSupervisingBody, overseenPrefix } from './supervision.rules.js';
import { supervisionPlans, supervisionProgress } from './supervision.schema.js';

let env: TestEnv;
const cookies: Record<string, string> = {};
const orgId: Record<string, string> = {};
const PASSWORD = 'Plan#Pass2026';

/** A supervisor (or another role) in the named org, signed in. */
async function account(key: string, orgName: string, role: 'supervisor' | 'officer' | 'org_admin') {
  const [org] = await env.database.db.select().from(orgs).where(eq(orgs.name, orgName)).limit(1);
  if (!org) throw new Error(`no org ${orgName}`);
  const now = env.clock.now();
  await env.database.db.insert(users).values({
    id: randomUUID(),
    username: `plan_${key}`,
    displayName: `计划测试${key}`,
    passwordHash: await hashPassword(PASSWORD),
    orgId: org.id,
    roles: [role],
    passwordChangedAt: now,
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
  });
  cookies[key] = await env.login(`plan_${key}`, PASSWORD);
}

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who] as string }, ...(payload ? { payload } : {}) });

const planCount = async () => Number((await env.database.db.select({ n: count() }).from(supervisionPlans))[0]?.n);

beforeAll(async () => {
  env = await createTestEnv();
  for (const r of await env.database.db.select({ id: orgs.id, name: orgs.name }).from(orgs)) orgId[r.name] = r.id;
  cookies.gz = await env.login('gz_sfj_supervisor');
  cookies.sft = await env.login('sft_supervisor');
  await account('sz', '深圳市司法局', 'supervisor');
  await account('th', '广州市天河区司法局', 'supervisor');
  await account('office', '广州市天河区石牌街道司法所', 'supervisor');
  await account('amr', '广州市市场监督管理局', 'supervisor');
  await account('gzadmin', '广州市司法局', 'org_admin');
});
afterAll(() => env.close());

const item = (over: object = {}) => ({
  title: '行政许可案卷评查',
  kind: 'file_review',
  targetOrgIds: [orgId['广州市天河区市场监督管理局']],
  due: '2030-06-30',
  ...over,
});

describe('the rules', () => {
  it('knows the supervising bodies and what each oversees', () => {
    expect(isSupervisingBody({ kind: 'justice', regionCode: '440106' })).toBe(true);
    expect(isSupervisingBody({ kind: 'judicial_office', regionCode: '440106001' })).toBe(false);
    expect(isSupervisingBody({ kind: 'department', regionCode: '440100' })).toBe(false);
    expect(overseenPrefix({ kind: 'justice', regionCode: '440000' })).toBe('44');
    expect(overseenPrefix({ kind: 'justice', regionCode: '440100' })).toBe('4401');
    expect(overseenPrefix({ kind: 'justice', regionCode: '440106' })).toBe('440106');
    expect(overseenPrefix({ kind: 'judicial_office', regionCode: '440106001' })).toBe('440106');
    expect(overseenPrefix({ kind: 'department', regionCode: '440100' })).toBeNull();
  });
  it('keeps items within the year, once each, and overdue only when not done and past due', () => {
    expect(
      checkPlanItems(2030, [
        { title: 'a', due: '2030-01-01' },
        { title: 'b', due: '2030-12-31' },
      ]),
    ).toEqual([]);
    expect(checkPlanItems(2030, [{ title: 'a', due: '2031-01-01' }]).map((e) => e.path)).toEqual(['items.0.due']);
    expect(
      checkPlanItems(2030, [
        { title: 'a', due: '2030-03-01' },
        { title: 'a ', due: '2030-04-01' },
      ]),
    ).toHaveLength(1);
    expect(isOverdue({ status: 'in_progress', due: '2030-06-30' }, '2030-07-01')).toBe(true);
    expect(isOverdue({ status: 'in_progress', due: '2030-06-30' }, '2030-06-30')).toBe(false);
    expect(isOverdue({ status: 'done', due: '2030-06-30' }, '2030-07-01')).toBe(false);
  });
});

describe('making a plan', () => {
  it('lets a city justice bureau supervisor make the year’s plan, once', async () => {
    const res = await call('POST', '/api/v1/supervision/plans', 'gz', {
      year: 2030,
      items: [item(), item({ title: '涉企检查专项监督', kind: 'special_inspection', due: '2030-09-30' })],
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json<Plan>();
    expect(plan.bodyOrgName).toBe('广州市司法局');
    expect(plan.items.map((i) => [i.title, i.status, i.targets[0]?.name])).toEqual([
      ['行政许可案卷评查', 'planned', '广州市天河区市场监督管理局'],
      ['涉企检查专项监督', 'planned', '广州市天河区市场监督管理局'],
    ]);
    expect(plan.abilities).toContain('report_progress');

    const again = await call('POST', '/api/v1/supervision/plans', 'gz', { year: 2030, items: [item()] });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('plan_exists');
  });

  it('refuses items due outside the year and targets outside the body’s region, writing nothing', async () => {
    const before = await planCount();
    const late = await call('POST', '/api/v1/supervision/plans', 'sz', {
      year: 2030,
      items: [item({ due: '2031-01-15' })],
    });
    expect(late.statusCode).toBe(422);
    expect(late.json().errors).toEqual([{ path: 'items.0.due', message: '完成期限应在 2030 年内（计划年度）' }]);
    // 深圳 does not supervise a 广州 district bureau
    const far = await call('POST', '/api/v1/supervision/plans', 'sz', { year: 2030, items: [item()] });
    expect(far.statusCode).toBe(422);
    expect(far.json().code).toBe('target_out_of_scope');
    expect(far.json().detail).toContain('items.0.targetOrgIds');
    const empty = await call('POST', '/api/v1/supervision/plans', 'sz', { year: 2030, items: [] });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().detail).toContain('计划至少包含一个事项');
    expect(await planCount()).toBe(before);
  });

  it('is the supervisors’ of a justice department of a county or above: others are told the rule', async () => {
    for (const who of ['office', 'amr', 'gzadmin']) {
      const res = await call('POST', '/api/v1/supervision/plans', who, {
        year: 2031,
        items: [item({ due: '2031-03-01' })],
      });
      expect(res.statusCode, who).toBe(403);
    }
    const office = await call('POST', '/api/v1/supervision/plans', 'office', { year: 2031, items: [item()] });
    expect(office.json().detail).toBe('只有县级以上司法行政部门的执法监督人员可以制定监督工作计划');
  });
});

describe('who sees a plan', () => {
  let planId: string;
  beforeAll(async () => {
    const res = await call('POST', '/api/v1/supervision/plans', 'th', { year: 2030, items: [item()] });
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json<Plan>().id;
  });

  it('is seen by the body, the bodies above it and the 司法所 assisting the county, not by a sibling city', async () => {
    const seen = async (who: string) =>
      (await call('GET', '/api/v1/supervision/plans?year=2030', who))
        .json<{ data: PlanSummary[] }>()
        .data.map((p) => p.bodyOrgName);
    expect(await seen('th')).toEqual(['广州市天河区司法局']);
    expect((await seen('gz')).sort()).toEqual(['广州市天河区司法局', '广州市司法局'].sort());
    expect(await seen('sft')).toEqual(expect.arrayContaining(['广州市司法局', '广州市天河区司法局']));
    expect(await seen('office')).toEqual(['广州市天河区司法局']);
    expect(await seen('sz')).toEqual([]);
    expect((await call('GET', `/api/v1/supervision/plans/${planId}`, 'sz')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/supervision/plans/${planId}`, 'office')).statusCode).toBe(200);
    // a supervisor in an enforcement department supervises nothing: the list is refused
    const amr = await call('GET', '/api/v1/supervision/plans', 'amr');
    expect(amr.statusCode).toBe(403);
  });

  it('takes progress from the body only, dated and in order, and counts what is done', async () => {
    const plan = (await call('GET', `/api/v1/supervision/plans/${planId}`, 'th')).json<Plan>();
    const itemId = plan.items[0]?.id as string;
    const url = `/api/v1/supervision/plans/${planId}/items/${itemId}/progress`;
    // the city above reads the plan but does not report for the district
    const above = await call('POST', url, 'gz', { status: 'done', note: '代为登记' });
    expect(above.statusCode).toBe(403);
    expect(above.json().detail).toBe('只有制定计划的司法行政部门的执法监督人员可以登记进展');
    expect((await call('POST', url, 'sz', { status: 'done', note: '越权登记' })).statusCode).toBe(404);
    expect((await call('POST', url, 'th', { status: 'done', note: '' })).statusCode).toBe(400);
    const otherItem = `/api/v1/supervision/plans/${planId}/items/${randomUUID()}/progress`;
    expect((await call('POST', otherItem, 'th', { status: 'done', note: '不存在的事项' })).statusCode).toBe(404);
    const noProgress = await queryRows<{ n: number }>(
      env.database.db,
      sql`select count(*)::int as n from supervision_progress p join supervision_plan_items i on i.id = p.item_id where i.plan_id = ${planId}`,
    );
    expect(noProgress[0]?.n).toBe(0);

    const started = await call('POST', url, 'th', { status: 'in_progress', note: '已抽取案卷 20 宗' });
    expect(started.statusCode, started.body).toBe(200);
    const done = await call('POST', url, 'th', { status: 'done', note: '评查结果已反馈' });
    const after = done.json<Plan>();
    expect(after.doneCount).toBe(1);
    expect(after.items[0]?.progress.map((p) => [p.status, p.note])).toEqual([
      ['in_progress', '已抽取案卷 20 宗'],
      ['done', '评查结果已反馈'],
    ]);
    expect(
      await env.database.db
        .select({ n: count() })
        .from(supervisionProgress)
        .where(eq(supervisionProgress.itemId, itemId)),
    ).toEqual([{ n: 2 }]);
  });
});

describe('the demo plans', () => {
  it('holds this year’s plan of 广州市司法局 with one of its three items done', async () => {
    const year = env.clock.now().getFullYear();
    const list = (await call('GET', `/api/v1/supervision/plans?year=${year}`, 'gz')).json<{ data: PlanSummary[] }>();
    const gz = list.data.find((p) => p.bodyOrgName === '广州市司法局');
    expect(gz?.itemCount).toBe(3);
    expect(gz?.doneCount).toBe(1);
  });
});
