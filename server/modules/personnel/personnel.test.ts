import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { demoIdNumber } from '../../seed/demo-personnel.js';

// Fictional ID numbers with valid check characters (never issued to anyone).
const ID_A = demoIdNumber('440106', 901);
const ID_B = demoIdNumber('440305', 902);
const ID_C = demoIdNumber('440104', 903);

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let env: TestEnv;
let gzAdmin: string;
let sftAdmin: string;
let gzAmr: string;
const bodies: string[] = [];
/** Every full ID number this file sends; none may come back except through the audited reveal. */
const usedIds = new Set<string>([ID_A, ID_B, ID_C]);

beforeAll(async () => {
  env = await createTestEnv({}, { logger: { level: 'trace', stream: logStream } });
  env.clock.set(new Date('2026-06-10T00:00:00Z'));
  gzAdmin = await env.login('gz_admin');
  sftAdmin = await env.login('sft_admin');
  gzAmr = await env.orgId('广州市市场监督管理局');
});
afterAll(() => env.close());

async function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  cookie: string,
  payload?: object | string,
  headers: Record<string, string> = {},
) {
  const res = await env.app.inject({
    method,
    url,
    headers: { cookie, ...headers },
    ...(payload !== undefined ? { payload } : {}),
  });
  if (!url.endsWith('/reveal')) bodies.push(res.body);
  return res;
}

async function newOfficer(idNumber: string, name = '测试人员', cookie = gzAdmin, orgId = gzAmr) {
  usedIds.add(idNumber);
  const res = await call('POST', '/api/v1/officers', cookie, { name, idNumber, orgId, phone: '13912345678' });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; idNumber: string; phone: string };
}

async function issue(officerId: string, over: Record<string, unknown> = {}) {
  const res = await call('POST', `/api/v1/officers/${officerId}/certificates`, sftAdmin, {
    number: `T${Math.random().toString().slice(2, 12)}`,
    kind: 'enforcement',
    issuerOrgId: await env.orgId('广东省司法厅'),
    sectors: ['market_regulation'],
    regionCodes: ['440100'],
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    ...over,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; number: string; publicToken: string };
}

const eligibility = async (id: string, q: string) =>
  (await call('GET', `/api/v1/officers/${id}/eligibility?${q}`, gzAdmin)).json();
const codes = (r: { reasons: { code: string }[] }) => r.reasons.map((x) => x.code).sort();

describe('registering officers', () => {
  it('validates the ID number (GB 11643) and refuses duplicates, showing it masked', async () => {
    const bad = ID_A.slice(0, 17) + (ID_A.endsWith('1') ? '2' : '1');
    const res = await call('POST', '/api/v1/officers', gzAdmin, { name: '甲', idNumber: bad, orgId: gzAmr });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'invalid_id_number', errors: [{ path: 'idNumber' }] });
    const feb30 = (
      await call('POST', '/api/v1/officers', gzAdmin, { name: '甲', idNumber: '440106199002301234', orgId: gzAmr })
    ).json();
    expect(feb30.code).toBe('invalid_id_number');
    const o = await newOfficer(ID_A, '张三');
    expect(o.idNumber).toBe(`${ID_A.slice(0, 6)}********${ID_A.slice(-4)}`);
    expect(o.phone).toBe('139****5678');
    const dup = await call('POST', '/api/v1/officers', gzAdmin, {
      name: '张三',
      idNumber: ID_A.toLowerCase(),
      orgId: gzAmr,
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('duplicate_officer');
  });

  it('reveals the full number only to an org_admin, with a reason, and audits it', async () => {
    const o = await newOfficer(ID_C, '李四');
    const officer = await env.login('gz_officer1');
    expect(
      (
        await env.app.inject({
          method: 'POST',
          url: `/api/v1/officers/${o.id}/reveal`,
          headers: { cookie: officer },
          payload: { field: 'idNumber', reason: '核对身份' },
        })
      ).statusCode,
    ).toBe(403);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/officers/${o.id}/reveal`,
      headers: { cookie: gzAdmin },
      payload: { field: 'idNumber', reason: '核对身份' },
    });
    expect(res.json()).toEqual({ field: 'idNumber', value: ID_C });
    const auditor = await env.login('auditor');
    const events = (
      await env.app.inject({
        method: 'GET',
        url: '/api/v1/audit-events?action=officer.reveal.idNumber',
        headers: { cookie: auditor },
      })
    ).json();
    expect(events.data[0]).toMatchObject({
      actorUsername: 'gz_admin',
      resourceId: o.id,
      outcome: 'success',
      detail: '核对身份',
    });
  });

  it('keeps other orgs’ officers invisible (404) and lists only those in scope', async () => {
    const szAdmin = await env.login('sz_officer1');
    const o = await newOfficer(ID_B, '王五');
    expect((await call('GET', `/api/v1/officers/${o.id}`, szAdmin)).statusCode).toBe(404);
    expect(
      (await call('GET', `/api/v1/officers/${o.id}/eligibility?sector=market_regulation&regionCode=440100`, szAdmin))
        .statusCode,
    ).toBe(404);
    const list = (await call('GET', '/api/v1/officers?pageSize=200', await env.login('th_officer1'))).json();
    expect(list.data.every((x: { orgName: string }) => x.orgName === '广州市天河区市场监督管理局')).toBe(true);
    const sysadmin = await env.login('admin'); // a sysadmin is not an org_admin: cannot register officers
    usedIds.add(demoIdNumber('440100', 950));
    expect(
      (
        await call('POST', '/api/v1/officers', sysadmin, {
          name: '某',
          idNumber: demoIdNumber('440100', 950),
          orgId: gzAmr,
        })
      ).statusCode,
    ).toBe(403);
  });
});

describe('eligibility — may this officer act here, now?', () => {
  it('answers every reason code with exact date edges and region subtrees', async () => {
    const o = await newOfficer(demoIdNumber('440106', 910), '赵六');
    expect(codes(await eligibility(o.id, 'sector=market_regulation&regionCode=440106'))).toEqual(['no_certificate']);
    const cert = await issue(o.id, { validFrom: '2026-07-01', validTo: '2026-12-31' });
    const at = (iso: string) => `sector=market_regulation&regionCode=440106001&at=${encodeURIComponent(iso)}`;
    // validity in Asia/Shanghai dates, inclusive
    expect(codes(await eligibility(o.id, at('2026-06-30T15:59:59Z')))).toEqual(['certificate_not_yet_valid']);
    expect((await eligibility(o.id, at('2026-06-30T16:00:00Z'))).eligible).toBe(true);
    expect((await eligibility(o.id, at('2026-12-31T15:59:59Z'))).eligible).toBe(true);
    expect(codes(await eligibility(o.id, at('2026-12-31T16:00:00Z')))).toEqual(['certificate_expired']);
    // coverage
    expect(
      codes(await eligibility(o.id, 'sector=ecology_environment&regionCode=440106&at=2026-08-01T00:00:00Z')),
    ).toEqual(['sector_not_covered']);
    expect(
      codes(await eligibility(o.id, 'sector=market_regulation&regionCode=440305&at=2026-08-01T00:00:00Z')),
    ).toEqual(['region_not_covered']);
    // state changes are replayed: suspended from now on, valid before
    env.clock.advance(10 * 60_000);
    const suspended = await call('POST', `/api/v1/certificates/${cert.id}/suspend`, sftAdmin, {
      reason: '涉嫌违规，暂扣核查',
    });
    expect(suspended.json()).toMatchObject({
      status: 'suspended',
      history: [{ action: 'issue' }, { action: 'suspend', reason: '涉嫌违规，暂扣核查' }],
    });
    expect(
      codes(await eligibility(o.id, 'sector=market_regulation&regionCode=440106&at=2026-08-01T00:00:00Z')),
    ).toEqual(['certificate_suspended']);
    // before the suspension (00:10) the certificate was not yet in force anyway: validity starts 2026-07-01
    expect(
      codes(await eligibility(o.id, 'sector=market_regulation&regionCode=440106&at=2026-06-10T00:05:00Z')),
    ).toEqual(['certificate_not_yet_valid']);
    expect(
      codes(await eligibility(o.id, 'sector=market_regulation&regionCode=440106&at=2026-06-10T00:15:00Z')),
    ).toEqual(['certificate_not_yet_valid', 'certificate_suspended']);
    expect(
      (await call('POST', `/api/v1/certificates/${cert.id}/suspend`, sftAdmin, { reason: '再次暂扣' })).json().code,
    ).toBe('invalid_transition');
    await call('POST', `/api/v1/certificates/${cert.id}/reinstate`, sftAdmin, { reason: '核查无问题，恢复' });
    const inForce = 'sector=market_regulation&regionCode=440106&at=2026-08-01T00:00:00Z';
    expect((await eligibility(o.id, inForce)).eligible).toBe(true);
    // assessment
    const head = await env.login('gz_head');
    expect(
      (await call('POST', `/api/v1/officers/${o.id}/assessments`, head, { year: 2025, grade: 'incompetent' }))
        .statusCode,
    ).toBe(201);
    expect(codes(await eligibility(o.id, inForce))).toEqual(['assessment_unfit']);
    expect(
      (await call('POST', `/api/v1/officers/${o.id}/assessments`, head, { year: 2025, grade: 'excellent' })).json()
        .code,
    ).toBe('duplicate_assessment');
    // revoke
    await call('POST', `/api/v1/certificates/${cert.id}/revoke`, sftAdmin, { reason: '调离执法岗位' });
    expect(codes(await eligibility(o.id, inForce))).toEqual(['assessment_unfit', 'certificate_revoked']);
    expect(
      (await call('POST', `/api/v1/certificates/${cert.id}/reinstate`, sftAdmin, { reason: '恢复' })).json().code,
    ).toBe('invalid_transition');
  });

  it('blocks on a previous-year training shortfall only when configured', async () => {
    const strict = await createTestEnv({
      training: { shortfallBlocks: true, rotationFrom: '2023-01-01', rotationDeadline: '2024-06-30' },
    });
    try {
      const admin = await strict.login('gz_admin');
      const sft = await strict.login('sft_admin');
      const created = await strict.app.inject({
        method: 'POST',
        url: '/api/v1/officers',
        headers: { cookie: admin },
        payload: {
          name: '孙七',
          idNumber: demoIdNumber('440106', 920),
          orgId: await strict.orgId('广州市市场监督管理局'),
        },
      });
      expect(created.statusCode).toBe(201);
      const id = created.json().id;
      const issued = await strict.app.inject({
        method: 'POST',
        url: `/api/v1/officers/${id}/certificates`,
        headers: { cookie: sft },
        payload: {
          number: 'STRICT-0001',
          kind: 'enforcement',
          issuerOrgId: await strict.orgId('广东省司法厅'),
          sectors: ['market_regulation'],
          regionCodes: ['440100'],
          validFrom: '2025-01-01',
          validTo: '2028-12-31',
        },
      });
      expect(issued.statusCode).toBe(201);
      const ask = async () =>
        (
          await strict.app.inject({
            method: 'GET',
            url: `/api/v1/officers/${id}/eligibility?sector=market_regulation&regionCode=440100`,
            headers: { cookie: admin },
          })
        ).json();
      expect(codes(await ask())).toEqual(['training_shortfall']);
      // 2700 minutes in 2025 = exactly 60 学时
      const rec = await strict.app.inject({
        method: 'POST',
        url: '/api/v1/training-records',
        headers: { cookie: admin },
        payload: {
          officerId: id,
          course: '年度集中培训',
          category: 'business',
          mode: 'offline',
          provider: '市司法局',
          date: '2025-09-01',
          minutes: 2699,
        },
      });
      expect(rec.json().hours).toBe(59.98);
      expect(codes(await ask())).toEqual(['training_shortfall']);
      await strict.app.inject({
        method: 'POST',
        url: '/api/v1/training-records',
        headers: { cookie: admin },
        payload: {
          officerId: id,
          course: '补课',
          category: 'ethics',
          mode: 'online',
          provider: '学习强国',
          date: '2025-10-01',
          minutes: 1,
        },
      });
      expect(await ask()).toEqual({ eligible: true, reasons: [] });
    } finally {
      await strict.close();
    }
  });
});

describe('training import', () => {
  it('creates, counts duplicates once (same officer, course, date from another platform) and reports row errors', async () => {
    const o = await newOfficer(demoIdNumber('440106', 930), '周八');
    const cert = await issue(o.id);
    const csv = [
      '身份证号,证件号,课程,类别,方式,培训平台,日期,学时,分钟',
      `${demoIdNumber('440106', 930)},,行政处罚法专题解读,公共法律知识,线上,平台甲,2026-05-01,,90`,
      `,${cert.number},《行政处罚法》专题 解读,public_law,offline,平台乙,2026-05-01,2,`,
      `${demoIdNumber('440106', 930)},,执法文书规范,执法技能,线下,平台甲,2026-13-01,3,`,
      `${demoIdNumber('440305', 931)},,执法文书规范,执法技能,线下,平台甲,2026-05-02,3,`,
      `${demoIdNumber('440106', 930)},,"执法技能, 实务",skills,offline,平台丙,2026-05-03,1.5,`,
    ].join('\r\n');
    usedIds.add(demoIdNumber('440305', 931));
    const res = await call('POST', '/api/v1/training-records/import', gzAdmin, csv, { 'content-type': 'text/csv' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ created: 2, duplicates: 1, errors: 2 });
    expect(body.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [2, 'created'],
      [3, 'duplicate'],
      [4, 'error'],
      [5, 'error'],
      [6, 'created'],
    ]);
    expect(body.rows[0].hours).toBe(2);
    expect(body.rows[2].errors[0].field).toBe('date');
    // importing the same file again creates nothing
    const again = (
      await call('POST', '/api/v1/training-records/import?firstRow=2', gzAdmin, csv, { 'content-type': 'text/csv' })
    ).json();
    expect(again).toMatchObject({ created: 0, duplicates: 3, errors: 2 });
    const detail = (await call('GET', `/api/v1/officers/${o.id}`, gzAdmin)).json();
    expect(detail.training).toHaveLength(2);
  });

  it('numbers rows by the file line they start on, across quoted line breaks and chunks', async () => {
    const o = await newOfficer(demoIdNumber('440106', 932), '钱一');
    const id = demoIdNumber('440106', 932);
    const chunk = [
      'idNumber,course,category,mode,provider,date,minutes',
      `${id},"多行\n课程名",ethics,online,平台甲,2026-04-01,45`,
      `${id},第二课,ethics,online,平台甲,2026-04-02x,45`,
    ].join('\n');
    const res = (
      await call('POST', '/api/v1/training-records/import?firstRow=101', gzAdmin, chunk, { 'content-type': 'text/csv' })
    ).json();
    expect(res.rows.map((r: { row: number; status: string }) => [r.row, r.status])).toEqual([
      [101, 'created'],
      [103, 'error'],
    ]);
    expect(res.rows[0].officerId).toBe(o.id);
  });

  it('refuses a file without the required columns, changing nothing', async () => {
    const res = await call('POST', '/api/v1/training-records/import', gzAdmin, 'name,course\n张三,课', {
      'content-type': 'text/csv',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().code).toBe('invalid_header');
  });
});

describe('reports', () => {
  it('aggregates hours per officer with the shortfall to 60 and the compliance rate', async () => {
    const res = (await call('GET', '/api/v1/reports/training?year=2025&pageSize=200', gzAdmin)).json();
    expect(res.total).toBeGreaterThan(0);
    for (const r of res.data) {
      const sum = Object.values(r.byCategory as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(Math.abs(sum - r.totalHours)).toBeLessThan(0.02);
      expect(r.shortfallHours).toBeCloseTo(Math.max(0, 60 - r.totalHours), 1);
    }
    const compliant = res.data.filter((r: { totalHours: number }) => r.totalHours >= 60).length;
    expect(res.complianceRate).toBeCloseTo(compliant / res.total, 3);
    expect(compliant).toBeGreaterThan(0);
    expect(compliant).toBeLessThan(res.total);
    const csv = await call('GET', '/api/v1/reports/training?year=2025&format=csv', gzAdmin);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\r\n')[0]).toContain('差额学时');
    expect(csv.body.trim().split('\r\n')).toHaveLength(res.total + 1);
  });

  it('lists officers without rotation training by the deadline, and exit flags', async () => {
    const rotation = (await call('GET', '/api/v1/reports/rotation?pageSize=200', sftAdmin)).json();
    expect(rotation.deadline).toBe('2024-06-30');
    expect(rotation.total).toBeGreaterThan(0);
    const flags = (await call('GET', '/api/v1/reports/exit-flags?year=2025&pageSize=200', sftAdmin)).json();
    const all = flags.data.flatMap((f: { flags: { code: string }[] }) => f.flags.map((x) => x.code));
    expect(all).toContain('assessment_incompetent');
  });
});

describe('exit decision', () => {
  it('suspends every valid certificate with the reason, and only a justice admin may decide', async () => {
    const o = await newOfficer(demoIdNumber('440106', 940), '吴九');
    await issue(o.id);
    await issue(o.id, { sectors: ['urban_management'] });
    const payload = { action: 'suspend', basis: 'assessment_incompetent', reason: '年度考核不称职' };
    expect((await call('POST', `/api/v1/officers/${o.id}/exit-decisions`, gzAdmin, payload)).statusCode).toBe(403);
    const res = await call('POST', `/api/v1/officers/${o.id}/exit-decisions`, sftAdmin, payload);
    expect(res.statusCode).toBe(201);
    expect(res.json().certificateIds).toHaveLength(2);
    const detail = (await call('GET', `/api/v1/officers/${o.id}`, sftAdmin)).json();
    expect(
      detail.certificates.every(
        (c: { status: string; history: { reason: string }[] }) =>
          c.status === 'suspended' && c.history.at(-1)?.reason.includes('年度考核不称职'),
      ),
    ).toBe(true);
    expect((await call('POST', `/api/v1/officers/${o.id}/exit-decisions`, sftAdmin, payload)).json().code).toBe(
      'nothing_to_change',
    );
  });
});

describe('public certificate check', () => {
  it('shows name, org, number, status and validity — no ID number, no phone; unknown tokens are 404', async () => {
    const o = await newOfficer(demoIdNumber('440106', 960), '郑十');
    const cert = await issue(o.id);
    const res = await env.app.inject({ method: 'GET', url: `/api/v1/public/certificates/${cert.publicToken}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      name: '郑十',
      org: '广州市市场监督管理局',
      number: cert.number,
      status: 'valid',
      kind: 'enforcement',
    });
    bodies.push(res.body);
    const page = await env.app.inject({ method: 'GET', url: `/public/certificates/${cert.publicToken}` });
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('行政执法证件查验');
    expect(page.body).toContain('有效');
    bodies.push(page.body);
    for (const b of [res.body, page.body]) {
      expect(b).not.toContain(demoIdNumber('440106', 960));
      expect(b).not.toContain('13912345678');
      expect(b).not.toContain('139****5678');
    }
    expect(
      (await env.app.inject({ method: 'GET', url: '/api/v1/public/certificates/AAAAAAAAAAAAAAAAAAAAAAAA' })).statusCode,
    ).toBe(404);
    expect((await env.app.inject({ method: 'GET', url: '/public/certificates/nope' })).statusCode).toBe(404);
    const qr = await call('GET', `/api/v1/certificates/${cert.id}/qr.svg`, gzAdmin);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toContain('<svg');
  });
});

describe('no full ID number in any response or log line', () => {
  it('holds for every response above (but the audited reveal) and every log line', () => {
    expect(usedIds.size).toBeGreaterThan(8);
    expect(bodies.length).toBeGreaterThan(20);
    expect(logLines.length).toBeGreaterThan(20);
    for (const id of usedIds) {
      for (const text of [...bodies, ...logLines]) expect(text.includes(id)).toBe(false);
    }
  });
});
