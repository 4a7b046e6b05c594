/**
 * Benchmark of issue 13's draw through the real service on PostgreSQL: BENCH_ENTITIES entities (default 2,000,000,
 * loaded with COPY) in 广州, BENCH_OFFICERS officers (default 5,000, half 广州市市场监督管理局, half 广州市生态环境局,
 * each with a valid enforcement certificate), a joint plan drawing 5 % of every risk class with 2 inspectors per
 * target. It times, in the same run and on the same connection pool:
 *
 *   read    the sorted candidate list: SELECT id, uscc, risk_class … ORDER BY uscc COLLATE "C" (the baseline)
 *   commit  POST …/commit as the service runs it (eligible entities, pool, conflicts, previous pairs, hashes, the
 *           frozen population and pool written to inspection_population / inspection_pool, the procedure event)
 *   draw    POST …/draw (the frozen lists read back, the server seed opened, draw(), targets and inspectors stored)
 *   redraw  zhifa redraw's check (the public record rebuilt from the database and re-run)
 *
 * and prints each as a ratio to `read` (target for the draw: ≤ 3×). Results in bench/results/draw-postgresql.txt.
 *
 *   npm run bench:draw                                  # BENCH_DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test
 *   BENCH_ENTITIES=200000 npm run bench:draw
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { usccCheckChar } from '../common/identifiers.js';
import { openDatabase, queryRows } from '../server/db/client.js';
import { DEFAULT_THRESHOLDS } from '../server/modules/cases/cases.rules.js';
import { demoActor } from '../server/modules/inspections/inspections.demo.js';
import { createPlan, publishPlan } from '../server/modules/inspections/plans.service.js';
import { redraw } from '../server/modules/inspections/redraw.js';
import { createTask, taskStep } from '../server/modules/inspections/tasks.service.js';
import { systemClock } from '../server/platform/clock.js';
import type { RequestContext } from '../server/platform/context.js';
import { createSealer } from '../server/platform/crypto.js';
import { bootstrap } from '../server/seed/bootstrap.js';
import { sql } from 'drizzle-orm';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 2_000_000);
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 5_000);
const BASE = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DB_NAME = 'zhifa_bench_draw';
const DISTRICTS = ['440103', '440104', '440105', '440106', '440111', '440112', '440113', '440114', '440115'];

const withDb = (name: string) => {
  const u = new URL(BASE);
  u.pathname = `/${name}`;
  return u.toString();
};
const ms = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const t = performance.now();
  const v = await f();
  return [v, performance.now() - t];
};

async function recreate() {
  const admin = new pg.Client({ connectionString: BASE });
  await admin.connect();
  await admin.query(`drop database if exists ${DB_NAME} with (force)`);
  await admin.query(`create database ${DB_NAME}`);
  await admin.end();
}

/** COPY text of the bench entities: USCCs with real check characters, classes 10/30/40/20 %, 广州 districts. */
function* entityLines(now: string) {
  const chunk: string[] = [];
  for (let n = 0; n < ENTITIES; n++) {
    const first17 = `91440${String(300_000_000_000 + n * 7).padStart(12, '0')}`;
    const r = (n * 2_654_435_761) % 100;
    const risk = r < 10 ? 'A' : r < 40 ? 'B' : r < 80 ? 'C' : 'D';
    const region = DISTRICTS[n % DISTRICTS.length];
    chunk.push(
      `${randomUUID()}\t${first17}${usccCheckChar(first17)}\tt\t压测企业${n}\tenterprise\t${region}\t{market_regulation}\t广州市\tsealed\th${n}\t王*\t${risk}\tB\tactive\t${now}\t${now}\n`,
    );
    if (chunk.length === 10_000) {
      yield chunk.join('');
      chunk.length = 0;
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

async function main() {
  await recreate();
  const database = await openDatabase({ databaseUrl: withDb(DB_NAME), poolSize: 4 });
  const { db } = database;
  await database.migrate();
  const secretKey = Buffer.alloc(32, 5);
  await bootstrap(db, systemClock, {
    adminPassword: 'Bench#2026zf',
    demo: true,
    demoPassword: 'Bench#2026zf',
    secretKey,
  });
  const sealer = createSealer(secretKey);
  const now = new Date().toISOString();

  // load: COPY the entities (the trigram index on names, irrelevant here, is dropped first and not rebuilt)
  const client = new pg.Client({ connectionString: withDb(DB_NAME) });
  await client.connect();
  await client.query('drop index if exists entities_name_trgm_idx');
  const [, loadMs] = await ms(() =>
    pipeline(
      Readable.from(entityLines(now)),
      client.query(
        copyFrom(
          'copy entities (id, uscc, uscc_check_valid, name, kind, region_code, sectors, address, legal_rep_sealed, legal_rep_hash, legal_rep_masked, risk_class, credit_class, status, created_at, updated_at) from stdin',
        ),
      ),
    ),
  );
  await client.query('analyze entities');
  const orgRows = await client.query<{ key: string; id: string }>(
    `select case when name = '广州市市场监督管理局' then 'amr' else 'eee' end as key, id from orgs
     where name in ('广州市市场监督管理局', '广州市生态环境局')`,
  );
  const orgId = Object.fromEntries(orgRows.rows.map((r) => [r.key, r.id])) as Record<'amr' | 'eee', string>;
  // officers: half in each department, each with one enforcement certificate valid today
  const [, officersMs] = await ms(async () => {
    await client.query(
      `insert into officers (id, name, id_number_sealed, id_number_hash, id_number_masked, org_id, created_at, updated_at)
       select gen_random_uuid(), '压测执法员' || n, 'sealed', 'bench-' || n, '440***********' || lpad(n::text, 4, '0'),
              case when n % 2 = 0 then $2::uuid else $3::uuid end, now(), now()
       from generate_series(1, $1::int) n`,
      [OFFICERS, orgId.amr, orgId.eee],
    );
    await client.query(
      `insert into certificates (id, officer_id, number, kind, issuer_org_id, sectors, region_codes, valid_from, valid_to,
                                 status, public_token, created_at, updated_at)
       select gen_random_uuid(), o.id, 'BENCH' || lpad(substr(o.id_number_hash, 7), 7, '0'), 'enforcement', o.org_id,
              '{market_regulation}', '{440100}', current_date - 365, current_date + 365, 'valid',
              'bench' || substr(o.id_number_hash, 7), now(), now()
       from officers o where o.id_number_hash like 'bench-%'`,
    );
  });
  await client.end();

  const deps = {
    db,
    clock: systemClock,
    sealer,
    cases: {
      db,
      clock: systemClock,
      sealer,
      thresholds: DEFAULT_THRESHOLDS,
      publicBaseUrl: 'http://localhost:3000',
      training: { shortfallBlocks: false },
    },
  };
  const head = await demoActor(db, 'gz_head');
  const ctx: RequestContext = { actor: head, ip: null, userAgent: 'bench', audited: false };
  const [item] = await queryRows<{ id: string }>(
    db,
    sql`select i.id from items i join item_claims c on c.item_id = i.id where i.type = 'inspection' and i.status = 'active' and c.org_id = ${orgId.amr} limit 1`,
  );
  const year = Number(now.slice(0, 4));
  const plan = await createPlan(deps, { ...ctx }, head, {
    year,
    name: '压测联合抽查计划',
    orgIds: [orgId.amr, orgId.eee],
    itemIds: [item?.id as string],
    targetFilter: { regionCodes: ['440100'], sectors: [], kinds: [] },
    ratios: { A: 0.05, B: 0.05, C: 0.05, D: 0.05 },
    inspectorsPerTarget: 2,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  await publishPlan(deps, { ...ctx }, head, plan.id);
  const task = await createTask(deps, { ...ctx }, head, {
    planId: plan.id,
    name: '压测任务',
    deadline: `${year + 1}-12-31`,
  });

  // the baseline: the same sorted candidate list, read through the same pool
  const read = () =>
    queryRows<{ id: string; uscc: string; risk_class: string }>(
      db,
      sql`select id, uscc, risk_class from entities where status = 'active' and region_code like '4401%' order by uscc collate "C"`,
    );
  await read(); // warm
  const [rows, readMs] = await ms(read);
  const [committed, commitMs] = await ms(() => taskStep(deps, { ...ctx }, head, task.id, 'commit', {}));
  const [drawn, drawMs] = await ms(() =>
    taskStep(deps, { ...ctx }, head, task.id, 'draw', { publicSeed: '3 1 4 1 5 9' }),
  );
  const [check, redrawMs] = await ms(() => redraw(db, task.id));
  const [rows2, read2Ms] = await ms(read);
  // every stored target and assignment names the entity of its USCC (the ids come from the frozen chunks)
  const [ids] = await queryRows<{ targets: number; assignments: number }>(
    db,
    sql`select (select count(*)::int from inspection_targets t join entities e on e.id = t.entity_id and e.uscc = t.uscc
                where t.task_id = ${task.id}) as targets,
               (select count(*)::int from inspection_assignments a join inspection_targets t
                  on t.task_id = a.task_id and t.entity_id = a.entity_id join inspection_pool p
                  on p.task_id = a.task_id and p.officer_id = a.officer_id and p.certificate_number = a.certificate_number
                where a.task_id = ${task.id}) as assignments`,
  );
  const baseline = (readMs + read2Ms) / 2;
  await database.close();

  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  const line = (label: string, t: number) =>
    `${label.padEnd(58)}${`${fmt(t)} ms`.padStart(12)}${`${(t / baseline).toFixed(2)}×`.padStart(9)} read`;
  const targets = drawn.targets.length;
  const out = [
    `draw through the service, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}, PostgreSQL`,
    `shape: ${fmt(ENTITIES)} bench entities + the demo's (population ${fmt(committed.commitment?.populationSize ?? 0)}), pool ${fmt(committed.commitment?.poolSize ?? 0)} inspectors in 2 departments, 5 % per class, 2 per target`,
    `result: ${fmt(targets)} targets, ${fmt(drawn.targets.reduce((s, t) => s + t.inspectors.length, 0))} inspector assignments; redraw ${check.verdict}; stored with the right entity ${fmt(ids?.targets ?? 0)} targets, with a pool officer ${fmt(ids?.assignments ?? 0)} assignments`,
    `setup: COPY of ${fmt(ENTITIES)} entities ${fmt(loadMs)} ms (${fmt(ENTITIES / (loadMs / 1000))} rows/s), ${fmt(OFFICERS)} officers + certificates ${fmt(officersMs)} ms`,
    '',
    `${'read: SELECT id, uscc, risk_class … ORDER BY uscc (baseline, mean of 2)'.padEnd(58)}${`${fmt(baseline)} ms`.padStart(12)}    1.00× read   (${fmt(rows.length)} / ${fmt(rows2.length)} rows)`,
    line('commit step (freeze population and pool, commit, event)', commitMs),
    line('draw step (read frozen lists, draw, store, event)', drawMs),
    line('commit + draw', commitMs + drawMs),
    line('zhifa redraw check (rebuild public record, re-run)', redrawMs),
  ].join('\n');
  console.log(out);
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/draw-postgresql${ENTITIES === 2_000_000 ? '' : `-${ENTITIES}`}.txt`, `${out}\n`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
