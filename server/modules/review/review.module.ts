import { defineModule } from '../../platform/module.js';
import { loadDemoReview } from './review.demo.js';
import { reviewCampaignPolicy, reviewRubricPolicy, reviewSheetPolicy } from './review.policy.js';
import { reviewRoutes } from './review.routes.js';
import * as schema from './review.schema.js';

/** 案卷评查: versioned rubrics, campaigns sampled with the verifiable draw, two reviewers per file (issue 15). */
export const reviewModule = defineModule({
  name: 'review',
  policies: [reviewRubricPolicy, reviewCampaignPolicy, reviewSheetPolicy],
  schema,
  routes: (app, { db, clock, sealer, config }) => reviewRoutes(app, { db, clock, sealer, thresholds: config.cases }),
  menu: ['reviewCampaigns', 'reviewSheets'],
  demo: loadDemoReview,
});
