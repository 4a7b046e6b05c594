/**
 * The penalty procedure declared on the platform (server/platform/procedure/): subject type `case`, its flow table
 * (common/case-flow.ts), its record kept in `case_events` (case-record.ts `caseStore`), the public part of each
 * event (case-public-views.ts) that its transparency-log leaf carries, and its verification (case-verify.ts:
 * chain, head and the row against the projection of its record). The action handlers are case-actions.ts; the step
 * itself is cases.service.ts `performAction`.
 */
import { CASE_ACTION_LABELS, CASE_FLOW, CASE_STATE_LABELS } from '../../../common/case-flow.js';
import { registerProcedure } from '../../platform/procedure/registry.js';
import { publicEventView } from './case-public-views.js';
import { CASE_SUBJECT, caseStore } from './case-record.js';
import { verifyCaseRecords } from './case-verify.js';

export const caseProcedure = registerProcedure({
  subjectType: CASE_SUBJECT,
  label: '案件',
  store: caseStore,
  flow: CASE_FLOW,
  stateLabels: CASE_STATE_LABELS,
  actionLabels: CASE_ACTION_LABELS,
  publicView: publicEventView,
  async verifyRecords(db) {
    const r = await verifyCaseRecords(db);
    return {
      subjects: r.cases,
      broken: r.broken.map((b) => ({ subjectId: b.caseId, name: b.number, seq: b.seq })),
      mismatches: r.mismatches.map(({ caseId, number, ...d }) => ({ subjectId: caseId, name: number, ...d })),
    };
  },
});
