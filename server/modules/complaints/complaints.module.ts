import { defineModule } from '../../platform/module.js';
import { loadDemoComplaints } from './complaints.demo.js';
import { complaintPolicy, hotlineClientPolicy } from './complaints.policy.js';
import { complaintRoutes } from './complaints.routes.js';
import { hotlineRoutes } from './hotline.js';
import { open311Routes } from './open311.js';
import { publicComplaintRoutes } from './public.routes.js';
import * as schema from './complaints.schema.js';

/** 投诉举报: one record for the portal, the 12345 hotline, Open311 (GeoReport v2) and referrals; handling on the procedure record (issue 14). */
export const complaintsModule = defineModule({
  name: 'complaints',
  policies: [complaintPolicy, hotlineClientPolicy],
  schema,
  demo: loadDemoComplaints,
  routes: (app, { db, clock, sealer, config }) => {
    const deps = {
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
    };
    complaintRoutes(app, deps);
    hotlineRoutes(app, deps);
    open311Routes(app, { ...deps, bodyLimitBytes: config.bodyLimitBytes });
    publicComplaintRoutes(app, { ...deps, site: config.publicSite, perMinute: config.loginRateLimitPerMinute });
  },
});
