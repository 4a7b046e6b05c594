/**
 * Rules of 双随机、一公开 (issue 13, DOMAIN.md §6), pure: who oversees whom, which entities a plan's filter admits,
 * the results' publish-by date (20 working days, 《企业信息公示暂行条例》), who counts as a substitute, and what a
 * result must carry for its outcome. The draw itself is common/draw.ts (docs/draw.md).
 */
import type { InspectionResultBody } from '../../../common/contracts/inspections.contract.js';
import type { FieldError } from '../../platform/errors.js';
import type { WorkdayCalendar } from '../../platform/workdays.js';

/** Working days between an inspection and the publication of its result. */
export const RESULT_PUBLISH_WORKING_DAYS = 20;

import { regionPrefix } from '../../platform/region-prefix.js';

export { overseenPrefix } from '../../platform/region-prefix.js';

export interface FilterShape {
  regionCodes: readonly string[];
  sectors: readonly string[];
  kinds: readonly string[];
}

export interface EntityShape {
  regionCode: string;
  sectors: readonly string[];
  kind: string;
  status: string;
}

/** An active entity in one of the region subtrees, sharing a sector (when some are named), of a named kind. */
export function matchesFilter(f: FilterShape, e: EntityShape): boolean {
  if (e.status !== 'active') return false;
  if (!f.regionCodes.some((c) => e.regionCode.startsWith(regionPrefix(c)))) return false;
  if (f.sectors.length > 0 && !e.sectors.some((s) => f.sectors.includes(s))) return false;
  return f.kinds.length === 0 || f.kinds.includes(e.kind);
}

/** The plan's period: `to` not before `from`, both within the plan's year or the next (a plan may run over). */
export function checkPlanPeriod(year: number, from: string, to: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!from.startsWith(`${year}-`)) errors.push({ path: 'from', message: `计划开始日期应在 ${year} 年内（计划年度）` });
  if (to < from) errors.push({ path: 'to', message: '计划结束日期不能早于开始日期' });
  return errors;
}

/** Last civil date to publish a result: 20 working days after the inspection's civil date (Asia/Shanghai). */
export function resultPublishBy(inspectedDate: string, cal: WorkdayCalendar): string {
  return cal.addWorkingDays(inspectedDate, RESULT_PUBLISH_WORKING_DAYS).date;
}

/** Working days a result is late: after publishBy, up to today (0 when not late). */
export function workingDaysLate(publishBy: string, today: string, cal: WorkdayCalendar): number {
  return cal.workingDaysBetween(publishBy, today);
}

/** Unpublished and its publish-by date has passed. */
export const isLate = (r: { publishedAt: Date | string | null; publishBy: string }, today: string) =>
  r.publishedAt === null && r.publishBy < today;

/** The inspectors of a result that are not among the target's drawn inspectors. */
export const substitutesOf = (inspectorIds: readonly string[], drawn: readonly string[]) =>
  inspectorIds.filter((id) => !drawn.includes(id));

/**
 * What a result body must carry beyond its shape: distinct inspectors; `rectifyBy` for `rectify` (not before the
 * inspection), and only then; `caseItemId` for `case_opened`; a reason when someone was substituted.
 */
export function checkResultBody(
  body: Pick<InspectionResultBody, 'inspectorIds' | 'outcome' | 'rectifyBy' | 'caseItemId' | 'substitutionReason'>,
  inspectedDate: string,
  substitutes: readonly string[],
): FieldError[] {
  const errors: FieldError[] = [];
  if (new Set(body.inspectorIds).size !== body.inspectorIds.length)
    errors.push({ path: 'inspectorIds', message: '检查人员重复' });
  if (body.outcome === 'rectify') {
    if (!body.rectifyBy) errors.push({ path: 'rectifyBy', message: '责令整改须写明整改期限' });
    else if (body.rectifyBy < inspectedDate) errors.push({ path: 'rectifyBy', message: '整改期限不能早于检查日期' });
  } else if (body.rectifyBy) {
    errors.push({ path: 'rectifyBy', message: '只有“责令整改”需要整改期限' });
  }
  if (body.outcome === 'case_opened' && !body.caseItemId)
    errors.push({ path: 'caseItemId', message: '立案查处须选择所适用的行政处罚事项' });
  if (substitutes.length > 0 && !body.substitutionReason)
    errors.push({ path: 'substitutionReason', message: '检查人员不是抽取的人员（替换），须写明替换原因' });
  return errors;
}

/** A follow-up re-inspection is done on or after the rectification deadline. */
export const followUpDue = (dueFrom: string, inspectedDate: string) => inspectedDate >= dueFrom;
