import {
  ComplaintActionParams,
  ComplaintListQuery,
  ComplaintPage,
  ComplaintStatsQuery,
  ComplaintStatsView,
  ComplaintStepBody,
  ComplaintView,
  HotlineTicketAnswer,
  OverdueQuery,
  ReferralBody,
  RevealedReporter,
} from '../../../common/contracts/complaints.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import { type App, actorOf } from '../../platform/http.js';
import {
  type ComplaintDeps,
  complaintStats,
  complaintStep,
  getComplaint,
  listComplaints,
  overdueComplaints,
  referComplaint,
  revealReporter,
} from './complaints.service.js';

const tags = ['complaints'];

export function complaintRoutes(app: App, deps: ComplaintDeps) {
  app.get(
    '/api/v1/complaints',
    {
      config: { ability: 'complaint.list' },
      schema: {
        tags,
        summary: '投诉举报（承办单位的收件箱，含剩余工作日）',
        querystring: ComplaintListQuery,
        response: { 200: ComplaintPage },
      },
    },
    async (req) => listComplaints(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/complaints',
    {
      config: { ability: 'complaint.refer', audit: 'complaint.receive' },
      schema: {
        tags,
        summary: '登记转办移送的投诉举报（按事项和地区分派承办单位）',
        body: ReferralBody,
        response: { 201: HotlineTicketAnswer.omit({ created: true }) },
      },
    },
    async (req, reply) => reply.code(201).send(await referComplaint(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/complaints/overdue',
    {
      config: { ability: 'complaint.overdue' },
      schema: {
        tags,
        summary: '逾期未办结的投诉举报（督办）',
        querystring: OverdueQuery,
        response: { 200: ComplaintPage },
      },
    },
    async (req) => overdueComplaints(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/complaints/stats',
    {
      config: { ability: 'complaint.stats' },
      schema: {
        tags,
        summary: '各承办单位投诉举报办理统计（受理、按时、逾期、满意度）',
        querystring: ComplaintStatsQuery,
        response: { 200: ComplaintStatsView },
      },
    },
    async (req) => complaintStats(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/complaints/:id',
    {
      config: { ability: 'complaint.read' },
      schema: { tags, summary: '投诉举报详情（办理过程）', params: IdParams, response: { 200: ComplaintView } },
    },
    async (req) => getComplaint(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/complaints/:id/reveal-reporter',
    {
      config: { ability: 'complaint.reveal_reporter', audit: 'complaint.reveal_reporter' },
      schema: {
        tags,
        summary: '查看投诉人真实姓名和电话（部门负责人，留审计记录）',
        params: IdParams,
        response: { 200: RevealedReporter },
      },
    },
    async (req) => revealReporter(deps, req.ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/complaints/:id/:action',
    {
      config: { ability: 'complaint.:action', audit: 'complaint.step' },
      schema: {
        tags,
        summary: '办理步骤：受理、不予受理、指派、转办、接收/退回转办、答复、办结、重新办理、并单、立案',
        params: ComplaintActionParams,
        body: ComplaintStepBody,
        response: { 200: ComplaintView },
      },
    },
    async (req) =>
      complaintStep(
        deps,
        req.ctx,
        actorOf(req),
        req.params.id,
        req.params.action,
        (req.body ?? {}) as Record<string, unknown>,
      ),
  );
}
