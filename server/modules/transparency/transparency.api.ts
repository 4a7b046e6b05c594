/**
 * What other modules may use of the transparency log: the leaf of a record event and the leaves of events with the
 * checkpoint that covers them (a public case page shows them with their proofs).
 */
export { type TransparencyDeps, leafOf, leavesWithCheckpoint } from './transparency.service.js';
export { type LogReport, verifyLog } from './log-verify.js';
