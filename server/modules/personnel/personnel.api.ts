/**
 * What other modules may use of the personnel register: whether officers may act (`checkEligibilityOf`, the rule of
 * 行政处罚法 art. 42 with certificates and training), officers by id, and the `officers` table for foreign keys and
 * read-only joins (a case's officers by name). Writes go through the personnel services.
 */
export { certificates, officers } from './personnel.schema.js';
export { type EligibilityConfig, checkEligibilityOf, officersByIds } from './assessments.service.js';
export { maskIdNumber } from './personnel.rules.js';
export { type OfficerFacts, loadOfficerFacts } from './personnel.policy.js';
export { displayStatus } from './certificates.service.js';
/** The civil date in Asia/Shanghai (moves to server/platform/deadlines.ts with the working-day calendar). */
