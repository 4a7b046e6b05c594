/**
 * The audit trail as other modules use it: one audited transaction per use case (`runAudited`), a row appended inside
 * a transaction (`appendAudit`), a refusal recorded on its own (`auditFailure`), and for the record chains and the
 * transparency log the chain's genesis hash and the audit-event table (read-only).
 */
export { auditEvents } from './audit.schema.js';
export {
  type AuditEntry,
  type AuditMeta,
  type ChainReport,
  GENESIS_HASH,
  appendAudit,
  auditFailure,
  auditRowCtes,
  runAudited,
} from './audit.service.js';
