import {
  HtmlPage,
  type PublicCase,
  PublicCaseCodeParams,
  PublicCaseView,
  PublicDecisionPage,
  PublicDecisionPageQuery,
  PublicDecisionQuery,
} from '../../../common/contracts/portal.contract.js';
import {
  PublicationCaseParams,
  PublicationEndBody,
  PublicationListQuery,
  PublicationOverdueQuery,
  PublicationPageView,
  PublicationView,
  PublicationWithdrawBody,
} from '../../../common/contracts/publicity.contract.js';
import { AppError } from '../../platform/errors.js';
import type { PublicSite } from '../../platform/public-html.js';
import { type App, actorOf } from '../../platform/http.js';
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
        querystring: PublicationListQuery,
        response: { 200: PublicationPageView },
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
        querystring: PublicationOverdueQuery,
        response: { 200: PublicationPageView },
      },
    },
    async (req) => listPublications(deps, actorOf(req), { ...req.query, overdue: true }),
  );
  app.post(
    '/api/v1/publicity/:caseId/publish',
    {
      config: { audit: 'publicity.publish', ability: 'publication.publish' },
      schema: {
        tags: ['publicity'],
        summary: '公示决定',
        params: PublicationCaseParams,
        response: { 200: PublicationView },
      },
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
        params: PublicationCaseParams,
        body: PublicationWithdrawBody,
        response: { 200: PublicationView },
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
        params: PublicationCaseParams,
        body: PublicationEndBody,
        response: { 200: PublicationView },
      },
    },
    async (req) => endPublicity(deps, req.ctx, actorOf(req), req.params.caseId, req.body),
  );

  // ── public ──
  app.get(
    '/api/v1/public/decisions',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '行政执法决定公示（公开，已隐去个人信息）',
        querystring: PublicDecisionQuery,
        response: { 200: PublicDecisionPage },
      },
    },
    async (req) => publicDecisions(deps, req.query),
  );
  app.get(
    '/public/decisions',
    {
      config: { public: true },
      schema: { hide: true, querystring: PublicDecisionPageQuery, response: { 200: HtmlPage } },
    },
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
      schema: {
        tags: ['public'],
        summary: '一案一码：案件公开信息与透明日志叶子（公开）',
        params: PublicCaseCodeParams,
        response: { 200: PublicCaseView },
      },
    },
    async (req, reply) => {
      const json = await renderedPublicCase(deps, req.params.code, 'json', (c) => JSON.stringify(c));
      if (!json) throw new AppError(404, 'not_found', '未找到该案件码');
      // the JSON text of the PublicCase, rendered once per cache period: Fastify sends a string as it is (the
      // contract's schema describes it and is not run again)
      return reply
        .type('application/json; charset=utf-8')
        .header('cache-control', `public, max-age=${deps.cacheSeconds}`)
        .send(json as unknown as PublicCase);
    },
  );
  const casePage = { hide: true, params: PublicCaseCodeParams, response: { 200: HtmlPage, 404: HtmlPage } };
  app.get('/v/:code', { config: { public: true }, schema: casePage }, async (req, reply) => {
    const html = await renderedPublicCase(deps, req.params.code, 'html', (c) => renderPublicCasePage(site, c));
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
    return html ? reply.send(html) : reply.code(404).send(renderPublicCaseNotFound(site));
  });
}
