/** Who is asking, from where, and whether the request's audit row is already written. Plain data: no Fastify. */
import type { Role } from '../../common/enums.js';
import type { Scope } from './scope.js';

export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  sessionId: string;
  /** A one-time password still to be changed: only the password change is open (三员分立). */
  mustChangePassword: boolean;
  org: { id: string; name: string; regionCode: string; sector: string; kind: string };
  scope: Scope;
}

export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  /** Set once an audit row for this request has been written (success in the transaction, or failure after it). */
  audited: boolean;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
