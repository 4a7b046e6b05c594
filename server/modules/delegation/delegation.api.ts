/**
 * What other modules may use of delegation (赋权): whether a township may act on an item at a moment, and the items
 * delegated to an org. The delegation endpoints are still served by catalog.routes.ts, so their use cases are listed
 * here too (moving them into a delegation.routes.ts is a follow-up).
 */
export {
  type DelegationDeps,
  type StepPayload,
  delegatedItems,
  delegationStep,
  getDelegation,
  listDelegations,
  proposeDelegation,
  townshipMayAct,
  unevaluatedDelegations,
} from './delegation.service.js';
