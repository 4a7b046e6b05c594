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
import type { AuditOutcome, Role } from './enums.js';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** A one-time password is still to be changed: the console opens 个人中心 and nothing else. */
  mustChangePassword: boolean;
  org: { id: string; name: string; regionCode: string };
  /**
   * What the account may do that concerns no one record (`case.create`, `org.create`, `user.grant_admin_roles`…), as
   * its policies say (server/platform/policy.ts): the console shows only the buttons the server will accept.
   */
  abilities: string[];
}

export interface User {
  id: string;
  username: string;
  displayName: string;
  orgId: string;
  orgName: string;
  roles: Role[];
  disabled: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  /** Only in the answer that created an administrator or granted it its role: shown once, never stored in clear. */
  oneTimePassword?: string;
  /** What the caller may do with this account (`update`, `update_profile`, `lock`…). */
  abilities: string[];
}

export interface SessionInfo {
  id: string;
  userId: string;
  username: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
}

export interface AuditEvent {
  seq: number;
  at: string;
  actorId: string | null;
  actorUsername: string | null;
  orgId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  outcome: AuditOutcome;
  code: string | null;
  detail: string | null;
  ip: string | null;
  userAgent: string | null;
}
