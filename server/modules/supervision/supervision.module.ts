import { defineModule } from '../../platform/module.js';
import { loadDemoPlans } from './supervision.demo.js';
import { supervisionPlanPolicy } from './supervision.policy.js';
import { supervisionRoutes } from './supervision.routes.js';
import * as schema from './supervision.schema.js';

/** 行政执法监督: the supervising bodies' annual work plans (issue 15 builds the rest of supervision on it). */
export const supervisionModule = defineModule({
  name: 'supervision',
  policies: [supervisionPlanPolicy],
  schema,
  routes: (app, { db, clock }) => supervisionRoutes(app, { db, clock }),
  menu: ['supervisionPlans'],
  demo: loadDemoPlans,
});
