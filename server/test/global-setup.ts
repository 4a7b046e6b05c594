/**
 * Migrates and seeds one database before all test files: a PGlite dump (each file loads it), or a PostgreSQL
 * template database (each file gets CREATE DATABASE ... TEMPLATE). Nothing is mocked.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../db/client.js';
import { systemClock } from '../platform/clock.js';
import { bootstrap } from '../seed/bootstrap.js';
import { parseSecretKey } from '../config.js';
import { TEST_ADMIN_PASSWORD, TEST_DEMO_PASSWORD, TEST_SECRET_KEY } from './fixtures.js';

const seedConfig = {
  adminPassword: TEST_ADMIN_PASSWORD,
  demo: true,
  demoPassword: TEST_DEMO_PASSWORD,
  secretKey: parseSecretKey(TEST_SECRET_KEY),
};

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const template = `zhifa_tpl_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`drop database if exists ${template}`);
    await admin.query(`create database ${template}`);
    const database = await openDatabase({ databaseUrl: withDatabase(url, template), poolSize: 2 });
    await database.migrate();
    await bootstrap(database.db, systemClock, seedConfig);
    await database.close();
    project.provide('pgTemplate', template);
    project.provide('pgliteDump', '');
    return async () => {
      const { rows } = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'zhifa_t\\_${process.pid}\\_%' or datname = $1`,
        [template],
      );
      for (const r of rows) await admin.query(`drop database if exists ${r.datname} with (force)`);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-test-'));
  const database = await openDatabase({});
  await database.migrate();
  await bootstrap(database.db, systemClock, seedConfig);
  const dump = await database.dump?.();
  if (!dump) throw new Error('PGlite dump unavailable');
  const file = join(dir, 'template.tar.gz');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide('pgliteDump', file);
  project.provide('pgTemplate', '');
  return () => rmSync(dir, { recursive: true, force: true });
}
