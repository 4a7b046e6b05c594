/**
 * Shapes of the JSON API as the console sees them. Those with a contract (common/contracts/*.contract.ts) are the
 * contract's wire types, re-exported here; the rest move to contracts module by module.
 */
import type { Warning } from './contracts/kit.js';

export type { PageOf as Page, Problem, Warning } from './contracts/kit.js';
export type { Org, Region } from './contracts/orgs.contract.js';
export type { Me, SessionInfo, User } from './contracts/accounts.contract.js';
export type { AuditEvent } from './contracts/audit.contract.js';
import type { EntityKind, EntityStatus, GradeClass, Sector } from './enums.js';

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
