import { defineModule } from '../../platform/module.js';
import { portalRoutes } from './portal.routes.js';

/** The public portal's index, entry forms, 404, robots.txt and favicon. */
export const portalModule = defineModule({
  name: 'portal',
  routes: (app, { config }) => portalRoutes(app, { site: config.publicSite }),
});
