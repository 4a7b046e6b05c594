/**
 * The role × scope sweep (issue 12): every route of the app, for every role, acting from a city department and from a
 * city justice bureau, on records of its own org, of a child org, of a sibling org and of another sector — the answer
 * must be the policy table's (platform/policy.ts and each module's `<module>.policy.ts`): 403 naming the rule, 404 for a
 * record the actor may not read, and otherwise neither of the two. Bodies are a JSON array, which no route accepts, so
 * an allowed write stops at validation and nothing changes; only the policy decides what is refused before it.
 * Every route that is not public declares an ability that its policy knows.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../common/enums.js';
import { queryRows } from '../db/client.js';
import { routeRefusal } from '../modules/accounts/accounts.rules.js';
import { users } from '../modules/accounts/accounts.schema.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import type { Actor } from './context.js';
import { hashPassword } from './crypto.js';
import { AppError } from './errors.js';
import { type Policy, type Subject, authorize, resolveAbility } from './policy.js';
import { scopeOf } from './scope.js';

/** Routes any signed-in account uses for itself (its session, its password, its tasks). */
const SELF_ROUTES = new Set(['/api/v1/auth/me', '/api/v1/auth/password', '/api/v1/auth/logout', '/api/v1/auth/login']);

/** Where the sweep finds records of each subject (every policy that loads records needs one). */
const SAMPLES: Record<string, string> = {
  org: 'select id from orgs',
  user: "select id from users where username not like 'sweep\\_%'",
  session: "select s.id from sessions s join users u on u.id = s.user_id where u.username not like 'sweep\\_%'",
  officer: 'select id from officers',
  certificate: 'select id from certificates',
  item: 'select id from items',
  benchmark: 'select id from benchmarks',
  delegation: 'select id from delegations',
  case: 'select id from cases',
  entity: 'select id from entities',
  publication: 'select case_id as id from publications',
  supervision_plan: 'select id from supervision_plans',
  inspection_plan: 'select id from inspection_plans',
  inspection_task: 'select id from inspection_tasks',
  visit: 'select id from visits',
  officer_conflict: 'select id from officers',
  review_rubric: 'select id from review_rubrics',
  review_campaign: 'select id from review_campaigns',
  review_sheet: 'select id from review_sheets',
  complaint: 'select id from complaints',
  hotline_client: 'select id from hotline_clients',
  exchange_delivery: 'select id::text as id from outbox_messages',
};

const HOME_ORGS = ['广州市市场监督管理局', '广州市司法局'] as const;
type Relation = 'own' | 'child' | 'sibling' | 'other_sector' | 'other';

let env: TestEnv;
const actors: { role: Role; home: string; actor: Actor; cookie: string }[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  const db = env.database.db;
  // A session of a demo account, so that sessions have records to sweep
  await env.login('gz_officer2');
  const passwordHash = await hashPassword('Sweep#Pass2026');
  for (const orgName of HOME_ORGS) {
    const [org] = await queryRows<{ id: string; name: string; region_code: string; sector: string; kind: string }>(
      db,
      sql`select id, name, region_code, sector, kind from orgs where name = ${orgName}`,
    );
    if (!org) throw new Error(`no org ${orgName}`);
    for (const role of ROLES) {
      const username = `sweep_${role}_${actors.length}`;
      const id = randomUUID();
      const now = env.clock.now();
      await db.insert(users).values({
        id,
        username,
        displayName: '巡检账号',
        passwordHash,
        orgId: org.id,
        roles: [role],
        passwordChangedAt: now,
        mustChangePassword: false,
        createdAt: now,
        updatedAt: now,
      });
      const cookie = await env.login(username, 'Sweep#Pass2026');
      const orgFacts = { id: org.id, name: org.name, regionCode: org.region_code, sector: org.sector, kind: org.kind };
      actors.push({
        role,
        home: org.name,
        cookie,
        actor: {
          userId: id,
          username,
          displayName: '巡检账号',
          roles: [role],
          sessionId: '',
          mustChangePassword: false,
          org: orgFacts,
          scope: scopeOf(orgFacts),
        },
      });
    }
  }
}, 120_000);
afterAll(() => env?.close());

function relationOf(actor: Actor, r: Subject): Relation {
  if (r.orgId === actor.org.id) return 'own';
  if (!r.regionCode) return 'other';
  const sameSector = r.sector === actor.org.sector;
  if (!sameSector) return 'other_sector';
  return r.regionCode.startsWith(actor.scope.regionPrefix) ? 'child' : 'sibling';
}

/** Up to one record of each relation to the actor, per subject. */
async function recordsFor(policy: Policy<Subject>, actor: Actor): Promise<{ relation: Relation; id: string }[]> {
  const query = SAMPLES[policy.subject];
  if (!query) throw new Error(`the sweep has no sample query for subject ${policy.subject}: add it to SAMPLES`);
  const rows = await queryRows<{ id: string }>(env.database.db, sql.raw(query));
  const found = new Map<Relation, string>();
  for (const { id } of rows) {
    const facts = await policy.load?.(env.database.db, id);
    if (!facts) continue;
    const relation = relationOf(actor, facts);
    if (!found.has(relation)) found.set(relation, id);
    if (found.size === 5) break;
  }
  return [...found].map(([relation, id]) => ({ relation, id }));
}

const FILLERS: Record<string, string> = { kind: 'decision', sha256: '0'.repeat(64), code: 'x', token: 'x' };

/** What the policy table says: null (allowed) or the refusal. */
async function expected(actor: Actor, url: string, declared: string, params: Record<string, string>) {
  const refusal = routeRefusal(actor, url);
  if (refusal) return { status: 403, code: refusal.code, detail: refusal.detail };
  const { policy, ability, rule } = resolveAbility(declared, params);
  if (!rule) return null;
  try {
    if (!rule.record) authorize(policy, ability, actor);
    else authorize(policy, ability, actor, await policy.load?.(env.database.db, params[policy.param ?? 'id'] ?? ''));
    return null;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { status: err.status, code: err.code, detail: err.detail };
  }
}

describe('role × scope sweep over every route', () => {
  it('every route that is not public declares an ability its policy has', () => {
    const missing: string[] = [];
    for (const r of env.app.routeTable) {
      if (!r.url.startsWith('/api/v1/') || r.public || SELF_ROUTES.has(r.url)) continue;
      if (!r.ability) {
        missing.push(`${r.method} ${r.url}`);
        continue;
      }
      const { policy, rule } = resolveAbility(r.ability, { action: 'read' });
      if (!r.ability.includes('.:')) expect(rule, `${r.method} ${r.url}: ${r.ability}`).toBeDefined();
      if (rule?.record) expect(policy.load, `${policy.subject} loads its records`).toBeDefined();
    }
    expect(missing).toEqual([]);
  });

  it('answers as the policy table says, for each role × {own org, child org, sibling org, other sector}', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    const routes = env.app.routeTable.filter((r) => r.ability && !r.public && r.url.startsWith('/api/v1/'));
    for (const { role, home, actor, cookie } of actors) {
      const recordCache = new Map<string, { relation: Relation; id: string }[]>();
      for (const route of routes) {
        const declared = route.ability as string;
        const paramNames = [...route.url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1] as string);
        const { policy } = resolveAbility(declared, { action: 'read' });
        const abilities = declared.includes('.:')
          ? Object.keys(policy.abilities).filter((a) => policy.abilities[a]?.record)
          : [declared.slice(declared.indexOf('.') + 1)];
        for (const ability of abilities) {
          const rule = policy.abilities[ability];
          const idParam = policy.param ?? 'id';
          let targets: { relation: Relation | 'none'; id: string }[] = [{ relation: 'none', id: randomUUID() }];
          if (rule?.record && paramNames.includes(idParam)) {
            if (!recordCache.has(policy.subject)) recordCache.set(policy.subject, await recordsFor(policy, actor));
            targets = recordCache.get(policy.subject) ?? [];
          }
          for (const target of targets) {
            const params: Record<string, string> = {};
            for (const p of paramNames)
              params[p] = p === idParam ? target.id : p === 'action' ? ability : (FILLERS[p] ?? 'x');
            const url = route.url.replace(/:([A-Za-z]+)/g, (_, p: string) => encodeURIComponent(params[p] ?? 'x'));
            const want = await expected(actor, route.url, declared, params);
            const res = await env.app.inject({
              method: route.method as 'GET',
              url,
              headers: {
                cookie,
                ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { 'content-type': 'application/json' }),
              },
              ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: '[]' }),
            });
            checked++;
            const body = res.headers['content-type']?.toString().includes('json')
              ? (res.json() as { code?: string; detail?: string })
              : {};
            const what = `${role}@${home} ${route.method} ${route.url} [${ability}] on ${target.relation}: ${res.statusCode} ${body.code ?? ''} ${body.detail ?? ''}`;
            if (want) {
              if (res.statusCode !== want.status || body.code !== want.code || body.detail !== want.detail)
                mismatches.push(`${what} — the policy says ${want.status} ${want.code} ${want.detail}`);
            } else if (
              (res.statusCode === 403 && body.code === 'forbidden') ||
              (res.statusCode === 404 &&
                body.code === 'not_found' &&
                body.detail?.includes('不在本单位的管辖范围内') &&
                target.relation !== 'none')
            ) {
              mismatches.push(`${what} — the policy allows it`);
            }
          }
        }
      }
    }
    expect(mismatches.slice(0, 40)).toEqual([]);
    expect(checked).toBeGreaterThan(500);
  }, 600_000);
});
