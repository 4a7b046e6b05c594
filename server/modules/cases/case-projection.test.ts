/**
 * Finding 3 (issue 11): the case row is a projection of its record. A row changed behind the record's back — as
 * the database superuser, triggers off — is named by `zhifa verify` (case, column, stored vs recorded), the staff
 * view shows what the record says, and the documents refuse.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DecidedCase, decidedCase } from '../../test/decided-case.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { runVerify } from '../../verify.js';
import { caseRowDifferences, projectCase } from './case-projection.js';
import { verifyCaseRecords } from './case-verify.js';
import type { cases } from './cases.schema.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-06-01T01:00:00Z'));
});
afterAll(() => env.close());

/** As the database superuser with triggers off: what an insider with the database password can do. */
const asSuperuser = (statement: ReturnType<typeof sql>) =>
  env.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });

async function runVerifyCapture() {
  const lines: string[] = [];
  const code = await runVerify(env.database.db, env.config.secretKey, {
    info: (l) => lines.push(l),
    error: (l) => lines.push(l),
  });
  return { code, text: lines.join('\n') };
}

const get = (url: string, cookie: string) => env.app.inject({ method: 'GET', url, headers: { cookie } });

describe('the case row as a projection of its record', () => {
  it('holds for every demo case and for cases taken through the API', async () => {
    const c = await decidedCase(env);
    expect(
      (await c.act('deliver', c.officer, { method: 'on_site', deliveredAt: '2026-06-01T03:00:00Z' })).statusCode,
    ).toBe(200);
    const report = await verifyCaseRecords(env.database.db);
    expect(report.cases).toBeGreaterThan(70);
    expect(report.broken).toEqual([]);
    expect(report.mismatches).toEqual([]);
    const view = (await get(`/api/v1/cases/${c.id}`, c.head)).json();
    expect(view.recordCheck).toEqual({ ok: true, chainIntact: true, differences: [] });
    expect((await get(`/api/v1/cases/${c.id}/documents/decision`, c.head)).statusCode).toBe(200);
  });

  let tampered: DecidedCase;
  it('names a decision amount changed in the database; the view shows the recorded one; the PDF refuses', async () => {
    tampered = await decidedCase(env);
    expect((await runVerifyCapture()).code).toBe(0);
    await asSuperuser(
      sql`update cases set decision = jsonb_set(decision, '{amountFen}', '100') where id = ${tampered.id}`,
    );

    const verify = await runVerifyCapture();
    expect(verify.code).toBe(2);
    expect(verify.text).toContain(
      `案件 ${tampered.number} 的数据与全过程记录不一致：处罚决定（decision.amountFen）库中为 100，全过程记录为 2000000`,
    );
    expect(verify.text).toMatch(/校验发现 1 处问题：案件数据 1 处/);

    const view = (await get(`/api/v1/cases/${tampered.id}`, tampered.head)).json();
    expect(view.decision.amountFen).toBe(2_000_000);
    expect(view.recordCheck).toMatchObject({
      ok: false,
      chainIntact: true,
      differences: [{ column: 'decision.amountFen', label: '处罚决定', stored: '100', recorded: '2000000' }],
    });
    const pdf = await get(`/api/v1/cases/${tampered.id}/documents/decision`, tampered.head);
    expect(pdf.statusCode).toBe(409);
    expect(pdf.headers['content-type']).toContain('application/problem+json');
    expect(pdf.json()).toMatchObject({ code: 'record_mismatch' });
    expect(pdf.json().detail).toContain('处罚决定');
  });

  it('names every other trusted column changed: paid, state, dates, officers', async () => {
    const c = await decidedCase(env);
    await asSuperuser(
      sql`update cases set paid_fen = 2000000, state = 'closed', filed_at = filed_at - interval '30 days' where id = ${c.id}`,
    );
    await asSuperuser(sql`delete from case_officers where case_id = ${c.id}`);
    const columns = (await verifyCaseRecords(env.database.db)).mismatches
      .filter((m) => m.caseId === c.id)
      .map((m) => m.column);
    expect(columns).toEqual(['state', 'filedAt', 'paidFen', 'officerIds']);
    const verify = await runVerifyCapture();
    expect(verify.code).toBe(2);
    // every problem is listed, the earlier tampered case's too
    expect(verify.text).toContain(`案件 ${tampered.number}`);
    expect(verify.text).toContain(
      `案件 ${c.number} 的数据与全过程记录不一致：已缴罚没款（paidFen）库中为 2000000，全过程记录为 0`,
    );
    expect(verify.text).toMatch(/案件数据 5 处/);
  });
});

describe('projectCase (pure)', () => {
  const at = (d: number) => new Date(Date.UTC(2026, 5, d, 2));
  const ev = (type: string, d: number, payload: object) => ({ type, at: at(d), orgId: 'o1', payload });

  it('folds suspensions, extensions, payments, recusals and officers', () => {
    const p = projectCase([
      ev('register', 1, {
        source: 'self',
        itemId: 'i1',
        partyKind: 'organisation',
        partyName: ' 某公司 ',
        facts: 'f',
        occurredAt: '2026-05-30T00:00:00Z',
      }),
      ev('file', 2, { fromState: 'registered', toState: 'filed' }),
      ev('assign', 2, { officerIds: ['b', 'a'], fromState: 'filed', toState: 'investigating' }),
      ev('request_recusal', 3, {
        officerId: 'a',
        officer: '甲',
        applicant: 'party',
        reason: 'r',
        fromState: 'investigating',
        toState: 'investigating',
      }),
      ev('decide_recusal', 4, {
        officerId: 'a',
        outcome: 'granted',
        opinion: 'ok',
        fromState: 'investigating',
        toState: 'investigating',
      }),
      ev('suspend', 5, { reason: 'x', fromState: 'investigating', toState: 'suspended' }),
      ev('resume', 8, { fromState: 'suspended', toState: 'investigating' }),
      ev('extend', 9, {
        days: 30,
        approvalRef: 'A',
        reason: 'r',
        fromState: 'investigating',
        toState: 'investigating',
      }),
      ev('publicity_publish', 10, { late: false }),
      ev('record_payment', 11, { amountFen: 150, fromState: 'delivered', toState: 'delivered' }),
      ev('record_payment', 12, { amountFen: 50, fromState: 'delivered', toState: 'delivered' }),
    ]);
    expect(p).toMatchObject({
      state: 'delivered',
      partyName: '某公司',
      filedAt: at(2).toISOString(),
      officerIds: ['b'],
      suspensions: [{ from: at(5).toISOString(), to: at(8).toISOString() }],
      stateBeforeSuspension: null,
      extensionDays: [30],
      paidFen: 200,
      recusals: [{ officerId: 'a', outcome: 'granted', decidedAt: at(4).toISOString(), opinion: 'ok' }],
    });
  });

  it('reads the simplified procedure: decided, delivered and the intended penalty at once', () => {
    const decision = { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 5000, withinRange: true };
    const p = projectCase([
      ev('simplified_decide', 1, {
        ...decision,
        officerIds: ['x', 'y'],
        officers: ['甲', '乙'],
        statement: null,
        waivesStatement: true,
        delivery: 'on_site',
        fromState: 'registered',
        toState: 'delivered',
      }),
    ]);
    expect(p).toMatchObject({
      state: 'delivered',
      procedure: 'simplified',
      decision,
      intended: { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 5000 },
      statementWaived: true,
      deliveredAt: at(1).toISOString(),
      officerIds: ['x', 'y'],
    });
    // a row that agrees, but for the amount in the intended penalty
    const row = { ...rowOf(p), intended: { ...decision, amountFen: 4000 } } as unknown as typeof cases.$inferSelect;
    expect(caseRowDifferences(row, ['y', 'x'], p).map((d) => d.column)).toEqual([
      'intended.amountFen',
      'intended.withinRange',
    ]);
  });
});

/** A row holding exactly the projection (for the pure tests). */
function rowOf(p: ReturnType<typeof projectCase>) {
  const d = (x: string | null) => (x ? new Date(x) : null);
  return {
    ...p,
    filedAt: d(p.filedAt),
    notifiedAt: d(p.notifiedAt),
    decidedAt: d(p.decidedAt),
    deliveredAt: d(p.deliveredAt),
    hearingRequestedAt: d(p.hearingRequestedAt),
  };
}
