import { certificatePolicy, officerPolicy, reportPolicy, trainingPolicy } from './personnel.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoPersonnel } from '../../seed/demo-personnel.js';
import { personnelRoutes } from './personnel.routes.js';
import * as schema from './personnel.schema.js';

/** Enforcement officers: register, certificates, training, assessments. */
export const personnelModule = defineModule({
  name: 'personnel',
  policies: [officerPolicy, certificatePolicy, trainingPolicy, reportPolicy],
  schema,
  routes: (app, { db, clock, sealer, config }) => personnelRoutes(app, { db, clock, sealer, config }),
  menu: ['officers', 'certificates', 'trainingImport', 'trainingReport'],
  demo: async ({ tx, sealer, orgIds, now }) => {
    await loadDemoPersonnel(tx, sealer, orgIds, now);
  },
});
