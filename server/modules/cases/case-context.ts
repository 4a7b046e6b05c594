/**
 * What the case steps run with: their dependencies, the item columns read with a case, an uploaded evidence file.
 * (Apart from cases.service.ts so that the action handlers and the service do not import each other.)
 */
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Sealer } from '../../platform/crypto.js';
import { items } from '../catalog/catalog.api.js';
import type { CaseThresholds } from './cases.rules.js';

export interface CaseDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  thresholds: CaseThresholds;
  /** Where the public case pages live: the decision's QR code points to <publicBaseUrl>/v/<caseCode>. */
  publicBaseUrl: string;
  training: Pick<Config['training'], 'shortfallBlocks'>;
}

export interface EvidenceFile {
  name: string;
  mime: string;
  content: Buffer;
}

/** What the case steps and the case view need of the case's item. */
export const CASE_ITEM = {
  id: items.id,
  baseCode: items.baseCode,
  name: items.name,
  major: items.major,
  sector: items.sector,
  type: items.type,
  status: items.status,
};
export type CaseItem = { [K in keyof typeof CASE_ITEM]: (typeof items.$inferSelect)[K] };
