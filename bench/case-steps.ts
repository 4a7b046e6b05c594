/**
 * Benchmark: case steps per second on PostgreSQL, as a ratio to pgbench's TPC-B-like TPS measured in the same run
 * on the same server (target ≥ 0.5×). A case step is one action of the procedure: its own transaction that locks
 * the case, checks the rules, updates the case, appends the hash-chained record event and the audit row.
 *
 *   npm run bench:cases                        # BENCH_DATABASE_URL defaults to postgres://postgres@127.0.0.1:5432/test
 *   BENCH_SECONDS=20 BENCH_CLIENTS=4 npm run bench:cases
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase } from '../server/db/client.js';
import { users } from '../server/modules/accounts/accounts.schema.js';
import { items } from '../server/modules/catalog/catalog.schema.js';
import { DEFAULT_THRESHOLDS } from '../server/modules/cases/cases.rules.js';
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
const withDb = (name: string) => Object.assign(new URL(base), { pathname: `/${name}` }).toString();

async function recreate(name: string) {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  await admin.end();
}

function pgbenchTps(): number {
  const url = new URL(withDb('zhifa_pgbench'));
  const args = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
  execFileSync('pgbench', [...args, '-i', '-s', '1', '-q', 'zhifa_pgbench'], { stdio: 'pipe' });
  const out = execFileSync('pgbench', [...args, '-c', String(CLIENTS), '-j', String(CLIENTS), '-T', String(SECONDS), '-n', 'zhifa_pgbench'], { encoding: 'utf8' });
  const m = /tps = ([\d.]+)/.exec(out);
  if (!m) throw new Error(`pgbench output not understood:\n${out}`);
  return Number(m[1]);
}

async function main() {
  await recreate('zhifa_pgbench');
  const tps = pgbenchTps();

  await recreate('zhifa_bench_cases');
  const database = await openDatabase({ databaseUrl: withDb('zhifa_bench_cases'), poolSize: CLIENTS + 1 });
  const { db } = database;
  await database.migrate();
  const secretKey = Buffer.alloc(32, 3);
  await bootstrap(db, systemClock, { adminPassword: 'Bench#2026zf', demo: true, demoPassword: 'Bench#2026zf', secretKey });
  const deps: CaseDeps = { db, clock: systemClock, sealer: createSealer(secretKey), thresholds: DEFAULT_THRESHOLDS, publicBaseUrl: 'http://localhost:3000', training: { shortfallBlocks: false } };

  const actorFor = async (username: string): Promise<Actor> => {
    const [row] = await db.select({ u: users, o: orgs }).from(users).innerJoin(orgs, eq(orgs.id, users.orgId)).where(eq(users.username, username));
    if (!row) throw new Error(`no ${username}`);
    const { u, o } = row;
    return { userId: u.id, username: u.username, displayName: u.displayName, roles: u.roles as Role[], sessionId: 'bench', org: { id: o.id, name: o.name, regionCode: o.regionCode, sector: o.sector, kind: o.kind }, scope: scopeOf(o) };
  };
  const officer = await actorFor('gz_officer1');
  const head = await actorFor('gz_head');
  const [item] = await db.select().from(items).where(eq(items.baseCode, 'SC-CF-0126'));
  const staff = await db.select().from(officers).where(eq(officers.orgId, officer.org.id));
  const team: string[] = [];
  for (const s of staff) if ((await checkEligibility(db, deps.training, s.id, { sector: 'market_regulation', regionCode: '440100', at: new Date() })).eligible) team.push(s.id);
  if (!item || team.length < 2) throw new Error('demo data missing');

  const ctx = (): RequestContext => ({ actor: null, ip: '127.0.0.1', userAgent: 'bench', audited: false });
  let steps = 0;
  let casesDone = 0;
  const deadline = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < deadline) {
      const c = await createCase(deps, ctx(), officer, { orgId: officer.org.id, itemId: item.id, source: 'inspection', party: { kind: 'organisation', name: '基准测试公司' }, facts: '基准测试', occurredAt: new Date() });
      steps++;
      const run = async (actor: Actor, action: Parameters<typeof performAction>[4], body: Record<string, unknown>) => {
        await performAction(deps, ctx(), actor, c.id, action, body);
        steps++;
      };
      await run(head, 'file', {});
      await run(head, 'assign', { officerIds: team.slice(0, 2) });
      await run(officer, 'submit_review', {});
      await run(officer, 'notify', { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 });
      await run(officer, 'record_statement', { waivesStatement: true, waivesHearing: true });
      await run(head, 'decide', { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 });
      casesDone++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  const rate = steps / elapsed;
  const lines = [
    `case steps benchmark — ${new Date().toISOString()}`,
    `PostgreSQL at ${new URL(base).host}; clients: ${CLIENTS}; ${SECONDS} s each`,
    `pgbench (TPC-B-like, scale 1): ${tps.toFixed(0)} TPS`,
    `case steps: ${steps} in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)} steps/s (${casesDone} cases registered → decided)`,
    `ratio: ${(rate / tps).toFixed(2)}× pgbench TPS (target ≥ 0.5×)`,
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
