import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { DataDirLockedError, acquireDataDirLock } from '../db/lockfile.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import { createSealer } from './crypto.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ loginRateLimitPerMinute: 3, bodyLimitBytes: 2048 });
});
afterAll(() => env.close());

describe('HTTP platform', () => {
  it('health names the driver and version', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.json()).toEqual({ status: 'ok', database: env.database.driver, version: env.config.version });
  });
  it('unknown /api routes answer 404 problem+json in Chinese', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/v1/nothing-here' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      status: 404,
      code: 'route_not_found',
      detail: expect.stringContaining('不存在'),
    });
  });
  it('publishes an OpenAPI 3 document listing the endpoints', async () => {
    const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/auth/login',
      '/api/v1/orgs',
      '/api/v1/orgs/{id}',
      '/api/v1/users',
      '/api/v1/regions',
      '/api/v1/audit-events',
    ]) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect((await env.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
  });
  it('sends security headers', async () => {
    const res = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-frame-options']).toBeDefined();
  });
  it('refuses a body over the limit with 413 problem+json', async () => {
    const cookie = await env.login('admin');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/orgs',
      headers: { cookie },
      payload: { name: 'x'.repeat(5000) },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('payload_too_large');
  });
  it('rate-limits login per client', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: '10.9.9.9',
        payload: { username: 'nobody', password: 'x' },
      });
      codes.push(res.statusCode);
      if (res.statusCode === 429) expect(res.json().code).toBe('rate_limited');
    }
    expect(codes.filter((c) => c === 429).length).toBeGreaterThanOrEqual(1);
  });
});

describe('PGlite data folder lock', () => {
  it('refuses a second holder with a clear message and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-lock-'));
    try {
      const release = acquireDataDirLock(dir);
      writeFileSync(join(dir, 'zhifa.pid'), '1\n'); // pid 1 is alive: another holder
      expect(() => acquireDataDirLock(dir)).toThrow(DataDirLockedError);
      expect(() => acquireDataDirLock(dir)).toThrow(/正被另一个 zhifa 进程（PID 1）使用/);
      writeFileSync(join(dir, 'zhifa.pid'), '999999999\n'); // no such process: stale
      const again = acquireDataDirLock(dir);
      expect(readFileSync(join(dir, 'zhifa.pid'), 'utf8').trim()).toBe(String(process.pid));
      again();
      release();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('read replicas in the configuration', () => {
  it('takes a comma list of replicas with DATABASE_URL, and refuses them alone or malformed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-read-'));
    try {
      const env = { DATA_DIR: dir, ZHIFA_SECRET_KEY: 'ab'.repeat(32), DATABASE_URL: 'postgres://p@h:5432/z' };
      expect(loadConfig(env).databaseReadUrls).toEqual([]);
      const two = 'postgres://r@h1:5432/z,postgresql://r@h2:5433/z';
      expect(loadConfig({ ...env, DATABASE_READ_URL: two }).databaseReadUrls).toEqual([
        'postgres://r@h1:5432/z',
        'postgresql://r@h2:5433/z',
      ]);
      expect(() => loadConfig({ ...env, DATABASE_READ_URL: 'mysql://h/z' })).toThrow(/DATABASE_READ_URL/);
      expect(() => loadConfig({ ...env, DATABASE_READ_URL: 'postgres://h/z,' })).toThrow(/DATABASE_READ_URL/);
      expect(() => loadConfig({ ...env, DATABASE_URL: undefined, DATABASE_READ_URL: two })).toThrow(
        /需要同时设置 DATABASE_URL/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('secret key and sealing', () => {
  it('generates a key file on first start and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'zhifa-key-'));
    try {
      const a = loadConfig({ DATA_DIR: dir });
      const b = loadConfig({ DATA_DIR: dir });
      expect(a.secretKeySource).toBe('file');
      expect(a.secretKey.equals(b.secretKey)).toBe(true);
      expect(a.secretKey.length).toBe(32);
      const fromEnv = loadConfig({ DATA_DIR: dir, ZHIFA_SECRET_KEY: 'ab'.repeat(32) });
      expect(fromEnv.secretKeySource).toBe('env');
      expect(() => loadConfig({ DATA_DIR: dir, ZHIFA_SECRET_KEY: 'short' })).toThrow(/32 字节/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('seals with AES-256-GCM and detects tampering', () => {
    const s = createSealer(Buffer.alloc(32, 7));
    const sealed = s.seal('440106199001011234');
    expect(sealed).not.toContain('4401061990');
    expect(s.open(sealed)).toBe('440106199001011234');
    const raw = Buffer.from(sealed, 'base64url');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => s.open(raw.toString('base64url'))).toThrow();
    expect(s.lookupHash('a')).toBe(createSealer(Buffer.alloc(32, 7)).lookupHash('a'));
    expect(s.lookupHash('a')).not.toBe(createSealer(Buffer.alloc(32, 8)).lookupHash('a'));
  });
});
