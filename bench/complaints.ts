/**
 * Benchmark of issue 14's 12345 door: signed `POST /api/v1/hotline/tickets` requests per second at concurrency 20, as
 * a ratio to an authenticated one-row insert route in the same server process, measured in the same run (target
 * ≥ 0.5×). Both are loaded by autocannon over keep-alive HTTP with the same connections and duration, in alternating
 * rounds (the ratio is the median of the rounds'), so that other load on the machine weighs on both alike.
 *
 *   ticket    each request a new 工单 (its own ticket number), signed with HMAC-SHA256 over `t + "." + body` as the
 *             hotline signs it: the client looked up and its secret opened, the signature checked, the body
 *             validated, routed, the due date counted on the working-day calendar, the complainant sealed, the
 *             complaint row, its first hash-chained record event and its audit row written
 *   baseline  `POST /api/v1/bench/rows` (added here, not in the product): the session cookie resolved as for every
 *             console request, then one row inserted into a bench table
 *
 * Afterwards it checks that every 201 left its complaint (requests cut off at a round's end may still complete, so
 * there can be a few more) and that every complaint has its receive event on the record.
 *
 *   npm run bench:complaints                   # PGlite in a temporary folder
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:complaints
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=20 BENCH_ROUNDS=3 npm run bench:complaints
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase, queryRows } from '../server/db/client.js';
import { signatureHeader } from '../server/modules/complaints/complaints.rules.js';
import { actorOf } from '../server/platform/http.js';
import { systemClock } from '../server/platform/clock.js';
import { bootstrap } from '../server/seed/bootstrap.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const PASSWORD = 'Bench#2026zf';
const pgBase = process.env.BENCH_DATABASE_URL;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function freshPostgres(base: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists zhifa_bench_complaints with (force)');
  await admin.query('create database zhifa_bench_complaints');
  await admin.end();
  return Object.assign(new URL(base), { pathname: '/zhifa_bench_complaints' }).toString();
}

const KINDS = ['consultation', 'help', 'suggestion', 'complaint', 'report'] as const;

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhifa-bench-complaints-'));
  const databaseUrl = pgBase ? await freshPostgres(pgBase) : undefined;
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ZHIFA_ADMIN_PASSWORD: PASSWORD,
    ZHIFA_DEMO_PASSWORD: PASSWORD,
    PORT: '0',
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${dataDir}/pglite`, poolSize: 8 });
  await database.migrate();
  await bootstrap(database.db, systemClock, config);
  const { db } = database;
  await queryRows(
    db,
    sql`create table bench_rows (id uuid primary key, org_id uuid not null, user_id uuid not null, note text not null, created_at timestamptz not null)`,
  );

  const app = await buildApp({ config, database, logger: false });
  // the baseline: an authenticated route (the session cookie resolved by the app's hook) inserting one row
  app.post('/api/v1/bench/rows', { schema: { hide: true } }, async (req, reply) => {
    const actor = actorOf(req);
    const note = (req.body as { note?: string } | undefined)?.note ?? '';
    await queryRows(
      db,
      sql`insert into bench_rows (id, org_id, user_id, note, created_at) values (${randomUUID()}::uuid, ${actor.org.id}::uuid, ${actor.userId}::uuid, ${note}, now())`,
    );
    return reply.code(201).send({ ok: true });
  });
  await app.ready();

  const login = async (username: string) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    const cookie = res.cookies.find((c) => c.name === 'zhifa_session');
    if (res.statusCode !== 200 || !cookie) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return `zhifa_session=${cookie.value}`;
  };
  // a 12345 client made by the system administrator, its secret shown once
  const made = await app.inject({
    method: 'POST',
    url: '/api/v1/hotline/clients',
    headers: { cookie: await login('gz_sysadmin') },
    payload: { id: 'bench12345', name: '压测 12345 热线' },
  });
  if (made.statusCode !== 201) throw new Error(`hotline client: ${made.statusCode} ${made.body}`);
  const secret = made.json().secret as string;
  const officerCookie = await login('gz_officer1');

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  let n = 0;
  const ticketLoad = (duration: number) =>
    autocannon({
      url: base,
      connections: CONNECTIONS,
      duration,
      requests: [
        {
          method: 'POST',
          path: '/api/v1/hotline/tickets',
          setupRequest: (req) => {
            const i = n++;
            const body = JSON.stringify({
              ticketNumber: `BENCH-${process.pid}-${i}`,
              receivedAt: new Date().toISOString(),
              kind: KINDS[i % KINDS.length],
              content: `压测工单 ${i}：小区楼下餐馆油烟直排，影响居民正常生活`,
              regionCode: '440106',
              address: '天河路 1 号',
              contact: { name: '陈大文', phone: `138${String(i % 100_000_000).padStart(8, '0')}` },
              attachments: [],
            });
            req.body = body;
            req.headers = {
              'content-type': 'application/json',
              'x-zhifa-client': 'bench12345',
              'x-zhifa-signature': signatureHeader(secret, Math.floor(Date.now() / 1000), body),
            };
            return req;
          },
        },
      ],
    });
  const insertLoad = (duration: number) =>
    autocannon({
      url: `${base}/api/v1/bench/rows`,
      connections: CONNECTIONS,
      duration,
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: officerCookie },
      body: JSON.stringify({ note: '压测一行' }),
    });

  // warm up both (JIT, prepared statements), then alternate
  await insertLoad(2);
  await ticketLoad(2);
  const [complaints0] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from complaints`);
  const rounds: { insert: autocannon.Result; ticket: autocannon.Result }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const insert = await insertLoad(SECONDS);
    const ticket = await ticketLoad(SECONDS);
    rounds.push({ insert, ticket });
  }
  const created = rounds.reduce((s, r) => s + (r.ticket['2xx'] ?? 0), 0);
  await new Promise((r) => setTimeout(r, 1000)); // requests cut off at the round's end finish
  const [after] = await queryRows<{ complaints: number; events: number }>(
    db,
    sql`select (select count(*)::int from complaints) as complaints,
               (select count(*)::int from procedure_events where subject_type = 'complaint' and type = 'receive') as events`,
  );
  const complaints1 = { n: Number(after?.complaints) };
  const events = { n: Number(after?.events) };
  const stored = Number(complaints1?.n) - Number(complaints0?.n);
  const errors = rounds.reduce((s, r) => s + r.ticket.non2xx + r.ticket.errors + r.insert.non2xx + r.insert.errors, 0);
  // 503 try_again: two tickets drew the same tracking number (TS + date + 6 random digits) at once; the client retries
  const clashes = rounds.reduce((s, r) => s + (r.ticket.statusCodeStats?.['503']?.count ?? 0), 0);
  const codes = (rs: autocannon.Result[]) => {
    const byCode = new Map<string, number>();
    for (const r of rs)
      for (const [code, stat] of Object.entries(r.statusCodeStats ?? {}))
        byCode.set(code, (byCode.get(code) ?? 0) + (stat?.count ?? 0));
    return [...byCode].map(([c, k]) => `${c} × ${k}`).join(', ') || 'none';
  };
  const ratio = median(rounds.map((r) => r.ticket.requests.average / r.insert.requests.average));
  const lines = [
    `12345 intake benchmark — ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
    `${database.driver}; ${CONNECTIONS} connections (concurrency); ${ROUNDS} rounds of ${SECONDS} s one-row insert, then ${SECONDS} s signed tickets, after a warm-up`,
    ...rounds.map(
      (r, i) =>
        `round ${i + 1}: one-row insert ${r.insert.requests.average.toFixed(0)} req/s (p99 ${r.insert.latency.p99} ms), signed tickets ${r.ticket.requests.average.toFixed(0)} req/s (p99 ${r.ticket.latency.p99} ms) = ${(r.ticket.requests.average / r.insert.requests.average).toFixed(2)}×`,
    ),
    `status codes: tickets ${codes(rounds.map((r) => r.ticket))}; one-row insert ${codes(rounds.map((r) => r.insert))}`,
    `ratio: ${ratio.toFixed(2)}× the authenticated one-row insert route (median of the rounds; target ≥ 0.5×)`,
    `checked: ${created} tickets answered 2xx in the rounds, ${stored} complaints stored (a request cut off at a round's end may still complete); ${complaints1?.n} complaints and ${events?.n} receive events on the record in all${errors > 0 ? `; ${errors} errors or non-2xx answers, of which ${clashes} 503 try_again (tracking-number clash)` : '; no errors'}`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/complaints-${database.driver}.txt`, import.meta.url), `${lines.join('\n')}\n`);
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (errors > clashes || stored < created || events.n !== complaints1.n) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
