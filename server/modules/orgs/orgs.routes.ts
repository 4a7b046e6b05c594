import {
  OrgCreateBody,
  OrgListQuery,
  OrgPage,
  OrgPatchBody,
  OrgView,
  RegionListQuery,
  RegionPage,
} from '../../../common/contracts/orgs.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import { type App, actorOf } from '../../platform/http.js';
import { listRegions } from '../regions/regions.api.js';
import { type OrgDeps, createOrg, getOrg, listOrgs, updateOrg } from './orgs.service.js';

export function orgRoutes(app: App, deps: OrgDeps) {
  app.get(
    '/api/v1/regions',
    {
      config: { ability: 'region.list' },
      schema: {
        tags: ['orgs'],
        summary: '行政区划（下级列表）',
        querystring: RegionListQuery,
        response: { 200: RegionPage },
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
        querystring: OrgListQuery,
        response: { 200: OrgPage },
      },
    },
    async (req) => listOrgs(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/orgs/:id',
    {
      config: { ability: 'org.read' },
      schema: { tags: ['orgs'], summary: '组织机构详情', params: IdParams, response: { 200: OrgView } },
    },
    async (req) => getOrg(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/orgs',
    {
      config: { audit: 'org.create', ability: 'org.create' },
      schema: {
        tags: ['orgs'],
        summary: '新建组织机构（系统管理员）',
        body: OrgCreateBody,
        response: { 201: OrgView },
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
        params: IdParams,
        body: OrgPatchBody,
        response: { 200: OrgView },
      },
    },
    async (req) => updateOrg(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
}
