/** Contract of the audit trail (审计日志): `/api/v1/audit-events`. */
import { z } from 'zod';
import { AUDIT_OUTCOMES } from '../enums.js';
import { Instant, Page, PageQuery, QueryInstant, type Wire } from './kit.js';

// Requests

export const AuditListQuery = PageQuery.extend({
  from: QueryInstant.optional(),
  to: QueryInstant.optional(),
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
});
export type AuditListQuery = z.output<typeof AuditListQuery>;

// Answers

export const AuditEventView = z.object({
  seq: z.number().int(),
  at: Instant,
  actorId: z.string().nullable(),
  actorUsername: z.string().nullable(),
  orgId: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  outcome: z.enum(AUDIT_OUTCOMES),
  code: z.string().nullable(),
  detail: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
});
/** An audit event as the console reads it. */
export type AuditEvent = Wire<typeof AuditEventView>;
export type AuditEventOut = z.output<typeof AuditEventView>;
export const AuditEventPage = Page(AuditEventView);
