/**
 * Shapes of the JSON API as the console sees them. Those with a contract (common/contracts/*.contract.ts) are the
 * contract's wire types, re-exported here; the rest move to contracts module by module.
 */

export type { PageOf as Page, Problem, Warning } from './contracts/kit.js';
export type { Org, Region } from './contracts/orgs.contract.js';
export type {
  Entity,
  EntityCase,
  EntityDetail,
  EntityImportCounts,
  EntityImportEvent,
  EntityImportRow,
} from './contracts/entities.contract.js';
export type { Me, SessionInfo, User } from './contracts/accounts.contract.js';
export type { AuditEvent } from './contracts/audit.contract.js';
