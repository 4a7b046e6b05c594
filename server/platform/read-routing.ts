/**
 * Which requests read from a replica (db/replica.ts), and read-your-writes across requests.
 *
 * GET and HEAD requests (public pages and their JSON, lists, record views, exports) run their ability check and
 * their handler in a read scope, so that their read-only statements outside transactions may go to a replica; the
 * session lookup before it (a session ended on the primary must end at once) and every transaction stay on the
 * primary. A successful write answers with the primary's WAL position in the
 * cookie `zhifa_lsn`; the same browser's next reads go to a replica only once it has replayed that far (otherwise to
 * the primary). `/api/health` checks the primary.
 */
import type { Database } from '../db/client.js';
import { inReadScope, parseLsn, primaryLsn } from '../db/replica.js';
import type { App } from './http.js';

export const LSN_COOKIE = 'zhifa_lsn';
/** After this long a replica is expected to have replayed a write (its lag is watched in operations). */
const LSN_COOKIE_SECONDS = 300;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function registerReadRouting(app: App, database: Database, secure: boolean): void {
  const routing = database.routing;
  if (!routing) return;
  app.addHook('preValidation', (req, _reply, done) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.url.startsWith('/api/health')) return done();
    inReadScope({ minLsn: parseLsn(req.cookies[LSN_COOKIE]) }, done);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    if (!WRITES.has(req.method) || reply.statusCode >= 400) return payload;
    const lsn = await primaryLsn(routing).catch(() => null);
    if (lsn)
      reply.setCookie(LSN_COOKIE, lsn, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: LSN_COOKIE_SECONDS,
      });
    return payload;
  });
}
