/**
 * A fresh, migrated and seeded database per test file (PGlite, or PostgreSQL with TEST_DATABASE_URL) and the
 * app around it, driven with inject(). Time comes from a manual clock so that timeouts are tested exactly.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp } from '../app.js';
import { type Config, parseSecretKey, readVersion } from '../config.js';
import { type Database, openDatabase } from '../db/client.js';
import { DEFAULT_THRESHOLDS } from '../modules/cases/cases.rules.js';
import { orgs } from '../modules/orgs/orgs.schema.js';
import { DEFAULT_PUBLICITY_MONTHS } from '../modules/publicity/publicity.rules.js';
import { type Sequencer, createSequencer } from '../modules/transparency/sequencer.js';
import { manualClock } from '../platform/clock.js';
import { createSealer } from '../platform/crypto.js';
import { DEFAULT_RETRY } from '../platform/outbox/worker.js';
import { DEFAULT_PUBLIC_SITE } from '../platform/public-html.js';
import type { App } from '../platform/http.js';
import { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD, TEST_SECRET_KEY } from './fixtures.js';
import { withDatabase } from './global-setup.js';

export function testConfig(overrides: Partial<Config> = {}): Config {
  return {
    port: 0,
    host: '127.0.0.1',
    dataDir: '/nonexistent',
    databaseUrl: null,
    databaseReadUrls: [],
    adminPassword: TEST_ADMIN_PASSWORD,
    demo: true,
    demoPassword: TEST_DEMO_PASSWORD,
    publicBaseUrl: 'http://localhost:3000',
    secretKey: parseSecretKey(TEST_SECRET_KEY),
    secretKeySource: 'env',
    lockout: { threshold: 5, minutes: 30, firstMinutes: 1, accountThreshold: 20 },
    session: { idleMinutes: 30, absoluteHours: 12 },
    loginRateLimitPerMinute: 1000,
    training: { shortfallBlocks: false, rotationFrom: '2023-01-01', rotationDeadline: '2024-06-30' },
    delegationEvaluationDeadline: '2024-12-31',
    cases: DEFAULT_THRESHOLDS,
    publicity: { months: { ...DEFAULT_PUBLICITY_MONTHS }, cacheSeconds: 0 },
    publicSite: DEFAULT_PUBLIC_SITE,
    outbox: { inProcess: false, intervalMs: 1000, retry: DEFAULT_RETRY },
    bodyLimitBytes: 1024 * 1024,
    importMaxBytes: 64 * 1024 * 1024,
    cookieSecure: false,
    version: readVersion(),
    ...overrides,
  };
}

export async function openTestDatabase(): Promise<Database> {
  const template = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (template && url) {
    const name = `zhifa_t_${process.ppid}_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`create database ${name} template ${template}`);
    } finally {
      await admin.end();
    }
    return openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 4 });
  }
  const dump = readFileSync(inject('pgliteDump'));
  return openDatabase({ loadDataDir: new Blob([dump]) });
}

export interface TestEnv {
  app: App;
  database: Database;
  clock: ReturnType<typeof manualClock>;
  config: Config;
  /** Logs in and returns the Cookie header value. */
  login(username: string, password?: string): Promise<string>;
  orgId(name: string): Promise<string>;
  /** The transparency sequencer as `zhifa serve` runs it (tests call `tick` where the server's timer would). */
  sequencer: Sequencer;
  close(): Promise<void>;
}

export async function createTestEnv(
  overrides: Partial<Config> = {},
  opts: { logger?: object; webRoot?: string } = {},
): Promise<TestEnv> {
  const database = await openTestDatabase();
  const clock = manualClock(new Date('2026-03-02T01:00:00Z'));
  const config = testConfig(overrides);
  const app = await buildApp({
    config,
    database,
    clock,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.webRoot ? { webRoot: opts.webRoot } : {}),
  });
  await app.ready();
  const sequencer = createSequencer(
    { db: database.db, clock, sealer: createSealer(config.secretKey) },
    { error: (obj, msg) => app.log.error(obj, msg) },
  );
  return {
    app,
    database,
    clock,
    config,
    sequencer,
    async login(username, password) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { username, password: password ?? (username === 'admin' ? TEST_ADMIN_PASSWORD : TEST_DEMO_PASSWORD) },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'zhifa_session');
      if (!cookie) throw new Error('no session cookie');
      return `zhifa_session=${cookie.value}`;
    },
    async orgId(name) {
      const [row] = await database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name));
      if (!row) throw new Error(`no org ${name}`);
      return row.id;
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD };
export const DAY_MS = 86_400_000;
