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
import type { Role } from '../../common/enums.js';
import type { Actor, RequestContext } from './context.js';
import { AppError } from './errors.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** No session needed (login, health, public pages). */
    public?: boolean;
    /** At least one of these roles is needed. */
    roles?: Role[];
    /** Audit action name used when the request is refused before its use case runs. */
    audit?: string;
  }
  interface FastifyRequest {
    ctx: RequestContext;
  }
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
