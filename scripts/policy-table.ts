/** Writes docs/policies.md from the registered policies (server/platform/policy-table.ts). */
import { writeFileSync } from 'node:fs';
import { POLICIES } from '../server/modules/policies.js';
import { policyTable } from '../server/platform/policy-table.js';

writeFileSync(new URL('../docs/policies.md', import.meta.url), policyTable(POLICIES));
