import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items } from '../../test/tables.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { DELEGATION_FLOW, nextDelegationStatus } from './delegation.rules.js';
import { townshipMayAct } from './delegation.service.js';
import type { DelegationAction, DelegationStatus } from '../../../common/enums.js';
import { DELEGATION_ACTIONS, DELEGATION_STATUSES } from '../../../common/enums.js';

let env: TestEnv;
let thGov: string;
let gzGov: string;
beforeAll(async () => {
  env = await createTestEnv();
  thGov = await env.login('th_gov_admin');
  gzGov = await env.login('gz_gov_admin');
});
afterAll(() => env.close());

const req = (method: 'GET' | 'POST', url: string, cookie: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
const itemId = async (code: string) =>
  (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, code)))[0]?.id as string;

const PAYLOADS: Record<DelegationAction, object> = {
  county_approve: { meetingDate: '2026-03-10', meetingNumber: '天河区政府2026年第5次常务会议' },
  city_decide: { meetingDate: '2026-04-10', meetingNumber: '广州市政府2026年第4次常务会议' },
  announce: { announcementNumber: '天河府告〔2026〕1号', effectiveDate: '2026-05-01' },
  evaluate: { date: '2026-11-01', result: 'capable', comments: '承接良好' },
  recall: { announcementNumber: '天河府告〔2026〕9号', date: '2026-12-01', reason: '承接能力不足' },
};

describe('delegation state machine (table)', () => {
  it('allows exactly the listed transitions', () => {
    for (const from of DELEGATION_STATUSES) {
      for (const action of DELEGATION_ACTIONS) {
        const expected = DELEGATION_FLOW[action].from.includes(from) ? DELEGATION_FLOW[action].to : null;
        expect([from, action, nextDelegationStatus(from as DelegationStatus, action)]).toEqual([
          from,
          action,
          expected,
        ]);
      }
    }
    expect(nextDelegationStatus('recalled', 'evaluate')).toBeNull();
    expect(nextDelegationStatus('proposed', 'announce')).toBeNull();
  });
});

describe('delegation to townships', () => {
  let id: string;
  let penalty: string;
  let linkedInspection: string;

  it('refuses items off the guiding catalogue', async () => {
    const shipai = await env.orgId('广州市天河区石牌街道综合行政执法办');
    const res = await req('POST', '/api/v1/delegations', thGov, {
      itemIds: [await itemId('HJ-CF-0099')],
      townshipOrgIds: [shipai],
      reason: '测试',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('item_not_delegable');
  });

  it('refuses a township outside the county and a proposer that is not the county government or a township', async () => {
    const res = await req('POST', '/api/v1/delegations', await env.login('gz_admin'), {
      itemIds: [await itemId('CG-CF-0115')],
      townshipOrgIds: [await env.orgId('广州市天河区石牌街道综合行政执法办')],
      reason: '测试',
    });
    expect(res.statusCode).toBe(403);
    const wrongTownship = await req('POST', '/api/v1/delegations', await env.login('sp_admin'), {
      itemIds: [await itemId('CG-CF-0115')],
      townshipOrgIds: [await env.orgId('广州市天河区五山街道综合行政执法办')],
      reason: '测试',
    });
    expect(wrongTownship.json().code).toBe('invalid_township');
  });

  it('carries the linked inspection item with its penalty item', async () => {
    penalty = await itemId('SC-CF-0126');
    linkedInspection = await itemId('SC-JC-0110');
    const res = await req('POST', '/api/v1/delegations', await env.login('sp_admin'), {
      itemIds: [penalty],
      townshipOrgIds: [await env.orgId('广州市天河区石牌街道综合行政执法办')],
      reason: '街道具备承接能力',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('proposed');
    expect(
      res
        .json()
        .items.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual([penalty, linkedInspection].sort());
    id = res.json().id;
  });

  it('refuses every step out of order (409) and every step by the wrong government (403)', async () => {
    for (const action of ['city_decide', 'announce', 'evaluate', 'recall'] as const) {
      const who = action === 'city_decide' ? gzGov : thGov;
      const res = await req('POST', `/api/v1/delegations/${id}/actions/${action}`, who, PAYLOADS[action]);
      expect([action, res.statusCode, res.json().code]).toEqual([action, 409, 'invalid_step']);
    }
    expect(
      (await req('POST', `/api/v1/delegations/${id}/actions/county_approve`, gzGov, PAYLOADS.county_approve))
        .statusCode,
    ).toBe(403);
    expect((await req('POST', `/api/v1/delegations/${id}/actions/county_approve`, thGov, {})).statusCode).toBe(400);
  });

  it('goes proposed → county_approved → city_decided → announced → evaluated → recalled, with a timeline', async () => {
    const shipai = await env.orgId('广州市天河区石牌街道综合行政执法办');
    const steps: [DelegationAction, string, DelegationStatus][] = [
      ['county_approve', thGov, 'county_approved'],
      ['city_decide', gzGov, 'city_decided'],
      ['announce', thGov, 'announced'],
    ];
    for (const [action, who, status] of steps) {
      const res = await req('POST', `/api/v1/delegations/${id}/actions/${action}`, who, PAYLOADS[action]);
      expect([action, res.statusCode, res.json().status]).toEqual([action, 200, status]);
    }
    expect(
      (await req('POST', `/api/v1/delegations/${id}/actions/county_approve`, thGov, PAYLOADS.county_approve)).json()
        .code,
    ).toBe('invalid_step');
    // in force from the effective date
    expect(await townshipMayAct(env.database.db, shipai, penalty, new Date('2026-04-30T12:00:00+08:00'))).toBe(false);
    expect(await townshipMayAct(env.database.db, shipai, penalty, new Date('2026-05-01T00:00:00+08:00'))).toBe(true);
    expect(await townshipMayAct(env.database.db, shipai, linkedInspection, new Date('2026-05-01T00:00:00+08:00'))).toBe(
      true,
    );
    const items = (await req('GET', `/api/v1/orgs/${shipai}/delegated-items?at=2026-06-01T00:00:00Z`, thGov)).json();
    expect(items.data.map((i: { id: string }) => i.id)).toContain(penalty);
    expect(
      (await req('POST', `/api/v1/delegations/${id}/actions/evaluate`, thGov, PAYLOADS.evaluate)).json().status,
    ).toBe('evaluated');
    const recalled = (await req('POST', `/api/v1/delegations/${id}/actions/recall`, thGov, PAYLOADS.recall)).json();
    expect(recalled.status).toBe('recalled');
    expect(recalled.steps.map((s: { action: string }) => s.action)).toEqual([
      'propose',
      'county_approve',
      'city_decide',
      'announce',
      'evaluate',
      'recall',
    ]);
    expect(await townshipMayAct(env.database.db, shipai, penalty, new Date('2026-06-01T00:00:00+08:00'))).toBe(false);
    expect(
      (await req('POST', `/api/v1/delegations/${id}/actions/evaluate`, thGov, PAYLOADS.evaluate)).json().code,
    ).toBe('invalid_step');
  });

  it('lists delegations not evaluated by the deadline, and keeps them invisible to another city (404)', async () => {
    const report = (await req('GET', '/api/v1/reports/delegations-unevaluated?deadline=2024-12-31', thGov)).json();
    // the demo's announced delegation (effective 2024-03-01) was never evaluated
    expect(report.data.map((d: { status: string }) => d.status)).toContain('announced');
    expect(report.data.every((d: { status: string }) => d.status !== 'recalled')).toBe(true);
    const sz = await env.login('sz_officer1');
    expect((await req('GET', `/api/v1/delegations/${id}`, sz)).statusCode).toBe(404);
    expect((await req('GET', '/api/v1/delegations', sz)).json().total).toBe(0);
    const all = (await req('GET', '/api/v1/delegations?pageSize=50', thGov)).json();
    expect(new Set(all.data.map((d: { status: string }) => d.status))).toEqual(new Set(DELEGATION_STATUSES));
  });
});
