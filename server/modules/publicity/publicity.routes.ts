import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { PublicSite } from '../../platform/public-html.js';
import { type App, actorOf } from '../../platform/http.js';
import { CivilDate, EventTime } from '../../platform/input.js';
import { PageQuery } from '../../platform/pagination.js';
import { renderPublicCaseNotFound, renderPublicCasePage, renderPublicDecisionsPage } from './public-pages.js';
import {
  type PublicityDeps,
  endPublicity,
  listPublications,
  publicDecisions,
  publishDecision,
  renderedPublicCase,
  withdrawDecision,
} from './publicity.service.js';

const CaseId = z.object({ caseId: z.uuid('caseId 必须是 UUID') });
const Code = z.object({ code: z.string().min(1).max(64) });
const Status = z.enum(['unpublished', 'published', 'withdrawn', 'ended']);
/** An empty form field (the public search form sends every field) means "not given". */
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const Text = z.preprocess(blankAsMissing, z.string().trim().max(100).optional());
const PublicQuery = PageQuery.extend({
  org: Text,
  item: Text,
  party: Text,
  from: z.preprocess(blankAsMissing, CivilDate('from 须为 YYYY-MM-DD').optional()),
  to: z.preprocess(blankAsMissing, CivilDate('to 须为 YYYY-MM-DD').optional()),
});
/** The HTML page is lenient: a malformed date or page number is ignored rather than answered with JSON. */
const PublicPageQuery = PageQuery.extend({
  current: PageQuery.shape.current.catch(1),
  pageSize: PageQuery.shape.pageSize.catch(20),
  org: Text.catch(undefined),
  item: Text.catch(undefined),
  party: Text.catch(undefined),
  from: z.preprocess(blankAsMissing, CivilDate().optional()).catch(undefined),
  to: z.preprocess(blankAsMissing, CivilDate().optional()).catch(undefined),
});

export function publicityRoutes(app: App, deps: PublicityDeps & { site: PublicSite }) {
  const { site } = deps;
  // ── staff ──
  app.get(
    '/api/v1/publicity',
    {
      config: { ability: 'publication.list' },
      schema: {
        tags: ['publicity'],
        summary: '公示管理：决定的公示状态（status、overdue=true 为逾期未公示）',
        querystring: PageQuery.extend({
          status: Status.optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          orgId: z.uuid().optional(),
          q: z.string().max(100).optional(),
        }),
      },
    },
    async (req) => listPublications(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/publicity/overdue',
    {
      config: { ability: 'publication.overdue' },
      schema: {
        tags: ['publicity'],
        summary: '监督：已过公示期限仍未公示的决定',
        querystring: PageQuery.extend({ orgId: z.uuid().optional() }),
      },
    },
    async (req) => listPublications(deps, actorOf(req), { ...req.query, overdue: true }),
  );
  app.post(
    '/api/v1/publicity/:caseId/publish',
    {
      config: { audit: 'publicity.publish', ability: 'publication.publish' },
      schema: { tags: ['publicity'], summary: '公示决定', params: CaseId },
    },
    async (req) => publishDecision(deps, req.ctx, actorOf(req), req.params.caseId),
  );
  app.post(
    '/api/v1/publicity/:caseId/withdraw',
    {
      config: { audit: 'publicity.withdraw', ability: 'publication.withdraw' },
      schema: {
        tags: ['publicity'],
        summary: '撤回公示（决定被撤销或更正，应在 3 个工作日内撤回）',
        params: CaseId,
        body: z.object({
          reason: z.enum(['revoked', 'corrected']),
          revokedAt: EventTime,
          note: z.string().trim().min(2).max(2000),
        }),
      },
    },
    async (req) => withdrawDecision(deps, req.ctx, actorOf(req), req.params.caseId, req.body),
  );
  app.post(
    '/api/v1/publicity/:caseId/end',
    {
      config: { audit: 'publicity.end', ability: 'publication.end' },
      schema: {
        tags: ['publicity'],
        summary: '结束公示（信用修复）',
        params: CaseId,
        body: z.object({ reason: z.literal('credit_repair'), reference: z.string().trim().min(1).max(100) }),
      },
    },
    async (req) => endPublicity(deps, req.ctx, actorOf(req), req.params.caseId, req.body),
  );

  // ── public ──
  app.get(
    '/api/v1/public/decisions',
    {
      config: { public: true },
      schema: { tags: ['public'], summary: '行政执法决定公示（公开，已隐去个人信息）', querystring: PublicQuery },
    },
    async (req) => publicDecisions(deps, req.query),
  );
  app.get(
    '/public/decisions',
    { config: { public: true }, schema: { hide: true, querystring: PublicPageQuery } },
    async (req, reply) => {
      const page = await publicDecisions(deps, req.query);
      return reply
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(renderPublicDecisionsPage(site, req.query, page));
    },
  );
  app.get(
    '/api/v1/public/cases/:code',
    {
      config: { public: true },
      schema: { tags: ['public'], summary: '一案一码：案件公开信息与透明日志叶子（公开）', params: Code },
    },
    async (req, reply) => {
      const json = await renderedPublicCase(deps, req.params.code, 'json', (c) => JSON.stringify(c));
      if (!json) throw new AppError(404, 'not_found', '未找到该案件码');
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', `public, max-age=${deps.cacheSeconds}`)
        .send(json);
    },
  );
  app.get('/v/:code', { config: { public: true }, schema: { hide: true, params: Code } }, async (req, reply) => {
    const html = await renderedPublicCase(deps, req.params.code, 'html', (c) => renderPublicCasePage(site, c));
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
    return html ? reply.send(html) : reply.code(404).send(renderPublicCaseNotFound(site));
  });
}
