/**
 * Entity import benchmark (issue 13): rows/s of `POST /api/v1/entities/import` — a real HTTP server on loopback,
 * the file streamed from disk as the request body — against PostgreSQL `COPY … FROM STDIN` of the same file into a
 * table of the file's columns with the same kinds of indexes (unique USCC, text_pattern_ops on USCC and region,
 * name btree and trigram GIN), measured in the same run: one COPY before the import and one after, the baseline
 * being their mean, so that load from other work on the machine weighs on both sides alike. The file is generated
 * on disk and never read whole; the process's RSS is sampled during the import and its peak printed with the file
 * size, to show that memory stays bounded. Optionally (BENCH_XLSX_ROWS > 0) the same for an XLSX file.
 *
 *   npm run bench:entities-import                              # BENCH_ROWS=1000000, PostgreSQL at 127.0.0.1:5432
 *   BENCH_ROWS=100000 BENCH_XLSX_ROWS=100000 npm run bench:entities-import
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ENTITY_KIND_LABELS, ENTITY_KINDS, SECTOR_LABELS } from '../common/enums.js';
import { usccCheckChar } from '../common/identifiers.js';
import { buildApp } from '../server/app.js';
import { openDatabase } from '../server/db/client.js';
import { systemClock } from '../server/platform/clock.js';
import { bootstrap } from '../server/seed/bootstrap.js';
import { testConfig } from '../server/test/harness.js';
import { IMPORT_COLUMNS } from '../server/modules/entities/entities.rules.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const XLSX_ROWS = Number(process.env.BENCH_XLSX_ROWS ?? 0);
const URL_ = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const PASSWORD = 'Demo#2026zf';
const DB = `zhifa_bench_entities_${process.pid}`;
const withDb = (name: string) => {
  const u = new URL(URL_);
  u.pathname = `/${name}`;
  return u.toString();
};
const REGIONS = [
  '440103',
  '440104',
  '440105',
  '440106',
  '440111',
  '440112',
  '440113',
  '440303',
  '440304',
  '440305',
  '440306',
  '440307',
];
const SECTORS = ['market_regulation', 'health', 'ecology_environment', 'transport', 'culture_tourism'] as const;
const SERIAL = '0123456789ABCDEFGHJKLMNPQRTUWXY';

function rowCells(i: number, variant = 0): string[] {
  let serial = '';
  for (let k = 0, v = i; k < 8; k++, v = Math.floor(v / 31)) serial = SERIAL[v % 31] + serial;
  const region = REGIONS[i % REGIONS.length] as string;
  const first17 = `91${region}M${serial}`;
  const sectors = [SECTORS[i % 5], SECTORS[(i >> 3) % 5]].filter((s, j, a) => a.indexOf(s) === j);
  return [
    first17 + usccCheckChar(first17),
    `基准测试${i}号${['餐饮', '贸易', '科技', '物流'][(i + variant) % 4]}有限公司`,
    ENTITY_KIND_LABELS[ENTITY_KINDS[i % 4] as (typeof ENTITY_KINDS)[number]],
    region,
    sectors.map((s) => SECTOR_LABELS[s as (typeof SECTORS)[number]]).join('、'),
    `测试路${i % 9999}号`,
    `${'王李张刘陈'[i % 5]}${'伟芳娜敏静'[(i >> 2) % 5]}${'强磊军'[(i >> 4) % 3]}`,
    'ABCD'[(i + variant) % 4] as string,
    'ABCD'[(i >> 2) % 4] as string,
    '存续',
  ];
}

async function writeCsv(file: string, rows: number, variant = 0) {
  const out = createWriteStream(file);
  const header = IMPORT_COLUMNS.map((c) => c.header).join(',');
  let chunk = `${header}\n`;
  for (let i = 0; i < rows; i++) {
    chunk += `${rowCells(i, variant).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

async function writeXlsx(file: string, rows: number) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const ws = wb.addWorksheet('名录');
  ws.addRow(IMPORT_COLUMNS.map((c) => c.header)).commit();
  for (let i = 0; i < rows; i++) ws.addRow(rowCells(i)).commit();
  ws.commit();
  await wb.commit();
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);
sampler.unref();
const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;

async function copyBaseline(admin: pg.Client, file: string): Promise<number> {
  await admin.query('drop table if exists bench_copy');
  await admin.query(`create table bench_copy (uscc text not null, name text, kind text, region_code text, sectors text,
    address text, legal_representative text, risk_class text, credit_class text, status text)`);
  await admin.query('create unique index on bench_copy (uscc)');
  await admin.query('create index on bench_copy (uscc text_pattern_ops)');
  await admin.query('create index on bench_copy (region_code text_pattern_ops)');
  await admin.query('create index on bench_copy (name)');
  await admin.query('create index on bench_copy using gin (name gin_trgm_ops)');
  const t = performance.now();
  const sink = admin.query(copyFrom('copy bench_copy from stdin with (format csv, header true)'));
  await pipeline(createReadStream(file), sink);
  const seconds = (performance.now() - t) / 1000;
  const { rows } = await admin.query('select count(*)::int as n from bench_copy');
  if (rows[0].n < 1) throw new Error('COPY wrote nothing');
  return seconds;
}

async function importOnce(port: number, cookie: string, file: string, type: string) {
  peakRss = process.memoryUsage().rss;
  const t = performance.now();
  const summary = await new Promise<Record<string, number | string>>((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/entities/import?rows=problems',
        headers: { cookie, 'content-type': type },
      },
      (res) => {
        let buf = '';
        let last: Record<string, number | string> | null = null;
        res.setEncoding('utf8');
        res.on('data', (d: string) => {
          buf += d;
          let nl = buf.indexOf('\n');
          while (nl >= 0) {
            const e = JSON.parse(buf.slice(0, nl));
            if (e.type === 'summary' || e.type === 'failed') last = e;
            else if (e.type === 'row') reject(new Error(`row ${e.line}: ${JSON.stringify(e)}`));
            buf = buf.slice(nl + 1);
            nl = buf.indexOf('\n');
          }
        });
        res.on('end', () => (last ? resolve(last) : reject(new Error(`no summary (HTTP ${res.statusCode}) ${buf}`))));
      },
    );
    req.on('error', reject);
    createReadStream(file).pipe(req);
  });
  return { seconds: (performance.now() - t) / 1000, summary, peakRss };
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-bench-entities-'));
  const admin = new pg.Client({ connectionString: URL_ });
  await admin.connect();
  await admin.query(`drop database if exists ${DB} with (force)`);
  await admin.query(`create database ${DB}`);
  const database = await openDatabase({ databaseUrl: withDb(DB), poolSize: 4 });
  const lines: string[] = [];
  const say = (s: string) => {
    console.log(s);
    lines.push(s);
  };
  try {
    await database.migrate();
    await bootstrap(database.db, systemClock, {
      adminPassword: 'Admin#2026zf',
      demo: true,
      demoPassword: PASSWORD,
      secretKey: testConfig().secretKey,
    });
    const copyDb = new pg.Client({ connectionString: withDb(DB) });
    await copyDb.connect();
    const app = await buildApp({ config: testConfig({ importMaxBytes: 4 * 1024 ** 3 }), database });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const port = (app.server.address() as { port: number }).port;
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'gd_amr_admin', password: PASSWORD },
    });
    const cookie = `zhifa_session=${login.cookies.find((c) => c.name === 'zhifa_session')?.value}`;

    const csv = join(dir, 'entities.csv');
    await writeCsv(csv, ROWS);
    const size = statSync(csv).size;
    say(
      `entity import benchmark — ${new Date().toISOString()}, ${cpus().length} cores, Node ${process.version}, PostgreSQL ${(await admin.query('show server_version')).rows[0].server_version}`,
    );
    say(`file: ${ROWS.toLocaleString('en')} rows, CSV ${mb(size)} on disk; importing as gd_amr_admin (province scope)`);
    const copy1 = await copyBaseline(copyDb, csv);
    const rssBefore = process.memoryUsage().rss;
    const imp = await importOnce(port, cookie, csv, 'text/csv');
    const copy2 = await copyBaseline(copyDb, csv);
    // the same USCCs with another name and risk class in every row: every row an update
    const changed = join(dir, 'entities-changed.csv');
    await writeCsv(changed, ROWS, 1);
    const reimp = await importOnce(port, cookie, changed, 'text/csv');
    const same = await importOnce(port, cookie, changed, 'text/csv');
    const copy = (copy1 + copy2) / 2;
    const rate = (s: number) => Math.round(ROWS / s).toLocaleString('en');
    say(
      `COPY FROM STDIN (same file, same kinds of indexes): ${copy1.toFixed(1)} s and ${copy2.toFixed(1)} s → baseline ${copy.toFixed(1)} s = ${rate(copy)} rows/s`,
    );
    say(
      `import, all new rows:  ${imp.seconds.toFixed(1)} s = ${rate(imp.seconds)} rows/s → ${(copy / imp.seconds).toFixed(2)}× COPY (target ≥ 0.3×); ${JSON.stringify(imp.summary)}`,
    );
    say(
      `import again, all updates (every row changed): ${reimp.seconds.toFixed(1)} s = ${rate(reimp.seconds)} rows/s → ${(copy / reimp.seconds).toFixed(2)}× COPY; created ${reimp.summary.created}, updated ${reimp.summary.updated}`,
    );
    say(
      `import the same file once more (nothing to change, rows answer ok): ${same.seconds.toFixed(1)} s = ${rate(same.seconds)} rows/s → ${(copy / same.seconds).toFixed(2)}× COPY; ok ${same.summary.ok}`,
    );
    say(
      `memory: RSS ${mb(rssBefore)} before the import, peak ${mb(Math.max(imp.peakRss, reimp.peakRss, same.peakRss))} during it (server and client in this process), file ${mb(size)}`,
    );
    if (XLSX_ROWS > 0) {
      const xlsx = join(dir, 'entities.xlsx');
      await writeXlsx(xlsx, XLSX_ROWS);
      await copyDb.query('truncate entities cascade').catch(() => {});
      const x = await importOnce(
        port,
        cookie,
        xlsx,
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      say(
        `XLSX (shared strings, as Excel writes them): ${XLSX_ROWS.toLocaleString('en')} rows, ${mb(statSync(xlsx).size)}: ${x.seconds.toFixed(1)} s = ${Math.round(XLSX_ROWS / x.seconds).toLocaleString('en')} rows/s (new rows), peak RSS ${mb(x.peakRss)}; ${JSON.stringify(x.summary)}`,
      );
    }
    await app.close();
    await copyDb.end();
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    const suffix = ROWS === 1_000_000 ? '' : `-${ROWS}`;
    writeFileSync(
      new URL(`./results/entities-import-postgresql${suffix}.txt`, import.meta.url),
      `${lines.join('\n')}\n`,
    );
  } finally {
    await database.close();
    await admin.query(`drop database if exists ${DB} with (force)`);
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
