/**
 * 双随机、一公开 through the service, rule by rule at its boundary: the inspector pool by certificate validity on the
 * draw date (valid to that day / from that day in, to the day before / from the day after out), a declared conflict
 * excluding the officer for that entity only, the previous task's pairs of the same plan, one inspector per
 * department of a joint task; results (rectify → follow-up, case_opened → a case with source inspection in the same
 * transaction, publishBy across the Spring Festival, the late list), publish and close; `zhifa verify` and
 * `zhifa redraw` (exit 0, exit 2 on a tampered result); the whole draw re-run from the public JSON alone.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionTask, PublicTaskDraw } from '../../../common/contracts/inspections.contract.js';
import { cmp, isUsccShape, normalizeParams, populationHash, verifyDraw } from '../../../common/draw.js';
import { drawHash } from './draw.service.js';
import { matchesFilter } from './inspections.rules.js';
import { queryRows } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { TEST_SECRET_KEY } from '../../test/fixtures.js';
import { parseSecretKey } from '../../config.js';
import { runVerify } from '../../verify.js';
import { cases } from '../cases/cases.api.js';
import { inspectionAssignments, inspectionFollowUps, inspectionPool, inspectionResults } from './inspections.schema.js';
import { inspectionKit } from './inspections.testkit.js';
import { publicEntityName } from './public.service.js';
import { runRedraw } from './redraw.js';

let env: TestEnv;
const kit = inspectionKit(() => env);
const { orgId, call } = kit;
const AMR = '广州市市场监督管理局';
const EEE = '广州市生态环境局';
const REGION = '440106002';

const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The enforcement-certified officers of an org: id and certificate id. */
async function certified(org: string) {
  return queryRows<{ officer_id: string; cert_id: string }>(
    env.database.db,
    sql`select o.id as officer_id, c.id as cert_id from officers o join certificates c on c.officer_id = o.id
        where o.org_id = ${orgId[org]} and c.kind = 'enforcement' order by o.id, c.number`,
  );
}

const setCert = (certId: string, validFrom: string, validTo: string) =>
  env.database.db.execute(
    sql`update certificates set status = 'valid', valid_from = ${validFrom}::date, valid_to = ${validTo}::date where id = ${certId}`,
  );

let today = '';
const keep: string[] = []; // the four AMR officers in the pool
const out: string[] = []; // two AMR officers just outside it
let planId = '';

async function newPlan(name: string, orgNames: string[], ratios: Record<string, number>) {
  const year = Number(today.slice(0, 4));
  const res = await call('POST', '/api/v1/inspection-plans', 'amr', {
    year,
    name,
    orgIds: orgNames.map((n) => orgId[n]),
    itemIds: [await kit.claimedItem(AMR)],
    targetFilter: { regionCodes: [REGION], sectors: [], kinds: [] },
    ratios,
    inspectorsPerTarget: 2,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await call('POST', `/api/v1/inspection-plans/${id}/publish`, 'amr')).statusCode).toBe(200);
  return id;
}

async function drawnTask(plan: string, name: string, publicSeed: string): Promise<InspectionTask> {
  env.clock.advance(60_000); // tasks are drawn one after another (the previous task: drawn before this commit)
  const created = await call('POST', '/api/v1/inspection-tasks', 'amr', { planId: plan, name, deadline: '2030-12-31' });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const commit = await call('POST', `/api/v1/inspection-tasks/${id}/commit`, 'amr');
  expect(commit.statusCode, commit.body).toBe(200);
  const drawn = await call('POST', `/api/v1/inspection-tasks/${id}/draw`, 'amr', { publicSeed });
  expect(drawn.statusCode, drawn.body).toBe(200);
  return drawn.json();
}

const ALL = { A: 1, B: 1, C: 1, D: 1 };
const inspectorsOf = (t: InspectionTask, entityId: string) =>
  (t.targets.find((x) => x.entityId === entityId)?.inspectors ?? []).map((i) => i.officerId);

beforeAll(async () => {
  env = await createTestEnv();
  await kit.loadOrgs();
  await kit.account('amr', AMR, 'department_head');
  await kit.account('amr_officer', AMR, 'officer');
  await kit.account('sup', '广州市司法局', 'supervisor');
  today = shanghaiDate(env.clock.now());
  // the AMR pool: exactly four officers; valid to today and valid from today are in, to yesterday / from tomorrow out
  const amr = await certified(AMR);
  const officers = [...new Set(amr.map((r) => r.officer_id))];
  if (officers.length < 6) throw new Error('the seed has fewer than 6 certified AMR officers');
  await env.database.db.execute(
    sql`update certificates set valid_to = ${addDays(today, -1)}::date where kind = 'enforcement' and officer_id in (select id from officers where org_id = ${orgId[AMR]})`,
  );
  const certOf = (o: string) => amr.find((r) => r.officer_id === o)?.cert_id as string;
  keep.push(...officers.slice(0, 4));
  out.push(...officers.slice(4, 6));
  await setCert(certOf(keep[0] as string), '2020-01-01', '2030-12-31');
  await setCert(certOf(keep[1] as string), '2020-01-01', '2030-12-31');
  await setCert(certOf(keep[2] as string), '2020-01-01', today);
  await setCert(certOf(keep[3] as string), today, '2030-12-31');
  await setCert(certOf(out[0] as string), '2020-01-01', addDays(today, -1));
  await setCert(certOf(out[1] as string), addDays(today, 1), '2030-12-31');
});
afterAll(() => env.close());

describe('the inspector rules at their boundaries', () => {
  let first: InspectionTask;
  let conflicted = '';

  it('a declared conflict: 201, twice 409 conflict_exists, an unknown entity 422 unknown_entity', async () => {
    planId = await newPlan('天河区某街道全量抽查', [AMR], ALL);
    const [e] = await queryRows<{ id: string }>(
      env.database.db,
      sql`select id from entities where region_code = ${REGION} and status = 'active' order by uscc limit 1`,
    );
    conflicted = e?.id as string;
    const url = `/api/v1/officers/${keep[0]}/conflicts`;
    const body = { entityId: conflicted, reason: '配偶在该单位任职' };
    expect((await call('POST', url, 'amr_officer', body)).statusCode).toBe(201);
    const twice = await call('POST', url, 'amr_officer', body);
    expect([twice.statusCode, twice.json().code]).toEqual([409, 'conflict_exists']);
    const unknown = await call('POST', url, 'amr_officer', { ...body, entityId: keep[0] });
    expect([unknown.statusCode, unknown.json().code]).toEqual([422, 'unknown_entity']);
  });

  it('the list carries what the caller may do: staff of the org declare, a supervisor only reads', async () => {
    const own = await call('GET', `/api/v1/officers/${keep[0]}/conflicts`, 'amr_officer');
    expect(own.json().abilities).toContain('declare');
    expect(own.json().data).toHaveLength(1);
    const sup = await call('GET', `/api/v1/officers/${keep[0]}/conflicts`, 'sup');
    expect(sup.statusCode).toBe(200);
    expect(sup.json().abilities).not.toContain('declare');
  });

  it('the pool is the officers certified on the draw date: the last and first valid day in, the days beside out', async () => {
    first = await drawnTask(planId, '第一批', '6 6 2 1');
    const pool = await env.database.db
      .select({ id: inspectionPool.officerId })
      .from(inspectionPool)
      .where(eq(inspectionPool.taskId, first.id));
    expect(pool.map((p) => p.id).sort()).toEqual([...keep].sort());
    expect(first.commitment?.poolSize).toBe(4);
    expect(first.commitment?.drawDate).toBe(today);
  });

  it('the conflict excludes that officer for that entity only', () => {
    expect(first.targets.some((t) => t.entityId === conflicted)).toBe(true);
    expect(inspectorsOf(first, conflicted)).not.toContain(keep[0]);
    expect(inspectorsOf(first, conflicted)).toHaveLength(2);
    expect(
      first.targets.some(
        (t) => t.entityId !== conflicted && inspectorsOf(first, t.entityId).includes(keep[0] as string),
      ),
    ).toBe(true);
  });

  it('the next task of the same plan sends nobody back to an entity they inspected; with the conflict, 4 − 2 − 1 leaves it unfilled', async () => {
    const second = await drawnTask(planId, '第二批', '1 2 3 4');
    for (const t of second.targets) {
      const before = inspectorsOf(first, t.entityId);
      for (const o of inspectorsOf(second, t.entityId)) expect(before).not.toContain(o);
    }
    const target = second.targets.find((t) => t.entityId === conflicted);
    expect(target?.unfilled).toBeTruthy();
    // pool 4, previous 2 out: exactly the other 2 (a full target) wherever no conflict applies
    const full = second.targets.filter((t) => !t.unfilled);
    expect(full.length).toBe(second.targets.length - 1);
  });

  it('a joint task: at least one inspector of each department on every filled target', async () => {
    const joint = await newPlan('市场监管与生态环境联合抽查', [AMR, EEE], { A: 0.1, B: 0.1, C: 0.1, D: 0.1 });
    const task = await drawnTask(joint, '联合第一批', '9 9 9');
    const filled = task.targets.filter((t) => !t.unfilled);
    expect(filled.length).toBeGreaterThan(0);
    for (const t of filled) {
      expect(new Set(t.inspectors.map((i) => i.orgId))).toEqual(new Set([orgId[AMR], orgId[EEE]]));
    }
  });

  it('the whole draw re-runs from the public JSON alone (through JSON text, as a browser gets it)', async () => {
    const text = (await call('GET', `/api/v1/public/inspection-tasks/${first.id}/draw`, '')).body;
    const pub: PublicTaskDraw = JSON.parse(text);
    const v = verifyDraw(pub.record, {
      committed: {
        seedCommitment: pub.seedCommitment ?? '',
        populationHash: pub.populationHash ?? '',
        poolHash: pub.poolHash ?? '',
      },
    });
    expect(v.verdict).toBe('一致');
    expect(text).not.toMatch(/legalRep|idNumber|"name":"抽查测试/);
    const changed = JSON.parse(text) as PublicTaskDraw;
    const t0 = changed.record?.targets[0];
    if (t0) t0.pick += 1;
    expect(verifyDraw(changed.record, {}).verdict).toBe('不一致');
  });
});

describe('results, follow-ups, cases, publication and closing', () => {
  let task: InspectionTask;
  const target = (i: number) => {
    const t = task.targets.filter((x) => !x.unfilled)[i];
    if (!t) throw new Error(`no filled target ${i}`);
    return t;
  };
  const result = (i: number, extra: object) =>
    call('POST', `/api/v1/inspection-tasks/${task.id}/targets/${target(i).entityId}/result`, 'amr', {
      inspectedAt: new Date('2026-02-10T02:00:00Z').toISOString(),
      mode: 'desk',
      inspectorIds: target(i).inspectors.map((x) => x.officerId),
      findings: '经检查',
      ...extra,
    });

  it('a task with four targets (one per class)', async () => {
    const plan = await newPlan('小样本抽查', [AMR], { A: 0.000001, B: 0.000001, C: 0.000001, D: 0.000001 });
    task = await drawnTask(plan, '小样本', '5 5 5');
    expect(task.targets.filter((t) => !t.unfilled).length).toBeGreaterThanOrEqual(3);
  });

  it('no_issue: publishBy is 20 working days on, across the Spring Festival (2026-02-10 → 2026-03-16)', async () => {
    const res = await result(0, { outcome: 'no_issue' });
    expect(res.statusCode, res.body).toBe(200);
    const r = (res.json() as InspectionTask).targets.find((t) => t.entityId === target(0).entityId)?.results[0];
    expect(r?.publishBy).toBe('2026-03-16');
    expect(r?.late).toBe(false);
  });

  it('rectify: needs rectifyBy; creates the follow-up, due after it; a follow-up before then is refused', async () => {
    const missing = await result(1, { outcome: 'rectify' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toContain('rectifyBy');
    const res = await result(1, { outcome: 'rectify', rectifyBy: '2026-02-27' });
    expect(res.statusCode, res.body).toBe(200);
    const list = await call('GET', '/api/v1/inspection-follow-ups?status=open', 'amr');
    expect(list.statusCode).toBe(200);
    const fu = list.json().data.find((f: { entityId: string }) => f.entityId === target(1).entityId);
    expect(fu).toMatchObject({ taskId: task.id, dueFrom: '2026-02-27', status: 'open', resultId: null });
    const early = await result(1, { outcome: 'no_issue', inspectedAt: '2026-02-26T02:00:00Z' });
    expect([early.statusCode, early.json().code]).toEqual([422, 'follow_up_early']);
    const done = await result(1, { outcome: 'no_issue', inspectedAt: '2026-02-27T02:00:00Z' });
    expect(done.statusCode, done.body).toBe(200);
    const [row] = await env.database.db
      .select()
      .from(inspectionFollowUps)
      .where(and(eq(inspectionFollowUps.taskId, task.id), eq(inspectionFollowUps.entityId, target(1).entityId)));
    expect(row?.status).toBe('done');
    expect(row?.followUpResultId).toBeTruthy();
  });

  it('case_opened: needs caseItemId; registers a case with source inspection, linked both ways', async () => {
    const missing = await result(2, { outcome: 'case_opened' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors.map((e: { path: string }) => e.path)).toContain('caseItemId');
    const before = (await env.database.db.select({ id: cases.id }).from(cases)).length;
    // a refusal of the case (not a penalty item) leaves neither a case nor a result
    const wrong = await result(2, { outcome: 'case_opened', caseItemId: await kit.claimedItem(AMR) });
    expect([wrong.statusCode, wrong.json().code]).toEqual([422, 'not_penalty_item']);
    expect((await env.database.db.select({ id: cases.id }).from(cases)).length).toBe(before);
    const res = await result(2, { outcome: 'case_opened', caseItemId: await kit.claimedItem(AMR, 'penalty') });
    expect(res.statusCode, res.body).toBe(200);
    const r = (res.json() as InspectionTask).targets.find((t) => t.entityId === target(2).entityId)?.results[0];
    expect(r?.caseId).toBeTruthy();
    const [c] = await env.database.db
      .select()
      .from(cases)
      .where(eq(cases.id, r?.caseId as string));
    expect(c?.source).toBe('inspection');
    expect(c?.partyUscc).toBe(target(2).uscc);
    // and back: the case's inspection result
    const back = await env.database.db
      .select({ taskId: inspectionResults.taskId, entityId: inspectionResults.entityId })
      .from(inspectionResults)
      .where(eq(inspectionResults.caseId, c?.id as string));
    expect(back).toEqual([{ taskId: task.id, entityId: target(2).entityId }]);
  });

  it('late results: unpublished past publishBy, in working days; heads and supervisors see them, officers 403', async () => {
    const late = task.targets.filter((x) => !x.unfilled)[3];
    if (late) {
      const res = await call('POST', `/api/v1/inspection-tasks/${task.id}/targets/${late.entityId}/result`, 'amr', {
        inspectedAt: '2026-01-05T02:00:00Z',
        mode: 'desk',
        inspectorIds: late.inspectors.map((x) => x.officerId),
        findings: '经检查未发现问题',
        outcome: 'no_issue',
      });
      expect(res.statusCode, res.body).toBe(200);
      const list = await call('GET', '/api/v1/inspection-tasks/late-results', 'sup');
      expect(list.statusCode).toBe(200);
      const item = list.json().data.find((x: { entityId: string }) => x.entityId === late.entityId);
      // publishBy 2026-02-02; today 2026-03-02: 16 working days late (10 before the festival, 6 after)
      expect(item).toMatchObject({ taskId: task.id, publishBy: '2026-02-02', workingDaysLate: 16 });
      expect(list.json().data.some((x: { entityId: string }) => x.entityId === target(0).entityId)).toBe(false);
    }
    expect((await call('GET', '/api/v1/inspection-tasks/late-results', 'amr')).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/inspection-tasks/late-results', 'amr_officer')).statusCode).toBe(403);
  });

  it('close is refused while results are pending; publish, then close', async () => {
    const early = await call('POST', `/api/v1/inspection-tasks/${task.id}/close`, 'amr');
    expect([early.statusCode, early.json().code]).toEqual([409, 'results_pending']);
    for (const [i, t] of task.targets.entries()) {
      if (i < 4 && !t.unfilled) continue;
      const inspectorIds = t.unfilled ? keep.slice(0, 2) : t.inspectors.map((x) => x.officerId);
      const res = await call('POST', `/api/v1/inspection-tasks/${task.id}/targets/${t.entityId}/result`, 'amr', {
        inspectedAt: '2026-02-26T02:00:00Z',
        mode: 'desk',
        inspectorIds,
        findings: '未找到该单位',
        outcome: 'not_found',
        ...(t.unfilled ? { substitutionReason: '抽取时人员不足，由本局指派' } : {}),
      });
      expect(res.statusCode, res.body).toBe(200);
    }
    const pub = await call('POST', `/api/v1/inspection-tasks/${task.id}/publish-results`, 'amr');
    expect(pub.statusCode, pub.body).toBe(200);
    expect((pub.json() as InspectionTask).publishedCount).toBeGreaterThanOrEqual(4);
    const again = await call('POST', `/api/v1/inspection-tasks/${task.id}/publish-results`, 'amr');
    expect([again.statusCode, again.json().code]).toEqual([409, 'nothing_to_publish']);
    const late = await call('GET', '/api/v1/inspection-tasks/late-results', 'sup');
    expect(late.json().data.some((x: { taskId: string }) => x.taskId === task.id)).toBe(false);
    const closed = await call('POST', `/api/v1/inspection-tasks/${task.id}/close`, 'amr');
    expect(closed.statusCode, closed.body).toBe(200);
    expect((closed.json() as InspectionTask).state).toBe('closed');
    const after = await result(0, { outcome: 'no_issue' });
    expect(after.statusCode).toBe(409);
  });
});

const lines = () => {
  const info: string[] = [];
  const error: string[] = [];
  return { info, error, out: { info: (l: string) => info.push(l), error: (l: string) => error.push(l) } };
};

describe('the CLI', () => {
  it('zhifa verify passes over the inspection records', async () => {
    await env.sequencer.tick();
    const o = lines();
    const code = await runVerify(env.database.db, parseSecretKey(TEST_SECRET_KEY), o.out);
    expect(o.error).toEqual([]);
    expect(code).toBe(0);
    expect(o.info.join('\n')).toMatch(/全过程记录哈希链完整：共校验 [1-9]\d* 个抽查任务/);
  });

  it('zhifa redraw: exit 0, then 2 once a stored inspector is changed', async () => {
    const [t] = await queryRows<{ id: string }>(
      env.database.db,
      sql`select id from inspection_tasks where plan_id = ${planId} order by created_at limit 1`,
    );
    const taskId = t?.id as string;
    const ok = lines();
    expect(await runRedraw(env.database.db, taskId, ok.out)).toBe(0);
    expect(ok.info[0]).toMatch(/^一致/);
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      const [a] = await tx
        .select()
        .from(inspectionAssignments)
        .where(and(eq(inspectionAssignments.taskId, taskId), eq(inspectionAssignments.position, 1)))
        .limit(1);
      const taken = await tx
        .select({ id: inspectionAssignments.officerId })
        .from(inspectionAssignments)
        .where(
          and(eq(inspectionAssignments.taskId, taskId), eq(inspectionAssignments.entityId, a?.entityId as string)),
        );
      const other = keep.find((k) => !taken.some((x) => x.id === k)) as string;
      const [p] = await tx
        .select({ cert: inspectionPool.certificateNumber })
        .from(inspectionPool)
        .where(and(eq(inspectionPool.taskId, taskId), inArray(inspectionPool.officerId, [other])));
      await tx
        .update(inspectionAssignments)
        .set({ officerId: other, certificateNumber: p?.cert as string })
        .where(
          and(
            eq(inspectionAssignments.taskId, taskId),
            eq(inspectionAssignments.entityId, a?.entityId as string),
            eq(inspectionAssignments.position, 1),
          ),
        );
    });
    const bad = lines();
    expect(await runRedraw(env.database.db, taskId, bad.out)).toBe(2);
    expect(bad.error[0]).toMatch(/^不一致/);
  });
});

describe('the public pages (/public/inspections)', () => {
  it('lists published plans with their tasks; the task page shows the commitment, seeds, targets and outcomes', async () => {
    const list = await call('GET', '/public/inspections', '');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('text/html');
    expect(list.body).toContain('天河区某街道全量抽查');
    // the demo (inspections.demo.ts): a joint plan, one task drawn with published results, one committed only
    expect(list.body).toContain('年度市场监管与生态环境联合双随机抽查计划');
    expect(list.body).toContain('第二批次联合抽查</a>（已承诺待抽取）');
    const [demo] = await queryRows<{ id: string }>(
      env.database.db,
      sql`select id from inspection_tasks where name = '第一批次联合抽查'`,
    );
    const demoPage = await call('GET', `/public/inspections/tasks/${demo?.id}`, '');
    for (const label of ['未发现问题', '发现问题，已责令整改', '发现问题，已立案查处'])
      expect(demoPage.body).toContain(label);
    expect(await runRedraw(env.database.db, demo?.id as string, lines().out)).toBe(0);
    expect(list.body).toContain('aria-current="page"');
    const [t] = await queryRows<{ id: string; seed_commitment: string; server_seed: string }>(
      env.database.db,
      sql`select id, seed_commitment, server_seed from inspection_tasks where plan_id = ${planId} order by created_at limit 1`,
    );
    expect(list.body).toContain(`/public/inspections/tasks/${t?.id}`);
    const page = await call('GET', `/public/inspections/tasks/${t?.id}`, '');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(t?.seed_commitment);
    expect(page.body).toContain(t?.server_seed);
    expect(page.body).toContain('/assets/redraw.js');
    expect(page.body).toContain('data-testid="public-targets"');
    // the officers appear by certificate number only; no legal representative, no findings
    const [officer] = await queryRows<{ name: string }>(
      env.database.db,
      sql`select name from officers where id = ${keep[1]}`,
    );
    expect(page.body).not.toContain(officer?.name);
    const [rep] = await queryRows<{ legal_rep_masked: string }>(
      env.database.db,
      sql`select legal_rep_masked from entities where region_code = ${REGION} limit 1`,
    );
    expect(page.body).not.toContain(rep?.legal_rep_masked);
    expect(page.body).not.toContain('经检查');
  });

  it('a committed task shows its commitment before the seeds; an unknown task or an unpublished plan is 404', async () => {
    const created = await call('POST', '/api/v1/inspection-tasks', 'amr', {
      planId,
      name: '第三批',
      deadline: '2030-12-31',
    });
    const id = created.json().id as string;
    const draft = await call('GET', `/public/inspections/tasks/${id}`, '');
    expect(draft.body).toContain('尚未冻结名录');
    await call('POST', `/api/v1/inspection-tasks/${id}/commit`, 'amr');
    const committed = await call('GET', `/public/inspections/tasks/${id}`, '');
    expect(committed.body).toContain('已公布承诺，等待公开抽取');
    expect(committed.body).toMatch(/data-testid="seed-commitment">[0-9a-f]{64}</);
    expect(committed.body).not.toContain('/assets/redraw.js');
    const unknown = await call('GET', '/public/inspections/tasks/00000000-0000-4000-8000-000000000000', '');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('抽查任务不存在');
  });

  it('an individual business named like a person is masked', () => {
    expect(publicEntityName('individual_business', '张小三')).toBe('张*三');
    expect(publicEntityName('individual_business', '广州市华丰餐饮店')).toBe('广州市华丰餐饮店');
    expect(publicEntityName('enterprise', '王伟')).toBe('王伟');
  });
});

describe('the frozen population', () => {
  it('is what the filter rule admits (region subtree, sectors, kinds, active, USCC shape), sorted by USCC', async () => {
    const db = env.database.db;
    const [sample] = await queryRows<{ id: string; uscc: string; sector: string }>(
      db,
      sql`select id, uscc, sectors[1] as sector from entities where region_code like '4401%' and status = 'active'
            and kind = 'enterprise' and cardinality(sectors) > 0 order by uscc limit 1`,
    );
    const sector = sample?.sector as string;
    // a copy of it whose USCC is not of the draw's shape (an I), and one with a lower-case letter: both left out
    for (const uscc of [`${sample?.uscc.slice(0, 17)}I`, `${sample?.uscc.slice(0, 16)}aa`]) {
      await db.execute(sql`insert into entities select gen_random_uuid(), ${uscc}, uscc_check_valid, name, kind,
        region_code, sectors, address, legal_rep_sealed, legal_rep_hash, legal_rep_masked, risk_class, credit_class,
        status, created_at, updated_at, created_by, updated_by from entities where id = ${sample?.id}`);
    }
    const filter = { regionCodes: ['440100'], sectors: [sector], kinds: ['enterprise'] };
    const year = Number(today.slice(0, 4));
    const res = await call('POST', '/api/v1/inspection-plans', 'amr', {
      year,
      name: '按行业与类型筛选',
      orgIds: [orgId[AMR]],
      itemIds: [await kit.claimedItem(AMR)],
      targetFilter: filter,
      ratios: { A: 0.5, B: 0.5, C: 0.5, D: 0.5 },
      inspectorsPerTarget: 2,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    });
    expect(res.statusCode, res.body).toBe(201);
    const plan = res.json().id as string;
    await call('POST', `/api/v1/inspection-plans/${plan}/publish`, 'amr');
    const created = await call('POST', '/api/v1/inspection-tasks', 'amr', {
      planId: plan,
      name: '筛选',
      deadline: '2030-12-31',
    });
    const id = created.json().id as string;
    const commit = await call('POST', `/api/v1/inspection-tasks/${id}/commit`, 'amr');
    expect(commit.statusCode, commit.body).toBe(200);

    const all = await queryRows<{
      id: string;
      uscc: string;
      region_code: string;
      sectors: string[];
      kind: string;
      status: string;
      risk_class: string;
    }>(db, sql`select id, uscc, region_code, sectors, kind, status, risk_class from entities`);
    const expected = all
      .filter((e) => matchesFilter(filter, { ...e, regionCode: e.region_code }) && isUsccShape(e.uscc))
      .sort((a, b) => cmp(a.uscc, b.uscc));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.filter((e) => e.region_code.startsWith('4401')).length);
    const frozen = await queryRows<{ chunk: number; entries: string; entity_ids: string[] }>(
      db,
      sql`select chunk, entries, entity_ids from inspection_population_chunks where task_id = ${id} order by chunk`,
    );
    expect(frozen).toEqual([
      {
        chunk: 0,
        entries: expected.map((e) => `${e.uscc}${e.risk_class}`).join(''),
        entity_ids: expected.map((e) => e.id),
      },
    ]);
    // the streamed hash is populationHash of that list
    const norm = normalizeParams({
      population: expected.map((e) => ({ uscc: e.uscc, riskClass: e.risk_class as 'A' })),
      ratios: { A: 0.5, B: 0.5, C: 0.5, D: 0.5 },
      pool: [],
      inspectorsPerTarget: 2,
      departments: [orgId[AMR] as string],
      conflicts: [],
      previousPairs: [],
    });
    const view = await call('GET', `/api/v1/inspection-tasks/${id}`, 'amr');
    expect(view.json().commitment.populationHash).toBe(populationHash(norm, drawHash));
    expect(view.json().commitment.populationSize).toBe(expected.length);
    const drawn = await call('POST', `/api/v1/inspection-tasks/${id}/draw`, 'amr', { publicSeed: '筛选 42' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const targets = (drawn.json() as InspectionTask).targets;
    const byUscc = new Map(expected.map((e) => [e.uscc, e.id]));
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(t.entityId).toBe(byUscc.get(t.uscc));
    const lines: string[] = [];
    expect(await runRedraw(db, id, { info: (l) => lines.push(l), error: (l) => lines.push(l) })).toBe(0);
  });
});
