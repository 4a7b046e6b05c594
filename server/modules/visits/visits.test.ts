/**
 * 扫码入企 against the real database: the demo's visits carry every flag; recording a visit computes each flag at its
 * boundary (the 3rd city visit over the cap, a complaint exempt and saying why, 10 vs 11 natural days); refusals
 * write nothing; scope (another city 404, a supervisor reads, a legal reviewer may not record); visits are
 * append-only; the enterprise's pages (who came with the certificate checked now, rating once, the USCC-gated
 * history) leak no personal data; ratings reach supervisors only in aggregates of 5; and an on-site inspection
 * result is refused without the inspectors' entry scan for the task and accepted with it.
 */
import { randomUUID } from 'node:crypto';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Visit } from '../../../common/contracts/visits.contract.js';
import { VISIT_FLAGS } from '../../../common/enums.js';
import { hashPassword } from '../../platform/crypto.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { entities, itemClaims, items, officers, orgs, users } from '../../test/tables.js';
import { entityCodes, visits } from './visits.schema.js';

let env: TestEnv;
const cookies: Record<string, string> = {};
const orgId: Record<string, string> = {};
const PASSWORD = 'Visit#Pass2026';
const DAY = 86_400_000;

async function account(
  key: string,
  orgName: string,
  role: 'department_head' | 'officer' | 'supervisor' | 'legal_reviewer',
) {
  const now = env.clock.now();
  await env.database.db.insert(users).values({
    id: randomUUID(),
    username: `visit_${key}`,
    displayName: `入企测试${key}`,
    passwordHash: await hashPassword(PASSWORD),
    orgId: orgId[orgName] as string,
    roles: [role],
    passwordChangedAt: now,
    mustChangePassword: false,
    createdAt: now,
    updatedAt: now,
  });
  cookies[key] = await env.login(`visit_${key}`, PASSWORD);
}

const call = (method: 'GET' | 'POST', url: string, who: string, payload?: object) =>
  env.app.inject({
    method,
    url,
    headers: who ? { cookie: cookies[who] as string } : {},
    ...(payload ? { payload } : {}),
  });

const rows = async <T>(q: ReturnType<typeof sql>) => {
  const r = await env.database.db.execute(q);
  return ((r as unknown as { rows?: T[] }).rows ?? (r as unknown as T[])) as T[];
};

/** Officers of the org with / without a valid enforcement certificate today. */
async function officersOf(org: string, valid: boolean) {
  const today = env.clock.now().toISOString().slice(0, 10);
  return (
    await rows<{
      id: string;
    }>(sql`select o.id from officers o where o.org_id = ${orgId[org]} and ${valid ? sql`` : sql`not`}
      exists (select 1 from certificates c where c.officer_id = o.id and c.kind = 'enforcement'
      and ${valid ? sql`c.status = 'valid' and` : sql``} c.valid_from <= ${today}::date and c.valid_to >= ${today}::date) order by o.id`)
  ).map((r) => r.id);
}

/** A fresh Guangzhou (or Shenzhen) entity with no visits, and its code token (asked for through qr.svg). */
let entitySerial = 0;
async function freshEntity(prefix = '4401', who = 'amr') {
  const [e] = await rows<{ id: string }>(
    sql`select e.id from entities e where e.region_code like ${`${prefix}%`} and not exists (select 1 from visits v where v.entity_id = e.id) order by e.uscc offset ${entitySerial++} limit 1`,
  );
  if (!e) throw new Error('no entity');
  const qr = await call('GET', `/api/v1/entities/${e.id}/qr.svg`, who);
  expect(qr.statusCode, qr.body).toBe(200);
  expect(qr.headers['content-type']).toContain('image/svg+xml');
  const [code] = await env.database.db.select().from(entityCodes).where(eq(entityCodes.entityId, e.id));
  const typed = (await call('GET', `/api/v1/entities/${e.id}/code`, who)).json();
  expect(typed).toEqual({ token: code?.token, url: `http://localhost:3000/e/${code?.token}` });
  return { id: e.id, token: code?.token as string };
}

const visitCount = async () => Number((await env.database.db.select({ n: count() }).from(visits))[0]?.n);
const codes = (v: Visit) => v.flags.map((f) => f.code);

let valid: string[] = [];

beforeAll(async () => {
  env = await createTestEnv();
  for (const r of await env.database.db.select({ id: orgs.id, name: orgs.name }).from(orgs)) orgId[r.name] = r.id;
  await account('amr', '广州市市场监督管理局', 'department_head');
  await account('reviewer', '广州市市场监督管理局', 'legal_reviewer');
  await account('eee', '广州市生态环境局', 'department_head');
  await account('sz', '深圳市市场监督管理局', 'department_head');
  await account('sup', '广州市司法局', 'supervisor');
  await account('gd_sup', '广东省司法厅', 'supervisor');
  valid = await officersOf('广州市市场监督管理局', true);
});
afterAll(() => env.close());

const at = (daysAgo: number) => new Date(env.clock.now().getTime() - daysAgo * DAY).toISOString();

describe('the demo', () => {
  it('has a visit with each flag, listed by flag for the provincial supervisor', async () => {
    for (const flag of VISIT_FLAGS) {
      const res = await call('GET', `/api/v1/visits?flag=${flag}`, 'gd_sup');
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().total, flag).toBeGreaterThan(0);
      expect(res.json().data.every((v: Visit) => codes(v).includes(flag))).toBe(true);
    }
  });
});

describe('recording visits', () => {
  it('a clean referral with two certified officers: no flag, 监督码 address', async () => {
    const e = await freshEntity();
    const res = await call('POST', '/api/v1/visits', 'amr', {
      entityToken: e.token,
      officerIds: valid.slice(0, 2),
      purpose: 'referral',
      startedAt: at(0),
      location: { lat: 23.1, lng: 113.3 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const v: Visit = res.json();
    expect(v.flags).toEqual([]);
    expect(v.capExemption).toMatch(/不计入检查频次/);
    expect(v.publicUrl).toMatch(/\/public\/visits\/[A-Za-z0-9_-]{24}$/);
    expect(v.officers).toHaveLength(2);
  });

  it('no_task and single_officer; uncertified_officer names the officer', async () => {
    const e = await freshEntity();
    const res = await call('POST', '/api/v1/visits', 'amr', {
      entityToken: e.token,
      officerIds: [valid[0]],
      purpose: 'special',
      startedAt: at(0),
    });
    expect(codes(res.json())).toEqual(['no_task', 'single_officer']);
    const [bad] = await officersOf('广州市市场监督管理局', false);
    if (bad) {
      const u = await call('POST', '/api/v1/visits', 'amr', {
        entityToken: e.token,
        officerIds: [valid[0], bad],
        purpose: 'referral',
        startedAt: at(0),
      });
      expect(codes(u.json())).toEqual(['uncertified_officer']);
      const [name] = await env.database.db.select({ n: officers.name }).from(officers).where(eq(officers.id, bad));
      expect(u.json().flags[0].note).toContain(name?.n);
    }
  });

  it('late_backfill after 10 natural days; an offline capture needs its reason', async () => {
    const e = await freshEntity();
    const body = { entityToken: e.token, officerIds: valid.slice(0, 2), purpose: 'referral', capturedOffline: true };
    const before = await visitCount();
    const noReason = await call('POST', '/api/v1/visits', 'amr', { ...body, startedAt: at(11) });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].path).toBe('offlineReason');
    expect(await visitCount()).toBe(before);
    const reason = '地下车间无信号';
    // 10 days before 12:00 Beijing time is on time; 11 days is late
    const noon = new Date(`${env.clock.now().toISOString().slice(0, 10)}T04:00:00Z`).getTime();
    const ten = new Date(noon - 10 * DAY).toISOString();
    const eleven = new Date(noon - 11 * DAY).toISOString();
    const ok = await call('POST', '/api/v1/visits', 'amr', { ...body, offlineReason: reason, startedAt: ten });
    expect(codes(ok.json())).toEqual([]);
    const late = await call('POST', '/api/v1/visits', 'amr', { ...body, offlineReason: reason, startedAt: eleven });
    expect(codes(late.json())).toEqual(['late_backfill']);
    expect(late.json().offlineReason).toBe(reason);
  });

  it('over_cap: the 3rd city-level check in the year; a complaint check is exempt and says why', async () => {
    const e = await freshEntity();
    const special = (days: number) =>
      call('POST', '/api/v1/visits', 'amr', {
        entityToken: e.token,
        officerIds: valid.slice(0, 2),
        purpose: 'special',
        complaintId: randomUUID(),
        startedAt: at(days),
      });
    expect(codes((await special(3)).json())).toEqual([]);
    expect(codes((await special(2)).json())).toEqual([]);
    const third = (await special(1)).json();
    expect(codes(third)).toEqual(['over_cap']);
    expect(third.flags[0].note).toMatch(/第 3 次/);
    const complaint = await call('POST', '/api/v1/visits', 'amr', {
      entityToken: e.token,
      officerIds: valid.slice(0, 2),
      purpose: 'complaint',
      complaintId: randomUUID(),
      startedAt: at(0),
    });
    expect(codes(complaint.json())).toEqual([]);
    expect(complaint.json().capExemption).toMatch(/投诉举报/);
  });

  it('joint_possible: another department visited within 30 days for a similar item (same item or sector line)', async () => {
    const db = env.database.db;
    const pick = async (sector: string, skip = 0) =>
      (
        await db
          .select({ id: items.id })
          .from(items)
          .where(and(eq(items.sector, sector), eq(items.status, 'active')))
          .orderBy(items.baseCode)
          .offset(skip)
          .limit(1)
      )[0]?.id as string;
    const market = await pick('market_regulation');
    const market2 = await pick('market_regulation', 1);
    const ecology = await pick('ecology_environment');
    const eee = await officersOf('广州市生态环境局', true);
    const visit = (who: string, token: string, daysAgo: number, itemId?: string) =>
      call('POST', '/api/v1/visits', who, {
        entityToken: token,
        officerIds: who === 'eee' ? eee.slice(0, 2) : valid.slice(0, 2),
        purpose: 'referral',
        startedAt: at(daysAgo),
        ...(itemId ? { itemId } : {}),
      });
    // the same sector line, another item: similar
    const e = await freshEntity();
    expect((await visit('amr', e.token, 20, market)).statusCode).toBe(201);
    const res = await visit('eee', e.token, 0, market2);
    expect(res.statusCode, res.body).toBe(201);
    expect(codes(res.json())).toEqual(['joint_possible']);
    expect(res.json().flags[0].note).toContain('广州市市场监督管理局');
    expect(res.json().itemId).toBe(market2);
    expect(res.json().itemName).toBeTruthy();
    // another sector line's item, or no item on either side: not similar
    const f = await freshEntity();
    expect((await visit('amr', f.token, 20, market)).statusCode).toBe(201);
    expect(codes((await visit('eee', f.token, 0, ecology)).json())).toEqual([]);
    expect(codes((await visit('eee', f.token, 0)).json())).toEqual([]);
    const g = await freshEntity();
    expect((await visit('amr', g.token, 20)).statusCode).toBe(201);
    expect(codes((await visit('eee', g.token, 0, market)).json())).toEqual([]);
    // the same item, 31 days before: outside the window
    const h = await freshEntity();
    expect((await visit('amr', h.token, 31, market)).statusCode).toBe(201);
    expect(codes((await visit('eee', h.token, 0, market)).json())).toEqual([]);
    // an unknown item is refused
    const bad = await visit('eee', h.token, 0, randomUUID());
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe('itemId');
  });

  it('refusals write nothing: another org’s officer, another city’s entity, an unknown code, a legal reviewer', async () => {
    const e = await freshEntity();
    const before = await visitCount();
    const eee = await officersOf('广州市生态环境局', true);
    const other = await call('POST', '/api/v1/visits', 'amr', {
      entityToken: e.token,
      officerIds: [valid[0], eee[0]],
      purpose: 'referral',
      startedAt: at(0),
    });
    expect(other.statusCode).toBe(422);
    expect(other.json().errors[0].path).toBe('officerIds.1');
    const sz = await officersOf('深圳市市场监督管理局', true);
    const far = await call('POST', '/api/v1/visits', 'sz', {
      entityToken: e.token,
      officerIds: sz.slice(0, 2),
      purpose: 'referral',
      startedAt: at(0),
    });
    expect(far.json().code).toBe('entity_out_of_region');
    const unknown = await call('POST', '/api/v1/visits', 'amr', {
      entityToken: 'x'.repeat(24),
      officerIds: valid.slice(0, 2),
      purpose: 'referral',
      startedAt: at(0),
    });
    expect(unknown.json().code).toBe('unknown_entity_code');
    const reviewer = await call('POST', '/api/v1/visits', 'reviewer', {
      entityToken: e.token,
      officerIds: valid.slice(0, 2),
      purpose: 'referral',
      startedAt: at(0),
    });
    expect(reviewer.statusCode).toBe(403);
    expect(await visitCount()).toBe(before);
  });
});

describe('scope, append-only, entity detail', () => {
  it('another city 404, the city supervisor reads, the entity detail lists the visit', async () => {
    const e = await freshEntity();
    const v: Visit = (
      await call('POST', '/api/v1/visits', 'amr', {
        entityToken: e.token,
        officerIds: valid.slice(0, 2),
        purpose: 'referral',
        startedAt: at(0),
      })
    ).json();
    expect((await call('GET', `/api/v1/visits/${v.id}`, 'sz')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/visits/${v.id}`, 'sup')).statusCode).toBe(200);
    const szList = (await call('GET', '/api/v1/visits?pageSize=200', 'sz')).json();
    expect(szList.data.some((x: Visit) => x.id === v.id)).toBe(false);
    const qr = await call('GET', `/api/v1/visits/${v.id}/qr.svg`, 'amr');
    expect(qr.body).toContain('<svg');
    const detail = (await call('GET', `/api/v1/entities/${e.id}`, 'amr')).json();
    expect(detail.visits[0]).toMatchObject({ id: v.id, purposeLabel: '转办交办', orgName: '广州市市场监督管理局' });
  });

  it('visits are append-only in the database', async () => {
    await expect(env.database.db.update(visits).set({ flags: [] })).rejects.toThrow();
    await expect(env.database.db.delete(visits)).rejects.toThrow();
  });
});

describe('the enterprise’s side', () => {
  let token = '';
  let entity = { id: '', token: '' };
  it('the 监督码 shows who came, with the certificate checked now, and no personal identifiers', async () => {
    entity = await freshEntity();
    const v: Visit = (
      await call('POST', '/api/v1/visits', 'amr', {
        entityToken: entity.token,
        officerIds: valid.slice(0, 2),
        purpose: 'referral',
        startedAt: at(0),
      })
    ).json();
    token = v.publicUrl.split('/').pop() as string;
    const json = await call('GET', `/api/v1/public/visits/${token}`, '');
    expect(json.statusCode, json.body).toBe(200);
    expect(json.json().officers[0]).toMatchObject({ certificateValid: true });
    expect(json.json().officers[0].certificateNumber).toBeTruthy();
    const page = await call('GET', `/public/visits/${token}`, '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('评价本次入企');
    expect(page.body).toContain('/public/complaints/new?visit=');
    const secrets = await env.database.db
      .select({ id: officers.idNumberMasked, phone: officers.phoneMasked })
      .from(officers)
      .where(sql`${officers.id} = any(${sql.param(valid.slice(0, 2))}::uuid[])`);
    const [ent] = await env.database.db
      .select({ rep: entities.legalRepMasked })
      .from(entities)
      .where(eq(entities.id, entity.id));
    for (const s of [...secrets.flatMap((x) => [x.id, x.phone]), ent?.rep]) {
      if (!s) continue;
      expect(page.body).not.toContain(s);
      expect(json.body).not.toContain(s);
    }
    expect(page.body).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  });

  it('rates once (JSON), the page then says so; the form posts multipart', async () => {
    const first = await call('POST', `/api/v1/public/visits/${token}/rating`, '', { score: 4, comment: '规范' });
    expect(first.statusCode, first.body).toBe(201);
    const again = await call('POST', `/api/v1/public/visits/${token}/rating`, '', { score: 1 });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('already_rated');
    expect((await call('GET', `/public/visits/${token}`, '')).body).toContain('已评价');
    const v2: Visit = (
      await call('POST', '/api/v1/visits', 'amr', {
        entityToken: entity.token,
        officerIds: valid.slice(0, 2),
        purpose: 'referral',
        startedAt: at(0),
      })
    ).json();
    const t2 = v2.publicUrl.split('/').pop() as string;
    const boundary = 'zhifaBoundary';
    const form = await env.app.inject({
      method: 'POST',
      url: `/public/visits/${t2}/rating`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="score"\r\n\r\n5\r\n--${boundary}--\r\n`,
    });
    expect(form.statusCode, form.body).toBe(303);
    expect(form.headers.location).toBe(`/public/visits/${t2}?rated=1`);
  });

  it('/e/<token> shows the history only after the right USCC', async () => {
    const blank = await call('GET', `/e/${entity.token}`, '');
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain('统一社会信用代码');
    expect(blank.body).not.toContain('查看与评价');
    const wrong = await call('GET', `/e/${entity.token}?uscc=91440101000000000X`, '');
    expect(wrong.body).toContain('不符');
    const [ent] = await env.database.db
      .select({ uscc: entities.uscc })
      .from(entities)
      .where(eq(entities.id, entity.id));
    const right = await call('GET', `/e/${entity.token}?uscc=${ent?.uscc.toLowerCase()}`, '');
    expect(right.body).toContain('查看与评价');
    const api = await call('GET', `/api/v1/public/entities/${entity.token}/visits?uscc=${ent?.uscc}`, '');
    expect(api.json().visits.length).toBe(2);
    expect((await call('GET', `/api/v1/public/entities/${entity.token}/visits?uscc=X`, '')).statusCode).toBe(403);
  });

  it('supervisors see ratings per org only from 5; staff never', async () => {
    const res = await call('GET', '/api/v1/visits/ratings', 'sup');
    expect(res.statusCode, res.body).toBe(200);
    const amr = res.json().data.find((r: { orgName: string }) => r.orgName === '广州市市场监督管理局');
    expect(amr.count).toBeGreaterThanOrEqual(5);
    expect(res.json().minimum).toBe(5);
    expect(JSON.stringify(res.json())).not.toContain('规范');
    expect((await call('GET', '/api/v1/visits/ratings', 'amr')).statusCode).toBe(403);
  });
});

describe('an on-site inspection result needs the entry scan', () => {
  it('refuses on_site without the inspectors’ scan for the task (entry_scan_missing), accepts it with', async () => {
    const db = env.database.db;
    const amr = orgId['广州市市场监督管理局'] as string;
    let [item] = await db
      .select({ id: items.id })
      .from(items)
      .innerJoin(itemClaims, eq(itemClaims.itemId, items.id))
      .where(and(eq(items.type, 'inspection'), eq(itemClaims.orgId, amr)))
      .limit(1);
    if (!item) {
      [item] = await db.select({ id: items.id }).from(items).where(eq(items.type, 'inspection')).limit(1);
      await db.insert(itemClaims).values({ itemId: item?.id as string, orgId: amr, claimedAt: env.clock.now() });
    }
    const year = env.clock.now().toISOString().slice(0, 4);
    const plan = await call('POST', '/api/v1/inspection-plans', 'amr', {
      year: Number(year),
      name: '入企扫码测试计划',
      orgIds: [amr],
      itemIds: [item?.id],
      targetFilter: { regionCodes: ['440100'], sectors: [], kinds: [] },
      ratios: { A: 0.01, B: 0.01, C: 0.01, D: 0.01 },
      inspectorsPerTarget: 2,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    await call('POST', `/api/v1/inspection-plans/${plan.json().id}/publish`, 'amr');
    const task = await call('POST', '/api/v1/inspection-tasks', 'amr', {
      planId: plan.json().id,
      name: '扫码测试批次',
      deadline: `${year}-12-31`,
    });
    const taskId = task.json().id;
    await call('POST', `/api/v1/inspection-tasks/${taskId}/commit`, 'amr');
    const drawn = await call('POST', `/api/v1/inspection-tasks/${taskId}/draw`, 'amr', { publicSeed: '2 7 1 8' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const target = drawn.json().targets.find((t: { unfilled: boolean }) => !t.unfilled);
    const inspectorIds = target.inspectors.map((i: { officerId: string }) => i.officerId);
    const result = () =>
      call('POST', `/api/v1/inspection-tasks/${taskId}/targets/${target.entityId}/result`, 'amr', {
        inspectedAt: env.clock.now().toISOString(),
        mode: 'on_site',
        inspectorIds,
        outcome: 'no_issue',
        findings: '现场检查未发现问题',
      });
    const refused = await result();
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe('entry_scan_missing');
    await call('GET', `/api/v1/entities/${target.entityId}/qr.svg`, 'amr');
    const [code] = await db.select().from(entityCodes).where(eq(entityCodes.entityId, target.entityId));
    const scan = await call('POST', '/api/v1/visits', 'amr', {
      entityToken: code?.token,
      officerIds: inspectorIds,
      purpose: 'random_inspection',
      taskId,
      startedAt: at(0),
    });
    expect(scan.statusCode, scan.body).toBe(201);
    expect(codes(scan.json()).filter((c) => c === 'no_task')).toEqual([]);
    expect(scan.json().taskName).toBe('扫码测试批次');
    expect(scan.json().itemId).toBe(item?.id);
    const accepted = await result();
    expect(accepted.statusCode, accepted.body).toBe(200);
  });
});
