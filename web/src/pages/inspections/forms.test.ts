import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { InspectionPlanCreateBody, InspectionResultBody } from '../../../../common/contracts/inspections.contract.js';
import { percentToRatio, ratioPercent } from './labels';
import { inspectorsNeeded, type PlanValues, planBody } from './planForm';
import { initialResultValues, inspectorIds, needsReason, type ResultValues, resultBody } from './resultForm';

const ORG_A = '00000000-0000-4000-8000-00000000000a';
const ORG_B = '00000000-0000-4000-8000-00000000000b';
const ITEM = '00000000-0000-4000-8000-0000000000c1';
const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const P3 = '00000000-0000-4000-8000-000000000003';

describe('ratios typed as percentages', () => {
  it('become exact fractions (no floating-point tail) and back', () => {
    expect(percentToRatio(5)).toBe(0.05);
    expect(percentToRatio('7')).toBe(0.07);
    expect(percentToRatio('0.3')).toBe(0.003);
    expect(percentToRatio('1.25')).toBe(0.0125);
    expect(percentToRatio(100)).toBe(1);
    expect(percentToRatio(0)).toBe(0);
    expect(String(percentToRatio('33.3333'))).toBe('0.333333');
    expect(ratioPercent('0.05')).toBe('5%');
    expect(ratioPercent('0.0125')).toBe('1.25%');
    expect(ratioPercent('1')).toBe('100%');
  });

  it('refuses what the draw cannot take: over 100 %, negative, more than 4 decimals, empty', () => {
    for (const bad of ['100.0001', '-1', '0.00001', '', 'abc', null, undefined]) expect(percentToRatio(bad)).toBeNull();
  });
});

describe('planBody', () => {
  const values: PlanValues = {
    year: 2026,
    name: '  2026 年度食品经营联合抽查  ',
    orgIds: [ORG_A, ORG_B],
    itemIds: [ITEM],
    'targetFilter.regionCodes': ['440100'],
    'targetFilter.sectors': ['market_regulation'],
    'ratios.A': '3',
    'ratios.B': 5,
    'ratios.C': '10',
    'ratios.D': '20',
    inspectorsPerTarget: 2,
    from: dayjs('2026-03-01'),
    to: dayjs('2026-12-31'),
  };

  it('makes a body the contract accepts: nested filter, fractions, dates', () => {
    const body = planBody(values);
    expect(body).toEqual({
      year: 2026,
      name: '2026 年度食品经营联合抽查',
      orgIds: [ORG_A, ORG_B],
      itemIds: [ITEM],
      targetFilter: { regionCodes: ['440100'], sectors: ['market_regulation'], kinds: [] },
      ratios: { A: 0.03, B: 0.05, C: 0.1, D: 0.2 },
      inspectorsPerTarget: 2,
      from: '2026-03-01',
      to: '2026-12-31',
    });
    expect(InspectionPlanCreateBody.safeParse(body).success).toBe(true);
  });

  it('a joint plan sends at least one inspector per department', () => {
    expect(inspectorsNeeded(2, 3)).toBe(3);
    expect(inspectorsNeeded(4, 2)).toBe(4);
  });
});

describe('resultBody', () => {
  const drawn = [P1, P2];
  const base: ResultValues = {
    inspectedAt: dayjs('2026-04-01T09:30:00+08:00'),
    mode: 'on_site',
    drawn,
    substitutes: [],
    outcome: 'no_issue',
    findings: '  经营许可证在有效期内  ',
  };

  it('preselects the drawn inspectors', () => {
    const init = initialResultValues(
      { inspectors: [{ officerId: P1 }, { officerId: P2 }] as never },
      dayjs('2026-04-01T09:30:45'),
    );
    expect(init.drawn).toEqual([P1, P2]);
    expect(init.inspectedAt?.second()).toBe(0);
  });

  it('the drawn inspectors: no reason needed, none sent, no rectification date for no_issue', () => {
    const body = resultBody({ ...base, substitutionReason: '多余', rectifyBy: dayjs('2026-05-01') }, drawn);
    expect(body).toEqual({
      inspectedAt: '2026-04-01T01:30:00.000Z',
      mode: 'on_site',
      inspectorIds: [P1, P2],
      outcome: 'no_issue',
      findings: '经营许可证在有效期内',
    });
    expect(InspectionResultBody.safeParse(body).success).toBe(true);
  });

  it('a substitute makes a reason needed and sent', () => {
    const v: ResultValues = {
      ...base,
      drawn: [P1],
      substitutes: [{ id: P3, name: '王五（广州市市场监督管理局）' }],
      substitutionReason: ' 抽中人员出差 ',
    };
    expect(needsReason(v, drawn)).toBe(true);
    expect(needsReason(base, drawn)).toBe(false);
    expect(inspectorIds(v)).toEqual([P1, P3]);
    expect(resultBody(v, drawn).substitutionReason).toBe('抽中人员出差');
  });

  it('a drawn inspector added again as a substitute counts once', () => {
    expect(inspectorIds({ drawn, substitutes: [{ id: P1, name: '张三' }] })).toEqual([P1, P2]);
  });

  it('rectify sends its deadline; case_opened its penalty item', () => {
    expect(resultBody({ ...base, outcome: 'rectify', rectifyBy: dayjs('2026-05-01') }, drawn).rectifyBy).toBe(
      '2026-05-01',
    );
    expect(resultBody({ ...base, outcome: 'case_opened', caseItemId: ITEM }, drawn).caseItemId).toBe(ITEM);
    expect(resultBody({ ...base, caseItemId: ITEM }, drawn).caseItemId).toBeUndefined();
  });
});
