/**
 * The CLI and process behaviour: the PGlite lock against a second process, clean shutdown, `zhifa verify`, and the
 * same app on a PostgreSQL server through DATABASE_URL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { ADMIN_PASSWORD, REPO_ROOT, startServer } from './server';

const dataDir = mkdtempSync(join(tmpdir(), 'zhifa-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  return spawnSync(process.execPath, ['bin/zhifa.mjs', ...args], {
    cwd: REPO_ROOT,
    env: { ...base, DATA_DIR: dataDir, ZHIFA_ADMIN_PASSWORD: ADMIN_PASSWORD, ZHIFA_DEMO: '0', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
}

async function login(url: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  return res.status;
}

describe('PGlite data folder', () => {
  test('a second process on the same folder exits with a clear message; SIGTERM closes cleanly; verify passes', async () => {
    const server = await startServer({ dataDir, env: { ZHIFA_DEMO: '0' } });
    try {
      expect(await login(server.url)).toBe(200);
      const second = cli(['serve'], { PORT: '0' });
      expect(second.status).toBe(1);
      expect(second.stderr).toMatch(/数据目录 .* 正被另一个 zhifa 进程（PID \d+）使用/);
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(existsSync(join(dataDir, 'zhifa.pid'))).toBe(false);
    const verify = cli(['verify']);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toMatch(/审计日志哈希链完整：共校验 [1-9]\d* 条/);
    expect(verify.stdout).toMatch(/全过程记录哈希链完整：共校验 \d+ 个案件/);
    expect(verify.stdout).toMatch(/透明日志完整：\d+ 个叶子全部重新计算/);
  });
});

describe('PostgreSQL through DATABASE_URL', () => {
  const base = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const name = `zhifa_e2e_${process.pid}`;
  const url = new URL(base);
  url.pathname = `/${name}`;

  test('the same app migrates, bootstraps and serves on a PostgreSQL server', async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`drop database if exists ${name}`);
    await admin.query(`create database ${name}`);
    try {
      const server = await startServer({ env: { DATABASE_URL: url.toString(), ZHIFA_DEMO: '0' } });
      try {
        const health = await (await fetch(`${server.url}/api/health`)).json();
        expect(health).toMatchObject({ status: 'ok', database: 'postgresql' });
        expect(await login(server.url)).toBe(200);
      } finally {
        await server.stop();
      }
      const verify = cli(['verify'], { DATABASE_URL: url.toString() });
      expect(verify.status).toBe(0);
    } finally {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    }
  });
});
