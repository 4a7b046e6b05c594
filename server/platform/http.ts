/** Fastify typing shared by route files: the zod-typed instance, route config, the request context. */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Actor, RequestContext } from './context.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, public pages). */
    public?: boolean;
    /** The ability the route needs, `subject.ability` (`case.:action` takes the action from the route parameter). */
    ability?: string;
    /** Audit action name used when the request is refused before its use case runs. */
    audit?: string;
    /**
     * A machine endpoint (Open311): authenticated by a key in the request, never by the session cookie, so the CSRF
     * rule (platform/csrf.ts) does not apply to it.
     */
    machine?: boolean;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
  interface FastifyInstance {
    /** Every route with its declared ability (server/app.ts). */
    routeTable: RouteEntry[];
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  ability: string | undefined;
  public: boolean;
}

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export function actorOf(req: FastifyRequest): Actor {
  const actor = req.ctx.actor;
  if (!actor) throw new AppError(401, 'unauthenticated', '请先登录');
  return actor;
}
