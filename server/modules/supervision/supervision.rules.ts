/**
 * Rules of the annual supervision work plan (行政执法监督工作计划), pure: who is a supervising body, what a plan item
 * must satisfy, how its progress reads. 《行政执法监督条例》 (国务院令第825号): the justice department (司法行政部门) of
 * each county and above supervises enforcement in its region; a township 司法所 assists its county's.
 */
import type { FieldError } from '../../platform/errors.js';

export interface BodyOrg {
  kind: string;
  regionCode: string;
}

/** A supervising body: a justice department of a province, city or county (a 6-digit region code). */
export const isSupervisingBody = (org: BodyOrg) => org.kind === 'justice' && /^\d{6}$/.test(org.regionCode);

export { overseenPrefix } from '../../platform/region-prefix.js';

export interface PlanItemShape {
  title: string;
  due: string;
}

/** Each item falls due within the plan's year; titles are not repeated. */
export function checkPlanItems(year: number, items: readonly PlanItemShape[]): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!item.due.startsWith(`${year}-`))
      errors.push({ path: `items.${i}.due`, message: `完成期限应在 ${year} 年内（计划年度）` });
    const title = item.title.trim();
    if (seen.has(title)) errors.push({ path: `items.${i}.title`, message: `事项“${title}”重复` });
    seen.add(title);
  });
  return errors;
}

/** An item not done whose due date has passed (civil dates, Asia/Shanghai). */
export const isOverdue = (item: { status: string; due: string }, today: string) =>
  item.status !== 'done' && item.due < today;
