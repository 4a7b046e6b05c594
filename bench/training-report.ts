/**
 * Benchmark: the annual training report (GET /api/v1/reports/training) over a province-scale data set —
 * by default 200,000 officers × 20 training records (4,000,000 rows) — aggregated in SQL.
 *
 * Prints the time of the report's first page (with total and compliance rate), of the per-org summary and of
 * the CSV export's query, each as a ratio to a baseline measured in the same run on the same data: one
 * sequential scan of training_records (`select count(*), sum(credit_milli)`).
 *
 *   npm run bench                          # PGlite in memory
 *   BENCH_DATABASE_URL=postgres://... npm run bench
 *   BENCH_OFFICERS=20000 npm run bench     # smaller
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { openDatabase, queryRows } from '../server/db/client.js';
import { orgs } from '../server/modules/orgs/orgs.schema.js';
import { trainingByOrg, trainingReport } from '../server/modules/personnel/training-reports.js';
import { systemClock } from '../server/platform/clock.js';
import type { Actor } from '../server/platform/context.js';
import { scopeOf } from '../server/platform/scope.js';
import { bootstrap } from '../server/seed/bootstrap.js';

const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 200_000);
const PER_OFFICER = Number(process.env.BENCH_RECORDS_PER_OFFICER ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const url = process.env.BENCH_DATABASE_URL;

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

async function median(fn: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push((await time(fn)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function main() {
  if (url) {
    const pg = await import('pg');
    const admin = new pg.default.Client({ connectionString: url });
    await admin.connect();
    await admin.query('drop database if exists zhifa_bench');
    await admin.query('create database zhifa_bench');
    await admin.end();
  }
  const benchUrl = url ? Object.assign(new URL(url), { pathname: '/zhifa_bench' }).toString() : null;
  const database = await openDatabase({ databaseUrl: benchUrl });
  const { db } = database;
  await database.migrate();
  await bootstrap(db, systemClock, {
    adminPassword: 'Bench#2026zf',
    demo: true,
    demoPassword: 'Bench#2026zf',
    secretKey: Buffer.alloc(32, 1),
  });

  const load = await time(async () => {
    await db.execute(sql`
      insert into officers (id, name, id_number_sealed, id_number_hash, id_number_masked, org_id, legal_qualification, legal_reviewer, created_at, updated_at)
      select gen_random_uuid(), '人员' || i, 'sealed', md5('bench' || i), '440000********0000',
             (select id from orgs where kind = 'department' order by id offset (i % (select count(*) from orgs where kind = 'department')) limit 1),
             false, false, now(), now()
      from generate_series(1, ${OFFICERS}) as i`);
    await db.execute(sql`
      insert into training_records (id, officer_id, course, course_key, category, mode, provider, date, credit_milli, created_at)
      select gen_random_uuid(), o.id, '课程' || k, 'kc' || k,
             (array['public_law','business','skills','ethics'])[1 + k % 4], 'online', '平台',
             make_date(2025, 1 + k % 12, 1 + (k * 7) % 28), 2000 + (hashtext(o.id::text || k) & 2047), now()
      from officers o cross join generate_series(1, ${PER_OFFICER}) as k`);
    await db.execute(sql`analyze`);
  });
  const [counted] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from training_records`);
  const rows = Number(counted?.n ?? 0);

  const [root] = await db.select().from(orgs).where(sql`${orgs.regionCode} = '440000' and ${orgs.kind} = 'justice'`);
  if (!root) throw new Error('no root org');
  const actor: Actor = {
    userId: '00000000-0000-0000-0000-000000000000',
    username: 'bench',
    displayName: 'bench',
    roles: ['supervisor'],
    sessionId: 'bench',
    mustChangePassword: false,
    org: { id: root.id, name: root.name, regionCode: root.regionCode, sector: root.sector, kind: root.kind },
    scope: scopeOf(root),
  };

  const baseline = await median(() => db.execute(sql`select count(*), sum(credit_milli) from training_records`));
  const firstPage = await median(() => trainingReport(db, actor, { year: 2025, current: 1, pageSize: 20 }));
  const byOrg = await median(() => trainingByOrg(db, actor, { year: 2025 }));
  const check = await trainingReport(db, actor, { year: 2025, current: 1, pageSize: 20 });
  const fullExport = (await time(() => trainingReport(db, actor, { year: 2025, all: true }))).ms;
  const memory = process.memoryUsage().rss / 1024 / 1024;

  const lines = [
    `training report benchmark — ${new Date().toISOString()}`,
    `driver: ${database.driver}; officers: ${OFFICERS}; training rows: ${rows}; runs per figure: ${RUNS} (median)`,
    `data load (generate_series in SQL): ${(load.ms / 1000).toFixed(1)} s`,
    `baseline — one scan of training_records (count, sum): ${baseline.toFixed(0)} ms`,
    `report first page + total + compliance rate: ${firstPage.toFixed(0)} ms  (${(firstPage / baseline).toFixed(2)}× baseline)`,
    `summary per org (chart): ${byOrg.toFixed(0)} ms  (${(byOrg / baseline).toFixed(2)}× baseline)`,
    `CSV export query, all ${check.total} officers: ${fullExport.toFixed(0)} ms  (${(fullExport / baseline).toFixed(2)}× baseline)`,
    `report total=${check.total} complianceRate=${check.complianceRate}; process RSS ${memory.toFixed(0)} MiB`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL(`./results/training-report-${database.driver}.txt`, import.meta.url), `${lines.join('\n')}\n`);
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
