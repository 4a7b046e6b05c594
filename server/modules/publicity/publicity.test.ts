import { createPublicKey, verify } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, officers } from '../../test/tables.js';
import { hexToBytes, leafHash, verifyConsistency, verifyInclusion, webCryptoSha256 } from '../../../common/merkle.js';
import { checkpointMessage, leafBytes } from '../../../common/transparency-leaf.js';
import { DAY_MS, type TestEnv, createTestEnv } from '../../test/harness.js';
import { createSealer } from '../../platform/crypto.js';
import { verifyLog } from '../transparency/transparency.api.js';
import { containsPersonalData } from '../../platform/masking.js';

let env: TestEnv;
let gzAmr: string;
let item: string;
let team: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  env.clock.set(new Date('2026-06-01T01:00:00Z')); // a Monday; 09:00 in Guangzhou
  gzAmr = await env.orgId('广州市市场监督管理局');
  item = (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]
    ?.id as string;
  const head = await env.login('gz_head');
  for (const s of await env.database.db.select({ id: officers.id }).from(officers).where(eq(officers.orgId, gzAmr))) {
    const e = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${s.id}/eligibility?sector=market_regulation&regionCode=440100`,
        headers: { cookie: head },
      })
    ).json();
    if (e.eligible) team.push(s.id);
  }
  team = team.slice(0, 2);
});
afterAll(() => env.close());

const logDeps = () => ({ db: env.database.db, clock: env.clock, sealer: createSealer(env.config.secretKey) });
const get = (url: string, cookie?: string) => env.app.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });
const post = (url: string, cookie: string, payload: object = {}) =>
  env.app.inject({ method: 'POST', url, headers: { cookie }, payload });

type Party = {
  kind: 'person' | 'organisation';
  name: string;
  idNumber?: string;
  uscc?: string;
  phone?: string;
  address?: string;
};

/** A case through to a decision within the benchmark (¥20,000, 一般), as the demo org's officers and head. */
async function decidedCase(
  party: Party = { kind: 'organisation', name: '广州某某食品贸易有限公司' },
  amountFen = 2_000_000,
) {
  const officer = await env.login('gz_officer1');
  const head = await env.login('gz_head');
  const created = await post('/api/v1/cases', officer, {
    orgId: gzAmr,
    itemId: item,
    source: 'inspection',
    party,
    facts: '未按规定建立进货查验记录',
    occurredAt: '2026-05-20T02:00:00Z',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const act = (action: string, cookie: string, body: object = {}) =>
    post(`/api/v1/cases/${id}/actions/${action}`, cookie, body);
  await act('file', head);
  await act('assign', head, { officerIds: team });
  await act('submit_review', officer);
  await act('notify', officer, { circumstance: 'general', penaltyKinds: ['fine'], amountFen });
  await act('record_statement', officer, { waivesStatement: true, waivesHearing: true });
  const decided = await act('decide', head, { circumstance: 'general', penaltyKinds: ['fine'], amountFen });
  expect(decided.statusCode, decided.body).toBe(200);
  await env.sequencer.tick(); // as the server's sequencer does within seconds
  return decided.json() as { id: string; number: string; caseCode: string; publicUrl: string };
}

describe('transparency log', () => {
  it('signs checkpoints, proves every event of a case included, and proves consistency between checkpoints', async () => {
    const c = await decidedCase();
    const key = (await get('/api/v1/transparency/public-key')).json();
    expect(key).toMatchObject({ algorithm: 'Ed25519' });
    const first = (await get('/api/v1/transparency/checkpoint')).json();
    expect(first.rootHash).toMatch(/^[0-9a-f]{64}$/);
    const spki = createPublicKey({
      key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(key.publicKey, 'base64')]),
      format: 'der',
      type: 'spki',
    });
    expect(verify(null, checkpointMessage(first), spki, Buffer.from(first.signature, 'base64'))).toBe(true);
    expect(
      verify(
        null,
        checkpointMessage({ ...first, treeSize: first.treeSize + 1 }),
        spki,
        Buffer.from(first.signature, 'base64'),
      ),
    ).toBe(false);

    const pub = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(pub.status).toBe('active');
    expect(pub.leafIndexes).toHaveLength(pub.events.length);
    expect(pub.steps.map((s: { type: string }) => s.type)).toEqual([
      'register',
      'file',
      'assign',
      'submit_review',
      'notify',
      'record_statement',
      'decide',
    ]);
    for (const ev of pub.events) {
      // the leaf is rebuilt from what the public view shows, as the browser does
      const lh = await leafHash(webCryptoSha256, leafBytes(ev.leaf));
      const proof = (
        await get(`/api/v1/transparency/proofs/inclusion?leafIndex=${ev.leafIndex}&treeSize=${first.treeSize}`)
      ).json();
      expect(proof.leafHash).toBe(Buffer.from(lh).toString('hex'));
      expect(
        await verifyInclusion(webCryptoSha256, {
          leafIndex: ev.leafIndex,
          treeSize: first.treeSize,
          leafHash: lh,
          proof: proof.proof.map(hexToBytes),
          rootHash: hexToBytes(first.rootHash),
        }),
      ).toBe(true);
    }

    // the log grows with the next case; the new checkpoint is consistent with the old one
    await decidedCase();
    const second = (await get('/api/v1/transparency/checkpoint')).json();
    expect(second.treeSize).toBeGreaterThan(first.treeSize);
    const consistency = (
      await get(`/api/v1/transparency/proofs/consistency?from=${first.treeSize}&to=${second.treeSize}`)
    ).json();
    const ok = await verifyConsistency(webCryptoSha256, {
      from: first.treeSize,
      to: second.treeSize,
      proof: consistency.proof.map(hexToBytes),
      fromRoot: hexToBytes(first.rootHash),
      toRoot: hexToBytes(second.rootHash),
    });
    expect(ok).toBe(true);
    const truncated = consistency.proof.slice(0, -1).map(hexToBytes);
    expect(
      await verifyConsistency(webCryptoSha256, {
        from: first.treeSize,
        to: second.treeSize,
        proof: truncated,
        fromRoot: hexToBytes(first.rootHash),
        toRoot: hexToBytes(second.rootHash),
      }),
    ).toBe(false);

    // bad requests are refused with a field-named error
    const beyond = await get(`/api/v1/transparency/proofs/inclusion?leafIndex=0&treeSize=${second.treeSize + 1}`);
    expect(beyond.statusCode).toBe(422);
    expect(beyond.json()).toMatchObject({ code: 'invalid_proof_request', errors: [{ path: 'treeSize' }] });
    expect((await get('/api/v1/transparency/proofs/inclusion?leafIndex=5&treeSize=5')).json().errors[0].path).toBe(
      'leafIndex',
    );
    expect((await get('/api/v1/transparency/proofs/consistency?from=0&to=3')).statusCode).toBe(422);
    expect((await get('/api/v1/transparency/proofs/inclusion?leafIndex=abc&treeSize=3')).statusCode).toBe(400);
  });

  it('catches an event altered in the database: the rebuilt leaf is no longer in the signed tree, and verify names it', async () => {
    const c = await decidedCase();
    const cp = (await get('/api/v1/transparency/checkpoint')).json();
    expect((await verifyLog(logDeps())).ok).toBe(true);
    // seen once before: the page derived then must not hide the row altered afterwards
    const seen = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(
      seen.events.find((e: { leaf: { type: string } }) => e.leaf.type === 'decide').leaf.public.amountFen,
    ).not.toBe(100);
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx.execute(
        sql`update case_events set payload = jsonb_set(payload, '{amountFen}', '100') where case_id = ${c.id} and type = 'decide'`,
      );
    });
    const pub = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    const decide = pub.events.find((e: { leaf: { type: string } }) => e.leaf.type === 'decide');
    expect(decide.leaf.public.amountFen).toBe(100);
    const proof = (
      await get(`/api/v1/transparency/proofs/inclusion?leafIndex=${decide.leafIndex}&treeSize=${cp.treeSize}`)
    ).json();
    const lh = await leafHash(webCryptoSha256, leafBytes(decide.leaf));
    expect(
      await verifyInclusion(webCryptoSha256, {
        leafIndex: decide.leafIndex,
        treeSize: cp.treeSize,
        leafHash: lh,
        proof: proof.proof.map(hexToBytes),
        rootHash: hexToBytes(cp.rootHash),
      }),
    ).toBe(false);
    const report = await verifyLog(logDeps());
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toContain(`叶子 ${decide.leafIndex}`);
  });

  it('derives the page again once the record, the publication or the log moved, and only then', async () => {
    const c = await decidedCase();
    const first = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(first.unlogged).toBe(0);
    expect(first.publicity.publishedAt).toBeNull();
    // the same state answers the same page
    expect((await get(`/api/v1/public/cases/${c.caseCode}`)).json()).toEqual(first);
    await post(`/api/v1/publicity/${c.id}/publish`, await env.login('gz_officer1'));
    // a new event and a new publication, not yet in a signed checkpoint: shown as waiting for the log
    const waiting = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(waiting.publicity.publishedAt).not.toBeNull();
    expect(waiting.unlogged).toBe(1);
    expect(waiting.steps.map((s: { type: string }) => s.type)).not.toContain('publicity_publish');
    await env.sequencer.tick();
    const logged = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(logged.unlogged).toBe(0);
    expect(logged.steps.map((s: { type: string }) => s.type)).toContain('publicity_publish');
    expect(logged.checkpoint.treeSize).toBeGreaterThan(first.checkpoint.treeSize);
  });

  it('refuses to change the log itself', async () => {
    await get('/api/v1/transparency/checkpoint');
    await expect(
      env.database.db.execute(sql`update transparency_nodes set hash = '\\x00' where level = 0 and idx = 0`),
    ).rejects.toThrow();
    await expect(env.database.db.execute(sql`delete from transparency_checkpoints`)).rejects.toThrow();
    await expect(env.database.db.execute(sql`delete from transparency_leaves`)).rejects.toThrow();
  });
});

describe('publicity (行政执法公示)', () => {
  it('is due 7 working days after a penalty decision, listed for supervision once late, published and searched', async () => {
    const c = await decidedCase({ kind: 'organisation', name: '广州公示测试餐饮有限公司' });
    const head = await env.login('gz_head');
    const mine = (await get(`/api/v1/publicity?q=${c.number}`, head)).json();
    // decided Monday 2026-06-01 (Beijing): the 7th working day after is Wednesday 2026-06-10
    expect(mine.data).toMatchObject([
      { caseId: c.id, kind: 'penalty', publishBy: '2026-06-10', status: 'unpublished', overdue: false },
    ]);

    env.clock.advance(10 * DAY_MS); // 2026-06-11: one day late
    const sft = await env.login('sft_supervisor');
    const overdue = (await get('/api/v1/publicity/overdue?pageSize=200', sft)).json();
    expect(overdue.data.map((p: { caseId: string }) => p.caseId)).toContain(c.id);
    expect(
      (await get('/api/v1/publicity/overdue?pageSize=200', await env.login('sz_officer1')))
        .json()
        .data.map((p: { caseId: string }) => p.caseId),
    ).not.toContain(c.id);
    expect((await get(`/api/v1/public/decisions?party=${encodeURIComponent('公示测试餐饮')}`)).json().total).toBe(0);

    const officer = await env.login('gz_officer1');
    expect((await post(`/api/v1/publicity/${c.id}/publish`, await env.login('sz_officer1'))).statusCode).toBe(404);
    const published = await post(`/api/v1/publicity/${c.id}/publish`, officer);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedLate: true, endsOn: '2027-06-11' });
    expect((await post(`/api/v1/publicity/${c.id}/publish`, officer)).json().code).toBe('already_published');
    expect(
      (await get('/api/v1/publicity/overdue?pageSize=200', await env.login('sft_supervisor')))
        .json()
        .data.map((p: { caseId: string }) => p.caseId),
    ).not.toContain(c.id);

    const found = (
      await get(
        `/api/v1/public/decisions?party=${encodeURIComponent('公示测试餐饮')}&org=${encodeURIComponent('广州市市场监督管理局')}&from=2026-06-01&to=2026-06-01`,
      )
    ).json();
    expect(found.data).toMatchObject([
      {
        number: c.number,
        caseCode: c.caseCode,
        party: { kind: 'organisation', name: '广州公示测试餐饮有限公司' },
        decision: { penaltyKinds: ['fine'], amountFen: 2_000_000 },
      },
    ]);
    expect(
      (await get(`/api/v1/public/decisions?party=${encodeURIComponent('公示测试餐饮')}&from=2026-06-02`)).json().total,
    ).toBe(0);
    const html = await get(`/public/decisions?party=${encodeURIComponent('公示测试餐饮')}`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.body).toContain(c.number);
    expect(html.body).toContain(`/v/${c.caseCode}`);
    expect((await get('/api/v1/public/decisions?from=2026-13-01')).json()).toMatchObject({
      status: 400,
      errors: [{ path: 'from' }],
    });
    // the public search form sends every field, empty ones included
    expect(
      (await get(`/api/v1/public/decisions?org=&item=&party=${encodeURIComponent('公示测试餐饮')}&from=&to=`)).json()
        .total,
    ).toBe(1);
    const lenient = await get(
      `/public/decisions?party=${encodeURIComponent('公示测试餐饮')}&from=2026-13-01&current=x`,
    );
    expect(lenient.statusCode).toBe(200);
    expect(lenient.body).toContain(c.number);
    expect((await get('/api/v1/publicity', await env.login('gz_sysadmin'))).statusCode).toBe(403);
    const record = (await get(`/api/v1/cases/${c.id}/record`, officer)).json();
    expect(record.data.at(-1)).toMatchObject({
      type: 'publicity_publish',
      payload: { late: true, publishBy: '2026-06-10' },
    });
  });

  it('withdraws a revoked decision (due in 3 working days): the QR page then shows only the withdrawal', async () => {
    const c = await decidedCase();
    const officer = await env.login('gz_officer1');
    const head = await env.login('gz_head');
    await post(`/api/v1/publicity/${c.id}/publish`, officer);
    expect(
      (
        await post(`/api/v1/publicity/${c.id}/withdraw`, officer, {
          reason: 'revoked',
          revokedAt: env.clock.now().toISOString(),
          note: '经行政复议撤销',
        })
      ).statusCode,
    ).toBe(403);
    const future = await post(`/api/v1/publicity/${c.id}/withdraw`, head, {
      reason: 'revoked',
      revokedAt: new Date(env.clock.now().getTime() + DAY_MS).toISOString(),
      note: '经行政复议撤销',
    });
    expect(future.json()).toMatchObject({ code: 'revoked_in_future', errors: [{ path: 'revokedAt' }] });
    const withdrawn = await post(`/api/v1/publicity/${c.id}/withdraw`, head, {
      reason: 'revoked',
      revokedAt: env.clock.now().toISOString(),
      note: '经行政复议撤销',
    });
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', withdrawnLate: false });
    const pub = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(pub).toEqual({
      status: 'withdrawn',
      caseCode: c.caseCode,
      withdrawnAt: expect.any(String),
      reason: 'revoked',
    });
    const page = await get(`/v/${c.caseCode}`);
    expect(page.body).toContain('该决定已撤回公示');
    expect(page.body).not.toContain(c.number);
    expect(
      (await get(`/api/v1/public/decisions?q=${c.number}&pageSize=200`))
        .json()
        .data.map((d: { number: string }) => d.number),
    ).not.toContain(c.number);
    expect(
      (await post(`/api/v1/publicity/${c.id}/end`, head, { reason: 'credit_repair', reference: 'X' })).json().code,
    ).toBe('publicity_withdrawn');
  });

  it('flags a withdrawal made more than 3 working days after the revocation as late', async () => {
    const c = await decidedCase(); // decided at the test clock's now
    const revokedAt = env.clock.now().toISOString();
    const due = (await post(`/api/v1/publicity/${c.id}/publish`, await env.login('gz_officer1'))).json();
    expect(due.status).toBe('published');
    env.clock.advance(7 * DAY_MS); // a week on: more than 3 working days whatever the weekday
    const late = await post(`/api/v1/publicity/${c.id}/withdraw`, await env.login('gz_head'), {
      reason: 'corrected',
      revokedAt,
      note: '决定内容已更正',
    });
    expect(late.json()).toMatchObject({ status: 'withdrawn', withdrawnLate: true, withdrawReason: 'corrected' });
    expect(late.json().withdrawBy < late.json().withdrawnAt.slice(0, 10)).toBe(true);
  });

  it('ends after credit repair, and after its period (one year for a fine)', async () => {
    const c = await decidedCase();
    const officer = await env.login('gz_officer1');
    const head = await env.login('gz_head');
    expect(
      (
        await post(`/api/v1/publicity/${c.id}/end`, head, { reason: 'credit_repair', reference: '信用修复-2026-01' })
      ).json().code,
    ).toBe('not_published');
    await post(`/api/v1/publicity/${c.id}/publish`, officer);
    expect(
      (
        await post(`/api/v1/publicity/${c.id}/end`, head, { reason: 'credit_repair', reference: '信用修复-2026-01' })
      ).json().status,
    ).toBe('ended');
    expect((await get(`/api/v1/public/cases/${c.caseCode}`)).json()).toMatchObject({
      status: 'ended',
      reason: 'credit_repair',
    });
    expect((await get(`/v/${c.caseCode}`)).body).toContain('公示已结束');

    const other = await decidedCase();
    const published = (await post(`/api/v1/publicity/${other.id}/publish`, await env.login('gz_officer1'))).json();
    expect((await get(`/api/v1/public/cases/${other.caseCode}`)).json().status).toBe('active');
    env.clock.set(new Date(`${published.endsOn}T15:59:00Z`)); // 23:59 Beijing time on the last day: still public
    expect((await get(`/api/v1/public/cases/${other.caseCode}`)).json().status).toBe('active');
    env.clock.advance(2 * 60_000);
    expect((await get(`/api/v1/public/cases/${other.caseCode}`)).json()).toMatchObject({
      status: 'ended',
      reason: 'period',
    });
    expect(
      (await get(`/api/v1/public/decisions?q=x&pageSize=200`)).json().data.map((d: { number: string }) => d.number),
    ).not.toContain(other.number);
  });

  it('answers an unknown code with a 404 page', async () => {
    const page = await get('/v/AAAAAAAAAAAAAAAAAAAAAA');
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain('未找到该案件码');
    expect((await get('/api/v1/public/cases/AAAAAAAAAAAAAAAAAAAAAA')).json().code).toBe('not_found');
  });
});

describe('no public output reveals a natural person', () => {
  const SURNAMES = Array.from('龚鞠阙庹邝冼麦蒯');
  const GIVEN = Array.from('彧琰昶珩玥翊骞珈');
  // resident ID numbers with a valid check digit (GB 11643), born 1970–1999 in Guangzhou
  const residentId = (birth: string, serial: number) => {
    const first17 = `440106${birth}${String(serial).padStart(3, '0')}`;
    const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const sum = Array.from(first17).reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
    return first17 + '10X98765432'[sum % 11];
  };
  it('for random person parties through every public endpoint', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          surname: fc.constantFrom(...SURNAMES),
          given: fc.array(fc.constantFrom(...GIVEN), { minLength: 1, maxLength: 3 }),
          birth: fc
            .date({ min: new Date('1970-01-01'), max: new Date('1999-12-31'), noInvalidDate: true })
            .map((d) => d.toISOString().slice(0, 10).replace(/-/g, '')),
          serial: fc.integer({ min: 100, max: 999 }),
          phone: fc.integer({ min: 0, max: 99_999_999 }).map((n) => `139${String(n).padStart(8, '0')}`),
          street: fc.integer({ min: 1, max: 999 }).map((n) => `广州市天河区珠江新城花城大道${n}号`),
        }),
        async (r) => {
          const name = r.surname + r.given.join('');
          const party: Party = {
            kind: 'person',
            name,
            idNumber: residentId(r.birth, r.serial),
            phone: r.phone,
            address: r.street,
          };
          const c = await decidedCase(party);
          await post(`/api/v1/publicity/${c.id}/publish`, await env.login('gz_officer1'));
          const outputs = await Promise.all([
            get(`/api/v1/public/cases/${c.caseCode}`),
            get(`/v/${c.caseCode}`),
            get('/api/v1/public/decisions?pageSize=200'),
            get('/public/decisions?pageSize=200'),
            get('/api/v1/transparency/checkpoint'),
          ]);
          const pub = outputs[0]?.json();
          expect(pub.party.name).toBe(
            name.length === 2 ? `${r.surname}*` : `${r.surname}${'*'.repeat(name.length - 2)}${name.at(-1)}`,
          );
          for (const out of outputs) {
            expect(
              containsPersonalData(out.body, {
                names: [name],
                idNumbers: [party.idNumber as string],
                phones: [r.phone],
                addresses: [r.street],
              }),
            ).toBeNull();
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
