/**
 * buildApp(deps): the Fastify instance. Tests call it through inject(); main.ts listens with it.
 */
import { existsSync } from 'node:fs';
import { STATUS_CODES } from 'node:http';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import { type ZodTypeProvider, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { SESSION_COOKIE } from './modules/accounts/auth.routes.js';
import { routeRefusal } from './modules/accounts/accounts.rules.js';
import { resolveSession } from './modules/accounts/auth.service.js';
import { MODULES } from './modules/index.js';
import { auditFailure } from './modules/audit/audit.service.js';
import { type Clock, systemClock } from './platform/clock.js';
import { createSealer } from './platform/crypto.js';
import { csrfRefusal } from './platform/csrf.js';
import { openApiTransform } from './platform/openapi.js';
import { problemOf } from './platform/error-handler.js';
import { AppError, type FieldError, problemBody } from './platform/errors.js';
import type { App, RouteEntry } from './platform/http.js';
import type { ModuleDeps } from './platform/module.js';
import { checkDeclaredAbility, registerPolicies } from './platform/policy.js';
import { POLICIES } from './modules/policies.js';
import { registerReadRouting } from './platform/read-routing.js';
import { assertSafeInput } from './platform/safe-input.js';
import { registerCompression, registerConsole } from './platform/web.js';

z.config(z.locales.zhCN());

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  /** Fastify logger option; false in tests. */
  logger?: boolean | object;
  /** Folder of the built console; defaults to dist/web. */
  webRoot?: string;
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
) {
  if (reply.request.ctx) reply.request.ctx.problemCode = code;
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(status, code, detail, errors, extra));
}

declare module './platform/context.js' {
  interface RequestContext {
    problemCode?: string;
    /** The facts of the record the route's ability was checked on (platform/policy.ts), for the handler to reuse. */
    subject?: import('./platform/policy.js').Subject | null;
  }
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const db = database.db;
  const clock = deps.clock ?? systemClock;
  const publicOrigin = new URL(config.publicBaseUrl).origin;
  registerPolicies(...POLICIES);
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
    // Errors of the HTTP parser (431 headers or URL too large, malformed request): problem+json in Chinese.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      if (err.code === 'ECONNRESET' || !socket.writable) return socket.destroy();
      const [status, code, detail] =
        err.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'header_too_large', '请求头或请求地址过长']
          : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? [408, 'request_timeout', '请求超时']
            : [400, 'bad_request', '请求格式有误，无法解析'];
      const body = JSON.stringify(problemBody(status, code, detail));
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n${body}`,
      );
    },
    // Errors met before a route is found (a path that is not valid percent-encoding…) go through the error handler.
    // (onSend does not run for these answers: they are audited and marked here)
    frameworkErrors: async (err, rawReq, rawReply) => {
      const req = rawReq as FastifyRequest;
      const reply = rawReply as FastifyReply;
      req.ctx ??= { actor: null, ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, audited: false };
      const { problem } = problemOf(err, config.bodyLimitBytes);
      reply.code(problem.status).header('cache-control', 'no-store');
      req.ctx.problemCode = problem.code;
      if (await auditRefusal(req, reply))
        return sendProblem(reply, 500, 'internal_error', '服务器内部错误，请稍后重试');
      return replyError(err, req, reply);
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // CSV uploads (training import) arrive as text; routes that accept them say so.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // First: compression hooks every route declared after it (onRoute).
  await registerCompression(app);
  // The route table with each route's declared ability (the role × scope sweep test and docs/policies.md read it).
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: r.url, ability: r.config?.ability, public: r.config?.public === true });
    }
  });
  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 10 } });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) =>
      new AppError(429, 'rate_limited', `请求过于频繁，请 ${Math.ceil(ctx.ttl / 1000)} 秒后再试`),
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'zhifa API', description: '行政执法与行政执法监督平台接口', version: config.version },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE } } },
      security: [{ session: [] }],
    },
    transform: openApiTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  // Every request carries its context; /api/v1 requests resolve the session cookie.
  app.decorateRequest('ctx', null as never);
  app.addHook('onRequest', async (req, reply) => {
    req.ctx = { actor: null, ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null, audited: false };
    const crossSite = csrfRefusal(req, publicOrigin);
    if (crossSite) return sendProblem(reply, 403, 'cross_site_request', crossSite);
    if (!req.url.startsWith('/api/v1/')) return;
    const config = req.routeOptions.config;
    const token = req.cookies[SESSION_COOKIE];
    const found = token ? await resolveSession({ db, clock, config: deps.config }, token) : null;
    if (found?.actor) req.ctx.actor = found.actor;
    // Unknown /api routes (no route, or only the static files' wildcard) answer 404 in the not-found handler.
    if (config.public || !req.routeOptions.url || req.routeOptions.url === '/*') return;
    if (!req.ctx.actor) {
      const expired = found && found.actor === null && found.code === 'session_expired';
      return sendProblem(
        reply,
        401,
        expired ? 'session_expired' : 'unauthenticated',
        expired ? '会话已超时，请重新登录' : '请先登录',
      );
    }
    // 三员分立 and the one-time password: what an administrator (or a session still to change its password) may not do
    const refusal = routeRefusal(req.ctx.actor, req.routeOptions.url);
    if (refusal) return sendProblem(reply, 403, refusal.code, refusal.detail);
  });

  // GET and HEAD handlers read from a replica where one is configured; writes answer with their WAL position.
  registerReadRouting(app, database, config.cookieSecure);

  // Before validation and before any query uses the input: no NUL, no lone surrogate, no absurd nesting.
  app.addHook('preValidation', async (req) => {
    assertSafeInput({ params: req.params, querystring: req.query, body: req.body });
  });
  // Then the route's declared ability (platform/policy.ts), before validation and before the use case: 404 out of
  // scope, 403 naming the rule. Refused requests are audited like every refused write (auditRefusal).
  app.addHook('preValidation', async (req) => {
    const declared = req.routeOptions.config?.ability;
    if (!declared || !req.ctx.actor) return;
    req.ctx.subject = await checkDeclaredAbility(db, req.ctx.actor, declared, req.params as Record<string, unknown>);
  });

  // A refused mutating request whose use case never ran (validation, login required, role, unknown route…)
  // is still audited, after its response is decided and before it is sent.
  // If that row cannot be written, the answer becomes a 500 (nothing was acknowledged) — never the failed query.
  async function auditRefusal(req: FastifyRequest, reply: FastifyReply): Promise<string | null> {
    if (!MUTATING.has(req.method) || reply.statusCode < 400 || !req.ctx || req.ctx.audited) return null;
    const action = req.routeOptions.config?.audit ?? `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
    const params = req.params as { id?: string } | undefined;
    try {
      await auditFailure(
        db,
        clock,
        req.ctx,
        { action, resourceId: typeof params?.id === 'string' ? params.id : undefined },
        new AppError(reply.statusCode, req.ctx.problemCode ?? `http_${reply.statusCode}`, ''),
      );
      return null;
    } catch (err) {
      req.log.error(
        problemOf(err, config.bodyLimitBytes).log?.data,
        'failed to write the audit row of a refused request',
      );
      reply.code(500).type('application/problem+json; charset=utf-8');
      return JSON.stringify(problemBody(500, 'internal_error', '服务器内部错误，请稍后重试'));
    }
  }

  app.addHook('onSend', async (req, reply, payload) => {
    // API answers are never stored by a browser or a proxy, except public GETs (which set their own caching).
    if (
      req.url.startsWith('/api/') &&
      !(req.routeOptions.config?.public && (req.method === 'GET' || req.method === 'HEAD'))
    )
      reply.header('cache-control', 'no-store');
    return (await auditRefusal(req, reply)) ?? payload;
  });

  function replyError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
    const { problem, log } = problemOf(err, config.bodyLimitBytes);
    if (log) req.log[log.level]({ ...log.data, method: req.method, route: req.routeOptions?.url }, log.msg);
    const extra = err instanceof AppError ? err.extra : undefined;
    return sendProblem(reply, problem.status, problem.code, problem.detail, problem.errors, extra);
  }
  app.setErrorHandler(replyError);

  const webRoot = deps.webRoot ?? fileURLToPath(new URL('../dist/web', import.meta.url));
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) await registerConsole(app, webRoot);
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      return sendProblem(reply, 404, 'route_not_found', `接口 ${req.method} ${req.url.split('?')[0]} 不存在`);
    }
    if (!hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.code(404).type('text/plain; charset=utf-8').send('未找到。控制台尚未构建：请运行 npm run build。');
    }
    // The SPA fallback: deep links (/cases/…) get index.html, no-cache like every unhashed file (platform/web.ts).
    return reply.type('text/html; charset=utf-8').sendFile('index.html');
  });

  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['platform'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgresql']), version: z.string() }),
        },
      },
    },
    async () => {
      await db.execute('select 1');
      return { status: 'ok' as const, database: database.driver, version: config.version };
    },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  // Every module registers its routes with the same dependencies and picks what it needs (server/modules/index.ts).
  const moduleDeps: ModuleDeps = { db, database, clock, sealer: createSealer(config.secretKey), config };
  for (const m of MODULES) m.routes?.(app, moduleDeps);
  return app;
}
