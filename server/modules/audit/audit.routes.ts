import { AuditEventPage, AuditListQuery } from '../../../common/contracts/audit.contract.js';
import { type App, actorOf } from '../../platform/http.js';
import type { Db } from '../../db/client.js';
import { listAuditEvents } from './audit.service.js';

export function auditRoutes(app: App, deps: { db: Db }) {
  app.get(
    '/api/v1/audit-events',
    {
      config: { ability: 'audit.list' },
      schema: {
        tags: ['audit'],
        summary: '审计日志（仅安全审计员）',
        querystring: AuditListQuery,
        response: { 200: AuditEventPage },
      },
    },
    async (req) => {
      return listAuditEvents(deps.db, actorOf(req).scope, req.query);
    },
  );
}
