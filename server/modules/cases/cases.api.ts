/**
 * What other modules may use of penalty cases: the cases of a party (the target library's entity page), the case
 * record (appending an event, reading a case's events, the bytes and hash of an event for the transparency log), the
 * public projection of an event, and the `cases` / `caseEvents` tables for foreign keys and read-only joins.
 * Side effects of a case step in other modules go through domain events (`case.decided`…, cases.events.ts).
 */
export { caseEvents, cases } from './cases.schema.js';
export { type CaseEventInput, appendCaseEvent, caseEventsOf, eventBytes, eventHash } from './case-record.js';
export { DECISION_SPEC, publicEventView, publicParty } from './case-public-views.js';
export {
  type CaseDeps,
  allowedActionsFor,
  assignedToActor,
  casesOfParty,
  /** Registering a case from another module (an inspection result `case_opened`, source `inspection`). */
  createCase,
  deadlineOf,
  listCases,
  officersOfCase,
} from './cases.service.js';
export { splitByRules, waitingFor } from './case-guards.js';
export type { CaseDecided } from './cases.events.js';
export { caseFactsOf, casePolicy, stepWaitsFor } from './cases.policy.js';
export {
  type CaseThresholds,
  DEFAULT_THRESHOLDS,
  LEGAL_REVIEW_TRIGGER_LABELS,
  legalReviewTriggers,
} from './cases.rules.js';
