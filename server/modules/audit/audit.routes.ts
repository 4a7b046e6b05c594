import { z } from 'zod';
import { type App, actorOf } from '../../platform/http.js';
import { QueryInstant } from '../../platform/input.js';
import { PageQuery } from '../../platform/pagination.js';
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
        querystring: PageQuery.extend({
          from: QueryInstant.optional(),
          to: QueryInstant.optional(),
          actor: z.string().max(64).optional(),
          action: z.string().max(64).optional(),
        }),
      },
    },
    async (req) => {
      return listAuditEvents(deps.db, actorOf(req).scope, req.query);
    },
  );
}
