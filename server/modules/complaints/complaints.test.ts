/**
 * Complaints (投诉举报) against the real database: handling limits in working days across holidays, routing by item
 * and region, the steps on the procedure record (refused steps change nothing), transfer pausing the limit, merge,
 * a case opened from a complaint, the complainant's identity sealed and masked, scope, the supervisors' statistics.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Complaint, ComplaintSummary } from '../../../common/contracts/complaints.contract.js';
import { usccCheckChar } from '../../../common/identifiers.js';
import { queryRows } from '../../db/client.js';
import { hashPassword } from '../../platform/crypto.js';
import { procedureEvents } from '../../platform/procedure/procedure.schema.js';
import { loadWorkdayCalendar } from '../../platform/workdays.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { auditEvents, caseEvents, cases, users } from '../../test/tables.js';
import {
  handlingDueDate,
  reopenRefusal,
  routeTo,
  signatureRefusal,
  signatureHeader,
  workingDaysLeft,
} from './complaints.rules.js';
import { complaintProcedure } from './complaints.procedure.js';
import { complaints } from './complaints.schema.js';

let env: TestEnv;
const cookies: Record<string, string> = {};
const PASSWORD = 'Tous#Pass2026';
const cal = loadWorkdayCalendar();
let itemId: string;
const org: Record<string, string> = {};

async function account(key: string, orgName: string, role: 'department_head' | 'supervisor') {
  const now = env.clock.now();
  await env.database.db.insert(users).values({
    id: randomUUID(),
    username: `ts_${key}`,
    displayName: `投诉测试${key}`,
    passwordHash: await hashPassword(PASSWORD),
    orgId: await env.orgId(orgName),
    roles: [role],
    passwordChangedAt: now,
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
  });
  cookies[key] = await env.login(`ts_${key}`, PASSWORD);
}

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who] as string }, ...(payload ? { payload } : {}) });

const REPORTER = { reporterName: '欧阳小明', reporterPhone: '13912345678' };
async function refer(over: object = {}) {
  const res = await call('POST', '/api/v1/complaints', 'th', {
    kind: 'complaint',
    content: '某超市销售过期食品，多次反映未见处理',
    regionCode: '440106',
    itemId,
    ...REPORTER,
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; trackingNumber: string; dueDate: string }>();
}
const step = (who: string, id: string, action: string, body: object = {}) =>
  call('POST', `/api/v1/complaints/${id}/${action}`, who, body);
const view = async (who: string, id: string) => (await call('GET', `/api/v1/complaints/${id}`, who)).json<Complaint>();
const eventCount = async (id: string) =>
  Number(
    (
      await env.database.db
        .select({ n: count() })
        .from(procedureEvents)
        .where(and(eq(procedureEvents.subjectType, 'complaint'), eq(procedureEvents.subjectId, id)))
    )[0]?.n,
  );

beforeAll(async () => {
  env = await createTestEnv();
  for (const k of ['th_amr', 'th_zhzf', 'gz_amr', 'yx_amr']) {
    const name = {
      th_amr: '广州市天河区市场监督管理局',
      th_zhzf: '广州市天河区综合行政执法局',
      gz_amr: '广州市市场监督管理局',
      yx_amr: '广州市越秀区市场监督管理局',
    }[k] as string;
    org[k] = await env.orgId(name);
  }
  // a penalty item claimed by both the city's and Tianhe's market regulation
  const [row] = await queryRows<{ item_id: string }>(
    env.database.db,
    sql`select a.item_id from item_claims a join item_claims b on b.item_id = a.item_id join items i on i.id = a.item_id
        where a.org_id = ${org.th_amr}::uuid and b.org_id = ${org.gz_amr}::uuid and i.type = 'penalty' and i.status = 'active'
        order by i.base_code limit 1`,
  );
  itemId = row?.item_id as string;
  cookies.th = await env.login('th_officer1');
  cookies.zf = await env.login('th_zf_officer');
  cookies.sz = await env.login('sz_officer1');
  cookies.gzsup = await env.login('gz_sfj_supervisor');
  await account('head', '广州市天河区市场监督管理局', 'department_head');
  await account('szsup', '深圳市司法局', 'supervisor');
});
afterAll(() => env.close());

describe('the demo', () => {
  it('has complaints across the doors and states, a merged pair and one that opened a case, on whole chains', async () => {
    const rows = await env.database.db.select().from(complaints);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.channel)).size).toBe(4);
    expect(new Set(rows.map((r) => r.state))).toEqual(
      new Set(['received', 'accepted', 'transferred', 'replied', 'closed', 'rejected', 'merged']),
    );
    expect(rows.some((r) => r.mergedIntoId)).toBe(true);
    expect(rows.some((r) => r.caseId)).toBe(true);
    // the seed's now: the latest receipt; the older open complaints are past their due date by then
    const seeded = new Date(Math.max(...rows.map((r) => r.receivedAt.getTime()))).toISOString().slice(0, 10);
    expect(rows.some((r) => r.state === 'accepted' && r.dueDate < seeded)).toBe(true);
    const report = await complaintProcedure.verifyRecords(env.database.db);
    expect(report.subjects).toBeGreaterThanOrEqual(60);
    expect([report.broken, report.mismatches]).toEqual([[], []]);
  });
});

describe('the rules', () => {
  it('counts the handling limit in working days from the Beijing date of receipt, across holidays', () => {
    // 2026-02-13 (Fri): 15 working days skip 春节 and count the make-up Saturdays 2-14 and 2-28
    const base = { pausedWorkingDays: 0 };
    expect(handlingDueDate({ ...base, kind: 'complaint', receivedAt: new Date('2026-02-13T02:00:00Z') }, cal)).toBe(
      '2026-03-12',
    );
    // 咨询 2 working days over 国庆: received 2026-09-30 01:00 Beijing (still 9-29 in UTC)
    const sept30 = new Date('2026-09-29T17:00:00Z');
    expect(handlingDueDate({ ...base, kind: 'consultation', receivedAt: sept30 }, cal)).toBe('2026-10-09');
    // the hotline's earlier dueAt wins; a later one does not
    expect(
      handlingDueDate(
        { ...base, kind: 'consultation', receivedAt: sept30, hotlineDueAt: new Date('2026-10-08T10:00:00+08:00') },
        cal,
      ),
    ).toBe('2026-10-08');
    expect(
      handlingDueDate(
        { ...base, kind: 'consultation', receivedAt: sept30, hotlineDueAt: new Date('2026-10-20T10:00:00+08:00') },
        cal,
      ),
    ).toBe('2026-10-09');
    // 求助 10; paused working days move the date
    expect(
      handlingDueDate({ kind: 'help', receivedAt: new Date('2026-03-02T01:00:00Z'), pausedWorkingDays: 0 }, cal),
    ).toBe('2026-03-16');
    expect(
      handlingDueDate({ kind: 'help', receivedAt: new Date('2026-03-02T01:00:00Z'), pausedWorkingDays: 2 }, cal),
    ).toBe('2026-03-18');
    expect(workingDaysLeft('2026-03-02', '2026-03-16', cal)).toBe(10);
    expect(workingDaysLeft('2026-03-16', '2026-03-16', cal)).toBe(0);
    expect(workingDaysLeft('2026-03-18', '2026-03-16', cal)).toBe(-2);
  });

  it('routes to the closest org that claimed the item, else the comprehensive-enforcement org', () => {
    const c = [
      { id: 'city', kind: 'department', regionCode: '440100', claimed: true },
      { id: 'county', kind: 'department', regionCode: '440106', claimed: true },
      { id: 'zhzf', kind: 'comprehensive', regionCode: '440106', claimed: false },
    ];
    expect(routeTo('440106001', c)).toBe('county');
    expect(routeTo('440111', c)).toBe('city');
    expect(
      routeTo(
        '440106',
        c.map((x) => ({ ...x, claimed: false })),
      ),
    ).toBe('zhzf');
    expect(routeTo('440300', c)).toBeNull();
  });

  it('reopens once, on 不满意, within 15 days of closing', () => {
    const closedAt = new Date('2026-03-01T00:00:00Z');
    const now = new Date('2026-03-10T00:00:00Z');
    expect(reopenRefusal({ rating: 'dissatisfied', reopenCount: 0, closedAt }, now)).toBeNull();
    expect(reopenRefusal({ rating: 'satisfied', reopenCount: 0, closedAt }, now)).toMatch('不满意');
    expect(reopenRefusal({ rating: 'dissatisfied', reopenCount: 1, closedAt }, now)).toMatch('一次');
    expect(
      reopenRefusal({ rating: 'dissatisfied', reopenCount: 0, closedAt }, new Date('2026-03-17T00:00:01Z')),
    ).toMatch('15');
  });

  it('checks the 12345 signature: good, stale, wrong, malformed', () => {
    const now = new Date('2026-03-02T01:00:00Z');
    const t = now.getTime() / 1000;
    const body = '{"a":1}';
    expect(signatureRefusal(signatureHeader('s3cret', t, body), 's3cret', body, now)).toBeNull();
    expect(signatureRefusal(signatureHeader('s3cret', t - 301, body), 's3cret', body, now)).toMatch('5 分钟');
    expect(signatureRefusal(signatureHeader('other', t, body), 's3cret', body, now)).toBe('签名不正确');
    expect(signatureRefusal(signatureHeader('s3cret', t, body), 's3cret', '{"a":2}', now)).toBe('签名不正确');
    expect(signatureRefusal('v1=abc', 's3cret', body, now)).toMatch('格式');
  });
});

describe('intake and routing', () => {
  it('routes by item and region, and sets the due date from receipt', async () => {
    const a = await refer();
    expect(a.dueDate).toBe(
      handlingDueDate({ kind: 'complaint', receivedAt: env.clock.now(), pausedWorkingDays: 0 }, cal),
    );
    expect((await view('th', a.id)).handlingOrg.id).toBe(org.th_amr);
    const b = await refer({ regionCode: '440104' });
    const [yx] = await env.database.db.select().from(complaints).where(eq(complaints.id, b.id));
    expect(yx?.handlingOrgId).toBe(org.yx_amr);
    const c = await refer({ itemId: undefined, regionCode: '440106001' });
    expect((await view('zf', c.id)).handlingOrg.id).toBe(org.th_zhzf);
    const none = await call('POST', '/api/v1/complaints', 'th', {
      kind: 'help',
      content: '没有承办单位的地区',
      regionCode: '440104',
    });
    expect(none.statusCode).toBe(422);
    expect(none.json().errors[0].path).toBe('regionCode');
  });

  it('keeps the complainant sealed: masked to the handling org, in clear only for its head, audited', async () => {
    const a = await refer();
    const res = await call('GET', `/api/v1/complaints/${a.id}`, 'th');
    expect(res.body).not.toContain('欧阳小明');
    expect(res.body).not.toContain('13912345678');
    expect(res.json<Complaint>().reporter).toEqual({
      anonymous: false,
      nameMasked: '欧**明',
      phoneMasked: '139****5678',
    });
    const [row] = await env.database.db.select().from(complaints).where(eq(complaints.id, a.id));
    expect(JSON.stringify(row)).not.toContain('欧阳小明');
    const events = await env.database.db.select().from(procedureEvents).where(eq(procedureEvents.subjectId, a.id));
    expect(JSON.stringify(events)).not.toMatch(/欧阳小明|13912345678|过期食品/);
    const list = await call('GET', '/api/v1/complaints?pageSize=200', 'th');
    expect(list.body).not.toMatch(/欧阳小明|13912345678/);

    expect((await call('POST', `/api/v1/complaints/${a.id}/reveal-reporter`, 'th')).statusCode).toBe(403);
    const revealed = await call('POST', `/api/v1/complaints/${a.id}/reveal-reporter`, 'head');
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toEqual({ name: '欧阳小明', phone: '13912345678' });
    const audit = await env.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'complaint.reveal_reporter'), eq(auditEvents.resourceId, a.id)));
    expect(audit.map((x) => x.outcome).sort()).toEqual(['failure', 'success']);
    const anon = await refer({ reporterName: undefined, reporterPhone: undefined });
    expect((await view('th', anon.id)).reporter).toEqual({ anonymous: true, nameMasked: null, phoneMasked: null });
  });
});

describe('scope', () => {
  it('hides a complaint from another city and from orgs that do not handle it; supervisors of the region read it', async () => {
    const a = await refer();
    expect((await call('GET', `/api/v1/complaints/${a.id}`, 'sz')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/complaints/${a.id}`, 'zf')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/complaints/${a.id}`, 'szsup')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/complaints/${a.id}`, 'gzsup')).statusCode).toBe(200);
    const sz = await call('GET', '/api/v1/complaints?pageSize=200', 'sz');
    expect(sz.json<{ data: ComplaintSummary[] }>().data.map((c) => c.id)).not.toContain(a.id);
    const sup = await call('GET', '/api/v1/complaints?pageSize=200', 'gzsup');
    expect(sup.json<{ data: ComplaintSummary[] }>().data.map((c) => c.id)).toContain(a.id);
    // a supervisor reads but does not handle
    expect((await step('gzsup', a.id, 'accept')).statusCode).toBe(403);
  });
});

describe('handling', () => {
  it('accepts, replies and closes; refused steps change nothing', async () => {
    const a = await refer();
    const before = await eventCount(a.id);
    const early = await step('th', a.id, 'close');
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('action_not_allowed');
    expect((await step('zf', a.id, 'accept')).statusCode).toBe(404);
    expect((await step('th', a.id, 'reject', { reason: '' })).statusCode).toBe(400);
    expect(await eventCount(a.id)).toBe(before);
    expect((await view('th', a.id)).state).toBe('received');

    expect((await step('th', a.id, 'accept')).json<Complaint>().abilities).toContain('reply');
    const replied = await step('th', a.id, 'reply', { text: '经核查，已责令该超市下架过期食品。' });
    expect(replied.json<Complaint>().state).toBe('replied');
    const closed = (await step('th', a.id, 'close')).json<Complaint>();
    expect(closed.state).toBe('closed');
    expect(closed.timeline.map((e) => e.action)).toEqual(['receive', 'accept', 'reply', 'close']);
    // reopen needs a 不满意 rating
    const reopen = await step('th', a.id, 'reopen');
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().code).toBe('reopen_not_allowed');
  });

  it('rejects with a reason (不予受理)', async () => {
    const a = await refer();
    const r = (await step('th', a.id, 'reject', { reason: '不属于本部门职责' })).json<Complaint>();
    expect([r.state, r.rejectReason]).toEqual(['rejected', '不属于本部门职责']);
  });

  it('pauses the limit while transferred; the receiving org owns it once it accepts', async () => {
    const a = await refer();
    const due = (await view('th', a.id)).dueDate;
    const t = await step('th', a.id, 'transfer', { toOrgId: org.th_zhzf, reason: '属城市管理职责' });
    expect(t.json<Complaint>().state).toBe('transferred');
    expect((await view('zf', a.id)).abilities).toEqual(expect.arrayContaining(['accept_transfer', 'decline_transfer']));
    expect((await step('th', a.id, 'accept_transfer')).statusCode).toBe(403);
    // transferred on Fri 2-27: Sat 2-28 (a make-up working day) and Mon 3-02 held it
    await env.database.db
      .update(complaints)
      .set({ transferredAt: sql`${complaints.transferredAt} - interval '3 days'` })
      .where(eq(complaints.id, a.id));
    const taken = (await step('zf', a.id, 'accept_transfer')).json<Complaint>();
    expect(taken.handlingOrg.id).toBe(org.th_zhzf);
    expect(taken.pausedWorkingDays).toBe(2);
    expect(taken.dueDate).toBe(cal.addWorkingDays(due, 2).date);
    expect((await call('GET', `/api/v1/complaints/${a.id}`, 'th')).statusCode).toBe(404);
  });

  it('merges a repeated complaint into the first, with a link both ways', async () => {
    const a = await refer();
    const b = await refer();
    const m = await step('th', b.id, 'merge', { intoId: a.id });
    expect(m.statusCode, m.body).toBe(200);
    expect(m.json<Complaint>().mergedInto?.id).toBe(a.id);
    expect((await view('th', a.id)).merged.map((x) => x.id)).toEqual([b.id]);
    expect((await step('th', a.id, 'merge', { intoId: a.id })).statusCode).toBe(422);
  });

  it('opens a penalty case (source complaint), linked both ways', async () => {
    const a = await refer({ subjectName: '天河某超市' });
    await step('th', a.id, 'accept');
    const res = await step('th', a.id, 'open_case', {
      itemId,
      party: { kind: 'organisation', name: '广州市天河区某超市有限公司' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const caseId = res.json<Complaint>().caseId as string;
    const [c] = await env.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.source).toBe('complaint');
    expect(c?.facts).toContain(a.trackingNumber);
    const linked = await call('GET', `/api/v1/complaints?caseId=${caseId}`, 'th');
    expect(linked.json<{ data: ComplaintSummary[] }>().data.map((x) => x.id)).toEqual([a.id]);
    expect(
      (await step('th', a.id, 'open_case', { itemId, party: { kind: 'organisation', name: 'x' } })).statusCode,
    ).toBe(409);
  });
});

describe('a case from a complaint and the USCC check character', () => {
  it('accepts a library entity’s early code with the warning, refuses a mistyped one', async () => {
    const first17 = '91440106MA5UC0CP3';
    const right = first17 + usccCheckChar(first17);
    const early = first17 + (usccCheckChar(first17) === '1' ? '2' : '1');
    const entity = await call('POST', '/api/v1/entities', 'head', {
      uscc: early,
      name: '广州早期赋码超市有限公司',
      kind: 'enterprise',
      regionCode: '440106001',
      sectors: ['market_regulation'],
      address: '天河路 2 号',
      legalRepresentative: '欧阳国',
      riskClass: 'B',
      creditClass: 'A',
      status: 'active',
    });
    expect(entity.statusCode, entity.body).toBe(201);
    const party = (uscc: string) => ({ kind: 'organisation', name: '广州早期赋码超市有限公司', uscc });
    // typed by hand, not the library's: a typo
    const typo = await refer();
    await step('th', typo.id, 'accept');
    const refused = await step('th', typo.id, 'open_case', { itemId, party: party(`${right.slice(0, 16)}XX`) });
    expect(refused.statusCode, refused.body).toBe(422);
    expect(refused.json()).toMatchObject({ code: 'invalid_uscc', errors: [{ path: 'party.uscc' }] });
    // the library's stored code (typed in lower case): accepted, the warning on the case's register event
    const a = await refer();
    await step('th', a.id, 'accept');
    const res = await step('th', a.id, 'open_case', { itemId, party: party(early.toLowerCase()) });
    expect(res.statusCode, res.body).toBe(200);
    const caseId = res.json<Complaint>().caseId as string;
    const [c] = await env.database.db.select().from(cases).where(eq(cases.id, caseId));
    expect(c?.partyUscc).toBe(early);
    const [ev] = await env.database.db
      .select({ payload: caseEvents.payload })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.type, 'register')));
    expect(ev?.payload.warnings).toEqual([expect.objectContaining({ code: 'uscc_check_mismatch' })]);
  });
});

describe('派单异议', () => {
  it('lets the org dispute a misrouting within 2 working days; the supervising justice department decides', async () => {
    const a = await refer();
    expect((await step('gzsup', a.id, 'decide_dispute', { upheld: false, note: '未提出异议' })).statusCode).toBe(409);
    const d = await step('th', a.id, 'dispute', { reason: '属城市管理职责', toOrgId: org.th_zhzf });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json<Complaint>().state).toBe('disputed');
    expect(
      (await step('th', a.id, 'decide_dispute', { upheld: true, toOrgId: org.th_zhzf, note: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await step('szsup', a.id, 'decide_dispute', { upheld: true, toOrgId: org.th_zhzf, note: '成立' })).statusCode,
    ).toBe(404);
    const decided = await step('gzsup', a.id, 'decide_dispute', {
      upheld: true,
      toOrgId: org.th_zhzf,
      note: '异议成立',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect((await view('zf', a.id)).handlingOrg.id).toBe(org.th_zhzf);
    expect((await view('zf', a.id)).state).toBe('received');

    const late = await refer();
    await env.database.db
      .update(complaints)
      .set({ receivedAt: new Date('2026-02-25T02:00:00Z') })
      .where(eq(complaints.id, late.id));
    const refused = await step('th', late.id, 'dispute', { reason: '属城市管理职责' });
    expect([refused.statusCode, refused.json().code]).toEqual([409, 'dispute_too_late']);
    expect((await view('th', late.id)).state).toBe('received');
  });
});

describe('supervision', () => {
  it('lists overdue complaints and per-org statistics for the supervising justice department', async () => {
    const a = await refer({ kind: 'consultation' });
    await env.database.db.update(complaints).set({ dueDate: '2026-02-26' }).where(eq(complaints.id, a.id));
    const overdue = await call('GET', '/api/v1/complaints/overdue?pageSize=200', 'gzsup');
    expect(overdue.statusCode, overdue.body).toBe(200);
    const found = overdue.json<{ data: ComplaintSummary[] }>().data.find((c) => c.id === a.id);
    expect(found?.overdue).toBe(true);
    expect(found?.dueInWorkingDays).toBeLessThan(0);
    expect(
      (await call('GET', '/api/v1/complaints/overdue', 'szsup')).json().data.map((c: { id: string }) => c.id),
    ).not.toContain(a.id);
    const stats = await call('GET', '/api/v1/complaints/stats', 'gzsup');
    expect(stats.statusCode, stats.body).toBe(200);
    const th = stats
      .json<{ data: { org: { id: string }; received: number; overdue: number }[] }>()
      .data.find((s) => s.org.id === org.th_amr);
    expect(th?.received).toBeGreaterThan(0);
    expect(th?.overdue).toBeGreaterThan(0);
    expect((await call('GET', '/api/v1/complaints/stats', 'th')).statusCode).toBe(403);
  });
});
