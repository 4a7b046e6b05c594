/**
 * buildApp(deps): the Fastify instance. Tests call it through inject(); main.ts listens with it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyReply, type FastifyRequest } from 'fastify';
import {
  type ZodTypeProvider,
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { SESSION_COOKIE, authRoutes } from './modules/accounts/auth.routes.js';
import { routeRefusal } from './modules/accounts/accounts.rules.js';
import { resolveSession } from './modules/accounts/auth.service.js';
import { userRoutes } from './modules/accounts/users.routes.js';
import { auditRoutes } from './modules/audit/audit.routes.js';
import { auditFailure } from './modules/audit/audit.service.js';
import { catalogRoutes } from './modules/catalog/catalog.routes.js';
import { caseRoutes } from './modules/cases/cases.routes.js';
import { publicityRoutes } from './modules/publicity/publicity.routes.js';
import { transparencyRoutes } from './modules/transparency/transparency.routes.js';
import { orgRoutes } from './modules/orgs/orgs.routes.js';
import { personnelRoutes } from './modules/personnel/personnel.routes.js';
import { type Clock, systemClock } from './platform/clock.js';
import { createSealer } from './platform/crypto.js';
import { csrfRefusal } from './platform/csrf.js';
import { hasRole } from './platform/context.js';
import { AppError, type FieldError, problemBody } from './platform/errors.js';
import type { App } from './platform/http.js';

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
const FIELD_NAMES: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

function sendProblem(
  reply: FastifyReply,
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
) {
  reply.request.ctx.problemCode = code;
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send(problemBody(status, code, detail, errors, extra));
}

declare module './platform/context.js' {
  interface RequestContext {
    problemCode?: string;
  }
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const db = database.db;
  const clock = deps.clock ?? systemClock;
  const publicOrigin = new URL(config.publicBaseUrl).origin;
  const app = Fastify({
    logger: deps.logger ?? false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // CSV uploads (training import) arrive as text; routes that accept them say so.
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string' }, (_req, body, done) => done(null, body));

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
    transform: jsonSchemaTransform,
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
    if (config.roles && !hasRole(req.ctx.actor, ...config.roles)) {
      return sendProblem(reply, 403, 'forbidden', '当前账号的角色无权访问此功能');
    }
  });

  // A refused mutating request whose use case never ran (validation, login required, role, unknown route…)
  // is still audited, after its response is decided and before it is sent.
  app.addHook('onSend', async (req, reply, payload) => {
    if (MUTATING.has(req.method) && reply.statusCode >= 400 && req.ctx && !req.ctx.audited) {
      const action = req.routeOptions.config?.audit ?? `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
      const params = req.params as { id?: string } | undefined;
      try {
        await auditFailure(
          db,
          clock,
          req.ctx,
          { action, resourceId: params?.id },
          new AppError(reply.statusCode, req.ctx.problemCode ?? `http_${reply.statusCode}`, ''),
        );
      } catch (err) {
        req.log.error({ err }, 'failed to write the audit row of a refused request');
        throw err;
      }
    }
    return payload;
  });

  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return sendProblem(reply, err.status, err.code, err.detail, err.errors, err.extra);
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = FIELD_NAMES[err.validationContext ?? 'body'] ?? '请求';
      const errors = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err.validationContext ?? 'body'),
        message: v.message ?? '取值无效',
      }));
      const detail = `${where}有误：${errors.map((e) => `${e.path}：${e.message}`).join('；')}`;
      return sendProblem(reply, 400, 'validation_failed', detail, errors);
    }
    const status = err.statusCode ?? 500;
    if (status === 413)
      return sendProblem(reply, 413, 'payload_too_large', `请求体超过 ${config.bodyLimitBytes} 字节的上限`);
    if (status === 415) return sendProblem(reply, 415, 'unsupported_media_type', '请求体须为 application/json');
    if (status === 400 && err.code === 'FST_ERR_CTP_INVALID_JSON_BODY')
      return sendProblem(reply, 400, 'invalid_json', '请求体不是有效的 JSON');
    if (status >= 400 && status < 500) return sendProblem(reply, status, 'bad_request', '请求有误');
    if ((err as { code?: string }).code === '23505')
      return sendProblem(reply, 409, 'conflict', '与现有数据冲突，请刷新后重试');
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, 500, 'internal_error', '服务器内部错误，请稍后重试');
  });

  const webRoot = deps.webRoot ?? fileURLToPath(new URL('../dist/web', import.meta.url));
  const hasWeb = existsSync(`${webRoot}/index.html`);
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: true, index: false, maxAge: '1h' });
  }
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.url === '/api') {
      return sendProblem(reply, 404, 'route_not_found', `接口 ${req.method} ${req.url.split('?')[0]} 不存在`);
    }
    if (!hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) {
      return reply.code(404).type('text/plain; charset=utf-8').send('未找到。控制台尚未构建：请运行 npm run build。');
    }
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
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

  authRoutes(app, {
    db,
    clock,
    config,
    cookieSecure: config.cookieSecure,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });
  userRoutes(app, { db, clock });
  orgRoutes(app, { db, clock });
  auditRoutes(app, { db });
  const sealer = createSealer(config.secretKey);
  personnelRoutes(app, { db, clock, sealer, config });
  catalogRoutes(app, { db, clock, config });
  caseRoutes(app, {
    db,
    clock,
    sealer,
    thresholds: config.cases,
    publicBaseUrl: config.publicBaseUrl,
    training: config.training,
  });
  transparencyRoutes(app, { db, clock, sealer });
  publicityRoutes(app, {
    db,
    clock,
    sealer,
    publicBaseUrl: config.publicBaseUrl,
    months: config.publicity.months,
    cacheSeconds: config.publicity.cacheSeconds,
  });
  return app;
}
