import { z } from 'zod';
import {
  BASIS_LEVELS,
  CIRCUMSTANCES,
  DELEGATION_ACTIONS,
  DELEGATION_STATUSES,
  FINE_BASES,
  ITEM_LEVELS,
  ITEM_STATUSES,
  ITEM_TYPES,
  PENALTY_KINDS,
  SECTORS,
} from '../../../common/enums.js';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { CivilDate, QueryInstant } from '../../platform/input.js';
import { PageQuery } from '../../platform/pagination.js';
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

const Id = z.object({ id: z.uuid('id 必须是 UUID') });
const IsoDate = CivilDate();

const ItemBody = z.object({
  baseCode: z.string().trim().min(2).max(40),
  name: z.string().trim().min(2).max(200),
  legalBasis: z.object({ law: z.string().trim().min(2).max(200), article: z.string().trim().min(2).max(5000) }),
  type: z.enum(ITEM_TYPES),
  sector: z.enum(SECTORS),
  levels: z.array(z.enum(ITEM_LEVELS)).min(1),
  basisLevel: z.enum(BASIS_LEVELS),
  status: z.enum(ITEM_STATUSES).optional(),
  townshipGuiding: z.boolean().optional(),
  major: z.boolean().optional(),
  parentItemId: z.uuid().nullish(),
});

/** A new item: most items rest on national law, so basisLevel may be left out (national). A revision states it. */
const NewItemBody = ItemBody.extend({ basisLevel: z.enum(BASIS_LEVELS).default('national') });

const Fen = z.number().int().min(0).max(1e13);
const Multiple = z.number().min(0).max(1000);
const TierBody = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  conditions: z.string().max(2000).default(''),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  fine: z
    .union([
      z.object({ minFen: Fen, maxFen: Fen }).strict(),
      z.object({ minMultiple: Multiple, maxMultiple: Multiple, basis: z.enum(FINE_BASES) }).strict(),
    ])
    .nullish(),
  method: z.string().max(500).nullish(),
  timeLimitDays: z.number().int().min(1).max(3650).nullish(),
});
const Tiers = z.array(TierBody).min(1).max(5);

export function catalogRoutes(app: App, deps: CatalogDeps & { config: Config }) {
  // ── Items ──
  app.get(
    '/api/v1/items',
    {
      config: { ability: 'item.list' },
      schema: {
        tags: ['catalog'],
        summary: '事项清单检索（名称模糊匹配、基本编码前缀）',
        querystring: PageQuery.extend({
          q: z.string().max(100).optional(),
          type: z.enum(ITEM_TYPES).optional(),
          sector: z.enum(SECTORS).optional(),
          level: z.enum(ITEM_LEVELS).optional(),
          status: z.enum(ITEM_STATUSES).optional(),
          townshipGuiding: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          claimedBy: z.uuid().optional(),
          /** Only the items the caller's org may act on today (its competence, as case registration checks it). */
          competent: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
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
    { config: { ability: 'item.read' }, schema: { tags: ['catalog'], summary: '事项详情', params: Id } },
    async (req) => getItem(deps.db, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/items',
    {
      config: { audit: 'item.create', ability: 'item.create' },
      schema: { tags: ['catalog'], summary: '新增事项（basisLevel 默认 national）', body: NewItemBody },
    },
    async (req, reply) => reply.code(201).send(await createItem(deps, req.ctx, actorOf(req), req.body)),
  );
  app.put(
    '/api/v1/items/:id',
    {
      config: { audit: 'item.update', ability: 'item.update' },
      schema: { tags: ['catalog'], summary: '修订事项（生成新版本）', params: Id, body: ItemBody },
    },
    async (req) => updateItem(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/items/:id/versions',
    { config: { ability: 'item.read' }, schema: { tags: ['catalog'], summary: '事项历史版本', params: Id } },
    async (req) => itemVersionList(deps.db, req.params.id),
  );
  app.post(
    '/api/v1/items/:id/claims',
    {
      config: { audit: 'item.claim', ability: 'item.claim' },
      schema: { tags: ['catalog'], summary: '认领事项', params: Id, body: z.object({ orgId: z.uuid().optional() }) },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      return reply.code(201).send(await claimItem(deps, req.ctx, actor, req.params.id, req.body.orgId ?? actor.org.id));
    },
  );
  app.get(
    '/api/v1/orgs/:id/items',
    { config: { ability: 'org.read' }, schema: { tags: ['catalog'], summary: '单位已认领的事项', params: Id } },
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
        params: Id,
        querystring: z.object({ at: QueryInstant.optional() }),
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
      schema: { tags: ['catalog'], summary: '导入事项（text/csv 或 JSON 数组），逐行返回结果' },
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
        querystring: z.object({ itemId: z.uuid().optional(), ownerOrgId: z.uuid().optional() }),
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
        body: z.object({ itemId: z.uuid(), ownerOrgId: z.uuid(), effectiveFrom: IsoDate, tiers: Tiers }),
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
        querystring: z.object({ itemId: z.uuid(), orgId: z.uuid(), at: QueryInstant.optional() }),
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
        body: z.object({
          itemId: z.uuid(),
          orgId: z.uuid(),
          circumstance: z.enum(CIRCUMSTANCES),
          penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
          amountFen: Fen,
          illegalIncomeFen: Fen.optional(),
          goodsValueFen: Fen.optional(),
          at: QueryInstant.optional(),
        }),
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
      schema: { tags: ['discretion'], summary: '裁量基准详情（含版本、上级档次）', params: Id },
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
        params: Id,
        body: z.object({ effectiveFrom: IsoDate, tiers: Tiers }),
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
        params: Id,
        body: z.object({ ownerOrgId: z.uuid().optional(), effectiveFrom: IsoDate, tiers: Tiers }),
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
        querystring: PageQuery.extend({ status: z.enum(DELEGATION_STATUSES).optional() }),
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
        body: z.object({
          itemIds: z.array(z.uuid()).min(1),
          townshipOrgIds: z.array(z.uuid()).min(1),
          reason: z.string().trim().min(2).max(2000),
        }),
      },
    },
    async (req, reply) => reply.code(201).send(await proposeDelegation(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/delegations/:id',
    {
      config: { ability: 'delegation.read' },
      schema: { tags: ['delegation'], summary: '赋权详情（含步骤）', params: Id },
    },
    async (req) => getDelegation(deps.db, actorOf(req), req.params.id),
  );
  const Meeting = z.object({ meetingDate: IsoDate, meetingNumber: z.string().trim().min(1).max(100) });
  const StepBodies = {
    county_approve: Meeting,
    city_decide: Meeting,
    announce: z.object({ announcementNumber: z.string().trim().min(1).max(100), effectiveDate: IsoDate }),
    evaluate: z.object({
      date: IsoDate,
      result: z.enum(['capable', 'partly_capable', 'not_capable']),
      comments: z.string().trim().min(1).max(2000),
    }),
    recall: z.object({
      announcementNumber: z.string().trim().min(1).max(100),
      date: IsoDate,
      reason: z.string().trim().min(1).max(2000),
    }),
  } as const;
  for (const action of DELEGATION_ACTIONS) {
    app.post(
      `/api/v1/delegations/:id/actions/${action}`,
      {
        config: { audit: `delegation.${action}`, ability: `delegation.${action}` },
        schema: { tags: ['delegation'], summary: `赋权步骤：${action}`, params: Id, body: StepBodies[action] },
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
        querystring: z.object({ deadline: IsoDate.optional() }),
      },
    },
    async (req) =>
      unevaluatedDelegations(deps.db, actorOf(req), req.query.deadline ?? deps.config.delegationEvaluationDeadline),
  );
}
