import { itemPolicy } from './catalog.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoCatalog } from '../../seed/demo-catalog.js';
import { catalogRoutes } from './catalog.routes.js';
import * as schema from './catalog.schema.js';

/**
 * The catalogue of enforcement items (权责清单). Its routes file also serves the discretion benchmarks and the
 * delegations, and its demo step loads their demo rows with the items.
 */
export const catalogModule = defineModule({
  name: 'catalog',
  policies: [itemPolicy],
  schema,
  routes: (app, { db, clock, config }) => catalogRoutes(app, { db, clock, config }),
  menu: ['items'],
  demo: ({ tx, orgIds, now }) => loadDemoCatalog(tx, orgIds, now),
});
