/**
 * Micro benchmark of the draw core (common/draw.ts), no database: the shape of issue 13's `bench:draw` — 2,000,000
 * entities over four risk classes, 5,000 inspectors, 5 % of every class (100,000 targets), 2 inspectors each, with
 * 10,000 declared conflicts and the 200,000 pairs of a previous task — timed with the default hash (@noble/hashes)
 * and with node:crypto, as draws/s and as a ratio to a baseline measured in the same run: turning the same sorted
 * candidate list, as PostgreSQL's `COPY … TO STDOUT` text (one "uscc\triskClass" line per row), into the JS objects
 * the draw takes. That is the least client-side work reading the list from PostgreSQL can cost, so a ratio here is
 * an upper bound of the ratio to the real read. With BENCH_DATABASE_URL set it also reads the same list from
 * PostgreSQL (a TEMP table of the same shape, indexed on uscc COLLATE "C", `SELECT … ORDER BY uscc` through `pg`)
 * and prints the ratio to that, the target of issue 13 (≤ 3×). Median of BENCH_ROUNDS.
 *
 *   npm run bench:draw-core                                   # BENCH_ENTITIES=2000000 BENCH_ROUNDS=3
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm run bench:draw-core
 *   BENCH_ENTITIES=200000 node --import tsx bench/draw-core.ts
 */
import * as nodeCrypto from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import {
  cmp,
  commitDraw,
  type DrawEntity,
  type DrawHash,
  type DrawInput,
  type DrawPair,
  draw,
  nobleDrawHash,
  nodeDrawHash,
  RISK_CLASSES,
  verifyDraw,
  toPublicDraw,
} from '../common/draw.js';
import { usccCheckChar } from '../common/identifiers.js';
import pg from 'pg';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 2_000_000);
const DATABASE_URL = process.env.BENCH_DATABASE_URL;
const OFFICERS = Number(process.env.BENCH_OFFICERS ?? 5_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const time = <T>(f: () => T): [T, number] => {
  const t = performance.now();
  const v = f();
  return [v, performance.now() - t];
};

// Deterministic data: USCCs in increasing order with real check characters; classes 10/30/40/20 %.
function buildCopyText(): string {
  const parts: string[] = [];
  for (let n = 0; n < ENTITIES; n++) {
    const first17 = `91440${String(100_000_000_000 + n * 7).padStart(12, '0')}`;
    const r = (n * 2_654_435_761) % 100;
    const riskClass = r < 10 ? 'A' : r < 40 ? 'B' : r < 80 ? 'C' : 'D';
    parts.push(`${first17}${usccCheckChar(first17)}\t${riskClass}\n`);
  }
  return parts.join('');
}

/** The same list in PostgreSQL (same USCC bodies and classes; check character 'X'): a TEMP table on one client. */
async function openPg(): Promise<{ read: () => Promise<number>; close: () => Promise<void> } | null> {
  if (!DATABASE_URL) return null;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  await client.query('create temp table bench_draw_entities (uscc text not null, risk_class text not null)');
  await client.query(
    `insert into bench_draw_entities
     select '91440' || lpad((100000000000 + n * 7)::text, 12, '0') || 'X',
            case when (n * 2654435761) % 100 < 10 then 'A' when (n * 2654435761) % 100 < 40 then 'B'
                 when (n * 2654435761) % 100 < 80 then 'C' else 'D' end
     from generate_series(0, $1::bigint - 1) n`,
    [ENTITIES],
  );
  await client.query('create unique index on bench_draw_entities (uscc collate "C")');
  await client.query('analyze bench_draw_entities');
  const read = async () => {
    const t = performance.now();
    const r = await client.query(
      'select uscc, risk_class as "riskClass" from bench_draw_entities order by uscc collate "C"',
    );
    if (r.rows.length !== ENTITIES) throw new Error('short read');
    return performance.now() - t;
  };
  return { read, close: () => client.end() };
}

function parseCopyText(text: string): DrawEntity[] {
  const out: DrawEntity[] = [];
  let start = 0;
  for (;;) {
    const end = text.indexOf('\n', start);
    if (end < 0) break;
    const tab = text.indexOf('\t', start);
    out.push({ uscc: text.slice(start, tab), riskClass: text.slice(tab + 1, end) as DrawEntity['riskClass'] });
    start = end + 1;
  }
  return out;
}

const copyText = buildCopyText();
const population = parseCopyText(copyText);
const departments = ['org-gz-amr', 'org-gz-eco'];
const pool = Array.from({ length: OFFICERS }, (_, k) => ({
  certificateNumber: `4401${String(10_000_000 + k).padStart(10, '0')}`,
  department: departments[k % 2] as string,
}));
const pair = (k: number, m: number): DrawPair => ({
  certificateNumber: (pool[m % OFFICERS] as (typeof pool)[number]).certificateNumber,
  uscc: (population[k % ENTITIES] as DrawEntity).uscc,
});
// Published (and read with ORDER BY) in canonical order: sorted by certificate number, then USCC.
const byPair = (a: DrawPair, b: DrawPair) => cmp(a.certificateNumber, b.certificateNumber) || cmp(a.uscc, b.uscc);
const conflicts = Array.from({ length: 10_000 }, (_, k) => pair(k * 197, k * 31)).sort(byPair);
const previousPairs = Array.from({ length: 200_000 }, (_, k) => pair(k * 20 + 3, k * 13)).sort(byPair);
const input: DrawInput = {
  serverSeed: 'c0ffee'.padEnd(64, '0'),
  publicSeed: '2 7 1 8 2 8 1 8 2 8 4 5',
  population,
  ratios: { A: 0.05, B: 0.05, C: 0.05, D: 0.05 },
  pool,
  inspectorsPerTarget: 2,
  departments,
  conflicts,
  previousPairs,
};

const hashes: [string, DrawHash][] = [
  ['@noble/hashes', nobleDrawHash],
  ['node:crypto', nodeDrawHash(nodeCrypto)],
];
const database = await openPg();
const rows: Record<string, number[]> = { baseline: [], commit: [], postgres: [] };
for (const [name] of hashes) rows[name] = [];
let targets = 0;
let picks = 0;
for (let round = 0; round < ROUNDS; round++) {
  rows.baseline?.push(time(() => parseCopyText(copyText))[1]);
  if (database) rows.postgres?.push(await database.read());
  rows.commit?.push(time(() => commitDraw(input, nodeDrawHash(nodeCrypto)))[1]);
  for (const [name, hash] of hashes) {
    const [r, ms] = time(() => draw(input, { hash }));
    rows[name]?.push(ms);
    targets = r.targets.length;
  }
}
draw(input, { hash: nodeDrawHash(nodeCrypto), trace: () => picks++ });
const nodeHash = nodeDrawHash(nodeCrypto);
const publicJson = JSON.parse(JSON.stringify(toPublicDraw(input, draw(input, { hash: nodeHash }))));
const [verification, verifyMs] = time(() => verifyDraw(publicJson, { hash: nodeHash }));

await database?.close();
const base = median(rows.baseline as number[]);
const pgMs = database ? median(rows.postgres as number[]) : undefined;
const n = (x: number) => Math.round(x).toLocaleString('en');
const row = (label: string, ms: number, extra = '') =>
  `${label.padEnd(58)} ${n(ms).padStart(6)} ms  ${(ms / base).toFixed(2).padStart(6)}× text` +
  (pgMs ? `  ${(ms / pgMs).toFixed(2).padStart(5)}× PostgreSQL` : '') +
  extra;
const counts = RISK_CLASSES.map((c) => `${c} ${n(population.filter((e) => e.riskClass === c).length)}`).join(', ');
const lines = [
  `draw core, ${new Date().toISOString()}, ${cpus().length} × ${cpus()[0]?.model ?? '?'}, Node ${process.version}`,
  `shape: ${n(ENTITIES)} entities (${counts}), ${n(OFFICERS)} inspectors in ${departments.length} departments, 5 % per class, 2 per target, ${n(conflicts.length)} conflicts, ${n(previousPairs.length)} previous pairs`,
  `result: ${n(targets)} targets, ${n(picks)} sampler picks (one SHA-256 each); medians of ${ROUNDS} rounds`,
  '',
  row(`baseline: COPY-format text → ${n(ENTITIES)} objects`, base),
  ...(pgMs ? [row('baseline: SELECT … ORDER BY uscc through pg (PostgreSQL)', pgMs)] : []),
  row('commit step: validate, populationHash, poolHash (node:crypto)', median(rows.commit as number[])),
];
for (const [name] of hashes) {
  const ms = median(rows[name] as number[]);
  lines.push(row(`whole draw, ${name}`, ms, `  ${(1000 / ms).toFixed(2)} draws/s  ${n((picks * 1000) / ms)} picks/s`));
}
lines.push(row(`verifyDraw of the public JSON, node:crypto (${verification.verdict})`, verifyMs));
const out = lines.join('\n');
console.log(out);
if (ENTITIES === 2_000_000) {
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(`bench/results/draw-core${pgMs ? '-postgresql' : ''}.txt`, `${out}\n`);
}
