import { defineModule } from '../../platform/module.js';
import { transparencyRoutes } from './transparency.routes.js';
import * as schema from './transparency.schema.js';

/** The transparency log (RFC 6962) over the record events, its checkpoints and proofs. */
export const transparencyModule = defineModule({
  name: 'transparency',
  schema,
  routes: (app, { db, clock, sealer }) => transparencyRoutes(app, { db, clock, sealer }),
});
