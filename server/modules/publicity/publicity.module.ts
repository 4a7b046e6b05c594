import { publicationPolicy } from './publicity.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoPublicity } from '../../seed/demo-publicity.js';
import { publicityRoutes } from './publicity.routes.js';
import * as schema from './publicity.schema.js';
import { openPublication } from './publicity.service.js';

/** Publicity of decisions (公示): staff pages, the public decision pages, the public case page. */
export const publicityModule = defineModule({
  name: 'publicity',
  policies: [publicationPolicy],
  schema,
  routes: (app, { db, clock, sealer, config }) =>
    publicityRoutes(app, {
      db,
      clock,
      sealer,
      publicBaseUrl: config.publicBaseUrl,
      months: config.publicity.months,
      cacheSeconds: config.publicity.cacheSeconds,
      site: config.publicSite,
    }),
  menu: ['publicity', 'publicityOverdue'],
  demo: ({ tx, now }) => loadDemoPublicity(tx, now),
  events: {
    // a decision (or 不予处罚) is due for publicity from the moment it is made, in the decision's transaction
    'case.decided': (tx, e) =>
      openPublication(tx, e.caseId, e.outcome === 'penalty' ? 'penalty' : 'other', e.decidedAt),
  },
});
