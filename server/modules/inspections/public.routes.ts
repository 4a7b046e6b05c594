/** The public HTML pages of 双随机、一公开 (public.pages.ts): no login, masked, from published plans only. */
import { HtmlPage } from '../../../common/contracts/portal.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import type { Db } from '../../db/client.js';
import type { App } from '../../platform/http.js';
import type { PublicSite } from '../../platform/public-html.js';
import { renderPublicInspectionNotFound, renderPublicInspectionTask, renderPublicInspections } from './public.pages.js';
import { publicPlans, publicTask } from './public.service.js';

export function inspectionPublicPages(app: App, db: Db, site: PublicSite) {
  app.get(
    '/public/inspections',
    { config: { public: true }, schema: { hide: true, response: { 200: HtmlPage } } },
    async (_req, reply) =>
      reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(renderPublicInspections(site, await publicPlans(db))),
  );
  app.get(
    '/public/inspections/tasks/:id',
    { config: { public: true }, schema: { hide: true, params: IdParams, response: { 200: HtmlPage, 404: HtmlPage } } },
    async (req, reply) => {
      const task = await publicTask(db, req.params.id);
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      return task
        ? reply.send(renderPublicInspectionTask(site, task))
        : reply.code(404).send(renderPublicInspectionNotFound(site));
    },
  );
}
