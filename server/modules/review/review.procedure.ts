/**
 * The procedure record of a 案卷评查 campaign (subject type `review`, generic store): create → commit → draw → close.
 * Each step is a hash-chained event with a v2 transparency leaf: the commitment (population hash, SHA-256 of the
 * server seed) before the public seed exists, then the seeds and the sampled case numbers — never a reviewer's name
 * or a score.
 */
import {
  REVIEW_CAMPAIGN_ACTION_LABELS,
  REVIEW_CAMPAIGN_STATE_LABELS,
  type ReviewCampaignAction,
  type ReviewCampaignState,
} from '../../../common/enums.js';
import { registerProcedure } from '../../platform/procedure/registry.js';
import { genericStore } from '../../platform/procedure/store.js';
import { verifyGenericRecords } from '../../platform/procedure/verify.js';

const PUBLIC_FIELDS: Record<string, readonly string[]> = {
  create: ['year', 'name', 'orgIds', 'sample', 'caseFilter', 'rubricId'],
  commit: ['seedCommitment', 'populationHash', 'populationSize'],
  draw: ['publicSeed', 'serverSeed', 'seed', 'sampled'],
  close: [],
};

export const reviewProcedure = registerProcedure<ReviewCampaignState, ReviewCampaignAction>({
  subjectType: 'review',
  label: '评查活动',
  store: genericStore,
  flow: {
    create: { from: ['draft'], to: 'draft' },
    commit: { from: ['draft'], to: 'committed' },
    draw: { from: ['committed'], to: 'drawn' },
    close: { from: ['drawn'], to: 'closed' },
  },
  stateLabels: REVIEW_CAMPAIGN_STATE_LABELS,
  actionLabels: REVIEW_CAMPAIGN_ACTION_LABELS,
  publicView: (type, payload) =>
    Object.fromEntries((PUBLIC_FIELDS[type] ?? []).filter((k) => payload[k] !== undefined).map((k) => [k, payload[k]])),
  verifyRecords: (db) => verifyGenericRecords(db, 'review'),
});
