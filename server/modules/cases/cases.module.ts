import { casePolicy } from './cases.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoCases } from '../../seed/demo-cases.js';
import { caseRoutes } from './cases.routes.js';
import * as schema from './cases.schema.js';

/** Penalty cases: the procedure, its record, documents, evidence, payments. */
export const casesModule = defineModule({
  name: 'cases',
  policies: [casePolicy],
  schema,
  routes: (app, { db, clock, sealer, config }) =>
    caseRoutes(app, {
      db,
      clock,
      sealer,
      thresholds: config.cases,
      publicBaseUrl: config.publicBaseUrl,
      training: config.training,
    }),
  menu: ['cases', 'reviewInbox'],
  demo: async ({ tx, orgIds, now }) => {
    await loadDemoCases(tx, orgIds, now);
  },
});
