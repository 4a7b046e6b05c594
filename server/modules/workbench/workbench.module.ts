import { defineModule } from '../../platform/module.js';
import { workbenchRoutes } from './workbench.routes.js';

/** 工作台: what waits for the caller now, across cases and publicity (reads both through their read APIs). */
export const workbenchModule = defineModule({
  name: 'workbench',
  routes: (app, { db, clock, sealer, config }) =>
    workbenchRoutes(app, {
      db,
      clock,
      sealer,
      thresholds: config.cases,
      publicBaseUrl: config.publicBaseUrl,
      training: config.training,
    }),
  menu: ['workbench'],
});
