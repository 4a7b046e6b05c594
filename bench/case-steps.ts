/**
 * Benchmark: case steps per second on PostgreSQL, as a ratio to pgbench's TPC-B-like TPS measured in the same run
 * on the same server (target ≥ 0.5×). A case step is one action of the procedure: its own transaction that locks
 * the case, checks the rules, updates the case, appends the hash-chained record event and the audit row.
 *
 * Both sides run with the same number of clients for the same time, alternating in rounds (pgbench, then the case
 * steps) so that load from elsewhere on the machine weighs on both alike; the ratio is the median of the rounds'.
 * Afterwards it checks that every counted step left one record event and one audit row and that the chains verify,
 * and prints how many statements each kind of step sends, in how many writes.
 *
 *   npm run bench:cases                        # BENCH_DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test
 *   BENCH_SECONDS=20 BENCH_CLIENTS=4 BENCH_ROUNDS=5 npm run bench:cases
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { count, eq } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../server/db/client.js';
import { users } from '../server/modules/accounts/accounts.schema.js';
import { auditEvents } from '../server/modules/audit/audit.schema.js';
import { verifyAuditChain } from '../server/modules/audit/audit.service.js';
import { items } from '../server/modules/catalog/catalog.schema.js';
import { verifyCaseChain } from '../server/modules/cases/case-record.js';
import { DEFAULT_THRESHOLDS } from '../server/modules/cases/cases.rules.js';
import { caseEvents } from '../server/modules/cases/cases.schema.js';
import { type CaseDeps, createCase, performAction } from '../server/modules/cases/cases.service.js';
import { orgs } from '../server/modules/orgs/orgs.schema.js';
import { checkEligibility } from '../server/modules/personnel/assessments.service.js';
import { officers } from '../server/modules/personnel/personnel.schema.js';
import { systemClock } from '../server/platform/clock.js';
import type { Actor, RequestContext } from '../server/platform/context.js';
import { createSealer } from '../server/platform/crypto.js';
import { scopeOf } from '../server/platform/scope.js';
import { bootstrap } from '../server/seed/bootstrap.js';
import type { Role } from '../common/enums.js';

const base = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const withDb = (name: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

async function recreate(name: string) {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

const pgbenchUrl = new URL(withDb('zhifa_pgbench'));
const pgbenchArgs = [
  '-h',
  pgbenchUrl.hostname,
  '-p',
  pgbenchUrl.port || '5432',
  '-U',
  pgbenchUrl.username || 'postgres',
];

function pgbenchTps(): number {
  const out = execFileSync(
    'pgbench',
    [...pgbenchArgs, '-c', String(CLIENTS), '-j', String(CLIENTS), '-T', String(SECONDS), '-n', 'zhifa_pgbench'],
    { encoding: 'utf8' },
  );
  const m = /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`pgbench output not understood:\n${out}`);
  return Number(m[1]);
}

async function main() {
  await recreate('zhifa_pgbench');
  execFileSync('pgbench', [...pgbenchArgs, '-i', '-s', '1', '-q', 'zhifa_pgbench'], { stdio: 'pipe' });

  await recreate('zhifa_bench_cases');
  const database = await openDatabase({ databaseUrl: withDb('zhifa_bench_cases'), poolSize: CLIENTS + 1 });
  const { db } = database;
  await database.migrate();
  const secretKey = Buffer.alloc(32, 3);
  await bootstrap(db, systemClock, {
    adminPassword: 'Bench#2026zf',
    demo: true,
    demoPassword: 'Bench#2026zf',
    secretKey,
  });
  const deps: CaseDeps = {
    db,
    clock: systemClock,
    sealer: createSealer(secretKey),
    thresholds: DEFAULT_THRESHOLDS,
    publicBaseUrl: 'http://localhost:3000',
    training: { shortfallBlocks: false },
  };

  const actorFor = async (username: string): Promise<Actor> => {
    const [row] = await db
      .select({ u: users, o: orgs })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(eq(users.username, username));
    if (!row) throw new Error(`no ${username}`);
    const { u, o } = row;
    return {
      userId: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles as Role[],
      sessionId: 'bench',
      mustChangePassword: false,
      org: { id: o.id, name: o.name, regionCode: o.regionCode, sector: o.sector, kind: o.kind },
      scope: scopeOf(o),
    };
  };
  const officer = await actorFor('gz_officer1');
  const head = await actorFor('gz_head');
  const [item] = await db.select().from(items).where(eq(items.baseCode, 'SC-CF-0126'));
  const staff = await db.select().from(officers).where(eq(officers.orgId, officer.org.id));
  const team: string[] = [];
  for (const s of staff)
    if (
      (
        await checkEligibility(db, deps.training, s.id, {
          sector: 'market_regulation',
          regionCode: '440100',
          at: new Date(),
        })
      ).eligible
    )
      team.push(s.id);
  if (!item || team.length < 2) throw new Error('demo data missing');

  const ctx = (): RequestContext => ({ actor: null, ip: '127.0.0.1', userAgent: 'bench', audited: false });
  type Action = Parameters<typeof performAction>[4];
  const PROCEDURE: [Actor, Action, Record<string, unknown>][] = [
    [head, 'file', {}],
    [head, 'assign', { officerIds: team.slice(0, 2) }],
    [officer, 'submit_review', {}],
    [officer, 'notify', { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 }],
    [officer, 'record_statement', { waivesStatement: true, waivesHearing: true }],
    [head, 'decide', { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 }],
  ];
  const caseIds: string[] = [];
  /** One case registered and taken to a decision; `step` is told after each step. */
  const oneCase = async (step: (name: string) => void) => {
    const c = await createCase(deps, ctx(), officer, {
      orgId: officer.org.id,
      itemId: item.id,
      source: 'inspection',
      party: { kind: 'organisation', name: '基准测试公司' },
      facts: '基准测试',
      occurredAt: new Date(),
    });
    caseIds.push(c.id);
    step('register');
    for (const [actor, action, body] of PROCEDURE) {
      await performAction(deps, ctx(), actor, c.id, action, body);
      step(action);
    }
  };

  const countOf = async (table: typeof auditEvents | typeof caseEvents) =>
    Number((await db.select({ n: count() }).from(table))[0]?.n ?? 0);
  const [audit0, events0] = [await countOf(auditEvents), await countOf(caseEvents)];
  const rounds: { tps: number; steps: number; seconds: number; cases: number }[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const tps = pgbenchTps();
    let steps = 0;
    let cases = 0;
    const deadline = Date.now() + SECONDS * 1000;
    const worker = async () => {
      while (Date.now() < deadline) {
        await oneCase(() => steps++);
        cases++;
      }
    };
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, worker));
    rounds.push({ tps, steps, seconds: (performance.now() - t0) / 1000, cases });
  }

  // every counted step is a committed transaction with its record event and audit row, and the chains hold
  const steps = rounds.reduce((n, r) => n + r.steps, 0);
  const [auditAdded, eventsAdded] = [(await countOf(auditEvents)) - audit0, (await countOf(caseEvents)) - events0];
  if (auditAdded !== steps || eventsAdded !== steps)
    throw new Error(`${steps} steps counted, but ${eventsAdded} record events and ${auditAdded} audit rows written`);
  const auditChain = await verifyAuditChain(db);
  if (!auditChain.ok) throw new Error(`audit chain broken at ${auditChain.brokenSeq}`);
  const verified = caseIds.length;
  for (const id of caseIds) {
    const chain = await verifyCaseChain(db, id);
    if (!chain.ok || chain.events !== PROCEDURE.length + 1)
      throw new Error(`case ${id}: record chain ${JSON.stringify(chain)}`);
  }

  // statements per kind of step (BEGIN and COMMIT included) and the writes that carry them, on one more case
  let statements = 0;
  let writes = 0;
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    statements++;
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  const socket = net.Socket.prototype as unknown as Record<'_write' | '_writev', (...a: unknown[]) => unknown>;
  const [write, writev] = [socket._write, socket._writev];
  socket._write = function (this: unknown, ...args: unknown[]) {
    writes++;
    return write.apply(this, args);
  };
  socket._writev = function (this: unknown, ...args: unknown[]) {
    writes++;
    return writev.apply(this, args);
  };
  const perStep: string[] = [];
  await oneCase((name) => {
    perStep.push(`${name} ${statements} (${writes})`);
    statements = 0;
    writes = 0;
  });
  pg.Client.prototype.query = query;
  socket._write = write;
  socket._writev = writev;

  const tps = median(rounds.map((r) => r.tps));
  const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
  const cases = rounds.reduce((n, r) => n + r.cases, 0);
  const ratio = median(rounds.map((r) => r.steps / r.seconds / r.tps));
  const lines = [
    `case steps benchmark — ${new Date().toISOString()}`,
    `PostgreSQL at ${new URL(base).host}; clients: ${CLIENTS}; ${ROUNDS} rounds of ${SECONDS} s pgbench, then ${SECONDS} s case steps`,
    ...rounds.map(
      (r, i) =>
        `round ${i + 1}: pgbench ${r.tps.toFixed(0)} TPS, case steps ${(r.steps / r.seconds).toFixed(0)}/s (${(r.steps / r.seconds / r.tps).toFixed(2)}×)`,
    ),
    `pgbench (TPC-B-like, scale 1): ${tps.toFixed(0)} TPS (median)`,
    `case steps: ${steps} in ${seconds.toFixed(1)} s = ${(steps / seconds).toFixed(0)} steps/s (${cases} cases registered → decided)`,
    `ratio: ${ratio.toFixed(2)}× pgbench TPS (median of the rounds; target ≥ 0.5×)`,
    `checked: ${steps} record events and ${steps} audit rows written; the audit chain and all ${verified} case records verify`,
    `statements per step, BEGIN and COMMIT included (writes): ${perStep.join(', ')}`,
  ];
  console.log(lines.join('\n'));
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/case-steps-postgresql.txt', import.meta.url), `${lines.join('\n')}\n`);
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
