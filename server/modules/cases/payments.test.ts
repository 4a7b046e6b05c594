/**
 * Money rules (issue 11 finding 7): payments never exceed what is owed — also when ten arrive at once —, a bank
 * reference is used once per org, paidAt is neither in the future nor before the decision, and 加处罚款 (art. 72) is
 * computed by the server, never typed.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, officers } from '../../test/tables.js';
import { DAY_MS, type TestEnv, createTestEnv } from '../../test/harness.js';
import { caseEventsOf } from './case-record.js';
import { cases } from './cases.schema.js';

let env: TestEnv;
let gzAmr: string;
let item: string;
const eligible: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-06-01T01:00:00Z'));
  gzAmr = await env.orgId('广州市市场监督管理局');
  item = (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]
    ?.id as string;
  const head = await env.login('gz_head');
  const staff = await env.database.db.select({ id: officers.id }).from(officers).where(eq(officers.orgId, gzAmr));
  for (const s of staff) {
    const e = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${s.id}/eligibility?sector=market_regulation&regionCode=440100`,
        headers: { cookie: head },
      })
    ).json();
    if (e.eligible && eligible.length < 2) eligible.push(s.id);
  }
});
afterAll(() => env.close());

/** A case decided on the spot (简易程序) and delivered now with a fine of 200 元. */
async function deliveredCase(officer: string) {
  const created = await env.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: officer },
    payload: {
      orgId: gzAmr,
      itemId: item,
      source: 'inspection',
      party: { kind: 'person', name: '张某' },
      facts: '检查发现未按规定建立进货查验记录',
      occurredAt: '2026-05-20T02:00:00Z',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const done = await act(id, officer, 'simplified_decide', {
    circumstance: 'general',
    penaltyKinds: ['warning', 'fine'],
    amountFen: 200_00,
    officerIds: eligible,
    statement: '当事人表示认可',
    deviationReason: '当事人系初次违法，当场从轻处罚',
  });
  expect(done.statusCode, done.body).toBe(200);
  return { id, fine: done.json().decision.amountFen as number };
}

const act = (id: string, cookie: string, action: string, payload: object) =>
  env.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, headers: { cookie }, payload });
const pay = (id: string, cookie: string, amountFen: number, reference: string, paidAt = env.clock.now()) =>
  act(id, cookie, 'record_payment', { channel: 'bank', reference, amountFen, paidAt: paidAt.toISOString() });
const view = async (id: string, cookie: string) =>
  (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie } })).json();

describe('payments (罚缴分离, 行政处罚法 arts. 67, 72)', () => {
  it('ten concurrent payments of the whole fine: one is recorded, nine refused, paidFen never above the fine', async () => {
    expect(eligible).toHaveLength(2);
    const officer = await env.login('gz_officer1');
    const { id, fine } = await deliveredCase(officer);
    expect(fine).toBe(200_00);
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, k) => pay(id, officer, fine, `CONC-${id.slice(0, 8)}-${k}`)),
    );
    const codes = answers.map((r) => (r.statusCode === 200 ? 'ok' : r.json().code));
    expect(codes.filter((c) => c === 'ok')).toHaveLength(1);
    expect(codes.filter((c) => c === 'overpayment')).toHaveLength(9);
    const [row] = await env.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row?.paidFen).toBe(fine);
    expect(row?.payments).toHaveLength(1);
    expect((await caseEventsOf(env.database.db, id)).filter((e) => e.type === 'record_payment')).toHaveLength(1);
    const refused = answers.find((r) => r.statusCode !== 200);
    expect(refused?.statusCode).toBe(422);
    expect(refused?.json()).toMatchObject({ code: 'overpayment', errors: [{ path: 'amountFen' }] });
    expect(refused?.json().detail).toContain('应缴未缴金额 0.00 元');
  });

  it('partial payments add up to the fine and not one fen more', async () => {
    const officer = await env.login('gz_officer1');
    const { id, fine } = await deliveredCase(officer);
    expect((await pay(id, officer, fine - 1, `PART-${id}-1`)).statusCode).toBe(200);
    const more = await pay(id, officer, 2, `PART-${id}-2`);
    expect(more.json()).toMatchObject({ code: 'overpayment' });
    const last = await pay(id, officer, 1, `PART-${id}-3`);
    expect(last.json()).toMatchObject({ paidFen: fine, payment: { outstandingFen: 0, lateFeeFen: 0 } });
  });

  it('a bank reference is used once per org: 422 duplicate_payment_reference naming the field', async () => {
    const officer = await env.login('gz_officer1');
    const a = await deliveredCase(officer);
    const b = await deliveredCase(officer);
    expect((await pay(a.id, officer, 100_00, 'ICBC-REUSED-1')).statusCode).toBe(200);
    for (const id of [a.id, b.id]) {
      const again = await pay(id, officer, 100_00, 'ICBC-REUSED-1');
      expect(again.statusCode).toBe(422);
      expect(again.json()).toMatchObject({ code: 'duplicate_payment_reference', errors: [{ path: 'reference' }] });
    }
    expect((await view(b.id, officer)).paidFen).toBe(0);
    // the same reference with spaces around it is the same reference
    expect((await pay(b.id, officer, 100_00, '  ICBC-REUSED-1 ')).json().code).toBe('duplicate_payment_reference');
  });

  it('paidAt is not in the future and not before the decision', async () => {
    const officer = await env.login('gz_officer1');
    const { id, fine } = await deliveredCase(officer);
    // 2999 is refused at the edge (times of events lie within 2000-01-01 … now + 1 day), naming the field
    const absurd = await pay(id, officer, fine, `FUT-${id}`, new Date('2999-01-01T00:00:00Z'));
    expect(absurd.statusCode).toBe(400);
    expect(absurd.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'paidAt' }] });
    // within the edge's bound but still in the future: the payment rule refuses it
    const future = await pay(id, officer, fine, `FUT1-${id}`, new Date(env.clock.now().getTime() + 3_600_000));
    expect(future.json()).toMatchObject({ code: 'paid_at_in_future', errors: [{ path: 'paidAt' }] });
    const oneSecond = await pay(id, officer, fine, `FUT2-${id}`, new Date(env.clock.now().getTime() + 1000));
    expect(oneSecond.json().code).toBe('paid_at_in_future');
    const early = await pay(id, officer, fine, `EARLY-${id}`, new Date(env.clock.now().getTime() - DAY_MS));
    expect(early.json()).toMatchObject({ code: 'paid_before_decision', errors: [{ path: 'paidAt' }] });
    expect((await view(id, officer)).paidFen).toBe(0);
    expect((await pay(id, officer, fine, `NOW-${id}`)).statusCode).toBe(200);
  });

  it('加处罚款 is computed: 3 % of the fine a day after the 15-day deadline, never above the fine', async () => {
    let officer = await env.login('gz_officer1');
    const { id, fine } = await deliveredCase(officer); // delivered 2026-06-01 09:00 Beijing time
    const start = env.clock.now();
    try {
      const before = await view(id, officer);
      expect(before.payment).toMatchObject({
        fineFen: fine,
        dueDate: '2026-06-16',
        daysOverdue: 0,
        lateFeeFen: 0,
        owedFen: fine,
        outstandingFen: fine,
      });
      // the last day of the period: still no late fee (23:59 Beijing time on 16 June)
      env.clock.set(new Date('2026-06-16T15:59:00Z'));
      officer = await env.login('gz_officer1');
      expect((await view(id, officer)).payment.lateFeeFen).toBe(0);
      // four days late (20 June): 12 % of the fine
      env.clock.set(new Date('2026-06-20T02:00:00Z'));
      officer = await env.login('gz_officer1');
      expect((await view(id, officer)).payment).toMatchObject({ daysOverdue: 4, lateFeeFen: 2_400, owedFen: 22_400 });
      // the fine paid late: the late fee stops accruing at the day the fine is paid in full
      expect((await pay(id, officer, fine, `LATE-${id}-1`)).json().payment).toMatchObject({
        paidFen: fine,
        lateFeeFen: 2_400,
        outstandingFen: 2_400,
      });
      env.clock.set(new Date('2026-07-30T02:00:00Z'));
      officer = await env.login('gz_officer1');
      expect((await view(id, officer)).payment.lateFeeFen).toBe(2_400);
      expect((await pay(id, officer, 2_401, `LATE-${id}-2`)).json().code).toBe('overpayment');
      expect((await pay(id, officer, 2_400, `LATE-${id}-3`)).json().payment.outstandingFen).toBe(0);
    } finally {
      env.clock.set(start);
    }
  });

  it('the late fee never exceeds the fine, however late', async () => {
    let officer = await env.login('gz_officer1');
    const { id, fine } = await deliveredCase(officer);
    const start = env.clock.now();
    try {
      env.clock.advance(200 * DAY_MS);
      officer = await env.login('gz_officer1');
      expect((await view(id, officer)).payment).toMatchObject({ lateFeeFen: fine, owedFen: 2 * fine });
      expect((await pay(id, officer, 2 * fine + 1, `CAP-${id}-1`)).json().code).toBe('overpayment');
      expect((await pay(id, officer, 2 * fine, `CAP-${id}-2`)).json().paidFen).toBe(2 * fine);
    } finally {
      env.clock.set(start);
    }
  });

  it('the database refuses a paid amount above twice the fine (a check constraint behind the rule)', async () => {
    const officer = await env.login('gz_officer1');
    const { id, fine } = await deliveredCase(officer);
    await expect(
      env.database.db.execute(sql`update cases set paid_fen = ${2 * fine + 1} where id = ${id}`),
    ).rejects.toThrow();
    const [row] = await env.database.db.select().from(cases).where(eq(cases.id, id));
    expect(row?.paidFen).toBe(0);
  });
});
