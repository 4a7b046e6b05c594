/**
 * Fuzz over the OpenAPI document (issue 11): every operation, as anonymous and as several roles, with malformed
 * bodies, NUL, lone surrogates, huge strings, deep nesting and absurd dates — a fixed seed and a budget of
 * requests (ZHIFA_FUZZ_RUNS, default 5,000). Asserts: no 5xx; every error is problem+json with a Chinese detail
 * and no SQL; a refused request writes nothing but its audit row. The last is checked by a row trigger on every
 * business table that counts writes in a side table: a refused request's transaction rolls back, so the count may
 * only move on a success.
 */
import { randomUUID } from 'node:crypto';
import { asc, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { cases } from '../modules/cases/cases.schema.js';
import { items } from '../modules/catalog/catalog.schema.js';
import { orgs } from '../modules/orgs/orgs.schema.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import { type JsonSchema, type Pools, fuzzBody, fuzzParam } from '../test/openapi-fuzz-values.js';

const SEED = 20261111;
const RUNS = Number(process.env.ZHIFA_FUZZ_RUNS ?? 5000);
/** Tables a refusal is meant to write (the audit trail, sessions) or that hold derived log data, not business. */
// the login throttle counts refused logins by design (login_failures): a refusal may write its counter
const NOT_COUNTED = /^(audit_events|audit_head|sessions|login_failures|fuzz_writes|transparency_.*)$/;
const ROLES = ['gz_officer1', 'gz_reviewer', 'gz_head', 'gz_admin', 'admin', 'secadmin', 'auditor', 'sft_supervisor'];
const CJK = /[\u4e00-\u9fff]/;
const SQL_ECHO = /Failed query|insert into|select .* from|update .* set|params:|audit_head/i;

interface Operation {
  method: string;
  path: string;
  params: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
  body?: JsonSchema;
}

let env: TestEnv;
const operations: Operation[] = [];
const cookies: (string | null)[] = [null];
let pools: Pools;

beforeAll(async () => {
  env = await createTestEnv();
  const db = env.database.db;
  const doc = (await env.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
  for (const [path, item] of Object.entries<Record<string, Record<string, unknown>>>(doc.paths))
    for (const [method, op] of Object.entries(item)) {
      const content = (op.requestBody as { content?: Record<string, { schema: JsonSchema }> } | undefined)?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        params: (op.parameters as Operation['params'] | undefined) ?? [],
        body: content?.['application/json']?.schema,
      });
    }
  for (const u of ROLES) cookies.push(await env.login(u));
  const ids = async (table: typeof cases | typeof orgs | typeof items) =>
    (await db.select({ id: table.id }).from(table).orderBy(asc(table.id)).limit(8)).map((r) => r.id);
  pools = { ids: [...(await ids(cases)), ...(await ids(orgs)), ...(await ids(items)), randomUUID()] };
  // count every row written to a business table, in the writing transaction
  await db.execute(sql.raw('create table fuzz_writes (id int primary key, n bigint not null)'));
  await db.execute(sql.raw('insert into fuzz_writes values (1, 0)'));
  await db.execute(
    sql.raw(`create function fuzz_count() returns trigger language plpgsql as $$
      begin update fuzz_writes set n = n + 1 where id = 1; return null; end $$`),
  );
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
  );
  for (const { tablename } of tables.filter((t) => !NOT_COUNTED.test(t.tablename)))
    await db.execute(
      sql.raw(
        `create trigger fuzz_count after insert or update or delete on "${tablename}" for each row execute function fuzz_count()`,
      ),
    );
}, 120_000);
afterAll(() => env.close());

const writes = async () =>
  Number((await queryRows<{ n: string }>(env.database.db, sql`select n from fuzz_writes where id = 1`))[0]?.n);

it(`${RUNS} fuzzed requests over every operation: no 5xx, problem+json in Chinese, refusals write nothing`, async () => {
  expect(operations.length).toBeGreaterThan(100);
  const failures: string[] = [];
  const statuses = new Map<number, number>();
  const reached = new Set<string>();
  let written = await writes();
  const started = Date.now();
  await fc.assert(
    fc.asyncProperty(fc.gen(), async (g) => {
      const op = g(fc.constantFrom, ...operations);
      // logging out or changing a password would end the identity the rest of the run uses
      const anonymousOnly = /\/auth\/(logout|password)$/.test(op.path);
      const cookie = anonymousOnly ? null : g(fc.constantFrom, ...cookies);
      let url = op.path;
      const query: string[] = [];
      for (const p of op.params) {
        if (p.in === 'path') url = url.replace(`{${p.name}}`, fuzzParam(g, p.schema, pools));
        else if (p.in === 'query' && (p.required || g(fc.boolean)))
          query.push(`${encodeURIComponent(p.name)}=${fuzzParam(g, p.schema, pools)}`);
      }
      if (g(fc.integer, { min: 0, max: 19 }) === 0) query.push(`${fuzzParam(g, {}, pools)}=${fuzzParam(g, {}, pools)}`);
      if (query.length > 0) url += `?${query.join('&')}`;
      const body = op.method === 'GET' || op.method === 'DELETE' ? null : fuzzBody(g, op.body, pools);
      const res = await env.app.inject({
        method: op.method as 'GET',
        url,
        headers: {
          ...(cookie ? { cookie } : {}),
          ...(body ? { 'content-type': body.contentType } : {}),
        },
        ...(body ? { payload: body.payload } : {}),
      });
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      reached.add(`${op.method} ${op.path}`);
      const where = `${op.method} ${url.slice(0, 200)} [${cookie ? 'signed in' : 'anonymous'}] body ${String(body?.payload ?? '').slice(0, 200)}`;
      const now = await writes();
      if (res.statusCode >= 500) failures.push(`${res.statusCode} ${where}: ${res.body.slice(0, 300)}`);
      if (res.statusCode >= 400) {
        let problem: { code?: unknown; detail?: unknown } = {};
        try {
          problem = JSON.parse(res.body);
        } catch {}
        if (!String(res.headers['content-type']).startsWith('application/problem+json'))
          failures.push(`not problem+json (${res.headers['content-type']}) ${where}`);
        else if (typeof problem.code !== 'string' || !CJK.test(String(problem.detail)))
          failures.push(`no code or no Chinese detail ${where}: ${res.body.slice(0, 300)}`);
        if (SQL_ECHO.test(res.body)) failures.push(`SQL echoed ${where}: ${res.body.slice(0, 300)}`);
        if (now !== written) failures.push(`refused (${res.statusCode}) but wrote ${now - written} rows ${where}`);
      }
      written = now;
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `fuzz: ${RUNS} requests over ${reached.size}/${operations.length} operations in ${seconds.toFixed(1)} s; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
  );
  expect(failures.slice(0, 20)).toEqual([]);
  expect(reached.size).toBe(operations.length);
}, 300_000);
