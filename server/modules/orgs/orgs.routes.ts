import { z } from 'zod';
import { ORG_KINDS, ORG_STATUSES, SECTORS } from '../../../common/enums.js';
import { PageQuery } from '../../platform/pagination.js';
import { type App, actorOf } from '../../platform/http.js';
import { listRegions } from '../regions/regions.api.js';
import { type OrgDeps, createOrg, getOrg, listOrgs, updateOrg } from './orgs.service.js';

const RegionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字');
const Id = z.object({ id: z.uuid('id 必须是 UUID') });
const Uscc = z.string().trim().max(32);

export function orgRoutes(app: App, deps: OrgDeps) {
  app.get(
    '/api/v1/regions',
    {
      config: { ability: 'region.list' },
      schema: {
        tags: ['orgs'],
        summary: '行政区划（下级列表）',
        querystring: z.object({ parent: RegionCode.optional() }),
      },
    },
    async (req) => listRegions(deps.db, req.query.parent),
  );
  app.get(
    '/api/v1/orgs',
    {
      config: { ability: 'org.list' },
      schema: {
        tags: ['orgs'],
        summary: '组织机构列表（限本单位管辖范围）',
        querystring: PageQuery.extend({
          q: z.string().max(64).optional(),
          kind: z.enum(ORG_KINDS).optional(),
          sector: z.enum(SECTORS).optional(),
          regionCode: RegionCode.optional(),
          status: z.enum(ORG_STATUSES).optional(),
        }),
      },
    },
    async (req) => listOrgs(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/orgs/:id',
    { config: { ability: 'org.read' }, schema: { tags: ['orgs'], summary: '组织机构详情', params: Id } },
    async (req) => getOrg(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/orgs',
    {
      config: { audit: 'org.create', ability: 'org.create' },
      schema: {
        tags: ['orgs'],
        summary: '新建组织机构（系统管理员）',
        body: z.object({
          name: z.string().trim().min(2).max(100),
          kind: z.enum(ORG_KINDS),
          sector: z.enum(SECTORS),
          regionCode: RegionCode,
          parentId: z.uuid().nullish(),
          uscc: Uscc.nullish(),
        }),
      },
    },
    async (req, reply) => reply.code(201).send(await createOrg(deps, req.ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/orgs/:id',
    {
      config: { audit: 'org.update', ability: 'org.update' },
      schema: {
        tags: ['orgs'],
        summary: '修改组织机构（系统管理员）',
        params: Id,
        body: z.object({
          name: z.string().trim().min(2).max(100).optional(),
          kind: z.enum(ORG_KINDS).optional(),
          sector: z.enum(SECTORS).optional(),
          regionCode: RegionCode.optional(),
          parentId: z.uuid().nullable().optional(),
          uscc: Uscc.nullable().optional(),
          status: z.enum(ORG_STATUSES).optional(),
        }),
      },
    },
    async (req) => updateOrg(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
}
