import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { items, officers } from '../../test/tables.js';
import { DAY_MS, type TestEnv, createTestEnv } from '../../test/harness.js';
import { CASE_STATES } from '../../../common/case-flow.js';
import { caseEventsOf, verifyCaseChain } from './case-record.js';
import { caseEvents, cases } from './cases.schema.js';

let env: TestEnv;
let officer: string;
let head: string;
let reviewer: string;
let gzAmr: string;
let item: string;
let eligible: string[] = [];
let archivedCaseId = '';
let ineligible: string | undefined;

beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-06-01T01:00:00Z'));
  officer = await env.login('gz_officer1');
  head = await env.login('gz_head');
  reviewer = await env.login('gz_reviewer');
  gzAmr = await env.orgId('广州市市场监督管理局');
  item = (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]
    ?.id as string;
  const staff = await env.database.db.select({ id: officers.id }).from(officers).where(eq(officers.orgId, gzAmr));
  for (const s of staff) {
    const e = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${s.id}/eligibility?sector=market_regulation&regionCode=440100`,
        headers: { cookie: head },
      })
    ).json();
    if (e.eligible) eligible.push(s.id);
    else ineligible ??= s.id;
  }
  eligible = eligible.slice(0, 2);
});
afterAll(() => env.close());
// the tests move the clock by days: sign in afresh before each
beforeEach(async () => {
  officer = await env.login('gz_officer1');
  head = await env.login('gz_head');
  reviewer = await env.login('gz_reviewer');
});

const act = (id: string, action: string, cookie: string, payload: object = {}) =>
  env.app.inject({ method: 'POST', url: `/api/v1/cases/${id}/actions/${action}`, headers: { cookie }, payload });

async function register(reviewFlags: Record<string, boolean> = {}) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: await env.login('gz_officer1') },
    payload: {
      orgId: gzAmr,
      itemId: item,
      source: 'inspection',
      party: { kind: 'organisation', name: '广州某某食品贸易有限公司', uscc: '91440101MA5CXXXX08' },
      facts: '检查发现未按规定建立进货查验记录',
      occurredAt: '2026-05-20T02:00:00Z',
      reviewFlags,
    },
  });
  return res;
}

async function multipart(id: string, cookie: string, name: string, content: Buffer) {
  const boundary = '----zhifa-test';
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n现场照片\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return env.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/actions/add_evidence`,
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: body,
  });
}

describe('a penalty case from source to archive', () => {
  it('runs every step, refusing each one out of place', async () => {
    expect(eligible).toHaveLength(2);
    const created = await register({ complex: true });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json()).toMatchObject({
      state: 'registered',
      allowedActions: ['simplified_decide', 'request_recusal'],
    });
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: head } })).json()
        .allowedActions,
    ).toEqual(['file', 'not_file', 'transfer', 'simplified_decide', 'request_recusal']);

    expect((await act(id, 'file', officer)).statusCode).toBe(403);
    expect((await act(id, 'file', head)).json().state).toBe('filed');

    expect((await act(id, 'assign', head, { officerIds: [eligible[0]] })).json().code).toBe('too_few_officers');
    if (ineligible)
      expect((await act(id, 'assign', head, { officerIds: [eligible[0], ineligible] })).json().code).toBe(
        'officer_not_eligible',
      );
    expect((await act(id, 'assign', head, { officerIds: eligible })).json().officers).toHaveLength(2);

    const photo = Buffer.from('fake-jpeg-bytes-现场照片');
    const ev = await multipart(id, officer, '现场.jpg', photo);
    expect(ev.statusCode).toBe(200);
    const record = (
      await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/record`, headers: { cookie: officer } })
    ).json();
    const sha = record.data.at(-1).attachments[0].sha256;
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    const download = await env.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${id}/evidence/${sha}`,
      headers: { cookie: officer },
    });
    expect(download.rawPayload.equals(photo)).toBe(true);

    expect(
      (await act(id, 'decide', head, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 })).json()
        .code,
    ).toBe('action_not_allowed');
    expect((await act(id, 'submit_review', officer)).json().state).toBe('reviewing');
    const notified = await act(id, 'notify', officer, {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 2_000_000,
    });
    expect(notified.json()).toMatchObject({ state: 'notified', hearingRights: false });

    expect(
      (await act(id, 'decide', head, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 })).json()
        .code,
    ).toBe('statement_period_open');
    await act(id, 'record_statement', officer, {
      statement: '当事人无异议',
      waivesStatement: true,
      waivesHearing: true,
    });
    expect((await act(id, 'request_hearing', officer)).json().code).toBe('no_hearing_right');
    expect(
      (await act(id, 'decide', head, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 })).json()
        .code,
    ).toBe('legal_review_required');

    expect(
      (await act(id, 'legal_review', await env.login('sz_reviewer'), { outcome: 'approve', opinion: '同意' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await act(id, 'legal_review', reviewer, { outcome: 'approve', opinion: '事实清楚，证据确凿，同意' })).json()
        .state,
    ).toBe('legal_review');

    const outside = await act(id, 'decide', head, {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 4_900_000,
    });
    expect(outside.json()).toMatchObject({ code: 'outside_benchmark', errors: [{ path: 'deviationReason' }] });
    const decided = await act(id, 'decide', head, {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 2_000_000,
    });
    expect(decided.json()).toMatchObject({
      state: 'decided',
      deviation: false,
      decision: { withinRange: true, benchmark: { version: 1 } },
    });

    expect(
      (await act(id, 'deliver', officer, { method: 'electronic', deliveredAt: '2026-06-01T03:00:00Z' })).json().code,
    ).toBe('electronic_without_consent');
    expect(
      (await act(id, 'deliver', officer, { method: 'on_site', deliveredAt: '2026-06-01T03:00:00Z' })).json(),
    ).toMatchObject({ state: 'delivered', deliveryLate: false });
    expect(
      (
        await act(id, 'record_payment', officer, {
          channel: 'bank',
          reference: '',
          amountFen: 2_000_000,
          paidAt: env.clock.now().toISOString(),
        })
      ).json().code,
    ).toBe('payment_reference_required');
    expect(
      (
        await act(id, 'record_payment', officer, {
          channel: 'on_site',
          reference: 'X1',
          amountFen: 2_000_000,
          paidAt: env.clock.now().toISOString(),
        })
      ).json().code,
    ).toBe('on_site_not_allowed');
    expect(
      (
        await act(id, 'record_payment', officer, {
          channel: 'bank',
          reference: 'ICBC-20260605-0001',
          amountFen: 2_000_000,
          paidAt: env.clock.now().toISOString(),
        })
      ).json().paidFen,
    ).toBe(2_000_000);
    expect((await act(id, 'close', officer)).json().state).toBe('closed');
    expect((await act(id, 'archive', officer)).json().state).toBe('archived');
    archivedCaseId = id;

    const full = (
      await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/record`, headers: { cookie: officer } })
    ).json();
    expect(full.data.map((e: { type: string }) => e.type)).toEqual([
      'register',
      'file',
      'assign',
      'add_evidence',
      'submit_review',
      'notify',
      'record_statement',
      'legal_review',
      'decide',
      'deliver',
      'record_payment',
      'close',
      'archive',
    ]);
    expect(await verifyCaseChain(env.database.db, id)).toEqual({ ok: true, events: 13 });

    // the record cannot be changed by direct SQL; a superuser who disables the trigger is caught by the chain
    await expect(
      env.database.db.execute(sql`update case_events set payload = '{}' where case_id = ${id} and seq = 9`),
    ).rejects.toThrow();
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update case_events set payload = jsonb_set(payload, '{amountFen}', '1') where case_id = ${id} and seq = 9`,
      );
    });
    expect(await verifyCaseChain(env.database.db, id)).toEqual({ ok: false, brokenSeq: 9 });
  });

  it('produces the documents as PDFs with the Chinese text embedded, only once their step is reached', async () => {
    // the record altered above: no document is made from a record whose chain is broken
    const refused = await env.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${archivedCaseId}/documents/decision`,
      headers: { cookie: officer },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'record_mismatch' });
    expect(refused.json().detail).toContain('哈希链已断裂');
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update case_events e set payload = jsonb_set(e.payload, '{amountFen}', c.decision->'amountFen') from cases c where c.id = e.case_id and e.case_id = ${archivedCaseId} and e.seq = 9`,
      );
    });
    expect(await verifyCaseChain(env.database.db, archivedCaseId)).toEqual({ ok: true, events: 13 });
    const pdf = await env.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${archivedCaseId}/documents/decision`,
      headers: { cookie: officer },
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeLessThan(1_000_000); // the font is embedded as a subset
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-pdf-'));
    try {
      const file = join(dir, 'decision.pdf');
      writeFileSync(file, pdf.rawPayload);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      const view = (
        await env.app.inject({ method: 'GET', url: `/api/v1/cases/${archivedCaseId}`, headers: { cookie: officer } })
      ).json();
      expect(text).toContain('行政处罚决定书');
      expect(text).toContain(view.number);
      expect(text).toContain('20,000.00 元');
      expect(text).toContain('广州某某食品贸易有限公司');
      // 一案一码: the decision ends with a QR code that reads back as the public page of this case
      expect(view.caseCode).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(view.publicUrl).toBe(`http://localhost:3000/v/${view.caseCode}`);
      expect(text).toContain(view.caseCode);
      execFileSync('pdfimages', ['-png', file, join(dir, 'img')]);
      const png = PNG.sync.read(readFileSync(join(dir, 'img-000.png')));
      expect(jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data).toBe(view.publicUrl);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    for (const kind of ['filing_approval', 'prior_notice', 'delivery_receipt']) {
      expect(
        (
          await env.app.inject({
            method: 'GET',
            url: `/api/v1/cases/${archivedCaseId}/documents/${kind}`,
            headers: { cookie: officer },
          })
        ).statusCode,
      ).toBe(200);
    }
    const fresh = (await register()).json().id;
    const early = await env.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${fresh}/documents/decision`,
      headers: { cookie: officer },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().code).toBe('document_not_available');
  });

  it('flags a decision outside the benchmark with a written reason as a deviation', async () => {
    const id = (await register()).json().id;
    await act(id, 'file', head);
    await act(id, 'assign', head, { officerIds: eligible });
    await act(id, 'submit_review', officer);
    // the intended penalty is checked as the decision will be: outside the benchmark it needs a reason too
    const intended = { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 4_900_000 };
    const bare = await act(id, 'notify', officer, intended);
    expect(bare.statusCode).toBe(422);
    expect(bare.json().code).toBe('outside_benchmark');
    const notified = await act(id, 'notify', officer, { ...intended, deviationReason: '当事人拒不改正，拟从严处罚' });
    expect(notified.json()).toMatchObject({ state: 'notified', intended: { withinRange: false } });
    env.clock.advance(6 * DAY_MS); // the statement and hearing periods pass
    const d = await act(id, 'decide', await env.login('gz_head'), {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 4_900_000,
      deviationReason: '当事人拒不改正且影响范围广，依法从严',
    });
    expect(d.json()).toMatchObject({ state: 'decided', deviation: true });
  });

  it('counts 90 days from filing, extended by approvals, stopped while suspended; overdue cases are listed', async () => {
    const h = await env.login('gz_head');
    const id = (await register()).json().id;
    await act(id, 'file', h);
    env.clock.advance(80 * DAY_MS);
    const h2 = await env.login('gz_head');
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: h2 } })).json().deadline
        .daysRemaining,
    ).toBe(10);
    await act(id, 'suspend', h2, { reason: '等待检验鉴定结果' });
    env.clock.advance(20 * DAY_MS);
    const h3 = await env.login('gz_head');
    await act(id, 'resume', h3, {});
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: h3 } })).json(),
    ).toMatchObject({ state: 'filed', deadline: { daysRemaining: 10, overdue: false } });
    env.clock.advance(11 * DAY_MS);
    const h4 = await env.login('gz_head');
    const overdue = (
      await env.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=true&pageSize=200', headers: { cookie: h4 } })
    ).json();
    expect(overdue.data.map((c: { id: string }) => c.id)).toContain(id);
    await act(id, 'extend', h4, { days: 30, reason: '案情复杂', approvalRef: '穗市监延〔2026〕3号' });
    const after = (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: h4 } })).json();
    expect(after.deadline).toMatchObject({ daysRemaining: 29, overdue: false });
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=true&pageSize=200', headers: { cookie: h4 } }))
        .json()
        .data.map((c: { id: string }) => c.id),
    ).not.toContain(id);
  });

  it('keeps another org’s case invisible (404)', async () => {
    const id = (await register()).json().id;
    const sz = await env.login('sz_officer1');
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: sz } })).statusCode,
    ).toBe(404);
    expect((await act(id, 'file', sz)).statusCode).toBe(404);
  });
});

describe('simplified procedure (简易程序, art. 51–52)', () => {
  const onTheSpot = {
    circumstance: 'mitigated',
    penaltyKinds: ['fine'],
    statement: '当事人表示认可',
    location: { lat: 23.13, lng: 113.26 },
  };
  it('decides and delivers on the spot within the thresholds, and refuses above them', async () => {
    const id = (await register()).json().id;
    // ¥3,000.01 for an organisation is one fen above the simplified threshold
    const over = await act(id, 'simplified_decide', officer, {
      ...onTheSpot,
      amountFen: 300_001,
      officerIds: eligible,
    });
    expect(over.json()).toMatchObject({ code: 'simplified_not_allowed', errors: [{ path: 'amountFen' }] });
    expect(
      (
        await act(id, 'simplified_decide', officer, { ...onTheSpot, amountFen: 200_000, officerIds: [eligible[0]] })
      ).json().code,
    ).toBe('too_few_officers');
    const unheard = await act(id, 'simplified_decide', officer, {
      ...onTheSpot,
      statement: undefined,
      amountFen: 200_000,
      officerIds: eligible,
    });
    expect(unheard.json().code).toBe('statement_not_heard');
    expect(
      (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: officer } })).json(),
    ).toMatchObject({ state: 'registered', officers: [] });

    const done = await act(id, 'simplified_decide', officer, {
      ...onTheSpot,
      amountFen: 300_000,
      officerIds: eligible,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      state: 'delivered',
      procedure: 'simplified',
      filedAt: null,
      deadline: null,
      deviation: false,
      decision: { amountFen: 300_000, withinRange: true, tier: 'mitigated' },
    });
    expect(done.json().officers).toHaveLength(2);
    expect(done.json().decidedAt).toBe(done.json().deliveredAt);
    // then payment, closing and archiving as in the general procedure; on-the-spot collection only up to ¥100 with a receipt
    expect(
      (
        await act(id, 'record_payment', officer, {
          channel: 'on_site',
          reference: 'R1',
          receiptNumber: 'GD-0001',
          amountFen: 300_000,
          paidAt: env.clock.now().toISOString(),
        })
      ).json().code,
    ).toBe('on_site_not_allowed');
    expect(
      (
        await act(id, 'record_payment', officer, {
          channel: 'online',
          reference: 'WX-42',
          amountFen: 300_000,
          paidAt: env.clock.now().toISOString(),
        })
      ).json().state,
    ).toBe('executing');
    const record = (
      await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/record`, headers: { cookie: officer } })
    ).json();
    expect(record.data.map((e: { type: string }) => e.type)).toEqual([
      'register',
      'simplified_decide',
      'record_payment',
    ]);
    expect(record.data[1].payload).toMatchObject({
      statement: '当事人表示认可',
      delivery: 'on_site',
      fromState: 'registered',
      toState: 'delivered',
    });
    expect(record.data[1].location).toEqual({ lat: 23.13, lng: 113.26 });
    expect(
      (
        await env.app.inject({
          method: 'GET',
          url: `/api/v1/cases/${id}/documents/decision`,
          headers: { cookie: officer },
        })
      ).statusCode,
    ).toBe(200);
  });
  it('is refused for a case that needs legal review', async () => {
    const id = (await register({ public_interest: true })).json().id;
    expect(
      (await act(id, 'simplified_decide', officer, { ...onTheSpot, amountFen: 100_000, officerIds: eligible })).json()
        .code,
    ).toBe('simplified_not_allowed');
  });
});

describe('recusal (回避, art. 43)', () => {
  it('records a request, keeps the officer off the case while it is pending or granted, and lets the head decide', async () => {
    const id = (await register()).json().id;
    await act(id, 'file', head);
    expect(
      (await act(id, 'decide_recusal', head, { officerId: eligible[0], outcome: 'grant', opinion: '理由成立' })).json()
        .code,
    ).toBe('no_recusal_request');
    const asked = await act(id, 'request_recusal', officer, {
      officerId: eligible[0],
      applicant: 'party',
      reason: '当事人称该执法人员与其有利害关系',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json().recusals).toMatchObject([{ officerId: eligible[0], applicant: 'party', outcome: null }]);
    expect(
      (
        await act(id, 'request_recusal', officer, { officerId: eligible[0], applicant: 'party', reason: '重复申请' })
      ).json().code,
    ).toBe('recusal_pending');
    expect((await act(id, 'assign', head, { officerIds: eligible })).json()).toMatchObject({
      code: 'officer_conflict',
      errors: [{ path: 'officerIds' }],
    });
    const headView = (
      await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: head } })
    ).json();
    expect(headView.allowedActions).toContain('decide_recusal');
    expect(
      (await act(id, 'decide_recusal', officer, { officerId: eligible[0], outcome: 'deny', opinion: '不成立' }))
        .statusCode,
    ).toBe(403);
    const denied = await act(id, 'decide_recusal', head, {
      officerId: eligible[0],
      outcome: 'deny',
      opinion: '经核实无利害关系，申请理由不成立',
    });
    expect(denied.json().recusals).toMatchObject([{ outcome: 'denied' }]);
    expect(denied.json().allowedActions).not.toContain('decide_recusal');
    expect((await act(id, 'assign', head, { officerIds: eligible })).json().officers).toHaveLength(2);

    // an officer's own declaration, granted: the officer leaves the case and cannot be assigned again
    await act(id, 'request_recusal', officer, {
      officerId: eligible[1],
      applicant: 'officer',
      reason: '本人系当事人近亲属',
    });
    const granted = await act(id, 'decide_recusal', head, {
      officerId: eligible[1],
      outcome: 'grant',
      opinion: '同意回避',
    });
    expect(granted.json().officers.map((o: { id: string }) => o.id)).toEqual([eligible[0]]);
    expect((await act(id, 'submit_review', officer)).json().code).toBe('too_few_officers');
    expect((await act(id, 'assign', head, { officerIds: eligible })).json().code).toBe('officer_conflict');
    const types = (
      await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}/record`, headers: { cookie: head } })
    )
      .json()
      .data.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'register',
      'file',
      'request_recusal',
      'decide_recusal',
      'assign',
      'request_recusal',
      'decide_recusal',
    ]);
  });
});

describe('what a step answers', () => {
  it('is the case as stored: the same as reading it afterwards, and the row keeps the head of the record', async () => {
    const db = env.database.db;
    const created = await register();
    const id = created.json().id;
    // numbered <county>-<year>-<serial of at least five digits>, one after the other
    const next = (await register()).json().number;
    expect(created.json().number).toMatch(/^440100-2026-\d{5}$/);
    expect(Number(next.slice(-5))).toBe(Number(created.json().number.slice(-5)) + 1);
    // the view adds its check of the row against the record (recordCheck), which a step does not repeat
    const read = async (cookie: string) => {
      const { recordCheck, ...view } = (
        await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie } })
      ).json();
      expect(recordCheck).toEqual({ ok: true, chainIntact: true, differences: [] });
      return JSON.stringify(view);
    };
    const norm = (body: string) => JSON.stringify(JSON.parse(body));
    expect(norm(created.body)).toBe(await read(officer));
    const h = await env.login('gz_head');
    const steps: [string, string, object][] = [
      ['file', h, {}],
      ['extend', h, { days: 30, reason: '案情复杂', approvalRef: '穗市监延〔2026〕4号' }],
      ['suspend', h, { reason: '等待检验鉴定结果' }],
      ['resume', h, {}],
      ['request_recusal', officer, { officerId: eligible[0], applicant: 'party', reason: '当事人称有利害关系' }],
      ['decide_recusal', h, { officerId: eligible[0], outcome: 'deny', opinion: '理由不成立' }],
      ['assign', h, { officerIds: eligible }],
      ['submit_review', officer, {}],
      ['notify', officer, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 }],
    ];
    for (const [action, cookie, body] of steps) {
      const res = await act(id, action, cookie, body);
      expect([action, res.statusCode]).toEqual([action, 200]);
      expect(norm(res.body)).toBe(await read(cookie));
    }
    const [head] = await db
      .select({ seq: cases.lastEventSeq, hash: cases.lastEventHash })
      .from(cases)
      .where(eq(cases.id, id));
    const events = await caseEventsOf(db, id);
    expect(events).toHaveLength(steps.length + 1);
    expect(head).toEqual({ seq: events.at(-1)?.seq, hash: events.at(-1)?.hash });
    expect(await verifyCaseChain(db, id)).toEqual({ ok: true, events: steps.length + 1 });
    // no location given: SQL NULL, not a JSON null
    const [{ n } = { n: -1 }] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(caseEvents)
      .where(sql`${caseEvents.caseId} = ${id} and ${caseEvents.location} is null`);
    expect(n).toBe(events.length);
  });
});

describe('demo cases', () => {
  it('cover every state, with chained records, some overdue and some deviating', async () => {
    const db = env.database.db;
    const rows = await db
      .select({ id: cases.id, state: cases.state, deviation: cases.deviation })
      .from(cases)
      .where(sql`${cases.number} like '%-D%'`);
    expect(rows.length).toBeGreaterThanOrEqual(60);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(CASE_STATES));
    expect(rows.some((r) => r.deviation)).toBe(true);
    for (const r of rows) expect(await verifyCaseChain(db, r.id)).toMatchObject({ ok: true });
    env.clock.set(new Date()); // the demo was dated from the real clock when the test database was seeded
    const sft = await env.login('sft_supervisor');
    const overdue = (
      await env.app.inject({ method: 'GET', url: '/api/v1/cases?overdue=true&pageSize=200', headers: { cookie: sft } })
    ).json();
    expect(overdue.total).toBeGreaterThan(0);
  });
});
