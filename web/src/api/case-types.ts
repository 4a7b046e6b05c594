/**
 * The /me/tasks shapes as the console sees them (the workbench module's; they move to
 * common/contracts/workbench.contract.ts). The case shapes are the cases contract's
 * (common/contracts/cases.contract.ts).
 */
import type { CaseAction } from '../../../common/case-flow.js';

export type TaskKind = 'step' | 'deadline' | 'publish' | 'overdue_case' | 'late_publication';

/** One entry of GET /api/v1/me/tasks. */
export interface Task {
  kind: TaskKind;
  caseId: string;
  number: string | null;
  partyName: string;
  orgName: string;
  itemName: string | null;
  stateLabel: string;
  action: CaseAction | null;
  title: string;
  reason: string;
  dueAt: string | null;
  overdue: boolean;
  href: string;
}
