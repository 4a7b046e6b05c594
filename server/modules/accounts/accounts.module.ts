import { sessionPolicy, userPolicy } from './accounts.policy.js';
import { defineModule } from '../../platform/module.js';
import { loadDemoAccounts } from '../../seed/demo.js';
import * as schema from './accounts.schema.js';
import { authRoutes } from './auth.routes.js';
import { userRoutes } from './users.routes.js';

/** Accounts: login and sessions, users and their roles. */
export const accountsModule = defineModule({
  name: 'accounts',
  policies: [userPolicy, sessionPolicy],
  schema,
  routes: (app, { db, clock, config }) => {
    authRoutes(app, {
      db,
      clock,
      config,
      cookieSecure: config.cookieSecure,
      loginRateLimitPerMinute: config.loginRateLimitPerMinute,
    });
    userRoutes(app, { db, clock });
  },
  menu: ['users', 'sessions', 'profile'],
  demo: (ctx) => loadDemoAccounts(ctx.tx, ctx.orgIds, ctx.password, ctx.now),
});
