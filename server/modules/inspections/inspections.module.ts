import { defineModule } from '../../platform/module.js';
import { provideEntityInspections } from '../entities/entity-details.api.js';
import { registeredScanCheck } from './inspections.api.js';
import { inspectionPlanPolicy, inspectionTaskPolicy, officerConflictPolicy } from './inspections.policy.js';
import { loadDemoInspections } from './inspections.demo.js';
import { inspectionRoutes } from './inspections.routes.js';
import { inspectionPublicPages } from './public.routes.js';
import * as schema from './inspections.schema.js';
import { inspectionsOfEntity } from './results.service.js';

provideEntityInspections(inspectionsOfEntity);

/** 双随机、一公开: plans, tasks with the verifiable draw, results, follow-ups, declared conflicts (issue 13). */
export const inspectionsModule = defineModule({
  name: 'inspections',
  policies: [inspectionPlanPolicy, inspectionTaskPolicy, officerConflictPolicy],
  schema,
  demo: loadDemoInspections,
  routes: (app, { db, clock, sealer, config }) => {
    inspectionPublicPages(app, db, config.publicSite);
    inspectionRoutes(
      app,
      {
        db,
        clock,
        sealer,
        cases: {
          db,
          clock,
          sealer,
          thresholds: config.cases,
          publicBaseUrl: config.publicBaseUrl,
          training: config.training,
        },
      },
      // the entry scans of module visits (registered when it loads, before the routes are built)
      registeredScanCheck(),
    );
  },
});
