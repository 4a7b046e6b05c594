import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, officers, users } from '../../test/tables.js';
import { DAY_MS, type TestEnv, createTestEnv } from '../../test/harness.js';

let env: TestEnv;
let gzAmr: string;
let item: string;

beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-06-01T01:00:00Z'));
  gzAmr = await env.orgId('广州市市场监督管理局');
  item = (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]
    ?.id as string;
});
afterAll(() => env.close());

/** The officer record linked to a user account. */
async function officerOf(username: string) {
  const [row] = await env.database.db
    .select({ id: officers.id })
    .from(officers)
    .innerJoin(users, eq(users.id, officers.userId))
    .where(eq(users.username, username));
  return row?.id;
}

const get = async (url: string, cookie: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });
const act = (id: string, action: string, cookie: string, payload: object = {}) =>
  env.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, headers: { cookie }, payload });

interface Task {
  kind: string;
  caseId: string;
  action: string | null;
  title: string;
  reason: string;
  href: string;
  overdue: boolean;
}
const tasksOf = async (username: string) => {
  const res = await get('/api/v1/me/tasks', await env.login(username));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Task[];
};

async function register(partyName: string) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: await env.login('gz_officer1') },
    payload: {
      orgId: gzAmr,
      itemId: item,
      source: 'inspection',
      party: { kind: 'organisation', name: partyName },
      facts: '检查发现未按规定建立进货查验记录',
      occurredAt: '2026-05-20T02:00:00Z',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function eligibleOfficers(cookie: string, caseId: string) {
  const res = await get(`/api/v1/cases/${caseId}/officer-candidates`, cookie);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as { id: string; name: string; eligible: boolean; reasons: string[] }[];
}

describe('what a case waits for', () => {
  it('names the next step and who takes it, and shows a refused decision disabled with its rule', async () => {
    const created = await register('广州待办测试甲有限公司');
    expect(created.waitingFor).toMatchObject({ action: 'file', role: 'department_head' });
    expect(created.waitingFor.reason).toContain('立案');
    // the officer may not file: nothing offered but what the officer may do
    expect(created.allowedActions).not.toContain('file');

    const head = await env.login('gz_head');
    await act(created.id, 'file', head);
    const candidates = await eligibleOfficers(head, created.id);
    const ok = candidates.filter((c) => c.eligible).slice(0, 2);
    expect(ok).toHaveLength(2);
    // an officer without a valid certificate for the sector is listed, greyed, with the reason
    const barred = candidates.find((c) => !c.eligible);
    expect(barred?.reasons.length).toBeGreaterThan(0);
    const refusedAssign = await act(created.id, 'assign', head, { officerIds: [ok[0]?.id, barred?.id] });
    expect(refusedAssign.json().code).toBe('officer_not_eligible');

    const assigned = await act(created.id, 'assign', head, { officerIds: ok.map((o) => o.id) });
    expect(assigned.json().waitingFor).toMatchObject({ action: 'submit_review', role: 'officer' });
    const officer = await env.login('gz_officer1');
    await act(created.id, 'submit_review', officer);
    // 不予处罚 as the circumstance of a fine is refused: that case ends by the 不予处罚 decision
    const contradiction = await act(created.id, 'notify', officer, {
      circumstance: 'none',
      penaltyKinds: ['fine'],
      amountFen: 200_000,
    });
    expect(contradiction.statusCode).toBe(422);
    expect(contradiction.json()).toMatchObject({ code: 'no_penalty_circumstance' });
    expect(contradiction.json().errors[0].path).toBe('circumstance');
    const notified = await act(created.id, 'notify', officer, {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 2_000_000,
    });
    expect(notified.statusCode, notified.body).toBe(200);
    expect(notified.json().waitingFor).toMatchObject({ action: 'record_statement', role: 'officer' });
    expect(notified.json().waitingFor.reason).toMatch(/2026年6月\d+日 \d\d:\d\d 届满/);

    const early = (await get(`/api/v1/cases/${created.id}`, head)).json();
    expect(early.allowedActions).not.toContain('decide');
    expect(early.blockedActions).toContainEqual(
      expect.objectContaining({ action: 'decide', code: 'statement_period_open' }),
    );
    // the server refuses with the same rule
    const refused = await act(created.id, 'decide', head, {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 2_000_000,
    });
    expect(refused.json().code).toBe('statement_period_open');

    env.clock.advance(6 * DAY_MS);
    const later = (await get(`/api/v1/cases/${created.id}`, await env.login('gz_head'))).json();
    expect(later.allowedActions).toContain('decide');
    expect(later.blockedActions).toEqual([]);
    expect(later.waitingFor).toMatchObject({ action: 'decide', role: 'department_head' });
    env.clock.set(new Date('2026-06-01T01:00:00Z'));
  });
});

describe('GET /api/v1/me/tasks', () => {
  it('gives the head the case to file, the officers their own step, and neither another org’s', async () => {
    const created = await register('广州待办测试乙有限公司');
    const sz = await env.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: await env.login('sz_officer1') },
      payload: {
        orgId: await env.orgId('深圳市市场监督管理局'),
        itemId: item,
        source: 'inspection',
        party: { kind: 'organisation', name: '深圳待办测试有限公司' },
        facts: '检查发现未按规定建立进货查验记录',
        occurredAt: '2026-05-20T02:00:00Z',
      },
    });
    expect(sz.statusCode, sz.body).toBe(201);

    const headTasks = await tasksOf('gz_head');
    const toFile = headTasks.find((t) => t.caseId === created.id);
    expect(toFile).toMatchObject({ kind: 'step', action: 'file', title: '立案', href: `/cases/${created.id}` });
    expect(headTasks.some((t) => t.caseId === sz.json().id)).toBe(false);
    // the reviewer has no step on a case just registered
    expect((await tasksOf('gz_reviewer')).some((t) => t.caseId === created.id)).toBe(false);

    const head = await env.login('gz_head');
    await act(created.id, 'file', head);
    // gz_officer1's officer and one other eligible officer take the case
    const me = await officerOf('gz_officer1');
    const eligible = (await eligibleOfficers(head, created.id)).filter((c) => c.eligible);
    expect(eligible.map((o) => o.id)).toContain(me);
    const ok = [...eligible.filter((o) => o.id === me), ...eligible.filter((o) => o.id !== me)].slice(0, 2);
    await act(created.id, 'assign', head, { officerIds: ok.map((o) => o.id) });
    // gone from the head's list once filed and assigned; now the officers' step
    expect((await tasksOf('gz_head')).some((t) => t.caseId === created.id && t.kind === 'step')).toBe(false);
    for (const username of ['gz_officer1', 'gz_officer2']) {
      const assigned = ok.map((o) => o.id).includes((await officerOf(username)) ?? '');
      const task = (await tasksOf(username)).find((t) => t.caseId === created.id);
      if (assigned) expect(task).toMatchObject({ kind: 'step', action: 'submit_review' });
      else expect(task).toBeUndefined();
    }
    expect((await tasksOf('sz_officer1')).some((t) => t.caseId === created.id)).toBe(false);
  });

  it('lists a deadline within five working days and an overdue case, and shows the supervisor the overdue ones', async () => {
    const created = await register('广州待办测试丙有限公司');
    const head = await env.login('gz_head');
    await act(created.id, 'file', head);
    const ok = (await eligibleOfficers(head, created.id)).filter((c) => c.eligible).slice(0, 2);
    await act(created.id, 'assign', head, { officerIds: ok.map((o) => o.id) });
    // 60 days on: not yet within five working days of the 90-day limit
    env.clock.advance(60 * DAY_MS);
    expect((await tasksOf('gz_head')).filter((t) => t.caseId === created.id)).toEqual([]);
    // 87 days on: due in 3 days; the head has no step on it (it waits for the officers) but sees the deadline
    env.clock.advance(27 * DAY_MS);
    expect((await tasksOf('gz_head')).find((t) => t.caseId === created.id)).toMatchObject({
      kind: 'deadline',
      title: '办案期限将至',
      overdue: false,
    });
    env.clock.advance(4 * DAY_MS);
    expect((await tasksOf('gz_head')).find((t) => t.caseId === created.id)).toMatchObject({
      kind: 'deadline',
      title: '已超过办案期限',
      overdue: true,
    });
    // overdue entries come first
    const headTasks = await tasksOf('gz_head');
    const firstNotOverdue = headTasks.findIndex((t) => !t.overdue);
    expect(headTasks.slice(firstNotOverdue === -1 ? headTasks.length : firstNotOverdue).every((t) => !t.overdue)).toBe(
      true,
    );
    expect(await tasksOf('gz_sfj_supervisor')).toContainEqual(
      expect.objectContaining({ kind: 'overdue_case', caseId: created.id, overdue: true }),
    );
    // another city's officer does not see it
    expect((await tasksOf('sz_officer1')).some((t) => t.caseId === created.id)).toBe(false);
    env.clock.set(new Date('2026-06-01T01:00:00Z'));
  });
});

describe('the case list as officers work it', () => {
  it('shows item and officers, and filters 我承办的 and by item', async () => {
    const created = await register('广州待办测试丁有限公司');
    const head = await env.login('gz_head');
    await act(created.id, 'file', head);
    const ok = (await eligibleOfficers(head, created.id)).filter((c) => c.eligible).slice(0, 2);
    await act(created.id, 'assign', head, { officerIds: ok.map((o) => o.id) });
    const list = (await get(`/api/v1/cases?itemId=${item}&pageSize=200`, head)).json();
    const row = list.data.find((r: { id: string }) => r.id === created.id);
    expect(row.item.name).toBeTruthy();
    expect(row.officers.map((o: { id: string }) => o.id).sort()).toEqual(ok.map((o) => o.id).sort());
    expect(list.data.every((r: { item: { id: string } | null }) => r.item?.id === item)).toBe(true);

    for (const username of ['gz_officer1', 'gz_officer2']) {
      const me = await officerOf(username);
      expect(me).toBeTruthy();
      const mine = (await get('/api/v1/cases?mine=true&pageSize=200', await env.login(username))).json();
      expect(mine.data.some((r: { id: string }) => r.id === created.id)).toBe(ok.some((o) => o.id === me));
      // every case listed as mine has me among its officers
      for (const r of mine.data) expect(r.officers.map((o: { id: string }) => o.id)).toContain(me);
    }
    // the head is no officer: 我承办的 is empty for a head
    expect((await get('/api/v1/cases?mine=true', head)).json().total).toBe(0);
  });
});
