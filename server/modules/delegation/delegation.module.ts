import { delegationPolicy } from './delegation.policy.js';
import { defineModule } from '../../platform/module.js';
import * as schema from './delegation.schema.js';

/** Delegation to townships (赋权); endpoints in catalog.routes.ts, demo rows with the catalogue's. */
export const delegationModule = defineModule({
  name: 'delegation',
  policies: [delegationPolicy],
  schema,
  menu: ['delegations'],
});
