/**
 * The procedure record of a complaint (subject type `complaint`, generic store): receive → accept / reject →
 * assign, transfer (accept_transfer / decline_transfer), open_case → reply → close → rate → reopen once; merge (并单)
 * from any open state. Each step is a hash-chained event with a v2 transparency leaf; the leaf shows the kind, the
 * channel, the region and the dates — never the content, a name, a phone or the reply's text.
 */
import { verifyGenericRecords } from '../../platform/procedure/verify.js';
import {
  COMPLAINT_ACTION_LABELS,
  COMPLAINT_STATE_LABELS,
  type ComplaintAction,
  type ComplaintState,
} from '../../../common/enums.js';
import { registerProcedure } from '../../platform/procedure/registry.js';
import { genericStore } from '../../platform/procedure/store.js';

/** The whitelisted keys of a payload that are present. */
const whitelisted = (payload: Record<string, unknown>, keys: readonly string[]) =>
  Object.fromEntries(Object.entries(payload).filter(([k, v]) => v !== undefined && keys.includes(k)));

const PUBLIC_FIELDS: Record<string, readonly string[]> = {
  receive: ['kind', 'channel', 'regionCode', 'handlingOrgId', 'dueDate', 'contentSha256'],
  accept: ['dueDate'],
  reject: [],
  assign: [],
  transfer: ['toOrgId'],
  accept_transfer: ['dueDate', 'pausedWorkingDays'],
  decline_transfer: [],
  reply: [],
  close: [],
  rate: ['rating'],
  reopen: ['dueDate'],
  merge: ['intoId'],
  open_case: ['caseId'],
  dispute: ['toOrgId'],
  decide_dispute: ['upheld', 'toOrgId'],
};

const OPEN: ComplaintState[] = ['received', 'accepted'];

export const complaintProcedure = registerProcedure<ComplaintState, ComplaintAction>({
  subjectType: 'complaint',
  label: '投诉举报',
  store: genericStore,
  flow: {
    receive: { from: ['received'], to: 'received' },
    accept: { from: ['received'], to: 'accepted' },
    reject: { from: ['received'], to: 'rejected' },
    assign: { from: ['accepted'], to: null },
    transfer: { from: OPEN, to: 'transferred' },
    accept_transfer: { from: ['transferred'], to: 'accepted' },
    decline_transfer: { from: ['transferred'], to: null },
    reply: { from: ['accepted'], to: 'replied' },
    close: { from: ['replied'], to: 'closed' },
    rate: { from: ['closed'], to: null },
    reopen: { from: ['closed'], to: 'accepted' },
    merge: { from: OPEN, to: 'merged' },
    open_case: { from: ['accepted'], to: null },
    dispute: { from: ['received'], to: 'disputed' },
    decide_dispute: { from: ['disputed'], to: 'received' },
  },
  stateLabels: COMPLAINT_STATE_LABELS,
  actionLabels: COMPLAINT_ACTION_LABELS,
  publicView: (type, payload) => whitelisted(payload, PUBLIC_FIELDS[type] ?? []),
  verifyRecords: (db) => verifyGenericRecords(db, 'complaint'),
});
