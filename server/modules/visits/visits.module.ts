import { defineModule } from '../../platform/module.js';
import { provideEntityVisits } from '../entities/entity-details.api.js';
import { provideScanCheck } from '../inspections/inspections.api.js';
import { loadDemoVisits } from './visits.demo.js';
import { visitCapPolicy } from './visit-caps.policy.js';
import { visitPolicy } from './visits.policy.js';
import { visitRoutes } from './visits.routes.js';
import * as schema from './visits.schema.js';
import { scannedForTask, visitsOfEntity } from './visits.service.js';

provideEntityVisits(visitsOfEntity);
provideScanCheck(scannedForTask);

/** 扫码入企: entity codes, entry scans with their flags, the enterprise's 监督码 and ratings (issue 13). */
export const visitsModule = defineModule({
  name: 'visits',
  policies: [visitPolicy, visitCapPolicy],
  schema,
  routes: (app, { db, clock, config }) =>
    visitRoutes(app, {
      db,
      clock,
      publicBaseUrl: config.publicBaseUrl,
      eligibility: { shortfallBlocks: config.training.shortfallBlocks },
      site: config.publicSite,
      perMinute: config.loginRateLimitPerMinute,
    }),
  menu: ['visitScan', 'visits'],
  demo: loadDemoVisits,
});
