/**
 * An entity whose USCC has a wrong check character (an early code: the library keeps it with `uscc_check_mismatch`)
 * can still have a case opened from an inspection result: the case is registered with the stored USCC and the
 * warning on its register event and answer. A USCC typed by hand into the manual case registration with a wrong
 * check character is refused as a typo (422 `invalid_uscc`, naming `party.uscc`); the right one is accepted.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InspectionTask } from '../../../common/contracts/inspections.contract.js';
import { usccCheckChar } from '../../../common/identifiers.js';
import { queryRows } from '../../db/client.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { caseEvents, cases } from '../cases/cases.api.js';
import { inspectionKit } from './inspections.testkit.js';

let env: TestEnv;
const kit = inspectionKit(() => env);
const { orgId, call } = kit;
const AMR = '广州市市场监督管理局';
const FIRST17 = '91440106MA5UC0DE7';
const RIGHT = FIRST17 + usccCheckChar(FIRST17);
const WRONG = FIRST17 + (usccCheckChar(FIRST17) === '1' ? '2' : '1');

beforeAll(async () => {
  env = await createTestEnv();
  await kit.loadOrgs();
  await kit.account('amr', AMR, 'department_head');
});
afterAll(() => env.close());

describe('case registration and the USCC check character', () => {
  it('manual registration refuses a wrong check character, accepts the right one', async () => {
    const body = (uscc: string) => ({
      orgId: orgId[AMR],
      itemId: '',
      source: 'inspection',
      party: { kind: 'organisation', name: '广州早期赋码测试有限公司', uscc },
      facts: '检查发现未按规定建立进货查验记录',
      occurredAt: '2026-02-20T02:00:00Z',
    });
    const itemId = await kit.claimedItem(AMR, 'penalty');
    const wrong = await call('POST', '/api/v1/cases', 'amr', { ...body(WRONG), itemId });
    expect(wrong.statusCode, wrong.body).toBe(422);
    expect(wrong.json()).toMatchObject({ code: 'invalid_uscc', errors: [{ path: 'party.uscc' }] });
    expect(wrong.json().detail).toContain(`校验位应为“${usccCheckChar(FIRST17)}”`);
    const right = await call('POST', '/api/v1/cases', 'amr', { ...body(RIGHT), itemId });
    expect(right.statusCode, right.body).toBe(201);
    expect(right.json().warnings).toBeUndefined();
  });

  it('a case_opened result on an entity with an early code registers the case with the warning', async () => {
    // the township with the fewest class-B entities: the plan draws all of them (and one per other class)
    const [region] = await queryRows<{ code: string; kind: string }>(
      env.database.db,
      sql`select r.code, 'enterprise' as kind from regions r where r.code like '440106%' and length(r.code) = 9
          order by (select count(*) from entities e where e.region_code = r.code and e.risk_class = 'B'), r.code
          limit 1`,
    );
    expect(region).toBeTruthy();
    const created = await call('POST', '/api/v1/entities', 'amr', {
      uscc: WRONG,
      name: '广州早期赋码检查对象有限公司',
      kind: region?.kind,
      regionCode: region?.code,
      sectors: ['market_regulation'],
      address: '天河路 1 号',
      legalRepresentative: '欧阳国',
      riskClass: 'B',
      creditClass: 'A',
      status: 'active',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().warnings).toEqual([expect.objectContaining({ code: 'uscc_check_mismatch' })]);
    const year = Number(env.clock.now().toISOString().slice(0, 4));
    const plan = await call('POST', '/api/v1/inspection-plans', 'amr', {
      year,
      name: '早期赋码抽查',
      orgIds: [orgId[AMR]],
      itemIds: [await kit.claimedItem(AMR)],
      targetFilter: { regionCodes: [region?.code], sectors: [], kinds: [region?.kind] },
      ratios: { A: 0.000001, B: 1, C: 0.000001, D: 0.000001 },
      inspectorsPerTarget: 2,
      from: `${year}-01-01`,
      to: `${year}-12-31`,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect((await call('POST', `/api/v1/inspection-plans/${plan.json().id}/publish`, 'amr')).statusCode).toBe(200);
    const task = await call('POST', '/api/v1/inspection-tasks', 'amr', {
      planId: plan.json().id,
      name: '早期赋码批次',
      deadline: `${year}-12-31`,
    });
    const taskId = task.json().id as string;
    expect((await call('POST', `/api/v1/inspection-tasks/${taskId}/commit`, 'amr')).statusCode).toBe(200);
    const drawn = await call('POST', `/api/v1/inspection-tasks/${taskId}/draw`, 'amr', { publicSeed: '3 1 4' });
    expect(drawn.statusCode, drawn.body).toBe(200);
    const target = (drawn.json() as InspectionTask).targets.find((t) => t.entityId === created.json().id);
    expect(target?.inspectors.length).toBeGreaterThanOrEqual(2);
    const res = await call('POST', `/api/v1/inspection-tasks/${taskId}/targets/${target?.entityId}/result`, 'amr', {
      inspectedAt: env.clock.now().toISOString(),
      mode: 'desk',
      inspectorIds: target?.inspectors.map((x) => x.officerId),
      findings: '经检查发现违法行为',
      outcome: 'case_opened',
      caseItemId: await kit.claimedItem(AMR, 'penalty'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = (res.json() as InspectionTask).targets.find((t) => t.entityId === target?.entityId)?.results[0];
    const [c] = await env.database.db
      .select()
      .from(cases)
      .where(eq(cases.id, r?.caseId as string));
    expect(c?.partyUscc).toBe(WRONG);
    const [ev] = await env.database.db
      .select({ payload: caseEvents.payload })
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, c?.id as string), eq(caseEvents.type, 'register')));
    expect(ev?.payload.warnings).toEqual([expect.objectContaining({ code: 'uscc_check_mismatch' })]);
  });
});
