import { IdParams, PageQuery } from '../../../common/contracts/kit.js';
import {
  CampaignCreateBody,
  CampaignDrawBody,
  CampaignListQuery,
  CampaignPage,
  CampaignResultsView,
  CampaignView,
  PublicCampaignDrawView,
  ReviewerCandidates,
  RubricBody,
  RubricPage,
  RubricView,
  SheetListQuery,
  SheetPage,
  SheetSubmitBody,
  SheetView,
  ThirdReviewBody,
} from '../../../common/contracts/review.contract.js';
import { type App, actorOf } from '../../platform/http.js';
import {
  assignThird,
  campaignResults,
  campaignStep,
  createCampaign,
  getCampaign,
  listCampaigns,
  publicCampaignDraw,
  reviewerCandidates,
} from './campaigns.service.js';
import { type ReviewDeps, createRubric, getRubric, listRubrics, updateRubric } from './rubrics.service.js';
import { getSheet, listSheets, submitSheet } from './sheets.service.js';

const tags = ['review'];

export function reviewRoutes(app: App, deps: ReviewDeps) {
  app.get(
    '/api/v1/reviews/rubrics',
    {
      config: { ability: 'review_rubric.list' },
      schema: { tags, summary: '评查标准（各版本）', querystring: PageQuery, response: { 200: RubricPage } },
    },
    async (req) => listRubrics(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/reviews/rubrics',
    {
      config: { ability: 'review_rubric.create', audit: 'review_rubric.create' },
      schema: {
        tags,
        summary: '制定评查标准或其新版本（否决项、评分项目与扣分标准、等次）',
        body: RubricBody,
        response: { 201: RubricView },
      },
    },
    async (req, reply) => reply.code(201).send(await createRubric(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/reviews/rubrics/:id',
    {
      config: { ability: 'review_rubric.read' },
      schema: { tags, summary: '评查标准详情', params: IdParams, response: { 200: RubricView } },
    },
    async (req) => getRubric(deps, actorOf(req), req.params.id),
  );
  app.put(
    '/api/v1/reviews/rubrics/:id',
    {
      config: { ability: 'review_rubric.update', audit: 'review_rubric.update' },
      schema: {
        tags,
        summary: '修改尚未使用的评查标准（已使用的须制定新版本）',
        params: IdParams,
        body: RubricBody,
        response: { 200: RubricView },
      },
    },
    async (req) => updateRubric(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/reviews/campaigns',
    {
      config: { ability: 'review_campaign.list' },
      schema: { tags, summary: '案卷评查活动', querystring: CampaignListQuery, response: { 200: CampaignPage } },
    },
    async (req) => listCampaigns(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/reviews/campaigns',
    {
      config: { ability: 'review_campaign.create', audit: 'review.create' },
      schema: {
        tags,
        summary: '组织案卷评查（县级以上司法行政部门的执法监督人员）',
        body: CampaignCreateBody,
        response: { 201: CampaignView },
      },
    },
    async (req, reply) => reply.code(201).send(await createCampaign(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/reviews/reviewer-candidates',
    {
      config: { ability: 'review_campaign.create' },
      schema: { tags, summary: '可指定的评查人员（本机关监督范围内）', response: { 200: ReviewerCandidates } },
    },
    async (req) => reviewerCandidates(deps, actorOf(req)),
  );
  app.get(
    '/api/v1/reviews/campaigns/:id',
    {
      config: { ability: 'review_campaign.read' },
      schema: { tags, summary: '评查活动详情（抽取、案卷与分配）', params: IdParams, response: { 200: CampaignView } },
    },
    async (req) => getCampaign(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/reviews/campaigns/:id/commit',
    {
      config: { ability: 'review_campaign.commit', audit: 'review.commit' },
      schema: {
        tags,
        summary: '冻结已结案案卷名录，公布种子承诺',
        params: IdParams,
        response: { 200: CampaignView },
      },
    },
    async (req) => campaignStep(deps, req.ctx, actorOf(req), req.params.id, 'commit', {}),
  );
  app.post(
    '/api/v1/reviews/campaigns/:id/draw',
    {
      config: { ability: 'review_campaign.draw', audit: 'review.draw' },
      schema: {
        tags,
        summary: '输入公开种子并抽取案卷（揭示服务器种子，每宗分配 2 名评查人员）',
        params: IdParams,
        body: CampaignDrawBody,
        response: { 200: CampaignView },
      },
    },
    async (req) =>
      campaignStep(deps, req.ctx, actorOf(req), req.params.id, 'draw', { publicSeed: req.body.publicSeed }),
  );
  app.post(
    '/api/v1/reviews/campaigns/:id/third-reviews',
    {
      config: { ability: 'review_campaign.assign_third', audit: 'review_campaign.assign_third' },
      schema: {
        tags,
        summary: '为评分相差超过 10 分的案卷指定第三名评查人员',
        params: IdParams,
        body: ThirdReviewBody,
        response: { 200: CampaignView },
      },
    },
    async (req) => assignThird(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/reviews/campaigns/:id/close',
    {
      config: { ability: 'review_campaign.close', audit: 'review.close' },
      schema: { tags, summary: '办结评查活动（全部案卷已评定）', params: IdParams, response: { 200: CampaignView } },
    },
    async (req) => campaignStep(deps, req.ctx, actorOf(req), req.params.id, 'close', {}),
  );
  app.get(
    '/api/v1/reviews/campaigns/:id/results',
    {
      config: { ability: 'review_campaign.results' },
      schema: {
        tags,
        summary: '评查结果（按被评查单位：平均分、等次、否决）',
        params: IdParams,
        response: { 200: CampaignResultsView },
      },
    },
    async (req) => campaignResults(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/reviews/sheets',
    {
      config: { ability: 'review_sheet.list' },
      schema: {
        tags,
        summary: '评查表（本人的，及监督范围内的）',
        querystring: SheetListQuery,
        response: { 200: SheetPage },
      },
    },
    async (req) => listSheets(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/reviews/sheets/:id',
    {
      config: { ability: 'review_sheet.read' },
      schema: { tags, summary: '评查表（含平台预填）', params: IdParams, response: { 200: SheetView } },
    },
    async (req) => getSheet(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/reviews/sheets/:id/submit',
    {
      config: { ability: 'review_sheet.submit', audit: 'review_sheet.submit' },
      schema: {
        tags,
        summary: '提交评查表（确认或修改预填、否决项、扣分）',
        params: IdParams,
        body: SheetSubmitBody,
        response: { 200: SheetView },
      },
    },
    async (req) => submitSheet(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/public/review-campaigns/:id/draw',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '案卷评查的公开抽取记录（可据此重新计算）',
        params: IdParams,
        response: { 200: PublicCampaignDrawView },
      },
    },
    async (req) => publicCampaignDraw(deps.db, req.params.id),
  );
}
