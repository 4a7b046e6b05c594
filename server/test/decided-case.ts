/**
 * A penalty case taken through the API to a decision within the benchmark (SC-CF-0126 by 广州市市场监督管理局,
 * 一般, ¥20,000 by default), as the demo org's officers and head do it — for tests of what protects it.
 */
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { items } from '../modules/catalog/catalog.schema.js';
import { officers } from '../modules/personnel/personnel.schema.js';
import type { TestEnv } from './harness.js';

export interface DecidedCase {
  id: string;
  number: string;
  caseCode: string;
  act(action: string, cookie: string, body?: object): Promise<LightMyRequestResponse>;
  officer: string;
  head: string;
}

/** Two officers of the org eligible for its sector today. */
async function eligibleTeam(env: TestEnv, orgId: string, head: string): Promise<string[]> {
  const team: string[] = [];
  for (const s of await env.database.db.select({ id: officers.id }).from(officers).where(eq(officers.orgId, orgId))) {
    const e = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${s.id}/eligibility?sector=market_regulation&regionCode=440100`,
        headers: { cookie: head },
      })
    ).json();
    if (e.eligible) team.push(s.id);
    if (team.length === 2) break;
  }
  return team;
}

export async function decidedCase(env: TestEnv, amountFen = 2_000_000): Promise<DecidedCase> {
  const orgId = await env.orgId('广州市市场监督管理局');
  const [item] = await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126'));
  const officer = await env.login('gz_officer1');
  const head = await env.login('gz_head');
  const post = (url: string, cookie: string, payload: object = {}) =>
    env.app.inject({ method: 'POST', url, headers: { cookie }, payload });
  const created = await post('/api/v1/cases', officer, {
    orgId,
    itemId: item?.id,
    source: 'inspection',
    party: { kind: 'organisation', name: '广州某某防篡改测试有限公司' },
    facts: '未按规定建立进货查验记录',
    occurredAt: new Date(env.clock.now().getTime() - 5 * 86_400_000).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const act = (action: string, cookie: string, body: object = {}) =>
    post(`/api/v1/cases/${id}/actions/${action}`, cookie, body);
  const penalty = { circumstance: 'general', penaltyKinds: ['fine'], amountFen };
  for (const [action, cookie, body] of [
    ['file', head, {}],
    ['assign', head, { officerIds: await eligibleTeam(env, orgId, head) }],
    ['submit_review', officer, {}],
    ['notify', officer, penalty],
    ['record_statement', officer, { waivesStatement: true, waivesHearing: true }],
    ['decide', head, penalty],
  ] as const) {
    const res = await act(action, cookie, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
  }
  const view = (await env.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers: { cookie: head } })).json();
  return { id, number: view.number, caseCode: view.caseCode, act, officer, head };
}
