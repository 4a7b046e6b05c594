import { describe, expect, it } from 'vitest';
import { usccCheckChar } from '../../../common/identifiers.js';
import { IMPORT_COLUMNS, mapHeader, parseImportRow, parseSectors } from './entities.rules.js';

const HEADER = IMPORT_COLUMNS.map((c) => c.header);
const first17 = '91440106MA5T00001';
const USCC = first17 + usccCheckChar(first17);

describe('import header', () => {
  it('takes the template’s Chinese headers or the API field names, in any order, and names what is missing', () => {
    expect(mapHeader(HEADER).missing).toEqual([]);
    expect(
      mapHeader([
        '\uFEFFuscc',
        'NAME',
        'kind',
        'regionCode',
        'sectors',
        'address',
        'legalRepresentative',
        'riskClass',
        'creditClass',
      ]).missing,
    ).toEqual([]);
    const h = mapHeader(['名称', '统一社会信用代码', '备注']);
    expect(h.columns).toEqual(['name', 'uscc', null]);
    expect(h.missing).toEqual(['类型', '所在区划代码', '行业领域', '地址', '法定代表人', '风险等级', '信用等级']);
    expect(mapHeader([...HEADER, '名称']).repeated).toEqual(['名称']);
  });
});

describe('one row', () => {
  const { columns } = mapHeader(HEADER);
  const row = (over: Record<number, string> = {}) => {
    const cells = [USCC, '某某有限公司', '企业', '440106', '市场监管', '天河路 1 号', '张三', 'A', 'B', '存续'];
    for (const [i, v] of Object.entries(over)) cells[Number(i)] = v;
    return parseImportRow(cells, columns);
  };

  it('reads labels and codes alike, a lower-case USCC, an empty 状态 as 存续', () => {
    expect(
      row({ 0: USCC.toLowerCase(), 2: 'individual_business', 4: '城市管理、health；市场监管', 7: 'c级', 9: '' }),
    ).toEqual({
      ok: true,
      checkValid: true,
      warnings: [],
      input: expect.objectContaining({
        uscc: USCC,
        kind: 'individual_business',
        sectors: ['urban_management', 'health', 'market_regulation'],
        riskClass: 'C',
        status: 'active',
      }),
    });
  });

  it('warns on a wrong check character and refuses each bad field with its column name', () => {
    const wrong = USCC.slice(0, 17) + (USCC[17] === 'A' ? 'B' : 'A');
    const w = row({ 0: wrong });
    expect(w.ok && w.warnings.map((x) => x.code)).toEqual(['uscc_check_mismatch']);
    const bad = row({ 0: '', 2: '公司', 3: '4401', 4: '综合（政府/乡镇）', 8: 'E', 9: '歇业' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.map((e) => e.field)).toEqual(['uscc', 'kind', 'regionCode', 'sectors', 'creditClass', 'status']);
    expect(bad.errors[0]?.message).toBe('统一社会信用代码不能为空');
    expect(parseImportRow([...HEADER.map(() => 'x'), 'extra'], columns)).toMatchObject({
      ok: false,
      errors: expect.arrayContaining([{ field: 'row', message: expect.stringContaining('多于表头') }]),
    });
  });

  it('splits sectors on 、 , ， ; ； | / and spaces, dropping repeats', () => {
    expect(parseSectors('市场监管, 市场监管/生态环境|交通运输').sectors).toEqual([
      'market_regulation',
      'ecology_environment',
      'transport',
    ]);
    expect(parseSectors('市场监管、餐饮').unknown).toEqual(['餐饮']);
  });
});
