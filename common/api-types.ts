/**
 * Shapes of the JSON API as the console sees them. Those with a contract (common/contracts/*.contract.ts) are the
 * contract's wire types, re-exported here; the rest move to contracts module by module.
 */
import type { Warning } from './contracts/kit.js';

export type { PageOf as Page, Problem, Warning } from './contracts/kit.js';
export type { Org, Region } from './contracts/orgs.contract.js';
import type { AllowedRange, BenchmarkRef } from './contracts/cases.contract.js';
import type { AuditOutcome, EntityKind, EntityStatus, GradeClass, Role, Sector } from './enums.js';

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

export interface Entity {
  id: string;
  uscc: string;
  /** False when the check character does not match (an early code kept as entered). */
  usccCheckValid: boolean;
  name: string;
  kind: EntityKind;
  regionCode: string;
  regionName: string;
  sectors: Sector[];
  address: string;
  /** Masked (张*三): the full name is sealed and never sent. */
  legalRepresentative: string;
  riskClass: GradeClass;
  creditClass: GradeClass;
  status: EntityStatus;
  createdAt: string;
  updatedAt: string;
  warnings?: Warning[];
}

export interface EntityCase {
  id: string;
  number: string;
  orgName: string;
  itemName: string | null;
  state: string;
  stateLabel: string;
  filedAt: string | null;
  decidedAt: string | null;
}

/** GET /api/v1/entities/:id — the entity with what the platform knows of it. */
export interface EntityDetail extends Entity {
  cases: EntityCase[];
  /** Coming with the visits (扫码入企), inspections (双随机) and complaints modules: empty until then. */
  visits: unknown[];
  inspections: unknown[];
  complaints: unknown[];
}

export type EntityImportRow =
  | { type: 'row'; line: number; status: 'created' | 'updated' | 'ok'; id?: string; uscc: string; warnings?: Warning[] }
  | { type: 'row'; line: number; status: 'error'; uscc?: string; errors: { field: string; message: string }[] };

export interface EntityImportCounts {
  rows: number;
  created: number;
  updated: number;
  ok: number;
  errors: number;
  warnings: number;
}

/** One line of the NDJSON stream POST /api/v1/entities/import answers with. */
export type EntityImportEvent =
  | EntityImportRow
  | ({ type: 'progress'; bytes: number } & EntityImportCounts)
  | ({ type: 'summary'; dryRun: boolean } & EntityImportCounts)
  | ({ type: 'failed'; code: string; message: string; line: number | null } & EntityImportCounts);

/** POST /api/v1/benchmarks/evaluate (the discretion module's; moves to its contract). */
export interface BenchmarkEvaluation {
  withinRange: boolean;
  benchmark: BenchmarkRef | null;
  tier: string | null;
  allowed: AllowedRange | null;
  reasons: { code: string; message: string }[];
}
