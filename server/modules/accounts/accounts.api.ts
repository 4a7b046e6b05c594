/** What other modules may use of accounts: the `users` table, for foreign keys and read-only joins. */
export { users } from './accounts.schema.js';
