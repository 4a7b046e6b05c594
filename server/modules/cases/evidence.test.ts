/**
 * Evidence (issue 11 finding 12): a 0-byte file is refused (422) and records nothing; the demo cases' evidence is
 * real — every attachment in a demo record downloads and its SHA-256 is the one recorded.
 */
import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { items, officers } from '../../test/tables.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { caseEventsOf } from './case-record.js';
import { caseEvents, cases } from './cases.schema.js';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

function multipart(files: { name: string; content: Buffer }[]) {
  const boundary = '----zhifa-evidence';
  const parts = files.map((f) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${f.name}"\r\nContent-Type: image/jpeg\r\n\r\n`,
      ),
      f.content,
      Buffer.from('\r\n'),
    ]),
  );
  return {
    type: `multipart/form-data; boundary=${boundary}`,
    body: Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\n现场照片\r\n`),
      ...parts,
      Buffer.from(`--${boundary}--\r\n`),
    ]),
  };
}

describe('evidence files', () => {
  it('refuses a 0-byte file (422 empty_evidence), with the others of the upload, and records nothing', async () => {
    const head = await env.login('gz_head');
    const officer = await env.login('gz_officer1');
    const gzAmr = await env.orgId('广州市市场监督管理局');
    const item = (await env.database.db.select().from(items).where(eq(items.baseCode, 'SC-CF-0126')))[0]?.id;
    const created = await env.app.inject({
      method: 'POST',
      url: '/api/v1/cases',
      headers: { cookie: officer },
      payload: {
        orgId: gzAmr,
        itemId: item,
        source: 'inspection',
        party: { kind: 'person', name: '李某' },
        facts: '巡查发现违法行为',
        occurredAt: '2026-02-20T02:00:00Z',
      },
    });
    const id = created.json().id as string;
    await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/file`,
      headers: { cookie: head },
      payload: {},
    });
    const staff = await env.database.db.select().from(officers).where(eq(officers.orgId, gzAmr));
    const eligible: string[] = [];
    for (const s of staff) {
      const e = await env.app.inject({
        method: 'GET',
        url: `/api/v1/officers/${s.id}/eligibility?sector=market_regulation&regionCode=440100`,
        headers: { cookie: head },
      });
      if (e.json().eligible) eligible.push(s.id);
    }
    const assigned = await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/assign`,
      headers: { cookie: head },
      payload: { officerIds: eligible.slice(0, 2) },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    const before = (await caseEventsOf(env.database.db, id)).length;
    const upload = multipart([
      { name: '现场照片.jpg', content: Buffer.from('a real photo, in bytes') },
      { name: '空文件.jpg', content: Buffer.alloc(0) },
    ]);
    const res = await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/add_evidence`,
      headers: { cookie: officer, 'content-type': upload.type },
      payload: upload.body,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'empty_evidence', errors: [{ path: 'files' }] });
    expect(res.json().detail).toContain('空文件.jpg');
    expect((await caseEventsOf(env.database.db, id)).length).toBe(before);
    const one = multipart([{ name: '现场照片.jpg', content: Buffer.from('a real photo, in bytes') }]);
    const ok = await env.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/actions/add_evidence`,
      headers: { cookie: officer, 'content-type': one.type },
      payload: one.body,
    });
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('every attachment of the demo records downloads, and its SHA-256 matches the record', async () => {
    const rows = await env.database.db
      .select({ caseId: caseEvents.caseId, attachments: caseEvents.attachments, orgId: cases.orgId })
      .from(caseEvents)
      .innerJoin(cases, eq(cases.id, caseEvents.caseId))
      .where(sql`jsonb_array_length(${caseEvents.attachments}) > 0 and ${cases.number} like '%-D%'`);
    expect(rows.length).toBeGreaterThanOrEqual(40);
    // each demo case read by an officer of its own org
    const viewers: Record<string, string> = {
      [await env.orgId('广州市市场监督管理局')]: 'gz_officer1',
      [await env.orgId('广州市天河区市场监督管理局')]: 'th_officer1',
      [await env.orgId('深圳市市场监督管理局')]: 'sz_officer1',
      [await env.orgId('广州市天河区综合行政执法局')]: 'th_zf_officer',
    };
    const cookies: Record<string, string> = {};
    let checked = 0;
    for (const r of rows) {
      const who = viewers[r.orgId];
      if (!who) continue;
      cookies[who] ??= await env.login(who);
      for (const a of r.attachments) {
        const res = await env.app.inject({
          method: 'GET',
          url: `/api/v1/cases/${r.caseId}/evidence/${a.sha256}`,
          headers: { cookie: cookies[who] as string },
        });
        expect(res.statusCode, `${r.caseId} ${a.name}`).toBe(200);
        expect(res.rawPayload.length).toBe(a.size);
        expect(createHash('sha256').update(res.rawPayload).digest('hex')).toBe(a.sha256);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(30);
  });
});
