/**
 * Crash drill (issue 11): the real server under a burst of case steps is killed with SIGKILL mid-burst, restarted
 * on the same data, and every write it acknowledged must be there — the case, and a record event for each step
 * answered 2xx — and `zhifa verify` must exit 0 (audit chain, record chains, case rows against their records, the
 * transparency log). On PGlite (the data folder) and on PostgreSQL (a fresh database).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, test } from 'vitest';
import { DEMO_PASSWORD, REPO_ROOT, type RunningServer, startServer } from './server';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Client {
  constructor(
    readonly url: string,
    private cookie = '',
  ) {}
  static async login(url: string, username: string) {
    const res = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: DEMO_PASSWORD }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    return new Client(url, cookie);
  }
  async call(method: string, path: string, body?: unknown) {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { cookie: this.cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(20_000),
    });
    return { status: res.status, json: (await res.json().catch(() => null)) as Record<string, unknown> | null };
  }
}

const PENALTY = { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 };

/** The steps of a case to its decision, with who takes each. */
const STEPS: [action: string, by: 'officer' | 'head', body: (team: string[]) => object][] = [
  ['file', 'head', () => ({})],
  ['assign', 'head', (team) => ({ officerIds: team })],
  ['submit_review', 'officer', () => ({})],
  ['notify', 'officer', () => PENALTY],
  ['record_statement', 'officer', () => ({ waivesStatement: true, waivesHearing: true })],
  ['decide', 'head', () => PENALTY],
];

/** Acknowledged writes: case id → the step types answered 2xx (register first). */
type Acked = Map<string, string[]>;

async function burst(url: string, until: () => boolean, acked: Acked) {
  const officer = await Client.login(url, 'gz_officer1');
  const head = await Client.login(url, 'gz_head');
  const me = (await officer.call('GET', '/api/v1/auth/me')).json as { org: { id: string } };
  const items = (await officer.call('GET', '/api/v1/items?q=SC-CF-0126')).json as { data: { id: string }[] };
  const itemId = items.data[0]?.id as string;
  let team: string[] | null = null;
  const worker = async () => {
    while (!until()) {
      const created = await officer
        .call('POST', '/api/v1/cases', {
          orgId: me.org.id,
          itemId,
          source: 'inspection',
          party: { kind: 'organisation', name: '广州某某断电演练有限公司' },
          facts: '未按规定建立进货查验记录',
          occurredAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
        })
        .catch(() => null);
      if (created?.status !== 201) return;
      const id = created.json?.id as string;
      acked.set(id, ['register']);
      if (!team) {
        const candidates = (await head.call('GET', `/api/v1/cases/${id}/officer-candidates`)).json as {
          data: { id: string; eligible: boolean }[];
        };
        team = candidates.data
          .filter((o) => o.eligible)
          .map((o) => o.id)
          .slice(0, 2);
      }
      for (const [action, by, body] of STEPS) {
        const res = await (by === 'head' ? head : officer)
          .call('POST', `/api/v1/cases/${id}/actions/${action}`, body(team))
          .catch(() => null);
        if (!res) return; // the server is gone: this step was not acknowledged
        expect(res.status, `${action}: ${JSON.stringify(res.json)}`).toBe(200);
        acked.get(id)?.push(action);
      }
    }
  };
  await Promise.all([worker(), worker(), worker()]);
}

function cli(args: string[], env: NodeJS.ProcessEnv) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return spawnSync(process.execPath, ['bin/zhifa.mjs', ...args], {
    cwd: REPO_ROOT,
    env: { ...base, ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function drill(env: NodeJS.ProcessEnv, dataDir: string) {
  const first = await startServer({ dataDir, env });
  const acked: Acked = new Map();
  let killed = false;
  let server: RunningServer | null = first;
  try {
    // the burst runs; ~2.5 s in, the process is killed with no warning
    const running = burst(first.url, () => killed, acked);
    await sleep(2500);
    await first.kill();
    killed = true;
    await running;
    const steps = [...acked.values()].reduce((n, s) => n + s.length, 0);
    expect(steps, 'acknowledged writes before the kill').toBeGreaterThan(5);

    server = await startServer({ dataDir, env });
    const head = await Client.login(server.url, 'gz_head');
    for (const [id, types] of acked) {
      const record = await head.call('GET', `/api/v1/cases/${id}/record`);
      expect(record.status, `case ${id} acknowledged but missing`).toBe(200);
      const stored = ((record.json?.data ?? []) as { type: string }[]).map((e) => e.type);
      // every acknowledged step is in the record, in order; one more may have committed unacknowledged
      expect(stored.slice(0, types.length)).toEqual(types);
      const view = await head.call('GET', `/api/v1/cases/${id}`);
      expect(view.json?.recordCheck).toMatchObject({ ok: true });
    }
    expect(await server.stop()).toBe(0);
    server = null;
    const verify = cli(['verify'], { ...env, DATA_DIR: dataDir, ZHIFA_SECRET_KEY: env.ZHIFA_SECRET_KEY });
    expect(verify.status, `${verify.stdout}\n${verify.stderr}`).toBe(0);
    expect(verify.stdout).toContain('校验通过');
  } finally {
    await first.kill();
    await server?.stop();
  }
}

const SECRET = 'a'.repeat(64);

describe('crash drill: kill -9 during a burst of case steps', () => {
  test('on PGlite', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'zhifa-crash-'));
    try {
      await drill({ ZHIFA_SECRET_KEY: SECRET }, dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  test('on PostgreSQL', async () => {
    const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
    const name = `zhifa_crash_${process.pid}`;
    const url = new URL(base);
    url.pathname = `/${name}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    const dataDir = mkdtempSync(join(tmpdir(), 'zhifa-crash-pg-'));
    try {
      await drill({ ZHIFA_SECRET_KEY: SECRET, DATABASE_URL: url.toString() }, dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
