/**
 * Issue 11, findings 4–6: checkpoints are signed by the sequencer only and anchor the audit chain's head; truncating
 * the audit trail is caught; every break is reported; the sequencer never logs an event twice to paper over a
 * tampered leaf. Each describe has its own database (the tampering is for good).
 */
import { count, desc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, caseEvents } from '../../test/tables.js';
import { decidedCase } from '../../test/decided-case.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { runVerify } from '../../verify.js';
import { createSealer } from '../../platform/crypto.js';
import { createSequencer } from './sequencer.js';
import { transparencyCheckpoints, transparencyLeaves } from './transparency.schema.js';

function useEnv() {
  const holder: { env: TestEnv } = {} as { env: TestEnv };
  beforeAll(async () => {
    holder.env = await createTestEnv();
    holder.env.clock.set(new Date('2026-06-01T01:00:00Z'));
  });
  afterAll(() => holder.env.close());
  return holder;
}

const asSuperuser = (env: TestEnv, statement: ReturnType<typeof sql>) =>
  env.database.db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    await tx.execute(statement);
  });

async function verifyText(env: TestEnv) {
  const lines: string[] = [];
  const code = await runVerify(env.database.db, env.config.secretKey, {
    info: (l) => lines.push(l),
    error: (l) => lines.push(l),
  });
  return { code, text: lines.join('\n') };
}

const countOf = async (env: TestEnv, table: typeof transparencyCheckpoints | typeof transparencyLeaves) =>
  Number((await env.database.db.select({ n: count() }).from(table))[0]?.n);

describe('finding 6: reads never sign', () => {
  const h = useEnv();
  it('GET checkpoint returns the latest signed one and writes nothing; the sequencer signs', async () => {
    const { env } = h;
    const get = (url: string) => env.app.inject({ method: 'GET', url });
    // nothing signed yet: the answer says so, and creates nothing
    const none = await get('/api/v1/transparency/checkpoint');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ code: 'no_checkpoint' });
    expect(await countOf(env, transparencyCheckpoints)).toBe(0);

    const c = await decidedCase(env);
    const tick = await env.sequencer.tick();
    expect(tick.status).toBe('ok');
    expect(await countOf(env, transparencyCheckpoints)).toBe(1);
    const leaves = await countOf(env, transparencyLeaves);
    // more steps: events the sequencer has not taken yet
    await c.act('deliver', c.officer, { method: 'on_site', deliveredAt: '2026-06-01T03:00:00Z' });
    env.clock.advance(1000);
    for (let i = 0; i < 60; i++) {
      const r = await get(
        i % 3 === 0
          ? `/api/v1/public/cases/${c.caseCode}`
          : i % 3 === 1
            ? `/v/${c.caseCode}`
            : '/api/v1/transparency/checkpoint',
      );
      expect(r.statusCode).toBe(200);
    }
    expect(await countOf(env, transparencyCheckpoints)).toBe(1);
    expect(await countOf(env, transparencyLeaves)).toBe(leaves);
    const latest = (await get('/api/v1/transparency/checkpoint')).json();
    expect(latest).toMatchObject({
      treeSize: leaves,
      auditSeq: expect.any(Number),
      auditHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    // the public page says what is not in the log yet, and is not verified until it is
    expect((await get(`/api/v1/public/cases/${c.caseCode}`)).json().unlogged).toBe(1);

    // the sequencer takes the new event and signs; with nothing new, it signs nothing
    await env.sequencer.tick();
    expect(await countOf(env, transparencyCheckpoints)).toBe(2);
    expect((await get(`/api/v1/public/cases/${c.caseCode}`)).json().unlogged).toBe(0);
    await env.sequencer.tick();
    expect(await countOf(env, transparencyCheckpoints)).toBe(2);
  });
});

describe('finding 4: the audit chain anchored in signed checkpoints', () => {
  const h = useEnv();
  it('reports every break, not only the first, with a summary', async () => {
    const { env } = h;
    await decidedCase(env);
    await env.sequencer.tick();
    expect((await verifyText(env)).code).toBe(0);
    const rows = await env.database.db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(20);
    const [a, b] = [rows[rows.length - 1], rows[2]] as [(typeof rows)[number], (typeof rows)[number]];
    await asSuperuser(env, sql`update audit_events set detail = 'forged' where seq in (${a.seq}, ${b.seq})`);
    const v = await verifyText(env);
    expect(v.code).toBe(2);
    expect(v.text).toContain(`审计日志哈希链断裂：seq=${a.seq}`);
    expect(v.text).toContain(`审计日志哈希链断裂：seq=${b.seq}`);
    expect(v.text).toMatch(/校验发现 2 处问题：审计日志哈希链 2 处/);
    await asSuperuser(env, sql`update audit_events set detail = ${a.detail} where seq = ${a.seq}`);
    await asSuperuser(env, sql`update audit_events set detail = ${b.detail} where seq = ${b.seq}`);
    expect((await verifyText(env)).code).toBe(0);
  });

  it('catches the newest audit rows deleted and audit_head moved back: truncated', async () => {
    const { env } = h;
    await decidedCase(env);
    const signed = await env.sequencer.tick();
    expect(signed.status === 'ok' && signed.checkpoint?.auditSeq).toBeTruthy();
    const anchored = signed.status === 'ok' ? (signed.checkpoint?.auditSeq as number) : 0;
    expect((await verifyText(env)).code).toBe(0);

    // the insider: delete the newest rows and move the head back to the new last row — the chain itself is whole
    await asSuperuser(env, sql`delete from audit_events where seq > ${anchored - 4}`);
    await asSuperuser(
      env,
      sql`update audit_head set hash = e.hash, prev_hash = e.prev_hash from (select hash, prev_hash from audit_events order by seq desc limit 1) e`,
    );
    const v = await verifyText(env);
    expect(v.code).toBe(2);
    expect(v.text).toContain('审计日志哈希链完整');
    expect(v.text).toContain(`审计日志被截断（truncated）`);
    expect(v.text).toContain(`锚定的链头为 seq=${anchored}，现存审计日志只到 seq=${anchored - 4}`);

    // a new checkpoint over the shortened chain does not hide it
    await env.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody', password: 'x' } });
    await env.sequencer.tick();
    const again = await verifyText(env);
    expect(again.code).toBe(2);
    expect(again.text).toContain(`审计事件 seq=${anchored} 已被删除`);
    expect(again.text).toContain('truncated');
  });
});

describe('finding 5: the sequencer never logs an event twice', () => {
  const h = useEnv();
  it('stops when a leaf was pointed at a missing event: no new leaf or checkpoint, no 已验证, verify fails', async () => {
    const { env } = h;
    const c = await decidedCase(env);
    await env.sequencer.tick();
    expect((await verifyText(env)).code).toBe(0);
    const [decide] = await env.database.db
      .select()
      .from(caseEvents)
      .where(sql`${caseEvents.caseId} = ${c.id} and ${caseEvents.type} = 'decide'`);
    await asSuperuser(env, sql`update transparency_leaves set event_id = 999999999 where event_id = ${decide?.id}`);
    const [leaves, checkpoints] = [await countOf(env, transparencyLeaves), await countOf(env, transparencyCheckpoints)];

    // a restart: a new sequencer's full pass, as `zhifa serve` runs at start-up
    const errors: string[] = [];
    const restarted = createSequencer(
      { db: env.database.db, clock: env.clock, sealer: createSealer(env.config.secretKey) },
      { error: (_o, msg) => errors.push(msg) },
    );
    const tick = await restarted.tick({ full: true });
    expect(tick.status).toBe('halted');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`案件 ${c.id} 第 ${decide?.seq} 条记录`);
    expect(restarted.halted).not.toBeNull();
    // later steps are not logged either while it is stopped
    await c.act('deliver', c.officer, { method: 'on_site', deliveredAt: '2026-06-01T03:00:00Z' });
    expect((await restarted.tick()).status).toBe('halted');
    expect(errors).toHaveLength(1); // said once, not every round
    expect(await countOf(env, transparencyLeaves)).toBe(leaves);
    expect(await countOf(env, transparencyCheckpoints)).toBe(checkpoints);

    // the public page: the decision is not in the signed log, so the page is not verified
    const pub = (await env.app.inject({ method: 'GET', url: `/api/v1/public/cases/${c.caseCode}` })).json();
    expect(pub.unlogged).toBeGreaterThanOrEqual(1);
    expect(pub.steps.map((s: { type: string }) => s.type)).not.toContain('decide');
    const html = (await env.app.inject({ method: 'GET', url: `/v/${c.caseCode}` })).body;
    expect(html).toMatch(/"unlogged":[1-9]/);
    expect(html).not.toContain('已验证');

    const v = await verifyText(env);
    expect(v.code).toBe(2);
    expect(v.text).toContain('对应的记录（事件 999999999）不存在');
    expect(v.text).toContain(`案件 ${c.id} 第 ${decide?.seq} 条记录不在叶子表中`);
  });
});
