/**
 * The public case view (JSON and /v/<code>) and the frame of the public pages: what the party shows (an
 * organisation's USCC, never a person's identifiers), the header and footer, links between the public services,
 * plain words on the check with the technical details folded, meta descriptions.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, officers } from '../../test/tables.js';
import { usccCheckChar } from '../../../common/identifiers.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';

let env: TestEnv;
let gzAmr: string;
let item: string;
const team: string[] = [];

const SITE = {
  platformName: '测试省行政执法信息公示平台',
  authority: '测试省司法厅',
  hostOrg: '测试省人民政府办公厅',
  contact: '020-00000000（工作日 9:00–17:00）',
};

beforeAll(async () => {
  env = await createTestEnv({ publicSite: SITE });
  env.clock.set(new Date('2026-06-01T01:00:00Z'));
  gzAmr = await env.orgId('广州市市场监督管理局');
  item = (await env.database.db.select({ id: items.id }).from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]
    ?.id as string;
  const head = await env.login('gz_head');
  for (const s of await env.database.db.select({ id: officers.id }).from(officers).where(eq(officers.orgId, gzAmr))) {
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
});
afterAll(() => env.close());

const get = (url: string) => env.app.inject({ method: 'GET', url });
const post = (url: string, cookie: string, payload: object = {}) =>
  env.app.inject({ method: 'POST', url, headers: { cookie }, payload });

const uscc = (tail: string) => {
  const first17 = `91440101${tail}`;
  return first17 + usccCheckChar(first17);
};

async function decidedCase(party: Record<string, string>): Promise<{ id: string; caseCode: string }> {
  const officer = await env.login('gz_officer1');
  const head = await env.login('gz_head');
  const created = await post('/api/v1/cases', officer, {
    orgId: gzAmr,
    itemId: item,
    source: 'inspection',
    party,
    facts: '未按规定建立进货查验记录',
    occurredAt: '2026-05-20T02:00:00Z',
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = created.json().id as string;
  const act = async (action: string, cookie: string, body: object = {}) => {
    const res = await post(`/api/v1/cases/${id}/actions/${action}`, cookie, body);
    expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
    return res.json();
  };
  await act('file', head);
  await act('assign', head, { officerIds: team });
  await act('submit_review', officer);
  await act('notify', officer, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 });
  await act('record_statement', officer, { waivesStatement: true, waivesHearing: true });
  const decided = await act('decide', head, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 2_000_000 });
  // the sequencer logs the events and signs (as the server's timer does); GETs never sign
  await env.sequencer.tick();
  return { id, caseCode: decided.caseCode };
}

describe('the party on the public case view', () => {
  it("shows an organisation's 统一社会信用代码 in the JSON and on the page", async () => {
    const code = uscc('MA5D1234W');
    const c = await decidedCase({ kind: 'organisation', name: '广州公开信用代码检验有限公司', uscc: code });
    const json = (await get(`/api/v1/public/cases/${c.caseCode}`)).json();
    expect(json.party).toEqual({ kind: 'organisation', name: '广州公开信用代码检验有限公司', uscc: code });
    const page = await get(`/v/${c.caseCode}`);
    expect(page.body).toContain(`广州公开信用代码检验有限公司（统一社会信用代码 ${code}）`);
    // the log's register leaf is unchanged: it names the party and holds no code (the browser still verifies it)
    const register = json.events.find((e: { leaf: { type: string } }) => e.leaf.type === 'register');
    expect(register.leaf.public.party).toEqual({
      kind: 'organisation',
      name: '广州公开信用代码检验有限公司',
      uscc: null,
    });
  });

  it("never shows a natural person's name in full, ID number, phone or address", async () => {
    const idNumber = '44010619880305120X';
    const c = await decidedCase({
      kind: 'person',
      name: '欧阳明娜',
      idNumber,
      phone: '13912345678',
      address: '广州市天河区体育西路 1 号',
    });
    const json = await get(`/api/v1/public/cases/${c.caseCode}`);
    expect(json.json().party).toEqual({ kind: 'person', name: '欧**娜' });
    for (const body of [json.body, (await get(`/v/${c.caseCode}`)).body]) {
      for (const secret of ['欧阳明娜', idNumber, '13912345678', '体育西路', 'uscc":"'])
        expect(body).not.toContain(secret);
    }
  });
});

describe('the frame of the public pages', () => {
  it('has the configured platform, authority, 主办单位 and contact, links to the other services and a description', async () => {
    const c = await decidedCase({ kind: 'organisation', name: '广州框架检验有限公司', uscc: uscc('MA5D9876W') });
    const officer = await env.login('gz_officer1');
    const certs = (
      await env.app.inject({
        method: 'GET',
        url: '/api/v1/certificates?status=valid&pageSize=1',
        headers: { cookie: officer },
      })
    ).json();
    const holder = (
      await env.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${certs.data[0].officerId}`,
        headers: { cookie: officer },
      })
    ).json();
    const certPath = new URL(holder.certificates[0].publicUrl).pathname;
    for (const path of [
      `/v/${c.caseCode}`,
      '/public/decisions',
      certPath,
      '/public',
      '/public/cases',
      '/public/certificates',
      '/v/unknown-code-here',
      '/public/nope',
    ]) {
      const res = await get(path);
      expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
      const html = res.body;
      expect(html, path).toMatch(
        /<header class="site-header">[\s\S]*测试省行政执法信息公示平台[\s\S]*测试省司法厅 发布/,
      );
      expect(html, path).toMatch(
        /<footer class="site-footer">[\s\S]*主办单位：测试省人民政府办公厅[\s\S]*联系方式：020-00000000/,
      );
      for (const link of ['href="/public/decisions"', 'href="/public/cases"', 'href="/public/certificates"'])
        expect(html, path).toContain(link);
      expect(html, path).toMatch(/<meta name="description" content="[^"]{10,}">/);
      expect(html, path).toContain('<link rel="icon" href="/favicon.svg" type="image/svg+xml">');
      expect(html, path).toContain('<title>');
      expect(html, path).not.toContain('12345 政务服务便民热线'); // the built-in contact is replaced by the configured one
    }
  });

  it('says in plain words what the case page checks; the case code and log positions are folded in 技术信息', async () => {
    const c = await decidedCase({ kind: 'organisation', name: '广州核验说明检验有限公司', uscc: uscc('MA5D5555W') });
    const html = (await get(`/v/${c.caseCode}`)).body;
    const [visible, folded] = html.split('<details id="verify-tech">') as [string, string];
    expect(visible).toContain('是否与平台公开登记、事后无法更改的记录完全一致');
    expect(folded).toMatch(/^<summary>技术信息<\/summary>/);
    expect(folded.slice(0, folded.indexOf('</details>'))).toContain(c.caseCode);
    // outside the folded part: no case code, no hash, no key id
    const outside =
      visible +
      folded.slice(folded.indexOf('</details>')).replace(/<script type="application\/json"[\s\S]*?<\/script>/, '');
    expect(outside).not.toContain(c.caseCode);
    expect(outside).not.toMatch(/[0-9a-f]{32}/);
    expect(outside).not.toContain('密钥');
  });
});
