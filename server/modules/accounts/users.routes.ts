import { z } from 'zod';
import { ROLES } from '../../../common/enums.js';
import { PageQuery } from '../../platform/pagination.js';
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

const Id = z.object({ id: z.uuid('id 必须是 UUID') });
const Roles = z.array(z.enum(ROLES)).min(1).max(ROLES.length);

export function userRoutes(app: App, deps: UserDeps) {
  app.get(
    '/api/v1/users',
    {
      config: { ability: 'user.list' },
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: PageQuery.extend({
          q: z.string().max(64).optional(),
          orgId: z.uuid().optional(),
          role: z.enum(ROLES).optional(),
        }),
      },
    },
    async (req) => listUsers(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/users/:id',
    { config: { ability: 'user.read' }, schema: { tags: ['users'], summary: '用户详情', params: Id } },
    async (req) => getUser(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/users',
    {
      config: { audit: 'user.create', ability: 'user.create' },
      schema: {
        tags: ['users'],
        summary: '创建用户',
        body: z.object({
          username: z.string().min(1).max(32),
          displayName: z.string().trim().min(1).max(64),
          password: z.string().min(1).max(256).optional(),
          orgId: z.uuid(),
          roles: Roles,
        }),
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
        params: Id,
        body: z.object({
          displayName: z.string().trim().min(1).max(64).optional(),
          roles: Roles.optional(),
          disabled: z.boolean().optional(),
          orgId: z.uuid().optional(),
        }),
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
        schema: { tags: ['users'], summary: locked ? '锁定账号（安全管理员）' : '解锁账号（安全管理员）', params: Id },
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
        querystring: PageQuery.extend({ userId: z.uuid().optional() }),
      },
    },
    async (req) => listSessions(deps, actorOf(req), req.query),
  );
  app.delete(
    '/api/v1/sessions/:id',
    {
      config: { audit: 'session.end', ability: 'session.end' },
      schema: { tags: ['users'], summary: '强制下线（安全管理员）', params: Id },
    },
    async (req, reply) => {
      await endSession(deps, req.ctx, actorOf(req), req.params.id);
      return reply.code(204).send();
    },
  );
}
