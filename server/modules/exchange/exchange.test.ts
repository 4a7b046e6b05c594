/**
 * The 12345 callbacks through the transactional outbox, against a real HTTP receiver on localhost: each status change
 * of a hotline complaint is appended in the step's transaction (absent when it fails), posted signed with the
 * incoming tickets' scheme, retried with back-off (500 then 200: delivered once), kept while the receiver is down and
 * sent in order once it is up, dead after the last retry and resent from the console; two workers at once deliver
 * each message exactly once. Time moves by the manual clock, never by waiting.
 */
import { type IncomingMessage, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { createSealer } from '../../platform/crypto.js';
import { appendMessage } from '../../platform/outbox/outbox.js';
import { outboxMessages } from '../../platform/outbox/outbox.schema.js';
import { type RetrySchedule, createOutboxWorker, retryDelayMs } from '../../platform/outbox/worker.js';
import { STATUS_TOPIC } from '../complaints/callbacks.js';
import { signatureHeader, signatureRefusal } from '../complaints/complaints.rules.js';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
  json: Record<string, unknown>;
  signatureOk: boolean;
  status: number;
}

/** A receiver as a 12345 system would run it: checks the signature, answers what `answer` says. */
function receiver() {
  const got: Received[] = [];
  let answer: (r: Omit<Received, 'status'>) => number = (r) => (r.signatureOk ? 200 : 401);
  let delayMs = 0;
  let server: Server | null = null;
  let port = 0;
  const handler = (req: IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const header = req.headers['x-zhifa-signature'];
      const signatureOk =
        req.headers['x-zhifa-client'] === 'gd12345' &&
        signatureRefusal(typeof header === 'string' ? header : undefined, secret, body, env.clock.now()) === null;
      const r = { headers: req.headers, body, json: JSON.parse(body) as Record<string, unknown>, signatureOk };
      const status = answer(r);
      setTimeout(() => {
        got.push({ ...r, status });
        res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
        res.end(status < 300 ? 'ok' : `接收方忙（${status}）`);
      }, delayMs);
    });
  };
  return {
    got,
    get url() {
      return `http://127.0.0.1:${port}/zhifa/callback`;
    },
    answer(fn: typeof answer) {
      answer = fn;
    },
    delay(ms: number) {
      delayMs = ms;
    },
    async up() {
      server = createServer(handler);
      await new Promise<void>((resolve) => server?.listen(port, '127.0.0.1', resolve));
      port = (server.address() as AddressInfo).port;
    },
    async down() {
      const s = server;
      server = null;
      s?.closeAllConnections();
      await new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    },
    /** 2xx answers per delivery id. */
    acknowledged() {
      const n = new Map<string, number>();
      for (const r of got.filter((x) => x.status < 300))
        n.set(String(r.json.deliveryId), (n.get(String(r.json.deliveryId)) ?? 0) + 1);
      return n;
    },
  };
}

let env: TestEnv;
let secret: string;
let admin: string;
let officer: string;
const rx = receiver();
const FAST: RetrySchedule = { baseMs: 10_000, capMs: 40_000, maxAttempts: 4 };
const workerOf = (retry = FAST, owner?: string) =>
  createOutboxWorker({
    db: env.database.db,
    clock: env.clock,
    sealer: createSealer(env.config.secretKey),
    retry,
    timeoutMs: 5000,
    ...(owner ? { owner } : {}),
  });

let tickets = 0;
/** A signed 12345 ticket in 天河区 (routed to 天河区综合行政执法局). */
async function ticket(client = 'gd12345', key = () => secret) {
  tickets += 1;
  const body = JSON.stringify({
    ticketNumber: `GD12345-CB-${String(tickets).padStart(4, '0')}`,
    receivedAt: '2026-03-01T09:00:00+08:00',
    kind: 'complaint',
    content: '天河路某餐馆油烟扰民，多次反映',
    regionCode: '440106',
    contact: { name: '陈大文', phone: '13800138000' },
  });
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/tickets',
    headers: {
      'content-type': 'application/json',
      'x-zhifa-client': client,
      'x-zhifa-signature': signatureHeader(key(), Math.floor(env.clock.now().getTime() / 1000), body),
    },
    payload: body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; trackingNumber: string }>();
}

const step = async (id: string, action: string, payload: object = {}) => {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/complaints/${id}/${action}`,
    headers: { cookie: officer },
    payload,
  });
  return res;
};
const ok = async (id: string, action: string, payload: object = {}) => {
  const res = await step(id, action, payload);
  expect(res.statusCode, res.body).toBe(200);
};

const messagesOf = (complaintId: string) =>
  env.database.db
    .select()
    .from(outboxMessages)
    .where(eq(outboxMessages.recordKey, `complaint:${complaintId}`))
    .orderBy(asc(outboxMessages.seq));
const api = (method: 'GET' | 'POST', url: string, cookie = admin) =>
  env.app.inject({ method, url, headers: { cookie } });

beforeAll(async () => {
  env = await createTestEnv();
  await rx.up();
  admin = await env.login('gz_sysadmin');
  officer = await env.login('th_zf_officer');
  const made = await env.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/clients',
    headers: { cookie: admin },
    payload: { id: 'gd12345', name: '粤省心 12345 热线', callbackUrl: rx.url },
  });
  expect(made.statusCode, made.body).toBe(201);
  secret = made.json().secret;
});
afterAll(async () => {
  await rx.down();
  await env.close();
});
beforeEach(async () => {
  // every test starts with nothing pending and a receiver that acknowledges
  await env.database.db
    .update(outboxMessages)
    .set({ state: 'delivered' })
    .where(sql`${outboxMessages.state} <> 'delivered'`);
  rx.got.length = 0;
  rx.answer((r) => (r.signatureOk ? 200 : 401));
  rx.delay(0);
});

describe('status callbacks', () => {
  it('posts each status change signed like the incoming tickets, in order, once acknowledged', async () => {
    const c = await ticket();
    expect(await messagesOf(c.id)).toEqual([]);
    await ok(c.id, 'accept');
    await ok(c.id, 'reply', { text: '经现场检查，已责令该餐馆加装油烟净化设施。' });
    await ok(c.id, 'close');
    // nothing is sent from inside the request
    expect(rx.got).toHaveLength(0);
    const pass = await workerOf().tick();
    expect(pass).toMatchObject({ delivered: 3, failed: 0 });
    expect(rx.got.map((r) => [r.json.status, r.signatureOk])).toEqual([
      ['accepted', true],
      ['replied', true],
      ['closed', true],
    ]);
    const replied = rx.got[1] as Received;
    expect(replied.json).toMatchObject({
      topic: STATUS_TOPIC,
      ticketNumber: `GD12345-CB-${String(tickets).padStart(4, '0')}`,
      trackingNumber: c.trackingNumber,
      statusLabel: '已答复',
      replyText: '经现场检查，已责令该餐馆加装油烟净化设施。',
      at: env.clock.now().toISOString(),
    });
    expect(replied.headers['x-zhifa-client']).toBe('gd12345');
    expect(replied.headers['x-zhifa-delivery']).toBe(replied.json.deliveryId);
    expect(replied.headers['x-zhifa-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    // the body as stored is the body as signed: canonical JSON
    expect((await messagesOf(c.id)).map((m) => [m.state, m.body])).toEqual(rx.got.map((r) => ['delivered', r.body]));
    expect(rx.got[0]?.json).not.toHaveProperty('replyText');
    // no personal data in the callback
    expect(rx.got.map((r) => r.body).join()).not.toMatch(/陈大文|13800138000|油烟扰民/);
    expect(await workerOf().tick()).toMatchObject({ claimed: 0 });
  });

  it('tells the client of a transfer and of 不予受理; nothing for steps that keep the state or refused steps', async () => {
    const c = await ticket();
    await ok(c.id, 'transfer', { toOrgId: await env.orgId('广州市天河区市场监督管理局'), reason: '属食品安全职责' });
    const d = await ticket();
    expect((await step(d.id, 'reject', { reason: '' })).statusCode).toBe(400);
    expect((await step(d.id, 'close')).statusCode).toBe(409);
    expect(await messagesOf(d.id)).toEqual([]);
    await ok(d.id, 'reject', { reason: '已由其他工单受理' });
    await workerOf().tick();
    expect(rx.got.map((r) => [r.json.trackingNumber, r.json.status, r.json.reason])).toEqual([
      [c.trackingNumber, 'transferred', undefined],
      [d.trackingNumber, 'rejected', '已由其他工单受理'],
    ]);
  });

  it('sends nothing for a complaint from another door or a client without a callback URL', async () => {
    const referral = await env.app.inject({
      method: 'POST',
      url: '/api/v1/complaints',
      headers: { cookie: officer },
      payload: { kind: 'complaint', content: '天河路某餐馆油烟扰民', regionCode: '440106' },
    });
    expect(referral.statusCode, referral.body).toBe(201);
    await ok(referral.json().id, 'accept');
    const quiet = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients',
      headers: { cookie: admin },
      payload: { id: 'quiet12345', name: '无回调的热线' },
    });
    const quietSecret = quiet.json().secret as string;
    const q = await ticket('quiet12345', () => quietSecret);
    await ok(q.id, 'accept');
    expect(await messagesOf(referral.json().id)).toEqual([]);
    expect(await messagesOf(q.id)).toEqual([]);
  });

  it('tells a revoked client nothing more', async () => {
    const made = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients',
      headers: { cookie: admin },
      payload: { id: 'gone12345', name: '将停用的热线', callbackUrl: rx.url },
    });
    const goneSecret = made.json().secret as string;
    const t = await ticket('gone12345', () => goneSecret);
    await ok(t.id, 'accept');
    expect(await messagesOf(t.id)).toHaveLength(1);
    const revoked = await api('POST', '/api/v1/hotline/clients/gone12345/revoke');
    expect(revoked.statusCode, revoked.body).toBe(200);
    await ok(t.id, 'reply', { text: '已责令整改。' });
    expect(await messagesOf(t.id)).toHaveLength(1);
  });

  it('appends nothing when the step’s transaction fails after the handler', async () => {
    const c = await ticket();
    await ok(c.id, 'accept');
    const db = env.database.db;
    await db.execute(sql`create function test_refuse_reply() returns trigger language plpgsql as $$
      begin if new.type = 'reply' then raise exception 'refused by test'; end if; return new; end $$`);
    await db.execute(
      sql`create trigger test_refuse_reply before insert on procedure_events for each row execute function test_refuse_reply()`,
    );
    try {
      expect((await step(c.id, 'reply', { text: '已经处理完毕。' })).statusCode).toBe(500);
    } finally {
      await db.execute(sql`drop trigger test_refuse_reply on procedure_events`);
      await db.execute(sql`drop function test_refuse_reply()`);
    }
    expect((await messagesOf(c.id)).map((m) => JSON.parse(m.body).status)).toEqual(['accepted']);
  });
});

describe('retries', () => {
  it('retries a 500 after the back-off and delivers once', async () => {
    const c = await ticket();
    await ok(c.id, 'accept');
    let calls = 0;
    rx.answer(() => (++calls === 1 ? 500 : 200));
    const w = workerOf();
    expect(await w.tick()).toMatchObject({ failed: 1 });
    const [failed] = await messagesOf(c.id);
    expect(failed).toMatchObject({ state: 'pending', attempts: 1, lastStatus: 500, lastError: '接收方忙（500）' });
    expect(failed?.nextAttemptAt.getTime()).toBe(env.clock.now().getTime() + 10_000);
    // not before the back-off
    env.clock.advance(9_999);
    expect(await w.tick()).toMatchObject({ claimed: 0 });
    env.clock.advance(1);
    expect(await w.tick()).toMatchObject({ delivered: 1 });
    expect(rx.got.map((r) => r.status)).toEqual([500, 200]);
    expect(new Set(rx.got.map((r) => r.json.deliveryId)).size).toBe(1);
    expect([...rx.acknowledged().values()]).toEqual([1]);
    expect((await messagesOf(c.id))[0]).toMatchObject({ state: 'delivered', attempts: 2 });
  });

  it('doubles the wait up to the cap', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, FAST))).toEqual([10_000, 20_000, 40_000, 40_000, 40_000]);
  });

  it('keeps everything while the receiver is down and sends it in order per complaint once it is up', async () => {
    const a = await ticket();
    const b = await ticket();
    await ok(a.id, 'accept');
    await ok(b.id, 'accept');
    await ok(a.id, 'reply', { text: '已经处理完毕。' });
    await ok(b.id, 'reply', { text: '已经处理完毕。' });
    await ok(a.id, 'close');
    await rx.down();
    const w = workerOf();
    // only the first message of each complaint is tried; the later ones wait behind it
    expect(await w.tick()).toMatchObject({ claimed: 2, failed: 2 });
    const waiting = await messagesOf(a.id);
    expect(waiting.map((m) => [m.attempts, m.lastStatus])).toEqual([
      [1, null],
      [0, null],
      [0, null],
    ]);
    expect(waiting[0]?.lastError).toMatch(/^(接收方拒绝连接（ECONNREFUSED）|连接被接收方关闭（UND_ERR_SOCKET）)$/);
    env.clock.advance(10_000);
    expect(await w.tick()).toMatchObject({ claimed: 2, failed: 2 });
    await rx.up();
    env.clock.advance(20_000);
    expect(await w.tick()).toMatchObject({ delivered: 5, failed: 0 });
    const order = (t: string) => rx.got.filter((r) => r.json.trackingNumber === t).map((r) => r.json.status);
    expect(order(a.trackingNumber)).toEqual(['accepted', 'replied', 'closed']);
    expect(order(b.trackingNumber)).toEqual(['accepted', 'replied']);
    expect([...rx.acknowledged().values()]).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('dead deliveries in the console', () => {
  it('stops after the last retry, lists it with the answer, and resends it on request', async () => {
    const c = await ticket();
    await ok(c.id, 'accept');
    rx.answer(() => 503);
    const w = workerOf();
    for (const wait of [0, 10_000, 20_000, 40_000]) {
      env.clock.advance(wait);
      await w.tick();
    }
    const [dead] = await messagesOf(c.id);
    expect(dead).toMatchObject({ state: 'dead', attempts: 4, lastStatus: 503 });
    // a later status waits behind the dead one
    await ok(c.id, 'reply', { text: '已经处理完毕。' });
    env.clock.advance(3_600_000);
    expect(await w.tick()).toMatchObject({ claimed: 0 });
    // an hour on: the sessions timed out
    admin = await env.login('gz_sysadmin');
    officer = await env.login('th_zf_officer');

    const list = await api('GET', '/api/v1/exchange/deliveries?clientId=gd12345');
    expect(list.statusCode, list.body).toBe(200);
    const rows = list.json<{ data: Record<string, unknown>[] }>().data;
    expect(rows.map((r) => [r.state, r.waitingBehind, r.summary])).toEqual([
      ['dead', false, `受理编号 ${c.trackingNumber}：办理中`],
      ['pending', true, `受理编号 ${c.trackingNumber}：已答复`],
    ]);
    expect(rows[0]).toMatchObject({
      stateLabel: '已停止重试',
      lastStatus: 503,
      lastError: '接收方忙（503）',
      destination: { id: 'gd12345', name: '粤省心 12345 热线' },
    });
    expect(JSON.stringify(rows)).not.toMatch(/已经处理|陈大文/);
    const deadOnly = await api('GET', '/api/v1/exchange/deliveries?state=dead');
    expect(deadOnly.json().total).toBe(1);
    const status = await api('GET', '/api/v1/exchange/destinations?clientId=gd12345');
    expect(status.statusCode, status.body).toBe(200);
    expect(status.json().data[0]).toMatchObject({ id: 'gd12345', pending: 1, dead: 1, failing: 0, endpoint: rx.url });
    expect(status.json().data[0].lagSeconds).toBe(70 + 3600);

    // the system administrator only (三员分立); an officer or a supervisor is refused
    expect((await api('GET', '/api/v1/exchange/deliveries', officer)).statusCode).toBe(403);
    const supervisor = await env.login('gz_sfj_supervisor');
    expect((await api('POST', `/api/v1/exchange/deliveries/${rows[0]?.id}/resend`, supervisor)).statusCode).toBe(403);

    rx.answer(() => 200);
    const resent = await api('POST', `/api/v1/exchange/deliveries/${rows[0]?.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(await w.tick()).toMatchObject({ delivered: 2 });
    expect(rx.got.filter((r) => r.status === 200).map((r) => r.json.status)).toEqual(['accepted', 'replied']);
    const again = await api('POST', `/api/v1/exchange/deliveries/${rows[0]?.id}/resend`);
    expect([again.statusCode, again.json().code]).toEqual([409, 'already_delivered']);
    expect((await api('GET', '/api/v1/exchange/deliveries?clientId=gd12345')).json().total).toBe(0);
    const after = (await api('GET', '/api/v1/exchange/destinations')).json().data;
    expect(after.find((d: { id: string }) => d.id === 'gd12345')).toMatchObject({ pending: 0, dead: 0, lagSeconds: 0 });
  });
});

describe('several workers', () => {
  it('deliver each message exactly once, in order per record', async () => {
    const RECORDS = 12;
    const PER = 5;
    const now = env.clock.now();
    await env.database.db.transaction(async (tx) => {
      for (let i = 0; i < PER; i++)
        for (let r = 0; r < RECORDS; r++)
          await appendMessage(
            tx,
            {
              topic: STATUS_TOPIC,
              destination: 'gd12345',
              endpoint: rx.url,
              recordKey: `complaint:load-${r}`,
              body: { trackingNumber: `LOAD${r}`, status: 'accepted', n: i },
            },
            now,
          );
    });
    rx.delay(3);
    const workers = [workerOf(FAST, 'w1'), workerOf(FAST, 'w2'), workerOf(FAST, 'w3')];
    for (let round = 0; round < 20; round++) await Promise.all(workers.map((w) => w.tick()));
    const load = rx.got.filter((r) => String(r.json.trackingNumber).startsWith('LOAD'));
    expect(load).toHaveLength(RECORDS * PER);
    expect([...rx.acknowledged().values()].every((n) => n === 1)).toBe(true);
    for (let r = 0; r < RECORDS; r++)
      expect(load.filter((x) => x.json.trackingNumber === `LOAD${r}`).map((x) => x.json.n)).toEqual([0, 1, 2, 3, 4]);
    const left = await env.database.db
      .select()
      .from(outboxMessages)
      .where(
        and(sql`${outboxMessages.recordKey} like 'complaint:load-%'`, sql`${outboxMessages.state} <> 'delivered'`),
      );
    expect(left).toEqual([]);
  });
});
