import { z } from 'zod';
import { type App, actorOf } from '../../platform/http.js';
import { type AuthDeps, changeOwnPassword, login, logout, meOf } from './auth.service.js';

export const SESSION_COOKIE = 'zhifa_session';

const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.string()),
  mustChangePassword: z.boolean(),
  org: z.object({ id: z.string(), name: z.string(), regionCode: z.string() }),
  abilities: z.array(z.string()),
});

export function authRoutes(app: App, deps: AuthDeps & { cookieSecure: boolean; loginRateLimitPerMinute: number }) {
  app.post(
    '/api/v1/auth/login',
    {
      config: {
        public: true,
        audit: 'auth.login',
        rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) }),
        response: { 200: Me },
      },
    },
    async (req, reply) => {
      const { token, actor, expiresAt } = await login(deps, req.ctx, req.body, req.cookies[SESSION_COOKIE]);
      reply.setCookie(SESSION_COOKIE, token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.cookieSecure,
        path: '/',
        expires: expiresAt,
      });
      return meOf(actor);
    },
  );

  app.post(
    '/api/v1/auth/logout',
    { config: { audit: 'auth.logout' }, schema: { tags: ['auth'], summary: '退出登录' } },
    async (req, reply) => {
      await logout(deps, req.ctx, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get('/api/v1/auth/me', { schema: { tags: ['auth'], summary: '当前账号', response: { 200: Me } } }, async (req) =>
    meOf(actorOf(req)),
  );

  app.post(
    '/api/v1/auth/password',
    {
      config: {
        audit: 'auth.password_change',
        rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码',
        body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      },
    },
    async (req, reply) => {
      await changeOwnPassword(deps, req.ctx, actorOf(req), req.body);
      return reply.code(204).send();
    },
  );
}
