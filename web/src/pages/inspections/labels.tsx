/** Tags and wording shared by the 双随机、一公开 pages: plan status, task state, outcome, ratios as percentages. */
import { Tag } from 'antd';
import {
  INSPECTION_PLAN_STATUS_LABELS,
  INSPECTION_TASK_STATE_LABELS,
  type InspectionPlanStatus,
  type InspectionTaskState,
} from '../../../../common/enums.js';

const PLAN_COLORS: Record<InspectionPlanStatus, string> = { draft: 'default', published: 'green' };
const TASK_COLORS: Record<InspectionTaskState, string> = {
  draft: 'default',
  committed: 'gold',
  drawn: 'blue',
  closed: 'green',
};

export const PlanStatusTag = ({ value }: { value: InspectionPlanStatus }) => (
  <Tag color={PLAN_COLORS[value]}>{INSPECTION_PLAN_STATUS_LABELS[value]}</Tag>
);
export const TaskStateTag = ({ value }: { value: InspectionTaskState }) => (
  <Tag color={TASK_COLORS[value]} data-testid="task-state">
    {INSPECTION_TASK_STATE_LABELS[value]}
  </Tag>
);
export const JointTag = ({ joint }: { joint: boolean }) => (joint ? <Tag color="purple">联合抽查</Tag> : null);

/** "0.05" (a canonical ratio) → "5%"; "0.0125" → "1.25%". */
export function ratioPercent(ratio: string | number): string {
  const ppm = Math.round(Number(ratio) * 1_000_000);
  if (!Number.isFinite(ppm)) return '—';
  const whole = Math.trunc(ppm / 10_000);
  const frac = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return frac ? `${whole}.${frac}%` : `${whole}%`;
}

/**
 * A percentage typed in the form (5, 1.25, "0.3") → the fraction the API takes (0.05, 0.0125, 0.003), through whole
 * parts per million so that no floating-point tail (0.1 + 0.2) reaches the draw. Null when not a percentage in [0, 100]
 * with at most 4 decimals.
 */
export function percentToRatio(percent: number | string | null | undefined): number | null {
  if (percent === null || percent === undefined || percent === '') return null;
  const text = String(percent).trim();
  if (!/^\d+(\.\d{1,4})?$/.test(text)) return null;
  const [whole = '0', frac = ''] = text.split('.');
  const ppm = Number(whole) * 10_000 + Number(frac.padEnd(4, '0'));
  if (ppm > 1_000_000) return null;
  return Number(`${ppm}e-6`);
}

/** Names joined for prose: "广州市市场监督管理局、广州市生态环境局". */
export const names = (list: readonly { name: string }[]) => list.map((x) => x.name).join('、');
