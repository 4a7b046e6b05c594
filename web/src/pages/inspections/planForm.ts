/** The 抽查计划 form's values and the request body they make (pure: tested in planForm.test.ts). */
import type { Dayjs } from 'dayjs';
import type { InspectionPlanCreateBody } from '../../../../common/contracts/inspections.contract.js';
import type { Wire } from '../../../../common/contracts/kit.js';
import type { EntityKind, GradeClass, Sector } from '../../../../common/enums.js';
import { percentToRatio } from './labels';

/** Flat names, so that the server's error paths (`targetFilter.regionCodes`, `ratios.A`) land on their fields. */
export interface PlanValues {
  year: number;
  name: string;
  orgIds: string[];
  itemIds: string[];
  'targetFilter.regionCodes': string[];
  'targetFilter.sectors'?: Exclude<Sector, 'general'>[];
  'targetFilter.kinds'?: EntityKind[];
  /** Percentages as typed (5 = 5 %). */
  'ratios.A': number | string;
  'ratios.B': number | string;
  'ratios.C': number | string;
  'ratios.D': number | string;
  inspectorsPerTarget: number;
  from: Dayjs;
  to: Dayjs;
}

export const PLAN_FIELDS = [
  'year',
  'name',
  'orgIds',
  'itemIds',
  'targetFilter.regionCodes',
  'targetFilter.sectors',
  'targetFilter.kinds',
  'ratios.A',
  'ratios.B',
  'ratios.C',
  'ratios.D',
  'inspectorsPerTarget',
  'from',
  'to',
] as const;

export const RATIO_FIELDS: Record<GradeClass, `ratios.${GradeClass}`> = {
  A: 'ratios.A',
  B: 'ratios.B',
  C: 'ratios.C',
  D: 'ratios.D',
};

/** Suggested per-class ratios in percent (lower for low risk, DOMAIN.md §6: e.g. 3 % / 5 % / 10 % / 20 %). */
export const DEFAULT_PERCENTS: Record<GradeClass, number> = { A: 3, B: 5, C: 10, D: 20 };

export type PlanBody = Wire<typeof InspectionPlanCreateBody>;

/** The body of POST /api/v1/inspection-plans. Throws on a percentage the form's own rules should have refused. */
export function planBody(v: PlanValues): PlanBody {
  const ratio = (c: GradeClass) => {
    const r = percentToRatio(v[RATIO_FIELDS[c]]);
    if (r === null) throw new Error(`抽查比例（${c} 级）无效`);
    return r;
  };
  return {
    year: v.year,
    name: v.name.trim(),
    orgIds: v.orgIds,
    itemIds: v.itemIds,
    targetFilter: {
      regionCodes: v['targetFilter.regionCodes'],
      sectors: v['targetFilter.sectors'] ?? [],
      kinds: v['targetFilter.kinds'] ?? [],
    },
    ratios: { A: ratio('A'), B: ratio('B'), C: ratio('C'), D: ratio('D') },
    inspectorsPerTarget: v.inspectorsPerTarget,
    from: v.from.format('YYYY-MM-DD'),
    to: v.to.format('YYYY-MM-DD'),
  };
}

/**
 * How many inspectors each target gets: the plan's number, at least one per department in a joint plan
 * (docs/draw.md §7 `need`).
 */
export const inspectorsNeeded = (perTarget: number, departments: number) => Math.max(perTarget, departments);
