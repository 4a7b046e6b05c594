import { auditPolicy } from './audit.policy.js';
import { defineModule } from '../../platform/module.js';
import { auditRoutes } from './audit.routes.js';
import * as schema from './audit.schema.js';

/** The hash-chained audit trail and its viewer. */
export const auditModule = defineModule({
  name: 'audit',
  policies: [auditPolicy],
  schema,
  routes: (app, { db }) => auditRoutes(app, { db }),
  menu: ['audit'],
});
