/**
 * The 12345 door: a client made by the system administrator (secret shown once, sealed at rest, rotated), tickets
 * signed with HMAC-SHA256 accepted; a bad signature, an unknown client, a stale timestamp refused with 401 and nothing
 * stored; a replayed request and a re-sent ticket number give the same complaint; the ticket's receivedAt and earlier
 * dueAt set the due date.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { signatureHeader } from './complaints.rules.js';
import { complaints, hotlineClients } from './complaints.schema.js';

let env: TestEnv;
let sysadmin: string;
let secret: string;

const ticket = (over: object = {}) =>
  JSON.stringify({
    ticketNumber: 'GD12345-20260302-0001',
    receivedAt: '2026-02-27T16:30:00+08:00',
    kind: 'consultation',
    content: '咨询天河区食品经营许可办理流程',
    regionCode: '440106',
    address: '天河路 1 号',
    contact: { name: '陈大文', phone: '13800138000' },
    ...over,
  });

const send = (body: string, opts: { client?: string; key?: string; at?: number; signature?: string } = {}) => {
  const at = opts.at ?? Math.floor(env.clock.now().getTime() / 1000);
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/hotline/tickets',
    headers: {
      'content-type': 'application/json',
      'x-zhifa-client': opts.client ?? 'gd12345',
      'x-zhifa-signature': opts.signature ?? signatureHeader(opts.key ?? secret, at, body),
    },
    payload: body,
  });
};
const stored = async () => Number((await env.database.db.select({ n: count() }).from(complaints))[0]?.n);

beforeAll(async () => {
  env = await createTestEnv();
  sysadmin = await env.login('gz_sysadmin');
});
afterAll(() => env.close());

describe('12345 clients', () => {
  it('are made by the system administrator, the secret shown once and sealed at rest', async () => {
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients',
      headers: { cookie: sysadmin },
      payload: { id: 'gd12345', name: '粤省心 12345 热线', callbackUrl: 'http://127.0.0.1:9/hook' },
    });
    expect(res.statusCode, res.body).toBe(201);
    secret = res.json().secret;
    expect(secret).toMatch(/^whsec_/);
    const [row] = await env.database.db.select().from(hotlineClients).where(eq(hotlineClients.id, 'gd12345'));
    expect(row?.secretSealed).not.toContain(secret);
    const list = await env.app.inject({ method: 'GET', url: '/api/v1/hotline/clients', headers: { cookie: sysadmin } });
    expect(list.body).not.toContain(secret);
    const officer = await env.login('th_officer1');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/hotline/clients', headers: { cookie: officer } }))
        .statusCode,
    ).toBe(403);
    // 三员分立: the system administrator still sees no complaint
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/complaints', headers: { cookie: sysadmin } })).statusCode,
    ).toBe(403);
  });
});

describe('signed tickets', () => {
  it('accepts a signed ticket, dated from its receivedAt, and answers a re-sent ticket with the same complaint', async () => {
    const body = ticket();
    const res = await send(body);
    expect(res.statusCode, res.body).toBe(201);
    const first = res.json();
    // received Fri 2-27 16:30 Beijing: 咨询 2 working days → Sat 2-28 (调休) and Mon 3-02
    expect(first.dueDate).toBe('2026-03-02');
    const replayed = await send(body);
    expect(replayed.statusCode).toBe(200);
    expect(replayed.json()).toMatchObject({ id: first.id, created: false });
    const resent = await send(ticket({ content: '同一工单再次推送，内容略有不同' }));
    expect([resent.statusCode, resent.json().id]).toEqual([200, first.id]);
    const [row] = await env.database.db.select().from(complaints).where(eq(complaints.id, first.id));
    expect([row?.channel, row?.externalRef, row?.reporterPhoneMasked]).toEqual([
      'hotline',
      'GD12345-20260302-0001',
      '138****8000',
    ]);
    expect(row?.reporterPhoneSealed).not.toContain('13800138000');
  });

  it('takes the hotline dueAt when earlier', async () => {
    const res = await send(
      ticket({ ticketNumber: 'GD12345-0002', kind: 'complaint', dueAt: '2026-03-04T18:00:00+08:00' }),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().dueDate).toBe('2026-03-04');
  });

  it('refuses a bad signature, an unknown client, a stale timestamp and a malformed header with 401, storing nothing', async () => {
    const before = await stored();
    const body = ticket({ ticketNumber: 'GD12345-0003' });
    const now = Math.floor(env.clock.now().getTime() / 1000);
    for (const res of [
      await send(body, { key: 'whsec_wrong' }),
      await send(body, { client: 'nobody' }),
      await send(body, { at: now - 301 }),
      await send(body, { at: now + 301 }),
      await send(body, { signature: 'sha256=abc' }),
      await send(body, { signature: signatureHeader(secret, now, ticket({ ticketNumber: 'GD12345-0004' })) }),
    ]) {
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json().code).toBe('bad_signature');
    }
    expect(await stored()).toBe(before);
    // a signed body that is not valid: 400 after the signature holds
    expect((await send('{"ticketNumber":')).statusCode).toBe(400);
    expect((await send(ticket({ ticketNumber: 'x' }))).statusCode).toBe(400);
    expect(await stored()).toBe(before);
  });

  it('refuses the old secret once rotated', async () => {
    const rotated = await env.app.inject({
      method: 'POST',
      url: '/api/v1/hotline/clients/gd12345/rotate',
      headers: { cookie: sysadmin },
    });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const old = secret;
    secret = rotated.json().secret;
    const body = ticket({ ticketNumber: 'GD12345-0005' });
    expect((await send(body, { key: old })).statusCode).toBe(401);
    expect((await send(body)).statusCode).toBe(201);
  });
});
