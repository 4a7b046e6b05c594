import { z } from 'zod';
import { LoginBody, MeView, PasswordChangeBody } from '../../../common/contracts/accounts.contract.js';
import { type App, actorOf } from '../../platform/http.js';
import { type AuthDeps, changeOwnPassword, login, logout, meOf } from './auth.service.js';

export const SESSION_COOKIE = 'zhifa_session';

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
        body: LoginBody,
        response: { 200: MeView },
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
    {
      config: { audit: 'auth.logout' },
      schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.undefined().describe('无内容') } },
    },
    async (req, reply) => {
      await logout(deps, req.ctx, actorOf(req));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/v1/auth/me',
    { schema: { tags: ['auth'], summary: '当前账号', response: { 200: MeView } } },
    async (req) => meOf(actorOf(req)),
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
        body: PasswordChangeBody,
        response: { 204: z.undefined().describe('无内容') },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(deps, req.ctx, actorOf(req), req.body);
      return reply.code(204).send();
    },
  );
}
