/** The 结果录入 form's values and the request body they make (pure: tested in resultForm.test.ts). */
import type { Dayjs } from 'dayjs';
import type { InspectionResultBody, InspectionTarget } from '../../../../common/contracts/inspections.contract.js';
import type { Wire } from '../../../../common/contracts/kit.js';
import type { InspectionMode, InspectionOutcome } from '../../../../common/enums.js';

export interface Substitute {
  id: string;
  /** Kept with the id so that a restored draft shows the name, never the id. */
  name: string;
}

export interface ResultValues {
  inspectedAt: Dayjs;
  mode: InspectionMode;
  /** The drawn inspectors who took part (all preselected). */
  drawn: string[];
  /** Officers who stood in for drawn ones (then a reason is needed). */
  substitutes?: Substitute[];
  substitutionReason?: string;
  outcome: InspectionOutcome;
  findings: string;
  rectifyBy?: Dayjs;
  /** For `case_opened`: the penalty item of the case registered. */
  caseItemId?: string;
}

export const RESULT_FIELDS = [
  'inspectedAt',
  'mode',
  'drawn',
  'substitutes',
  'substitutionReason',
  'outcome',
  'findings',
  'rectifyBy',
  'caseItemId',
] as const;

/**
 * Problems whose `errors[].path` is not a form field, onto the field they concern. `invalid_result` names its fields
 * (`rectifyBy`, `caseItemId`, `substitutionReason`, `inspectedAt`) and needs nothing here; `entry_scan_missing`
 * points at `inspectorIds` (what the drawn and substitute pickers make together); the case registration of
 * `case_opened` answers with `itemId` (`not_penalty_item`, `unknown_item`).
 */
export const RESULT_CODE_TO_FIELD: Record<string, string> = {
  entry_scan_missing: 'drawn',
  not_penalty_item: 'caseItemId',
  unknown_item: 'caseItemId',
};

export const initialResultValues = (
  target: Pick<InspectionTarget, 'inspectors'>,
  now: Dayjs,
): Partial<ResultValues> => ({
  inspectedAt: now.second(0).millisecond(0),
  mode: 'on_site',
  drawn: target.inspectors.map((i) => i.officerId),
  substitutes: [],
});

/** Everyone who inspected: the drawn ones kept, then the substitutes (each once). */
export function inspectorIds(v: Pick<ResultValues, 'drawn' | 'substitutes'>): string[] {
  return [...new Set([...(v.drawn ?? []), ...(v.substitutes ?? []).map((s) => s.id)])];
}

/** A reason is needed as soon as someone who was not drawn inspects. */
export function needsReason(v: Pick<ResultValues, 'drawn' | 'substitutes'>, drawnIds: readonly string[]): boolean {
  return inspectorIds(v).some((id) => !drawnIds.includes(id));
}

export type ResultBody = Wire<typeof InspectionResultBody>;

export function resultBody(v: ResultValues, drawnIds: readonly string[]): ResultBody {
  const reason = v.substitutionReason?.trim();
  return {
    inspectedAt: v.inspectedAt.toISOString(),
    mode: v.mode,
    inspectorIds: inspectorIds(v),
    outcome: v.outcome,
    findings: v.findings.trim(),
    ...(v.outcome === 'rectify' && v.rectifyBy ? { rectifyBy: v.rectifyBy.format('YYYY-MM-DD') } : {}),
    ...(v.outcome === 'case_opened' && v.caseItemId ? { caseItemId: v.caseItemId } : {}),
    ...(needsReason(v, drawnIds) && reason ? { substitutionReason: reason } : {}),
  };
}
