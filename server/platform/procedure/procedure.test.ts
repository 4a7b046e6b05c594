/**
 * The generic procedure record (issue 12 part 3): a second subject type, declared by a test-only module on the
 * generic store, gets the same hash-chained record, transparency-log leaves (v2, with its subject type) and zhifa
 * verify as the penalty cases; a tampered event of that subject is found; case leaves logged in the v1 format before
 * the record became generic still verify, on the server and as the browser checks them.
 */
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hexToBytes, leafHash, verifyInclusion, webCryptoSha256 } from '../../../common/merkle.js';
import {
  LEAF_VERSION,
  LEAF_VERSION_CASE_V1,
  type TransparencyLeaf,
  leafBytes,
} from '../../../common/transparency-leaf.js';
import type { Db } from '../../db/client.js';
import { caseEvents } from '../../modules/cases/cases.schema.js';
import { auditEvents } from '../../modules/audit/audit.schema.js';
import { runAudited } from '../../modules/audit/audit.service.js';
import { appendLeaves, leafHashSync, nodeKey } from '../../modules/transparency/merkle-tree.js';
import { transparencyLeaves, transparencyNodes } from '../../modules/transparency/transparency.schema.js';
import {
  leafOf,
  leafOfStored,
  lookupIn,
  signCheckpoint,
  treeSize,
} from '../../modules/transparency/transparency.service.js';
import { decidedCase } from '../../test/decided-case.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { runVerify } from '../../verify.js';
import type { Actor, RequestContext } from '../context.js';
import { createSealer } from '../crypto.js';
import { definePolicy } from '../policy.js';
import { type GenericProcedure, performStep } from './perform.js';
import { procedureEvents } from './procedure.schema.js';
import { GENESIS_HASH, brokenSeqOf, genericEventBytes } from './record.js';
import { registerProcedure, unregisterProcedure } from './registry.js';
import { eventsOfSubjects, genericStore } from './store.js';
import { verifyGenericRecords } from './verify.js';

type PermitState = 'draft' | 'submitted' | 'granted' | 'refused';
type PermitAction = 'submit' | 'grant' | 'refuse';

/** A tiny test-only procedure (a permit application) on the generic store. */
const permitProcedure: GenericProcedure<PermitState, PermitAction> = {
  subjectType: 'test_permit',
  label: '测试许可',
  store: genericStore,
  initialState: 'draft',
  flow: {
    submit: { from: ['draft'], to: 'submitted' },
    grant: { from: ['submitted'], to: 'granted' },
    refuse: { from: ['submitted'], to: 'refused' },
  },
  stateLabels: { draft: '草稿', submitted: '已申请', granted: '已许可', refused: '不予许可' },
  actionLabels: { submit: '申请', grant: '许可', refuse: '不予许可' },
  publicView: (type, payload) => (type === 'grant' ? { decision: payload.decision ?? null } : {}),
  verifyRecords: (db) => verifyGenericRecords(db, 'test_permit'),
  handlers: {
    submit: async ({ body }) => ({ payload: { applicant: body.applicant, secret: body.secret } }),
    grant: async ({ body }) => {
      if (typeof body.decision !== 'string') throw new Error('decision required');
      return { payload: { decision: body.decision } };
    },
  },
  // a policy like a module's: anyone may apply, only a department head decides (the subject needs no facts here)
  policy: definePolicy({
    subject: 'test_permit',
    label: '测试许可',
    load: async (_db, id) => ({ id }),
    abilities: {
      submit: { roles: ['officer', 'department_head'], record: true, refusal: '当前账号不能申请测试许可' },
      grant: { roles: ['department_head'], record: true, refusal: '只有部门负责人可以许可' },
      refuse: { roles: ['department_head'], record: true, refusal: '只有部门负责人可以不予许可' },
    },
  }),
};

const ctx = (): RequestContext => ({ actor: null, ip: '127.0.0.1', userAgent: 'test', audited: false });
const actor = (roles: Actor['roles']): Actor => ({
  userId: randomUUID(),
  username: 'permit-tester',
  displayName: '测试',
  roles,
  sessionId: 'test',
  mustChangePassword: false,
  org: { id: randomUUID(), name: '测试单位', regionCode: '440100', sector: 'market_regulation', kind: 'department' },
  scope: {} as Actor['scope'],
});

async function verifyText(env: TestEnv) {
  const lines: string[] = [];
  const code = await runVerify(env.database.db, env.config.secretKey, {
    info: (l) => lines.push(l),
    error: (l) => lines.push(l),
  });
  return { code, text: lines.join('\n') };
}

const asSuperuser = (env: TestEnv, statement: ReturnType<typeof sql>) =>
  env.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });

/** Checks each leaf as the public case page does: rebuilt bytes, inclusion proof against the latest checkpoint. */
async function includedInLog(env: TestEnv, leafIndex: number, leaf: TransparencyLeaf) {
  const cp = (await env.app.inject({ method: 'GET', url: '/api/v1/transparency/checkpoint' })).json();
  const proof = (
    await env.app.inject({
      method: 'GET',
      url: `/api/v1/transparency/proofs/inclusion?leafIndex=${leafIndex}&treeSize=${cp.treeSize}`,
    })
  ).json();
  return verifyInclusion(webCryptoSha256, {
    leafIndex,
    treeSize: cp.treeSize,
    leafHash: await leafHash(webCryptoSha256, leafBytes(leaf)),
    proof: proof.proof.map(hexToBytes),
    rootHash: hexToBytes(cp.rootHash),
  });
}

describe('a second subject type on the generic procedure record', () => {
  let env: TestEnv;
  const permitA = randomUUID();
  const permitB = randomUUID();
  beforeAll(async () => {
    registerProcedure(permitProcedure);
    env = await createTestEnv();
  });
  afterAll(async () => {
    unregisterProcedure('test_permit');
    await env.close();
  });

  it('performs steps through the flow table and the policy, chaining each event; refusals write nothing', async () => {
    const deps = { db: env.database.db, clock: env.clock, runAudited };
    const officer = actor(['officer']);
    const head = actor(['department_head']);
    const a1 = await performStep(deps, ctx(), officer, permitProcedure, permitA, 'submit', {
      applicant: '广州某某公司',
      secret: '不公开',
    });
    expect(a1).toMatchObject({ subjectType: 'test_permit', subjectId: permitA, seq: 1, state: 'submitted' });
    // the flow table: a submitted permit cannot be submitted again (409), and an officer may not grant (403)
    await expect(performStep(deps, ctx(), officer, permitProcedure, permitA, 'submit', {})).rejects.toMatchObject({
      status: 409,
      code: 'action_not_allowed',
      detail: '测试许可处于“已申请”阶段，不能“申请”',
    });
    await expect(
      performStep(deps, ctx(), officer, permitProcedure, permitA, 'grant', { decision: '准予' }),
    ).rejects.toMatchObject({ status: 403, detail: '只有部门负责人可以许可' });
    const a2 = await performStep(deps, ctx(), head, permitProcedure, permitA, 'grant', { decision: '准予许可' });
    expect(a2).toMatchObject({ seq: 2, state: 'granted' });
    await performStep(deps, ctx(), officer, permitProcedure, permitB, 'submit', { applicant: '深圳某某公司' });

    const events = await eventsOfSubjects(env.database.db, genericStore, 'test_permit', [permitA]);
    expect(events.map((e) => [e.seq, e.type, e.payload.toState])).toEqual([
      [1, 'submit', 'submitted'],
      [2, 'grant', 'granted'],
    ]);
    expect(events[0]?.prevHash).toBe(GENESIS_HASH);
    expect(events[1]?.prevHash).toBe(events[0]?.hash);
    expect(brokenSeqOf(genericEventBytes, events)).toBeNull();
    // the audit trail has the steps, named by subject type
    const audit = await env.database.db
      .select({ action: auditEvents.action, outcome: auditEvents.outcome })
      .from(auditEvents)
      .where(eq(auditEvents.resourceType, 'test_permit'))
      .orderBy(asc(auditEvents.seq));
    expect(audit.map((r) => `${r.action}:${r.outcome}`)).toEqual([
      'test_permit.submit:success',
      'test_permit.submit:failure',
      'test_permit.grant:failure',
      'test_permit.grant:success',
      'test_permit.submit:success',
    ]);
    // direct SQL cannot change the record
    await expect(
      env.database.db.execute(sql`update procedure_events set payload = '{}' where subject_id = ${permitA}`),
    ).rejects.toThrow();
    await expect(
      env.database.db.execute(sql`delete from procedure_heads where subject_id = ${permitA}`),
    ).rejects.toThrow();
  });

  it('logs its events as v2 leaves with the subject type; the leaves verify like a case page does', async () => {
    const tick = await env.sequencer.tick();
    expect(tick.status).toBe('ok');
    const leaves = await env.database.db
      .select()
      .from(transparencyLeaves)
      .where(eq(transparencyLeaves.subjectType, 'test_permit'))
      .orderBy(asc(transparencyLeaves.leafIndex));
    expect(leaves).toHaveLength(3);
    expect(leaves.every((l) => l.leafVersion === LEAF_VERSION)).toBe(true);
    const [grant] = await env.database.db
      .select()
      .from(procedureEvents)
      .where(sql`${procedureEvents.subjectId} = ${permitA} and ${procedureEvents.type} = 'grant'`);
    const leafRow = leaves.find((l) => l.eventId === grant?.id);
    const leaf = leafOfStored(genericStore.toStored(grant as never, 'test_permit'));
    expect(leaf).toMatchObject({
      v: 2,
      subjectType: 'test_permit',
      subjectId: permitA,
      seq: 2,
      type: 'grant',
      public: { decision: '准予许可' },
    });
    expect(JSON.stringify(leaf)).not.toContain('不公开');
    expect(await includedInLog(env, leafRow?.leafIndex as number, leaf)).toBe(true);
    const v = await verifyText(env);
    expect(v.text).toContain('全过程记录哈希链完整：共校验 2 个测试许可。');
    expect(v.text).toContain('测试许可数据与全过程记录一致：共核对 2 个测试许可。');
    expect(v.code, v.text).toBe(0);
  });

  it('zhifa verify finds a tampered event of the second subject type, in its chain and in the log', async () => {
    await asSuperuser(
      env,
      sql`update procedure_events set payload = jsonb_set(payload, '{decision}', '"不予许可"') where subject_id = ${permitA} and seq = 2`,
    );
    const report = await verifyGenericRecords(env.database.db, 'test_permit');
    expect(report.broken).toEqual([{ subjectId: permitA, name: permitA, seq: 2 }]);
    const v = await verifyText(env);
    expect(v.code).toBe(2);
    expect(v.text).toContain(`测试许可 ${permitA} 的全过程记录哈希链断裂：第一处在第 2 条。`);
    expect(v.text).toMatch(
      new RegExp(`透明日志：叶子 \\d+（测试许可 ${permitA} 第 2 条记录）与日志中登记的哈希不一致`),
    );
    expect(v.text).toMatch(/校验发现 3 处问题：全过程记录哈希链 1 处，透明日志 2 处/);
  });

  it('zhifa verify finds a removed newest event by the head row', async () => {
    await asSuperuser(env, sql`delete from procedure_events where subject_id = ${permitB}`);
    const report = await verifyGenericRecords(env.database.db, 'test_permit');
    expect(report.mismatches).toEqual([
      expect.objectContaining({ subjectId: permitB, column: 'lastEventSeq', stored: '1', recorded: '0' }),
    ]);
    expect((await verifyText(env)).text).toContain(`测试许可 ${permitB} 的数据与全过程记录不一致：全过程记录链头`);
  });
});

/** What the sequencer did before leaves carried a subject type and a version: v1 case leaves, default columns. */
async function sequenceAsVersion1(db: Db) {
  await db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const size = await treeSize(tx);
    const events = await tx.select().from(caseEvents).orderBy(asc(caseEvents.id));
    const hashes = events.map((e) => leafHashSync(leafBytes(leafOf(e, LEAF_VERSION_CASE_V1))));
    const frontier = await tx.select().from(transparencyNodes);
    const nodes = appendLeaves(size, hashes, lookupIn(new Map(frontier.map((n) => [nodeKey(n.level, n.idx), n.hash]))));
    // the old insert: leaf index and event id only (subject_type and leaf_version take their defaults, as the
    // migration gave every leaf logged before it)
    await tx.insert(transparencyLeaves).values(events.map((e, i) => ({ leafIndex: size + i, eventId: e.id })));
    for (let i = 0; i < nodes.length; i += 1000)
      await tx
        .insert(transparencyNodes)
        .values(nodes.slice(i, i + 1000).map((n) => ({ level: n.level, idx: n.index, hash: n.hash })));
  });
}

describe('v1 case leaves logged before the record became generic', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
    env.clock.set(new Date('2026-06-01T01:00:00Z'));
  });
  afterAll(() => env.close());

  it('still verify on the server and in the browser, beside the v2 leaves logged after them', async () => {
    const c = await decidedCase(env);
    await sequenceAsVersion1(env.database.db);
    await signCheckpoint({ db: env.database.db, clock: env.clock, sealer: createSealer(env.config.secretKey) });
    // a later step of the same case: logged by today's sequencer, as a v2 leaf
    env.clock.set(new Date('2026-06-01T01:15:00Z'));
    const res = await c.act('deliver', c.officer, { method: 'on_site', deliveredAt: '2026-06-01T01:10:00Z' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await env.sequencer.tick()).status).toBe('ok');
    const versions = await env.database.db
      .select({ v: transparencyLeaves.leafVersion, t: transparencyLeaves.subjectType })
      .from(transparencyLeaves);
    // the case's leaves (the demo's other procedures, e.g. the 案卷评查 campaign, are logged as v2 beside them)
    const caseLeaves = versions.filter((r) => r.t === 'case');
    expect(new Set(caseLeaves.map((r) => `${r.t}:${r.v}`))).toEqual(new Set(['case:1', 'case:2']));
    expect(versions.filter((r) => r.t !== 'case').every((r) => r.v === 2)).toBe(true);

    const pub = (await env.app.inject({ method: 'GET', url: `/api/v1/public/cases/${c.caseCode}` })).json();
    const byVersion = (v: number) => pub.events.filter((e: { leaf: TransparencyLeaf }) => e.leaf.v === v);
    expect(byVersion(1).length).toBeGreaterThanOrEqual(6);
    expect(byVersion(1)[0].leaf).toMatchObject({ v: 1, caseId: c.id, seq: 1, type: 'register' });
    expect(byVersion(2).map((e: { leaf: TransparencyLeaf }) => e.leaf)).toEqual([
      expect.objectContaining({ v: 2, subjectType: 'case', subjectId: c.id, type: 'deliver' }),
    ]);
    for (const e of pub.events) expect(await includedInLog(env, e.leafIndex, e.leaf)).toBe(true);
    const v = await verifyText(env);
    expect(v.code, v.text).toBe(0);
    expect(v.text).toContain('透明日志完整');

    // a v1 leaf whose event is changed is found like any other
    const [decide] = await env.database.db
      .select()
      .from(caseEvents)
      .where(sql`${caseEvents.caseId} = ${c.id} and ${caseEvents.type} = 'decide'`);
    await asSuperuser(
      env,
      sql`update case_events set payload = jsonb_set(payload, '{amountFen}', '1') where id = ${decide?.id}`,
    );
    const broken = await verifyText(env);
    expect(broken.code).toBe(2);
    expect(broken.text).toContain(`（案件 ${c.id} 第 ${decide?.seq} 条记录）与日志中登记的哈希不一致`);
  });

  it('a case event whose v1 leaf was unlinked is not logged again as v2 (the sequencer stops)', async () => {
    const [first] = await env.database.db.select().from(caseEvents).orderBy(asc(caseEvents.id)).limit(1);
    await asSuperuser(env, sql`update transparency_leaves set event_id = 999999999 where event_id = ${first?.id}`);
    const tick = await env.sequencer.tick({ full: true });
    expect(tick.status).toBe('halted');
    expect(tick.status === 'halted' && tick.problems[0]).toContain(`案件 ${first?.caseId} 第 ${first?.seq} 条记录`);
  });
});
