/**
 * Reads on a real hot standby: the test makes its own primary and standby clusters (initdb, `pg_basebackup -R -X
 * stream`, as docs/operations.md describes), loads the migrated and seeded test template into the primary, and runs
 * the app with DATABASE_READ_URL pointing at the standby. Runs in the PostgreSQL pass (TEST_DATABASE_URL) where the
 * PostgreSQL server binaries are installed.
 */
import { execFileSync, execSync } from 'node:child_process';
import { appendFileSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../app.js';
import { usccCheckChar } from '../../common/identifiers.js';
import { manualClock } from '../platform/clock.js';
import type { App } from '../platform/http.js';
import { LSN_COOKIE } from '../platform/read-routing.js';
import { TEST_DEMO_PASSWORD, testConfig } from '../test/harness.js';
import { withDatabase } from '../test/global-setup.js';
import { type Database, openDatabase, queryRows } from './client.js';
import { parseLsn, readOnlyStatement, replicaFault } from './replica.js';

describe('what goes to a replica', () => {
  it('parses WAL positions and refuses anything else', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(1n << 32n);
    expect(parseLsn('FFFFFFFF/FFFFFFFF')).toBe((0xffffffffn << 32n) | 0xffffffffn);
    for (const bad of ['', '0', '0/', '/1', '0/1/2', '0/G', '123456789/0', 42, null, undefined])
      expect(parseLsn(bad)).toBeNull();
  });
  it('sends only statements that read', () => {
    expect(readOnlyStatement('select * from cases where id = $1')).toBe(true);
    expect(readOnlyStatement('  SELECT count(*) from "entities"')).toBe(true);
    expect(readOnlyStatement('with t as (select 1) select * from t')).toBe(true);
    for (const write of [
      'insert into cases values (1)',
      'update sessions set last_seen_at = now()',
      'with moved as (delete from outbox returning *) select * from moved',
      'select * from cases for update',
      'select * from jobs for no key update skip locked',
      'select nextval($1)',
      'select pg_advisory_xact_lock(1)',
      'begin',
      'set work_mem = 1',
    ])
      expect(readOnlyStatement(write), write).toBe(false);
    expect(readOnlyStatement(undefined)).toBe(false);
  });
  it("falls back to the primary on the replica's faults only, not on a wrong statement", () => {
    for (const fault of [
      new Error('Connection terminated'),
      { code: 'ECONNREFUSED' },
      { code: '08006' },
      { code: '57P01' },
      { code: '40001' },
    ])
      expect(replicaFault(fault)).toBe(true);
    for (const statement of [{ code: '42703' }, { code: '22P02' }, { code: '42P01' }])
      expect(replicaFault(statement)).toBe(false);
  });
});

const url = process.env.TEST_DATABASE_URL;
const bindir = url ? execFileSync('pg_config', ['--bindir']).toString().trim() : '';
const haveServer = Boolean(url) && existsSync(join(bindir, 'initdb')) && existsSync(join(bindir, 'pg_ctl'));
const asRoot = process.getuid?.() === 0;

/** A PostgreSQL binary, as the postgres user when the tests run as root (initdb refuses root). */
function pgBin(cmd: string, args: string[]) {
  const exe = join(bindir, cmd);
  return asRoot
    ? execFileSync('runuser', ['-u', 'postgres', '--', exe, ...args], { stdio: 'pipe' })
    : execFileSync(exe, args, { stdio: 'pipe' });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

describe.skipIf(!haveServer)('a hot standby serves the reads (DATABASE_READ_URL)', () => {
  let dir = '';
  let primaryPort = 0;
  let standbyPort = 0;
  let database: Database;
  let app: App;
  let standby: pg.Client;
  const primaryData = () => join(dir, 'primary');
  const standbyData = () => join(dir, 'standby');
  const sock = () => join(dir, 'sock');
  const urlOf = (port: number) => `postgres://postgres@127.0.0.1:${port}/zhifa`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'zhifa-replica-'));
    mkdirSync(sock());
    if (asRoot) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
      chownSync(sock(), uid, gid);
    }
    [primaryPort, standbyPort] = [await freePort(), await freePort()];
    const start = (data: string, port: number) =>
      pgBin('pg_ctl', [
        '-D',
        data,
        '-l',
        `${data}.log`,
        '-w',
        '-o',
        `-p ${port} -k ${sock()} -c listen_addresses=127.0.0.1`,
        'start',
      ]);
    pgBin('initdb', ['-D', primaryData(), '-A', 'trust', '-U', 'postgres']);
    appendFileSync(
      join(primaryData(), 'pg_hba.conf'),
      '\nlocal replication all trust\nhost replication all 127.0.0.1/32 trust\n',
    );
    start(primaryData(), primaryPort);
    // the migrated, seeded template of this run, copied into the new primary
    const template = withDatabase(url as string, inject('pgTemplate'));
    execSync(
      `createdb -h 127.0.0.1 -p ${primaryPort} -U postgres zhifa && pg_dump --no-owner "${template}" | psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p ${primaryPort} -U postgres -d zhifa > /dev/null`,
      { stdio: 'pipe', shell: '/bin/bash' },
    );
    pgBin('pg_basebackup', [
      '-h',
      sock(),
      '-p',
      String(primaryPort),
      '-U',
      'postgres',
      '-D',
      standbyData(),
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]);
    start(standbyData(), standbyPort);

    database = await openDatabase({ databaseUrl: urlOf(primaryPort), readUrls: [urlOf(standbyPort)], poolSize: 4 });
    const config = testConfig({ databaseUrl: urlOf(primaryPort), databaseReadUrls: [urlOf(standbyPort)] });
    app = await buildApp({ config, database, clock: manualClock(new Date('2026-03-02T01:00:00Z')) });
    await app.ready();
    standby = new pg.Client({ connectionString: urlOf(standbyPort) });
    standby.on('error', () => {}); // stopped on purpose in the last test
    await standby.connect();
  }, 180_000);

  afterAll(async () => {
    await standby?.end().catch(() => {});
    await app?.close();
    await database?.close();
    for (const data of [standbyData(), primaryData()])
      if (existsSync(join(data, 'postmaster.pid'))) pgBin('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const stats = () => ({ ...(database.routing?.stats ?? { replica: 0, primary: 0, behind: 0, failed: 0 }) });

  async function login(username: string) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: TEST_DEMO_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const session = res.cookies.find((c) => c.name === 'zhifa_session')?.value;
    // a write answers with the primary's WAL position
    expect(parseLsn(res.cookies.find((c) => c.name === LSN_COOKIE)?.value)).not.toBeNull();
    return `zhifa_session=${session}`;
  }

  it('is a standby, and the public case page and its JSON are read there', async () => {
    const { rows } = await standby.query<{ recovering: boolean }>('select pg_is_in_recovery() as recovering');
    expect(rows[0]?.recovering).toBe(true);
    const [decided] = await queryRows<{ code: string }>(
      database.db,
      sql`select case_code as code from cases where case_code is not null order by number limit 1`,
    );
    expect(decided).toBeDefined();
    const before = stats();
    const json = await app.inject({ method: 'GET', url: `/api/v1/public/cases/${decided?.code}` });
    expect(json.statusCode).toBe(200);
    const page = await app.inject({ method: 'GET', url: `/v/${decided?.code}` });
    expect(page.statusCode).toBe(200);
    const after = stats();
    expect(after.replica).toBeGreaterThan(before.replica);
    expect(after.failed).toBe(before.failed);
    // the health check stays on the primary
    const health = await app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(stats().replica).toBe(after.replica);
  });

  it('shows a write on the standby, and its writer reads it at once even while the standby lags', async () => {
    const cookie = await login('th_officer1');
    // hold the standby's replay: it now lags behind every later write
    await standby.query('select pg_wal_replay_pause()');
    const first17 = '91440106MA5RP0001'.slice(0, 17);
    const create = await app.inject({
      method: 'POST',
      url: '/api/v1/entities',
      headers: { cookie },
      payload: {
        uscc: first17 + usccCheckChar(first17),
        name: '广州天河副本读测试有限公司',
        kind: 'enterprise',
        regionCode: '440106',
        sectors: ['market_regulation'],
        address: '天河路 1 号',
        legalRepresentative: '陈副本',
        riskClass: 'B',
        creditClass: 'A',
      },
    });
    expect(create.statusCode).toBe(201);
    const id = create.json().id as string;
    const lsn = create.cookies.find((c) => c.name === LSN_COOKIE)?.value;
    expect(parseLsn(lsn)).not.toBeNull();

    // with its own write's position: the lagging standby is passed over, the primary answers
    const before = stats();
    const own = await app.inject({
      method: 'GET',
      url: `/api/v1/entities/${id}`,
      headers: { cookie: `${cookie}; ${LSN_COOKIE}=${lsn}` },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json().name).toBe('广州天河副本读测试有限公司');
    expect(stats().behind).toBeGreaterThan(before.behind);
    expect(stats().replica).toBe(before.replica);

    // without it (another reader): the standby answers, and it has not replayed the write yet
    const other = await app.inject({ method: 'GET', url: '/api/v1/entities?q=副本读测试', headers: { cookie } });
    expect(other.statusCode).toBe(200);
    expect(other.json().data).toHaveLength(0);
    expect(stats().replica).toBeGreaterThan(before.replica);

    // replay resumes: the row arrives on the standby, and the writer's reads go back to it
    await standby.query('select pg_wal_replay_resume()');
    for (let i = 0; i < 100; i++) {
      const { rows } = await standby.query('select 1 from entities where id = $1', [id]);
      if (rows.length > 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const seen = await standby.query('select name from entities where id = $1', [id]);
    expect(seen.rows[0]?.name).toBe('广州天河副本读测试有限公司');
    await new Promise((r) => setTimeout(r, 60)); // past the cached replay position
    const again = stats();
    const later = await app.inject({
      method: 'GET',
      url: `/api/v1/entities/${id}`,
      headers: { cookie: `${cookie}; ${LSN_COOKIE}=${lsn}` },
    });
    expect(later.statusCode).toBe(200);
    expect(stats().replica).toBeGreaterThan(again.replica);
    expect(stats().behind).toBe(again.behind);
  });

  it('answers from the primary when the standby is down', async () => {
    pgBin('pg_ctl', ['-D', standbyData(), '-m', 'immediate', 'stop']);
    const [decided] = await queryRows<{ code: string }>(
      database.db,
      sql`select case_code as code from cases where case_code is not null order by number limit 1`,
    );
    const before = stats();
    const res = await app.inject({ method: 'GET', url: `/api/v1/public/cases/${decided?.code}` });
    expect(res.statusCode).toBe(200);
    expect(stats().failed).toBeGreaterThan(before.failed);
  });
});
