import { entityPolicy } from './entities.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoEntities } from '../../seed/demo-entities.js';
import { entityRoutes } from './entities.routes.js';
import * as schema from './entities.schema.js';

/** The target library (检查对象名录库) and its streaming import. */
export const entitiesModule = defineModule({
  name: 'entities',
  policies: [entityPolicy],
  schema,
  routes: (app, { db, clock, sealer, config }) =>
    entityRoutes(app, { db, clock, sealer, importMaxBytes: config.importMaxBytes }),
  menu: ['entities'],
  demo: async ({ tx, sealer, now }) => {
    await loadDemoEntities(tx, sealer, now);
  },
});
