import QRCode from 'qrcode';
import { z } from 'zod';
import { IdParams } from '../../../common/contracts/kit.js';
import { HtmlPage } from '../../../common/contracts/portal.contract.js';
import {
  EntityCodeView,
  EntityVisitsQuery,
  PublicEntityVisitsView,
  PublicVisitView,
  RatingAcceptedView,
  RatingAggregateList,
  RatingBody,
  RatingFormFields,
  TokenParams,
  VisitCapBody,
  VisitCapList,
  VisitCapView,
  VisitCreateBody,
  VisitListQuery,
  VisitPage,
  VisitView,
} from '../../../common/contracts/visits.contract.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { assertHappened } from '../../platform/input.js';
import type { PublicSite } from '../../platform/public-html.js';
import { publicRateLimited } from '../../platform/rate-limit.js';
import { assertSafeInput } from '../../platform/safe-input.js';
import { listVisitCaps, putVisitCap } from './visit-caps.service.js';
import { renderEntityVisitsPage, renderVisitNotFound, renderVisitPage } from './visits.pages.js';
import { publicEntityVisits, publicVisit, rateVisit } from './visits.public.js';
import {
  type VisitDeps,
  createVisit,
  entityCodeToken,
  getVisit,
  listVisits,
  ratingAggregates,
  visitToken,
} from './visits.service.js';

const tags = ['visits'];
const SVG = {
  200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string().describe('SVG 二维码') } } },
};
const TOKEN = /^[A-Za-z0-9_-]{16,64}$/;
const PageParams = z.object({ token: z.string().max(200) });
const PageQuery = z.object({ uscc: z.string().max(100).optional(), rated: z.string().max(10).optional() });

const qrSvg = (text: string) => QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });

export function visitRoutes(app: App, deps: VisitDeps & { site: PublicSite; perMinute: number }) {
  const { site } = deps;
  const limited = publicRateLimited(deps.perMinute);
  app.get(
    '/api/v1/entities/:id/qr.svg',
    {
      config: { ability: 'entity.read' },
      schema: { tags, summary: '检查对象的入企码（二维码，可打印张贴）', params: IdParams, response: SVG },
    },
    async (req, reply) => {
      const token = await entityCodeToken(deps.db, req.params.id, deps.clock.now());
      return reply.type('image/svg+xml').send(await qrSvg(`${deps.publicBaseUrl}/e/${token}`));
    },
  );
  app.get(
    '/api/v1/entities/:id/code',
    {
      config: { ability: 'entity.read' },
      schema: {
        tags,
        summary: '检查对象的入企码（印在二维码下方，供手工输入）',
        params: IdParams,
        response: { 200: EntityCodeView },
      },
    },
    async (req) => {
      const token = await entityCodeToken(deps.db, req.params.id, deps.clock.now());
      return { token, url: `${deps.publicBaseUrl}/e/${token}` };
    },
  );
  app.post(
    '/api/v1/visits',
    {
      config: { ability: 'visit.create', audit: 'visit.create' },
      schema: {
        tags,
        summary: '扫码入企登记（离线登记的补传 capturedOffline 并写明原因）',
        body: VisitCreateBody,
        response: { 201: VisitView },
      },
    },
    async (req, reply) => {
      assertHappened(deps.clock, req.body, ['startedAt']);
      return reply.code(201).send(await createVisit(deps, req.ctx, actorOf(req), req.body));
    },
  );
  app.get(
    '/api/v1/visits',
    {
      config: { ability: 'visit.list' },
      schema: { tags, summary: '入企记录（可按提示筛选）', querystring: VisitListQuery, response: { 200: VisitPage } },
    },
    async (req) => listVisits(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/visits/ratings',
    {
      config: { ability: 'visit.ratings' },
      schema: {
        tags,
        summary: '企业评价汇总（按部门，不少于 5 条才显示）',
        response: { 200: RatingAggregateList },
      },
    },
    async (req) => ratingAggregates(deps.db, actorOf(req)),
  );
  app.get(
    '/api/v1/visit-caps',
    {
      config: { ability: 'visit_cap.list' },
      schema: { tags, summary: '检查频次上限（按执法事项或单位）', response: { 200: VisitCapList } },
    },
    async (req) => listVisitCaps(deps.db, actorOf(req)),
  );
  app.put(
    '/api/v1/visit-caps',
    {
      config: { ability: 'visit_cap.update', audit: 'visit_cap.update' },
      schema: {
        tags,
        summary: '设定检查频次上限（一个执法事项或一个单位，替换原有的）',
        body: VisitCapBody,
        response: { 200: VisitCapView },
      },
    },
    async (req) => putVisitCap(deps, req.ctx, actorOf(req), req.body),
  );
  app.get(
    '/api/v1/visits/:id',
    {
      config: { ability: 'visit.read' },
      schema: { tags, summary: '入企记录详情', params: IdParams, response: { 200: VisitView } },
    },
    async (req) => getVisit(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/visits/:id/qr.svg',
    {
      config: { ability: 'visit.read' },
      schema: { tags, summary: '本次入企的监督码（二维码，供企业扫描）', params: IdParams, response: SVG },
    },
    async (req, reply) => {
      const token = await visitToken(deps.db, req.params.id);
      return reply.type('image/svg+xml').send(await qrSvg(`${deps.publicBaseUrl}/public/visits/${token}`));
    },
  );

  // ── public: the enterprise's side ──

  app.get(
    '/api/v1/public/visits/:token',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '入企监督码（公开）',
        params: TokenParams,
        response: { 200: PublicVisitView },
      },
    },
    async (req) => {
      const v = await publicVisit(deps.db, req.params.token, deps.clock.now());
      if (!v) throw new AppError(404, 'not_found', '未找到该监督码对应的入企记录');
      return v;
    },
  );
  app.post(
    '/api/v1/public/visits/:token/rating',
    {
      config: { ...limited, audit: 'visit.rate' },
      schema: {
        tags: ['public'],
        summary: '评价本次入企（每次入企一次，匿名）',
        params: TokenParams,
        body: RatingBody,
        response: { 201: RatingAcceptedView },
      },
    },
    async (req, reply) => reply.code(201).send(await rateVisit(deps, req.ctx, req.params.token, req.body)),
  );
  app.get(
    '/api/v1/public/entities/:token/visits',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '本单位的入企记录（企业输入统一社会信用代码后查看）',
        params: TokenParams,
        querystring: EntityVisitsQuery,
        response: { 200: PublicEntityVisitsView },
      },
    },
    async (req) => {
      const out = await publicEntityVisits(deps.db, req.params.token, req.query.uscc);
      if (!out) throw new AppError(404, 'not_found', '未找到该入企码');
      return out;
    },
  );

  const html = { hide: true, params: PageParams, querystring: PageQuery, response: { 200: HtmlPage, 404: HtmlPage } };
  app.get('/public/visits/:token', { config: { public: true }, schema: html }, async (req, reply) => {
    // the rating form posts to this origin: with helmet's no-referrer a browser would send `Origin: null`, which
    // the CSRF check refuses; same-origin keeps the referrer (and the origin) to this site only
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'same-origin');
    const v = TOKEN.test(req.params.token) ? await publicVisit(deps.db, req.params.token, deps.clock.now()) : null;
    if (!v) return reply.code(404).send(renderVisitNotFound(site));
    const notice = req.query.rated === '1' ? '评价已提交，感谢您的反馈。' : undefined;
    return reply.send(renderVisitPage(site, req.params.token, v, notice));
  });
  app.post(
    '/public/visits/:token/rating',
    { config: { ...limited, audit: 'visit.rate' }, schema: { hide: true, params: PageParams } },
    async (req, reply) => {
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请通过页面上的评价表单提交');
      const fields: Record<string, unknown> = {};
      for await (const part of req.parts()) if (part.type === 'field') fields[part.fieldname] = part.value;
      assertSafeInput({ body: fields });
      const parsed = RatingFormFields.safeParse(fields);
      if (!parsed.success)
        throw new AppError(400, 'validation_failed', '请选择 1 至 5 分', [
          { path: 'score', message: '请选择 1 至 5 分' },
        ]);
      if (!TOKEN.test(req.params.token)) throw new AppError(404, 'not_found', '未找到该监督码对应的入企记录');
      await rateVisit(deps, req.ctx, req.params.token, parsed.data);
      return reply.redirect(`/public/visits/${req.params.token}?rated=1`, 303);
    },
  );
  app.get('/e/:token', { config: { public: true }, schema: html }, async (req, reply) => {
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const { token } = req.params;
    if (!TOKEN.test(token)) return reply.code(404).send(renderVisitNotFound(site));
    const uscc = req.query.uscc?.trim();
    if (!uscc) return reply.send(renderEntityVisitsPage(site, token, null));
    try {
      const data = await publicEntityVisits(deps.db, token, uscc);
      if (!data) return reply.code(404).send(renderVisitNotFound(site));
      return reply.send(renderEntityVisitsPage(site, token, data));
    } catch (err) {
      if (err instanceof AppError && err.code === 'uscc_mismatch')
        return reply.send(renderEntityVisitsPage(site, token, null, err.detail));
      throw err;
    }
  });
}
