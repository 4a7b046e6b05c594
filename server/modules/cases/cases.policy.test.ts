/**
 * The case policy (cases.policy.ts) at its boundaries, through the API on a real database: a case of 广州市市场监督管理局
 * (440100, market regulation) and one of its child 天河区市场监督管理局 (440106), seen and acted on from the own org,
 * the parent org, a child org, a sibling city, another sector line, a reviewer of another org and a supervisor.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { items } from '../catalog/catalog.schema.js';

let env: TestEnv;
let gzCase: string;
let thCase: string;
const cookies: Record<string, string> = {};
const ACCOUNTS = [
  'gz_officer1', // own org, officer
  'gz_head', // own org, department head
  'gz_reviewer', // own org, legal reviewer
  'gz_admin', // own org, org admin
  'gd_amr_head', // parent org (province), same sector line
  'th_officer1', // child org (district)
  'sz_officer1', // sibling city
  'sz_reviewer', // a reviewer of a sibling city's org
  'gz_cgj_admin', // same city, another sector line (urban management)
  'sft_supervisor', // the province's supervisor (司法厅, every sector line)
] as const;
type Account = (typeof ACCOUNTS)[number];

const get = (url: string, who: Account) => env.app.inject({ method: 'GET', url, headers: { cookie: cookies[who] } });
const act = (id: string, action: string, who: Account, payload: object = {}) =>
  env.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${id}/actions/${action}`,
    headers: { cookie: cookies[who] },
    payload,
  });

async function register(who: Account, org: string, partyName: string) {
  const [item] = await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126'));
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/cases',
    headers: { cookie: cookies[who] },
    payload: {
      orgId: await env.orgId(org),
      itemId: item?.id,
      source: 'inspection',
      party: { kind: 'organisation', name: partyName },
      facts: '检查发现未按规定建立进货查验记录',
      occurredAt: new Date(env.clock.now().getTime() - 3 * 86_400_000).toISOString(),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

beforeAll(async () => {
  env = await createTestEnv();
  for (const who of ACCOUNTS) cookies[who] = await env.login(who);
  gzCase = await register('gz_officer1', '广州市市场监督管理局', '广州权限边界测试有限公司');
  thCase = await register('th_officer1', '广州市天河区市场监督管理局', '天河权限边界测试有限公司');
});
afterAll(() => env.close());

const READS = ['read', 'record', 'documents', 'evidence', 'officer_candidates'];

describe('reading a case', () => {
  it('is open to every business role whose region subtree and sector line hold it, 404 otherwise', async () => {
    const expected: Record<Account, number> = {
      gz_officer1: 200,
      gz_head: 200,
      gz_reviewer: 200,
      gz_admin: 200,
      gd_amr_head: 200,
      th_officer1: 404,
      sz_officer1: 404,
      sz_reviewer: 404,
      gz_cgj_admin: 404,
      sft_supervisor: 200,
    };
    for (const who of ACCOUNTS) {
      for (const path of ['', '/record', '/officer-candidates', '/documents/filing_approval']) {
        const res = await get(`/api/v1/cases/${gzCase}${path}`, who);
        // the filing approval does not exist before 立案: a reader in scope is told so (409), never shown a 404
        const status = path.startsWith('/documents') && expected[who] === 200 ? 409 : expected[who];
        expect(res.statusCode, `${who} ${path}`).toBe(status);
        if (status === 404)
          expect(res.json()).toMatchObject({ code: 'not_found', detail: '案件不存在或不在本单位的管辖范围内' });
      }
    }
  });

  it('lists only the cases in scope: a parent org sees its child’s, a child never its parent’s', async () => {
    const ids = async (who: Account) =>
      (await get('/api/v1/cases?pageSize=200&q=权限边界测试', who)).json().data.map((c: { id: string }) => c.id);
    expect(await ids('gz_head')).toEqual(expect.arrayContaining([gzCase, thCase]));
    expect(await ids('sft_supervisor')).toEqual(expect.arrayContaining([gzCase, thCase]));
    expect(await ids('th_officer1')).toEqual([thCase]);
    expect(await ids('sz_officer1')).toEqual([]);
    expect(await ids('gz_cgj_admin')).toEqual([]);
  });
});

describe('the abilities of a case view', () => {
  it('name what the caller may do by role and org, whatever the stage; allowedActions adds the stage', async () => {
    const view = async (who: Account, id = gzCase) => (await get(`/api/v1/cases/${id}`, who)).json();
    const officer = await view('gz_officer1');
    expect(officer.abilities).toEqual(expect.arrayContaining([...READS, 'submit_review', 'notify', 'add_evidence']));
    expect(officer.abilities).not.toContain('file');
    expect(officer.abilities).not.toContain('legal_review');
    expect(officer.allowedActions).toEqual(['simplified_decide', 'request_recusal']);

    const head = await view('gz_head');
    expect(head.abilities).toEqual(expect.arrayContaining([...READS, 'file', 'assign', 'decide', 'submit_review']));
    expect(head.abilities).not.toContain('legal_review');
    expect(head.allowedActions).toEqual(['file', 'not_file', 'transfer', 'simplified_decide', 'request_recusal']);

    const reviewer = await view('gz_reviewer');
    expect(reviewer.abilities).toEqual([...READS, 'legal_review']);
    expect(reviewer.allowedActions).toEqual([]);

    // read-only: the org admin, the parent org's head, the supervisor
    for (const who of ['gz_admin', 'gd_amr_head', 'sft_supervisor'] as const) {
      const v = await view(who);
      expect(v.abilities, who).toEqual(READS);
      expect(v.allowedActions, who).toEqual([]);
    }
    // a reviewer of the parent city reviews the district's case
    expect((await view('gz_reviewer', thCase)).abilities).toContain('legal_review');
    expect((await view('gz_head', thCase)).abilities).toEqual(READS);
    expect((await view('th_officer1', thCase)).abilities).toContain('submit_review');
  });
});

describe('taking a step', () => {
  it('refuses before the body is read: 404 out of scope, 403 naming the step in scope, the stage after that', async () => {
    // in scope but not of the case's org, or not the role: 403 naming the step — whatever the body
    for (const who of ['gd_amr_head', 'sft_supervisor', 'gz_officer1', 'gz_reviewer', 'gz_admin'] as const) {
      const res = await act(gzCase, 'file', who, { opinion: 7 });
      expect(res.statusCode, who).toBe(403);
      expect(res.json(), who).toMatchObject({ code: 'forbidden', detail: '当前账号不能对本案“立案”' });
    }
    for (const who of ['th_officer1', 'sz_officer1', 'gz_cgj_admin'] as const)
      expect((await act(gzCase, 'file', who)).statusCode, who).toBe(404);
    // the head of the parent city may read the district's case but not file it
    expect((await act(thCase, 'file', 'gz_head')).statusCode).toBe(403);
    // the head of the case's org passes the policy: the body's validation answers next
    expect((await act(gzCase, 'file', 'gz_head', { opinion: 7 })).json().code).toBe('validation_failed');
  });

  it('lets a legal reviewer whose scope holds the case review it, whichever org; others are refused', async () => {
    const review = { outcome: 'approve', opinion: '事实清楚，证据确凿，同意' };
    // passes the policy (the case is not yet at 法制审核: the stage refuses)
    expect((await act(thCase, 'legal_review', 'gz_reviewer', review)).json().code).toBe('action_not_allowed');
    expect((await act(gzCase, 'legal_review', 'gz_reviewer', review)).json().code).toBe('action_not_allowed');
    expect((await act(gzCase, 'legal_review', 'sz_reviewer', review)).statusCode).toBe(404);
    const officer = await act(thCase, 'legal_review', 'th_officer1', review);
    expect(officer.statusCode).toBe(403);
    expect(officer.json().detail).toBe('当前账号不能对本案“法制审核”');
    expect((await act(gzCase, 'legal_review', 'gz_head', review)).statusCode).toBe(403);
  });

  it('registers a case only for the own org, as an officer or head', async () => {
    const [item] = await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126'));
    const body = (org: string) => ({
      orgId: org,
      itemId: item?.id,
      source: 'inspection',
      party: { kind: 'organisation', name: '登记权限测试有限公司' },
      facts: '检查发现未按规定建立进货查验记录',
      occurredAt: new Date(env.clock.now().getTime() - 86_400_000).toISOString(),
    });
    const post = (who: Account, org: string) =>
      env.app.inject({ method: 'POST', url: '/api/v1/cases', headers: { cookie: cookies[who] }, payload: body(org) });
    const gzAmr = await env.orgId('广州市市场监督管理局');
    const thAmr = await env.orgId('广州市天河区市场监督管理局');
    for (const who of ['gz_reviewer', 'gz_admin', 'sft_supervisor'] as const) {
      const res = await post(who, gzAmr);
      expect(res.statusCode, who).toBe(403);
      expect(res.json().detail, who).toBe('案源由本单位执法人员或负责人登记');
    }
    // the parent city's head, for its child org: refused by the use case, naming the rule
    const child = await post('gz_head', thAmr);
    expect(child.statusCode).toBe(403);
    expect(child.json().detail).toBe('案源由本单位执法人员或负责人登记');
  });
});

describe('the workbench', () => {
  it('is open to every business role and lists the steps that wait for the caller’s role', async () => {
    const tasks = async (who: Account) => {
      const res = await get('/api/v1/me/tasks', who);
      expect(res.statusCode, who).toBe(200);
      return res.json().data as { caseId: string; kind: string; action: string | null }[];
    };
    // a registered case waits for its head to file it
    expect(await tasks('gz_head')).toContainEqual(
      expect.objectContaining({ caseId: gzCase, kind: 'step', action: 'file' }),
    );
    for (const who of [
      'gz_officer1',
      'gd_amr_head',
      'gz_reviewer',
      'gz_admin',
      'sft_supervisor',
      'th_officer1',
    ] as const)
      expect(
        (await tasks(who)).filter((t) => t.caseId === gzCase && t.kind === 'step'),
        who,
      ).toEqual([]);
    const admin = await env.login('admin');
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/me/tasks', headers: { cookie: admin } })).statusCode,
    ).toBe(403);
  });
});
