import { orgPolicy, regionPolicy } from './orgs.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoOrgs } from '../../seed/demo.js';
import { orgRoutes } from './orgs.routes.js';
import * as schema from './orgs.schema.js';

/** Organisations (and the region lookups of their forms). */
export const orgsModule = defineModule({
  name: 'orgs',
  policies: [orgPolicy, regionPolicy],
  schema,
  routes: (app, { db, clock }) => orgRoutes(app, { db, clock }),
  menu: ['orgs'],
  demo: async (ctx) => {
    Object.assign(ctx.orgIds, await loadDemoOrgs(ctx.tx, ctx.rootOrgId, ctx.now));
  },
});
