/** Every module's policies (platform/policy.ts), registered once when the app is built. */
import { sessionPolicy, userPolicy } from './accounts/accounts.policy.js';
import { auditPolicy } from './audit/audit.policy.js';
import { casePolicy } from './cases/cases.policy.js';
import { itemPolicy } from './catalog/catalog.policy.js';
import { delegationPolicy } from './delegation/delegation.policy.js';
import { benchmarkPolicy } from './discretion/discretion.policy.js';
import { entityPolicy } from './entities/entities.policy.js';
import { orgPolicy, regionPolicy } from './orgs/orgs.policy.js';
import { certificatePolicy, officerPolicy, reportPolicy, trainingPolicy } from './personnel/personnel.policy.js';
import { publicationPolicy } from './publicity/publicity.policy.js';

export const POLICIES = [
  orgPolicy,
  regionPolicy,
  userPolicy,
  sessionPolicy,
  auditPolicy,
  officerPolicy,
  certificatePolicy,
  trainingPolicy,
  reportPolicy,
  casePolicy,
  publicationPolicy,
  entityPolicy,
  itemPolicy,
  benchmarkPolicy,
  delegationPolicy,
];
