import { z } from 'zod';
import {
  SessionListQuery,
  SessionPage,
  UserCreateBody,
  UserListQuery,
  UserPage,
  UserPatchBody,
  UserView,
} from '../../../common/contracts/accounts.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import { type App, actorOf } from '../../platform/http.js';
import {
  type UserDeps,
  createUser,
  endSession,
  getUser,
  listSessions,
  listUsers,
  setLock,
  updateUser,
} from './users.service.js';

export function userRoutes(app: App, deps: UserDeps) {
  app.get(
    '/api/v1/users',
    {
      config: { ability: 'user.list' },
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: UserListQuery,
        response: { 200: UserPage },
      },
    },
    async (req) => listUsers(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/users/:id',
    {
      config: { ability: 'user.read' },
      schema: { tags: ['users'], summary: '用户详情', params: IdParams, response: { 200: UserView } },
    },
    async (req) => getUser(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/users',
    {
      config: { audit: 'user.create', ability: 'user.create' },
      schema: {
        tags: ['users'],
        summary: '创建用户',
        body: UserCreateBody,
        response: { 201: UserView },
      },
    },
    async (req, reply) => reply.code(201).send(await createUser(deps, req.ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/users/:id',
    {
      config: { audit: 'user.update', ability: 'user.update' },
      schema: {
        tags: ['users'],
        summary: '修改用户（角色、停用、所属单位）',
        params: IdParams,
        body: UserPatchBody,
        response: { 200: UserView },
      },
    },
    async (req) => updateUser(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  for (const [path, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    app.post(
      `/api/v1/users/:id/${path}`,
      {
        config: { audit: locked ? 'user.lock' : 'user.unlock', ability: locked ? 'user.lock' : 'user.unlock' },
        schema: {
          tags: ['users'],
          summary: locked ? '锁定账号（安全管理员）' : '解锁账号（安全管理员）',
          params: IdParams,
          response: { 200: UserView },
        },
      },
      async (req) => setLock(deps, req.ctx, actorOf(req), req.params.id, locked),
    );
  }
  app.get(
    '/api/v1/sessions',
    {
      config: { ability: 'session.list' },
      schema: {
        tags: ['users'],
        summary: '在线会话（安全管理员）',
        querystring: SessionListQuery,
        response: { 200: SessionPage },
      },
    },
    async (req) => listSessions(deps, actorOf(req), req.query),
  );
  app.delete(
    '/api/v1/sessions/:id',
    {
      config: { audit: 'session.end', ability: 'session.end' },
      schema: {
        tags: ['users'],
        summary: '强制下线（安全管理员）',
        params: IdParams,
        response: { 204: z.undefined().describe('无内容') },
      },
    },
    async (req, reply) => {
      await endSession(deps, req.ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
