/**
 * Benchmark: requests per second of GET /api/v1/public/cases/<code> (一案一码, the JSON behind the QR page) as a
 * ratio to a bare "hello" route in the same server process, measured in the same run (target ≥ 0.6×). Both are
 * loaded by autocannon over keep-alive HTTP with the same connections and duration; the case requests rotate over
 * every decided demo case. The public page may be served from memory for ZHIFA_PUBLIC_CACHE_SECONDS (default 5).
 *
 *   npm run bench:public                       # PGlite in a temporary folder
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:public
 *   BENCH_SECONDS=10 BENCH_CONNECTIONS=32 npm run bench:public
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { isNotNull } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { openDatabase } from '../server/db/client.js';
import { cases } from '../server/modules/cases/cases.schema.js';
import { sequencePending } from '../server/modules/transparency/transparency.service.js';
import { systemClock } from '../server/platform/clock.js';
import { createSealer } from '../server/platform/crypto.js';
import { bootstrap } from '../server/seed/bootstrap.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const pgBase = process.env.BENCH_DATABASE_URL;

async function freshPostgres(base: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query('drop database if exists zhifa_bench_public with (force)');
  await admin.query('create database zhifa_bench_public');
  await admin.end();
  return Object.assign(new URL(base), { pathname: '/zhifa_bench_public' }).toString();
}

function load(url: string, paths: string[]): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    requests: [
      {
        setupRequest: (req) => {
          req.path = paths[i++ % paths.length] as string;
          return req;
        },
      },
    ],
  });
}

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'zhifa-bench-public-'));
  const databaseUrl = pgBase ? await freshPostgres(pgBase) : undefined;
  const config = loadConfig({
    ...process.env,
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    ZHIFA_ADMIN_PASSWORD: 'Bench#2026zf',
    ZHIFA_DEMO_PASSWORD: 'Bench#2026zf',
    PORT: '0',
  });
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${dataDir}/pglite`, poolSize: 8 });
  await database.migrate();
  await bootstrap(database.db, systemClock, config);
  await sequencePending({ db: database.db, clock: systemClock, sealer: createSealer(config.secretKey) });
  const codes = (await database.db.select({ code: cases.caseCode }).from(cases).where(isNotNull(cases.caseCode))).map(
    (r) => r.code as string,
  );

  const app = await buildApp({ config, database, logger: false });
  app.get('/bench/hello', { config: { public: true }, schema: { hide: true } }, async () => ({ hello: 'world' }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  // warm up both routes (JIT, the page cache), then measure each for the same time
  await load(base, ['/bench/hello']);
  const hello = await load(base, ['/bench/hello']);
  const paths = codes.map((c) => `/api/v1/public/cases/${c}`);
  await load(base, paths);
  const publicCase = await load(base, paths);
  const errors = publicCase.non2xx + publicCase.errors + hello.non2xx + hello.errors;

  const ratio = publicCase.requests.average / hello.requests.average;
  const lines = [
    `public case page benchmark — ${new Date().toISOString()}`,
    `${database.driver}; ${CONNECTIONS} connections; ${SECONDS} s each after a warm-up; ${codes.length} case codes; page cache ${config.publicity.cacheSeconds} s`,
    `hello route: ${hello.requests.average.toFixed(0)} req/s (p99 ${hello.latency.p99} ms)`,
    `GET /api/v1/public/cases/<code>: ${publicCase.requests.average.toFixed(0)} req/s (p99 ${publicCase.latency.p99} ms)`,
    `ratio: ${ratio.toFixed(2)}× the hello route (target ≥ 0.6×)${errors > 0 ? `; ${errors} errors or non-2xx answers` : ''}`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(
    new URL(`./results/public-case-${database.driver}-cache${config.publicity.cacheSeconds}s.txt`, import.meta.url),
    `${lines.join('\n')}\n`,
  );
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
  if (errors > 0) process.exitCode = 1;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
