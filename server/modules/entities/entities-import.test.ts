import { Writable } from 'node:stream';
import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../test/tables.js';
import type { EntityImportEvent } from '../../../common/api-types.js';
import { usccCheckChar } from '../../../common/identifiers.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { BATCH_ROWS } from './entities.import.js';
import { entities } from './entities.schema.js';

const logLines: string[] = [];
const logStream = new Writable({
  write(chunk, _enc, done) {
    logLines.push(String(chunk));
    done();
  },
});

let env: TestEnv;
let th: string;
const bodies: string[] = [];
const HEADER = '统一社会信用代码,名称,类型,所在区划代码,行业领域,地址,法定代表人,风险等级,信用等级,状态';
const PEOPLE = ['诸葛孔明', '上官婉儿', '慕容复兴'];

beforeAll(async () => {
  env = await createTestEnv({}, { logger: { level: 'trace', stream: logStream } });
  th = await env.login('th_officer1');
});
afterAll(() => env.close());

const uscc = (n: number, region = '440106') => {
  const first17 = `91${region}MA${String(n).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
};

async function importFile(
  body: string | Buffer,
  opts: { cookie?: string; type?: string; query?: string } = {},
): Promise<{ status: number; events: EntityImportEvent[]; json: () => { code: string; detail: string } }> {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/entities/import${opts.query ?? ''}`,
    headers: { cookie: opts.cookie ?? th, 'content-type': opts.type ?? 'text/csv; charset=utf-8' },
    payload: body,
  });
  bodies.push(res.body);
  const events =
    res.statusCode === 200
      ? res.body
          .trim()
          .split('\n')
          .map((l) => JSON.parse(l) as EntityImportEvent)
      : [];
  return { status: res.statusCode, events, json: () => res.json() };
}
const rowsOf = (events: EntityImportEvent[]) => events.filter((e) => e.type === 'row');
const summaryOf = (events: EntityImportEvent[]) => events.find((e) => e.type === 'summary');

describe('CSV import', () => {
  const szEntity = uscc(9000001, '440305');

  beforeAll(async () => {
    // an entity of 南山区, out of 天河区's scope
    const sz = await env.login('sz_officer1');
    const res = await env.app.inject({
      method: 'POST',
      url: '/api/v1/entities',
      headers: { cookie: sz },
      payload: {
        uscc: szEntity,
        name: '深圳南山测试贸易有限公司',
        kind: 'enterprise',
        regionCode: '440305',
        sectors: ['market_regulation'],
        address: '深南大道 1 号',
        legalRepresentative: PEOPLE[2],
        riskClass: 'A',
        creditClass: 'A',
      },
    });
    expect(res.statusCode).toBe(201);
  });

  it('creates rows, reports each row’s result by file line, errors in Chinese, warnings kept', async () => {
    const wrongCheck = uscc(1000003).slice(0, 17) + (uscc(1000003)[17] === '0' ? '1' : '0');
    const csv = [
      `\uFEFF${HEADER}`,
      `${uscc(1000001)},广州天河导入一号有限公司,企业,440106,市场监管、卫生健康,天河路 1 号,${PEOPLE[0]},A,B,存续`,
      `${uscc(1000002)},"天河导入二号
（分店）",个体工商户,440106001,餐饮;城市管理,"体育西路 2 号",${PEOPLE[1]},C 级,D,`,
      `${uscc(1000002)},天河导入二号,个体工商户,440106001,城市管理,体育西路 2 号,${PEOPLE[1]},C,D,`,
      '',
      `${wrongCheck},早期赋码导入有限公司,企业,440106,生态环境,天河路 3 号,${PEOPLE[0]},B,B,经营异常`,
      `91440106MA12,,公司,440104,星际贸易,,${PEOPLE[0]},E,B,破产`,
      `${uscc(1000005)},越秀区企业,企业,440104,市场监管,中山路 5 号,${PEOPLE[0]},A,A,存续`,
      `${uscc(1000006)},无此区划企业,企业,440199,市场监管,中山路 6 号,${PEOPLE[0]},A,A,存续`,
      `${szEntity},冒名修改南山企业,企业,440106,市场监管,天河路 7 号,${PEOPLE[0]},D,D,注销`,
    ].join('\r\n');
    const { status, events } = await importFile(csv);
    expect(status).toBe(200);
    const rows = rowsOf(events);
    const byLine = new Map(rows.map((r) => [r.line, r]));
    expect(rows.map((r) => r.line)).toEqual([2, 3, 5, 7, 8, 9, 10, 11]); // in file order, the empty line 6 skipped
    expect(byLine.get(2)).toMatchObject({ status: 'created', uscc: uscc(1000001) });
    // the record of lines 3–4 (a quoted line break) is named by line 3; 餐饮 is no sector
    expect(byLine.get(3)).toMatchObject({ status: 'error', errors: [expect.objectContaining({ field: 'sectors' })] });
    expect(byLine.get(5)).toMatchObject({ status: 'created', uscc: uscc(1000002) });
    expect(byLine.get(7)).toMatchObject({
      status: 'created',
      warnings: [expect.objectContaining({ code: 'uscc_check_mismatch' })],
    });
    const bad = byLine.get(8);
    expect(bad?.status).toBe('error');
    const fields = bad?.status === 'error' ? bad.errors.map((e) => e.field).sort() : [];
    expect(fields).toEqual(['address', 'kind', 'name', 'riskClass', 'sectors', 'status', 'uscc']);
    expect(bad?.status === 'error' && bad.errors.every((e) => /[\u4e00-\u9fa5]/.test(e.message))).toBe(true);
    expect(byLine.get(9)).toMatchObject({
      status: 'error',
      errors: [{ field: 'regionCode', message: expect.stringContaining('管辖范围') }],
    });
    expect(byLine.get(10)).toMatchObject({
      status: 'error',
      errors: [{ field: 'regionCode', message: expect.stringContaining('不存在') }],
    });
    expect(byLine.get(11)).toMatchObject({
      status: 'error',
      errors: [{ field: 'uscc', message: expect.stringContaining('管辖范围') }],
    });
    expect(summaryOf(events)).toMatchObject({ rows: 8, created: 3, updated: 0, errors: 5, warnings: 1 });
    // the out-of-scope entity is unchanged
    const [sz] = await env.database.db.select().from(entities).where(eq(entities.uscc, szEntity));
    expect(sz).toMatchObject({ name: '深圳南山测试贸易有限公司', regionCode: '440305', status: 'active' });
  });

  it('upserts by USCC: a second import updates, a USCC twice in one file is written in file order', async () => {
    const csv = [
      HEADER,
      `${uscc(1000001)},广州天河导入一号（更名）有限公司,企业,440106,市场监管,天河路 1 号之一,${PEOPLE[1]},D,C,经营异常`,
      `${uscc(1000010)},天河导入十号有限公司,企业,440106002,交通运输,五山路 10 号,${PEOPLE[0]},B,A,`,
      `${uscc(1000010)},天河导入十号（更正）有限公司,企业,440106002,交通运输,五山路 10 号,${PEOPLE[0]},B,B,`,
    ].join('\n');
    const { events } = await importFile(csv);
    expect(rowsOf(events).map((r) => [r.line, r.status])).toEqual([
      [2, 'updated'],
      [3, 'created'],
      [4, 'updated'],
    ]);
    // the same file again: line 2 is already in the library as it says (ok); lines 3 and 4 change the same entity
    const again = await importFile(csv);
    expect(rowsOf(again.events).map((r) => r.status)).toEqual(['ok', 'updated', 'updated']);
    expect(summaryOf(again.events)).toMatchObject({ ok: 1, created: 0, updated: 2 });
    const rows = await env.database.db
      .select()
      .from(entities)
      .where(inArray(entities.uscc, [uscc(1000001), uscc(1000010)]));
    const one = rows.find((r) => r.uscc === uscc(1000001));
    expect(one).toMatchObject({
      name: '广州天河导入一号（更名）有限公司',
      riskClass: 'D',
      status: 'abnormal',
      legalRepMasked: '上**儿',
    });
    expect(rows.find((r) => r.uscc === uscc(1000010))).toMatchObject({
      name: '天河导入十号（更正）有限公司',
      creditClass: 'B',
    });
  });

  it('writes in batches, each with its audit row, and reports progress after each batch', async () => {
    const n = BATCH_ROWS * 2 + 500;
    const lines = [HEADER];
    for (let i = 0; i < n; i++)
      lines.push(
        `${uscc(2000000 + i)},批量导入${i}号商行,个体工商户,440106,市场监管,天河路 ${i} 号,${PEOPLE[i % 2]},B,B,存续`,
      );
    const before = await env.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'entity.import'));
    const { events } = await importFile(lines.join('\n'), { query: '?rows=problems' });
    expect(rowsOf(events)).toEqual([]);
    expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(2);
    expect(summaryOf(events)).toMatchObject({ rows: n, created: n, errors: 0 });
    const after = await env.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'entity.import'));
    expect((after[0]?.n ?? 0) - (before[0]?.n ?? 0)).toBe(3);
  });

  it('checks without writing on a dry run', async () => {
    const csv = `${HEADER}\n${uscc(3000001)},试算企业,企业,440106,市场监管,天河路 9 号,${PEOPLE[0]},A,A,存续\n`;
    const { events } = await importFile(csv, { query: '?dryRun=true' });
    expect(rowsOf(events)).toMatchObject([{ line: 2, status: 'ok' }]);
    expect(summaryOf(events)).toMatchObject({ dryRun: true, ok: 1, created: 0 });
    expect(
      await env.database.db
        .select()
        .from(entities)
        .where(eq(entities.uscc, uscc(3000001))),
    ).toEqual([]);
  });

  it('refuses a file it cannot start: header, media type, role — problem+json, nothing written', async () => {
    const noHeader = await importFile(`统一社会信用代码,名称\n${uscc(3000002)},某企业\n`);
    expect(noHeader.status).toBe(422);
    expect(noHeader.json()).toMatchObject({ code: 'invalid_header' });
    expect(noHeader.json().detail).toContain('所在区划代码');
    expect((await importFile('')).json().code).toBe('empty_file');
    // a body type that is neither a table file nor JSON is refused before the import reads it (the CSRF rule,
    // platform/csrf.ts): problem+json naming what to send
    for (const type of ['image/png', 'application/xml']) {
      const res = await importFile(HEADER, { type });
      expect(res.status).toBe(403);
      expect(res.json()).toMatchObject({ code: 'cross_site_request' });
    }
    const reviewer = await importFile(`${HEADER}\n`, { cookie: await env.login('gz_reviewer') });
    expect(reviewer.status).toBe(403);
  });

  it('stops at a broken quote with a failed line naming where, keeping earlier batches', async () => {
    const csv = `${HEADER}\n${uscc(3000003)},断行前企业,企业,440106,市场监管,天河路,${PEOPLE[0]},A,A,\n${uscc(3000004)},"未闭合,企业`;
    const res = await importFile(csv);
    // a small file is parsed at once: refused before anything is written; a large one ends with a failed line
    const failed = res.status === 200 ? res.events.find((e) => e.type === 'failed') : null;
    const problem = res.status === 200 ? null : res.json();
    expect(failed?.code ?? problem?.code).toBe('invalid_csv');
    const message = (failed?.type === 'failed' ? failed.message : problem?.detail) ?? '';
    expect(message).toContain('引号未闭合');
    expect(message).toContain('第 3 行');
  });
});

describe('XLSX import', () => {
  async function workbook(rows: unknown[][]): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名录');
    for (const r of rows) ws.addRow(r);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads the first sheet, names rows by their row number, numbers typed as numbers', async () => {
    const file = await workbook([
      HEADER.split(','),
      [uscc(4000001), '表格导入一号有限公司', '企业', 440106, '市场监管', '天河路 11 号', PEOPLE[0], 'A', 'B', '存续'],
      [],
      [
        uscc(4000002),
        '表格导入二号有限公司',
        '事业单位',
        '440106002',
        '卫生健康、文化旅游',
        '五山路 2 号',
        PEOPLE[1],
        'B',
        'A',
        '',
      ],
      [uscc(4000003), '', '企业', 440106, '市场监管', '天河路', PEOPLE[1], 'B', 'A', ''],
    ]);
    const { status, events } = await importFile(file, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    expect(status).toBe(200);
    expect(rowsOf(events).map((r) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [4, 'created'],
      [5, 'error'],
    ]);
    const [two] = await env.database.db
      .select()
      .from(entities)
      .where(eq(entities.uscc, uscc(4000002)));
    expect(two).toMatchObject({
      kind: 'public_institution',
      sectors: ['health', 'culture_tourism'],
      regionCode: '440106002',
    });
  });

  it('answers 422 to a file that is not a workbook', async () => {
    const res = await importFile(Buffer.from('PK\u0003\u0004 not really a zip'), {
      query: '?format=xlsx',
      type: 'application/octet-stream',
    });
    expect(res.status).toBe(422);
    expect(res.json().code).toBe('invalid_xlsx');
  });
});

describe('personal data', () => {
  it('never sends or logs a legal representative’s full name', () => {
    expect(logLines.length).toBeGreaterThan(5);
    for (const name of PEOPLE) for (const text of [...bodies, ...logLines]) expect(text.includes(name)).toBe(false);
  });
});
