/**
 * The procedure record of an inspection task (subject type `inspection`, generic store): create → commit → draw →
 * record_result / publish_results … → close. Each step is a hash-chained event with a v2 transparency leaf; the
 * leaf shows the commitment and the seeds, the results' USCC and outcome — never a name or other personal data.
 */
import {
  INSPECTION_TASK_ACTION_LABELS,
  INSPECTION_TASK_STATE_LABELS,
  type InspectionTaskAction,
  type InspectionTaskState,
} from '../../../common/enums.js';
import { registerProcedure } from '../../platform/procedure/registry.js';
import { genericStore } from '../../platform/procedure/store.js';
import { verifyGenericRecords } from '../../platform/procedure/verify.js';

const pick = (payload: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(keys.filter((k) => payload[k] !== undefined).map((k) => [k, payload[k]]));

const PUBLIC_FIELDS: Record<string, readonly string[]> = {
  create: ['planId', 'name', 'deadline'],
  commit: ['seedCommitment', 'populationHash', 'poolHash', 'populationSize', 'poolSize', 'drawDate'],
  draw: ['publicSeed', 'serverSeed', 'seed', 'targetCount', 'resultHash'],
  record_result: ['uscc', 'kind', 'outcome', 'mode', 'inspectedDate', 'publishBy', 'substituted'],
  publish_results: ['count'],
  close: [],
};

export const inspectionProcedure = registerProcedure<InspectionTaskState, InspectionTaskAction>({
  subjectType: 'inspection',
  label: '抽查任务',
  store: genericStore,
  flow: {
    create: { from: ['draft'], to: 'draft' },
    commit: { from: ['draft'], to: 'committed' },
    draw: { from: ['committed'], to: 'drawn' },
    record_result: { from: ['drawn'], to: null },
    publish_results: { from: ['drawn'], to: null },
    close: { from: ['drawn'], to: 'closed' },
  },
  stateLabels: INSPECTION_TASK_STATE_LABELS,
  actionLabels: INSPECTION_TASK_ACTION_LABELS,
  publicView: (type, payload) => pick(payload, PUBLIC_FIELDS[type] ?? []),
  verifyRecords: (db) => verifyGenericRecords(db, 'inspection'),
});
