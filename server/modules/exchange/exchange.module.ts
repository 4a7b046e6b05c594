import { defineModule } from '../../platform/module.js';
import { deliveryPolicy } from './exchange.policy.js';
import { exchangeRoutes } from './exchange.routes.js';

/**
 * Data exchange (issue 16), first part: the console's view of the transactional outbox (server/platform/outbox) —
 * deliveries that wait or stopped being retried, resend, each receiver's figures. The outbox itself is platform: any
 * module appends to it in its own transaction.
 */
export const exchangeModule = defineModule({
  name: 'exchange',
  policies: [deliveryPolicy],
  routes: (app, { db, clock }) => exchangeRoutes(app, { db, clock }),
});
