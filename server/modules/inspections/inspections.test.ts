/**
 * 双随机、一公开 against the real database: a joint plan of two Guangzhou departments, a task committed before the
 * seed is known (draw before commit 409, commit twice 409), drawn, re-run from the public JSON alone; results with
 * publishBy on the working-day calendar, substitution needing a reason; scope (another city 404, wrong role 403);
 * nothing written by a refusal; zhifa redraw exit code 2 on a tampered stored result.
 */
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionTask, PublicTaskDraw } from '../../../common/contracts/inspections.contract.js';
import { verifyDraw } from '../../../common/draw.js';
import { WorkdayCalendar } from '../../platform/workdays.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { inspectionAssignments, inspectionResults, inspectionTasks } from './inspections.schema.js';
import { resultPublishBy } from './inspections.rules.js';
import { inspectionKit } from './inspections.testkit.js';
import { redraw } from './redraw.js';

let env: TestEnv;
const kit = inspectionKit(() => env);
const { orgId, call } = kit;

const taskCount = async () => Number((await env.database.db.select({ n: count() }).from(inspectionTasks))[0]?.n);

let planId = '';
let taskId = '';

beforeAll(async () => {
  env = await createTestEnv();
  await kit.loadOrgs();
  await kit.account('amr', '广州市市场监督管理局', 'department_head');
  await kit.account('amr_officer', '广州市市场监督管理局', 'officer');
  await kit.account('eee', '广州市生态环境局', 'department_head');
  await kit.account('sz', '深圳市市场监督管理局', 'department_head');
  await kit.account('sup', '广州市司法局', 'supervisor');
});
afterAll(() => env.close());

describe('a joint plan, a committed and drawn task', () => {
  it('creates and publishes a joint plan; inspectorsPerTarget 1 is refused', async () => {
    const body = {
      year: Number(env.clock.now().toISOString().slice(0, 4)),
      name: '2026 年度市场监管与生态环境联合抽查',
      orgIds: [orgId['广州市市场监督管理局'], orgId['广州市生态环境局']],
      itemIds: [await kit.claimedItem('广州市市场监督管理局')],
      targetFilter: { regionCodes: ['440100'], sectors: [], kinds: [] },
      ratios: { A: 0.01, B: 0.02, C: 0.05, D: 0.1 },
      inspectorsPerTarget: 2,
      from: `${env.clock.now().toISOString().slice(0, 4)}-01-01`,
      to: `${env.clock.now().toISOString().slice(0, 4)}-12-31`,
    };
    const bad = await call('POST', '/api/v1/inspection-plans', 'amr', { ...body, inspectorsPerTarget: 1 });
    expect(bad.statusCode).toBe(400);
    const officer = await call('POST', '/api/v1/inspection-plans', 'amr_officer', body);
    expect(officer.statusCode).toBe(403);
    const res = await call('POST', '/api/v1/inspection-plans', 'amr', body);
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().id;
    expect(res.json().joint).toBe(true);
    const tasksBefore = await taskCount();
    const early = await call('POST', '/api/v1/inspection-tasks', 'amr', {
      planId,
      name: '第一批',
      deadline: '2030-12-31',
    });
    expect(early.statusCode).toBe(409);
    expect(await taskCount()).toBe(tasksBefore);
    const pub = await call('POST', `/api/v1/inspection-plans/${planId}/publish`, 'amr');
    expect(pub.statusCode, pub.body).toBe(200);
    expect(pub.json().status).toBe('published');
  });

  it('commits before the seed is known: draw before commit 409, commit twice 409', async () => {
    const res = await call('POST', '/api/v1/inspection-tasks', 'amr', {
      planId,
      name: '第一批',
      deadline: '2030-12-31',
    });
    expect(res.statusCode, res.body).toBe(201);
    taskId = res.json().id;
    const early = await call('POST', `/api/v1/inspection-tasks/${taskId}/draw`, 'amr', { publicSeed: '3 1 4 1' });
    expect(early.statusCode).toBe(409);
    const before = await call('GET', `/api/v1/public/inspection-tasks/${taskId}/draw`, '');
    expect(before.json().seedCommitment).toBeNull();
    const commit = await call('POST', `/api/v1/inspection-tasks/${taskId}/commit`, 'amr');
    expect(commit.statusCode, commit.body).toBe(200);
    const task: InspectionTask = commit.json();
    expect(task.state).toBe('committed');
    expect(task.commitment?.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(task.commitment?.populationSize).toBeGreaterThan(0);
    expect(task.commitment?.poolSize).toBeGreaterThan(0);
    const pub: PublicTaskDraw = (await call('GET', `/api/v1/public/inspection-tasks/${taskId}/draw`, '')).json();
    expect(pub.seedCommitment).toBe(task.commitment?.seedCommitment);
    expect(pub.record).toBeNull();
    expect(JSON.stringify(pub)).not.toContain('serverSeed":"');
    const again = await call('POST', `/api/v1/inspection-tasks/${taskId}/commit`, 'amr');
    expect(again.statusCode).toBe(409);
  });

  it('scope: another city 404, a supervisor of the city reads, an officer may not draw (403)', async () => {
    expect((await call('GET', `/api/v1/inspection-tasks/${taskId}`, 'sz')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/inspection-tasks/${taskId}`, 'sup')).statusCode).toBe(200);
    const r = await call('POST', `/api/v1/inspection-tasks/${taskId}/draw`, 'amr_officer', { publicSeed: '1' });
    expect(r.statusCode).toBe(403);
  });

  it('draws; the public JSON alone re-runs to the stored result; one inspector per department', async () => {
    const res = await call('POST', `/api/v1/inspection-tasks/${taskId}/draw`, 'amr', { publicSeed: '3 1 4 1 5 9' });
    expect(res.statusCode, res.body).toBe(200);
    const task: InspectionTask = res.json();
    expect(task.state).toBe('drawn');
    expect(task.targets.length).toBeGreaterThan(0);
    const pub: PublicTaskDraw = (await call('GET', `/api/v1/public/inspection-tasks/${taskId}/draw`, '')).json();
    const v = verifyDraw(pub.record, {
      committed: {
        seedCommitment: pub.seedCommitment ?? '',
        populationHash: pub.populationHash ?? '',
        poolHash: pub.poolHash ?? '',
      },
    });
    expect(v.verdict).toBe('一致');
    for (const t of task.targets.filter((x) => !x.unfilled)) {
      expect(t.inspectors.length).toBeGreaterThanOrEqual(2);
      expect(new Set(t.inspectors.map((i) => i.orgId)).size).toBe(2);
    }
    expect((await redraw(env.database.db, taskId)).ok).toBe(true);
  });

  it('results: substitution needs a reason; publishBy across a holiday; nothing written by a refusal', async () => {
    const task: InspectionTask = (await call('GET', `/api/v1/inspection-tasks/${taskId}`, 'amr')).json();
    const target = task.targets.find(
      (t) => !t.unfilled && t.inspectors.some((i) => i.orgId === orgId['广州市市场监督管理局']),
    );
    if (!target) throw new Error('no filled target');
    const drawn = target.inspectors.map((i) => i.officerId);
    const body = {
      inspectedAt: env.clock.now().toISOString(),
      mode: 'desk',
      inspectorIds: drawn,
      outcome: 'no_issue',
      findings: '经检查未发现问题',
    };
    const [other] = await env.database.db
      .execute<{ id: string }>(
        sql`select id from officers where org_id = ${orgId['广州市市场监督管理局']} and id <> all(${sql.param(drawn)}::uuid[]) limit 1`,
      )
      .then((r) => (r as unknown as { rows?: { id: string }[] }).rows ?? (r as unknown as { id: string }[]));
    if (other) {
      const sub = await call('POST', `/api/v1/inspection-tasks/${taskId}/targets/${target.entityId}/result`, 'amr', {
        ...body,
        inspectorIds: [drawn[0], other.id],
      });
      expect(sub.statusCode).toBe(422);
      expect(sub.json().errors[0].path).toBe('substitutionReason');
      expect(
        Number(
          (
            await env.database.db
              .select({ n: count() })
              .from(inspectionResults)
              .where(eq(inspectionResults.taskId, taskId))
          )[0]?.n,
        ),
      ).toBe(0);
    }
    const ok = await call('POST', `/api/v1/inspection-tasks/${taskId}/targets/${target.entityId}/result`, 'amr', body);
    expect(ok.statusCode, ok.body).toBe(200);
    const t2: InspectionTask = ok.json();
    const r = t2.targets.find((t) => t.entityId === target.entityId)?.results[0];
    expect(r?.publishBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect((r?.publishBy ?? '') > (r?.inspectedAt ?? '').slice(0, 10)).toBe(true);
    expect(r?.late).toBe(false);
    const twice = await call(
      'POST',
      `/api/v1/inspection-tasks/${taskId}/targets/${target.entityId}/result`,
      'amr',
      body,
    );
    expect(twice.statusCode).toBe(409);
  });

  it('zhifa redraw finds a tampered stored result', async () => {
    await env.database.db.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      await tx
        .update(inspectionAssignments)
        .set({ pick: 999 })
        .where(and(eq(inspectionAssignments.taskId, taskId), eq(inspectionAssignments.position, 1)));
    });
    const out = await redraw(env.database.db, taskId);
    expect(out.ok).toBe(false);
  });
});

describe('publishBy on the working-day calendar', () => {
  it('counts 20 working days, skipping the National Day holiday', () => {
    const cal = new WorkdayCalendar([
      { date: '2025-10-01', kind: 'off', name: '国庆节' },
      { date: '2025-10-02', kind: 'off', name: '国庆节' },
      { date: '2025-10-03', kind: 'off', name: '国庆节' },
      { date: '2025-10-06', kind: 'off', name: '国庆节' },
      { date: '2025-10-07', kind: 'off', name: '国庆节' },
      { date: '2025-10-08', kind: 'off', name: '国庆节' },
      { date: '2025-09-28', kind: 'work', name: '国庆节调休' },
      { date: '2025-10-11', kind: 'work', name: '国庆节调休' },
    ]);
    // from Fri 2025-09-26: 9-28 (Sun, make-up), 9-29, 9-30, then 10-09, 10-10, 10-11 (Sat, make-up), … 10-30 the 20th
    expect(resultPublishBy('2025-09-26', cal)).toBe('2025-10-30');
    // without the holiday: 20 weekdays after 2025-03-03 is 2025-03-31
    expect(resultPublishBy('2025-03-03', cal)).toBe('2025-03-31');
  });
});
