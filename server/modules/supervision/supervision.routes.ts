import { IdParams } from '../../../common/contracts/kit.js';
import {
  PlanCreateBody,
  PlanItemParams,
  PlanListQuery,
  PlanPage,
  PlanView,
  ProgressBody,
} from '../../../common/contracts/supervision.contract.js';
import { type App, actorOf } from '../../platform/http.js';
import { type SupervisionDeps, createPlan, getPlan, listPlans, reportProgress } from './supervision.service.js';

export function supervisionRoutes(app: App, deps: SupervisionDeps) {
  app.get(
    '/api/v1/supervision/plans',
    {
      config: { ability: 'supervision_plan.list' },
      schema: {
        tags: ['supervision'],
        summary: '监督工作计划（本机关及其监督范围内的机关）',
        querystring: PlanListQuery,
        response: { 200: PlanPage },
      },
    },
    async (req) => listPlans(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/supervision/plans',
    {
      config: { audit: 'supervision_plan.create', ability: 'supervision_plan.create' },
      schema: {
        tags: ['supervision'],
        summary: '制定年度监督工作计划（县级以上司法行政部门的执法监督人员）',
        body: PlanCreateBody,
        response: { 201: PlanView },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/supervision/plans/:id',
    {
      config: { ability: 'supervision_plan.read' },
      schema: { tags: ['supervision'], summary: '监督工作计划详情', params: IdParams, response: { 200: PlanView } },
    },
    async (req) => getPlan(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/supervision/plans/:id/items/:itemId/progress',
    {
      config: { audit: 'supervision_plan.report_progress', ability: 'supervision_plan.report_progress' },
      schema: {
        tags: ['supervision'],
        summary: '登记计划事项进展',
        params: PlanItemParams,
        body: ProgressBody,
        response: { 200: PlanView },
      },
    },
    async (req) => reportProgress(deps, req.ctx, actorOf(req), req.params.id, req.params.itemId, req.body),
  );
}
