import { DELEGATION_ACTIONS } from '../../../common/enums.js';
import {
  ClaimedItemPage,
  ItemClaimBody,
  ItemClaimView,
  ItemCreateBody,
  ItemImportResultView,
  ItemListQuery,
  ItemPage,
  ItemPutBody,
  ItemRecordView,
  ItemVersionPage,
} from '../../../common/contracts/catalog.contract.js';
import {
  DELEGATION_STEP_BODIES,
  DelegatedItemPage,
  DelegatedItemsQuery,
  DelegationListQuery,
  DelegationPage,
  DelegationProposeBody,
  DelegationView,
  UnevaluatedDelegationPage,
  UnevaluatedDelegationsQuery,
} from '../../../common/contracts/delegation.contract.js';
import {
  BenchmarkCreateBody,
  BenchmarkEffectiveQuery,
  BenchmarkEvaluateBody,
  BenchmarkEvaluationView,
  BenchmarkListQuery,
  BenchmarkPage,
  BenchmarkRefineBody,
  BenchmarkReviseBody,
  BenchmarkView,
  EffectiveBenchmarkView,
} from '../../../common/contracts/discretion.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import {
  createBenchmark,
  effectiveBenchmark,
  evaluateAgainstBenchmark,
  getBenchmark,
  listBenchmarks,
  refineBenchmark,
  reviseBenchmark,
} from '../discretion/discretion.api.js';
import {
  delegatedItems,
  delegationStep,
  getDelegation,
  listDelegations,
  proposeDelegation,
  unevaluatedDelegations,
} from '../delegation/delegation.api.js';
import { orgInScope } from '../orgs/orgs.api.js';
import {
  type CatalogDeps,
  claimItem,
  claimsOfOrg,
  createItem,
  getItem,
  importItems,
  itemVersionList,
  listItems,
  rowsFromCsv,
  updateItem,
} from './catalog.service.js';

export function catalogRoutes(app: App, deps: CatalogDeps & { config: Config }) {
  // ── Items ──
  app.get(
    '/api/v1/items',
    {
      config: { ability: 'item.list' },
      schema: {
        tags: ['catalog'],
        summary: '事项清单检索（名称模糊匹配、基本编码前缀）',
        querystring: ItemListQuery,
        response: { 200: ItemPage },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const { competent, ...q } = req.query;
      return listItems(deps.db, {
        ...q,
        ...(competent ? { competentOrg: { ...actor.org, at: deps.clock.now() } } : {}),
      });
    },
  );
  app.get(
    '/api/v1/items/:id',
    {
      config: { ability: 'item.read' },
      schema: { tags: ['catalog'], summary: '事项详情', params: IdParams, response: { 200: ItemRecordView } },
    },
    async (req) => getItem(deps.db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/items',
    {
      config: { audit: 'item.create', ability: 'item.create' },
      schema: {
        tags: ['catalog'],
        summary: '新增事项（basisLevel 默认 national）',
        body: ItemCreateBody,
        response: { 201: ItemRecordView },
      },
    },
    async (req, reply) => reply.code(201).send(await createItem(deps, req.ctx, actorOf(req), req.body)),
  );
  app.put(
    '/api/v1/items/:id',
    {
      config: { audit: 'item.update', ability: 'item.update' },
      schema: {
        tags: ['catalog'],
        summary: '修订事项（生成新版本）',
        params: IdParams,
        body: ItemPutBody,
        response: { 200: ItemRecordView },
      },
    },
    async (req) => updateItem(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/items/:id/versions',
    {
      config: { ability: 'item.read' },
      schema: { tags: ['catalog'], summary: '事项历史版本', params: IdParams, response: { 200: ItemVersionPage } },
    },
    async (req) => itemVersionList(deps.db, req.params.id),
  );
  app.post(
    '/api/v1/items/:id/claims',
    {
      config: { audit: 'item.claim', ability: 'item.claim' },
      schema: {
        tags: ['catalog'],
        summary: '认领事项',
        params: IdParams,
        body: ItemClaimBody,
        response: { 201: ItemClaimView },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await claimItem(deps, req.ctx, actor, req.params.id, req.body.orgId ?? actor.org.id));
    },
  );
  app.get(
    '/api/v1/orgs/:id/items',
    {
      config: { ability: 'org.read' },
      schema: { tags: ['catalog'], summary: '单位已认领的事项', params: IdParams, response: { 200: ClaimedItemPage } },
    },
    async (req) => {
      await orgInScope(deps.db, actorOf(req), req.params.id);
      return claimsOfOrg(deps.db, req.params.id);
    },
  );
  app.get(
    '/api/v1/orgs/:id/delegated-items',
    {
      config: { ability: 'org.read' },
      schema: {
        tags: ['catalog'],
        summary: '乡镇（街道）在某日依赋权可行使的事项',
        params: IdParams,
        querystring: DelegatedItemsQuery,
        response: { 200: DelegatedItemPage },
      },
    },
    async (req) => {
      await orgInScope(deps.db, actorOf(req), req.params.id);
      return delegatedItems(deps.db, req.params.id, req.query.at ?? deps.clock.now());
    },
  );
  app.post(
    '/api/v1/items/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      config: { audit: 'item.import', ability: 'item.import' },
      schema: {
        tags: ['catalog'],
        summary: '导入事项（text/csv 或 JSON 数组），逐行返回结果',
        response: { 200: ItemImportResultView },
      },
    },
    async (req) => {
      const body = req.body;
      const rows =
        typeof body === 'string' ? rowsFromCsv(body) : Array.isArray(body) ? (body as Record<string, unknown>[]) : null;
      if (!rows) throw new AppError(415, 'unsupported_media_type', '请上传 text/csv 文件或事项对象的 JSON 数组');
      return importItems(deps, req.ctx, actorOf(req), rows);
    },
  );

  // ── Benchmarks ──
  app.get(
    '/api/v1/benchmarks',
    {
      config: { ability: 'benchmark.list' },
      schema: {
        tags: ['discretion'],
        summary: '裁量基准列表',
        querystring: BenchmarkListQuery,
        response: { 200: BenchmarkPage },
      },
    },
    async (req) => listBenchmarks(deps.db, req.query),
  );
  app.post(
    '/api/v1/benchmarks',
    {
      config: { audit: 'benchmark.create', ability: 'benchmark.create' },
      schema: {
        tags: ['discretion'],
        summary: '制定裁量基准（省级；市级仅限本市法规规章设定的事项）',
        body: BenchmarkCreateBody,
        response: { 201: BenchmarkView },
      },
    },
    async (req, reply) => reply.code(201).send(await createBenchmark(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/benchmarks/effective',
    {
      config: { ability: 'benchmark.effective' },
      schema: {
        tags: ['discretion'],
        summary: '某单位在某日适用的裁量基准（就近的县级细化，否则上级基准）',
        querystring: BenchmarkEffectiveQuery,
        response: { 200: EffectiveBenchmarkView },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await orgInScope(deps.db, actor, req.query.orgId);
      const found = await effectiveBenchmark(
        deps.db,
        req.query.itemId,
        req.query.orgId,
        req.query.at ?? deps.clock.now(),
      );
      if (!found) throw new AppError(404, 'no_benchmark', '该事项在此日期对该单位没有适用的裁量基准');
      return found;
    },
  );
  app.post(
    '/api/v1/benchmarks/evaluate',
    {
      config: { ability: 'benchmark.evaluate' },
      schema: {
        tags: ['discretion'],
        summary: '检查一项处罚决定是否在适用档次内',
        body: BenchmarkEvaluateBody,
        response: { 200: BenchmarkEvaluationView },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      await orgInScope(deps.db, actor, req.body.orgId);
      return evaluateAgainstBenchmark(deps.db, { ...req.body, at: req.body.at ?? deps.clock.now() });
    },
  );
  app.get(
    '/api/v1/benchmarks/:id',
    {
      config: { ability: 'benchmark.read' },
      schema: {
        tags: ['discretion'],
        summary: '裁量基准详情（含版本、上级档次）',
        params: IdParams,
        response: { 200: BenchmarkView },
      },
    },
    async (req) => getBenchmark(deps.db, req.params.id, actorOf(req)),
  );
  app.put(
    '/api/v1/benchmarks/:id',
    {
      config: { audit: 'benchmark.revise', ability: 'benchmark.revise' },
      schema: {
        tags: ['discretion'],
        summary: '修订裁量基准（新版本）',
        params: IdParams,
        body: BenchmarkReviseBody,
        response: { 200: BenchmarkView },
      },
    },
    async (req) => reviseBenchmark(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/benchmarks/:id/refinements',
    {
      config: { audit: 'benchmark.refine', ability: 'benchmark.refine' },
      schema: {
        tags: ['discretion'],
        summary: '县级细化（只能收窄幅度、减少种类）',
        params: IdParams,
        body: BenchmarkRefineBody,
        response: { 201: BenchmarkView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await refineBenchmark(deps, req.ctx, actorOf(req), req.params.id, req.body)),
  );

  // ── Delegations ──
  app.get(
    '/api/v1/delegations',
    {
      config: { ability: 'delegation.list' },
      schema: {
        tags: ['delegation'],
        summary: '赋权事项',
        querystring: DelegationListQuery,
        response: { 200: DelegationPage },
      },
    },
    async (req) => listDelegations(deps.db, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/delegations',
    {
      config: { audit: 'delegation.propose', ability: 'delegation.propose' },
      schema: {
        tags: ['delegation'],
        summary: '提出赋权（县级人民政府或乡镇街道）',
        body: DelegationProposeBody,
        response: { 201: DelegationView },
      },
    },
    async (req, reply) => reply.code(201).send(await proposeDelegation(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/delegations/:id',
    {
      config: { ability: 'delegation.read' },
      schema: {
        tags: ['delegation'],
        summary: '赋权详情（含步骤）',
        params: IdParams,
        response: { 200: DelegationView },
      },
    },
    async (req) => getDelegation(deps.db, actorOf(req), req.params.id),
  );
  for (const action of DELEGATION_ACTIONS) {
    app.post(
      `/api/v1/delegations/:id/actions/${action}`,
      {
        config: { audit: `delegation.${action}`, ability: `delegation.${action}` },
        schema: {
          tags: ['delegation'],
          summary: `赋权步骤：${action}`,
          params: IdParams,
          body: DELEGATION_STEP_BODIES[action],
          response: { 200: DelegationView },
        },
      },
      async (req) =>
        delegationStep(deps, req.ctx, actorOf(req), req.params.id, action, req.body as Record<string, string>),
    );
  }
  app.get(
    '/api/v1/reports/delegations-unevaluated',
    {
      config: { ability: 'delegation.unevaluated' },
      schema: {
        tags: ['delegation'],
        summary: '逾期未评估的赋权',
        querystring: UnevaluatedDelegationsQuery,
        response: { 200: UnevaluatedDelegationPage },
      },
    },
    async (req) =>
      unevaluatedDelegations(deps.db, actorOf(req), req.query.deadline ?? deps.config.delegationEvaluationDeadline),
  );
}
