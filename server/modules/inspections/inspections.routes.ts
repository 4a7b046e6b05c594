import {
  ConflictBody,
  ConflictList,
  ConflictView,
  DrawBody,
  FollowUpListQuery,
  FollowUpPage,
  InspectionPlanCreateBody,
  InspectionPlanListQuery,
  InspectionPlanPage,
  InspectionPlanView,
  InspectionResultBody,
  InspectionTaskCreateBody,
  InspectionTaskListQuery,
  InspectionTaskPage,
  InspectionTaskView,
  LateResultPage,
  LateResultsQuery,
  PublicTaskDrawView,
  TargetParams,
} from '../../../common/contracts/inspections.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import { type App, actorOf } from '../../platform/http.js';
import { publicTaskDraw } from './draw.service.js';
import { createPlan, getPlan, listPlans, publishPlan } from './plans.service.js';
import {
  type ResultDeps,
  type ScanCheck,
  declareConflict,
  lateResults,
  listConflicts,
  listFollowUps,
  publishResults,
  recordResult,
} from './results.service.js';
import { createTask, getTask, listTasks, taskStep } from './tasks.service.js';

const tags = ['inspections'];

export function inspectionRoutes(app: App, deps: ResultDeps, scanned: ScanCheck | null) {
  app.get(
    '/api/v1/inspection-plans',
    {
      config: { ability: 'inspection_plan.list' },
      schema: {
        tags,
        summary: '抽查计划',
        querystring: InspectionPlanListQuery,
        response: { 200: InspectionPlanPage },
      },
    },
    async (req) => listPlans(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/inspection-plans',
    {
      config: { ability: 'inspection_plan.create', audit: 'inspection_plan.create' },
      schema: {
        tags,
        summary: '制定抽查计划（可联合多个部门）',
        body: InspectionPlanCreateBody,
        response: { 201: InspectionPlanView },
      },
    },
    async (req, reply) => reply.code(201).send(await createPlan(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/inspection-plans/:id',
    {
      config: { ability: 'inspection_plan.read' },
      schema: { tags, summary: '抽查计划详情', params: IdParams, response: { 200: InspectionPlanView } },
    },
    async (req) => getPlan(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/inspection-plans/:id/publish',
    {
      config: { ability: 'inspection_plan.publish', audit: 'inspection_plan.publish' },
      schema: { tags, summary: '公布抽查计划', params: IdParams, response: { 200: InspectionPlanView } },
    },
    async (req) => publishPlan(deps, req.ctx, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/inspection-tasks',
    {
      config: { ability: 'inspection_task.list' },
      schema: {
        tags,
        summary: '抽查任务',
        querystring: InspectionTaskListQuery,
        response: { 200: InspectionTaskPage },
      },
    },
    async (req) => listTasks(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/inspection-tasks/late-results',
    {
      config: { ability: 'inspection_task.late_results' },
      schema: {
        tags,
        summary: '逾期未公示的抽查结果（检查后 20 个工作日）',
        querystring: LateResultsQuery,
        response: { 200: LateResultPage },
      },
    },
    async (req) => lateResults(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/inspection-follow-ups',
    {
      config: { ability: 'inspection_task.list' },
      schema: { tags, summary: '整改复查', querystring: FollowUpListQuery, response: { 200: FollowUpPage } },
    },
    async (req) => listFollowUps(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/inspection-tasks',
    {
      config: { ability: 'inspection_task.create', audit: 'inspection.create' },
      schema: {
        tags,
        summary: '在已公布的计划下创建抽查任务',
        body: InspectionTaskCreateBody,
        response: { 201: InspectionTaskView },
      },
    },
    async (req, reply) => reply.code(201).send(await createTask(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/inspection-tasks/:id',
    {
      config: { ability: 'inspection_task.read' },
      schema: {
        tags,
        summary: '抽查任务详情（承诺、抽取结果、检查对象与结果）',
        params: IdParams,
        response: { 200: InspectionTaskView },
      },
    },
    async (req) => getTask(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/inspection-tasks/:id/commit',
    {
      config: { ability: 'inspection_task.commit', audit: 'inspection.commit' },
      schema: {
        tags,
        summary: '冻结检查对象名录与检查人员库，公布种子承诺',
        params: IdParams,
        response: { 200: InspectionTaskView },
      },
    },
    async (req) => taskStep(deps, req.ctx, actorOf(req), req.params.id, 'commit', {}),
  );
  app.post(
    '/api/v1/inspection-tasks/:id/draw',
    {
      config: { ability: 'inspection_task.draw', audit: 'inspection.draw' },
      schema: {
        tags,
        summary: '输入公开种子并抽取（揭示服务器种子）',
        params: IdParams,
        body: DrawBody,
        response: { 200: InspectionTaskView },
      },
    },
    async (req) => taskStep(deps, req.ctx, actorOf(req), req.params.id, 'draw', { publicSeed: req.body.publicSeed }),
  );
  app.post(
    '/api/v1/inspection-tasks/:id/targets/:entityId/result',
    {
      config: { ability: 'inspection_task.record_result', audit: 'inspection.record_result' },
      schema: {
        tags,
        summary: '录入检查结果（或整改复查结果）',
        params: TargetParams,
        body: InspectionResultBody,
        response: { 200: InspectionTaskView },
      },
    },
    async (req) => recordResult(deps, req.ctx, actorOf(req), req.params.id, req.params.entityId, req.body, scanned),
  );
  app.post(
    '/api/v1/inspection-tasks/:id/publish-results',
    {
      config: { ability: 'inspection_task.publish_results', audit: 'inspection.publish_results' },
      schema: { tags, summary: '公示已录入的检查结果', params: IdParams, response: { 200: InspectionTaskView } },
    },
    async (req) => publishResults(deps, req.ctx, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/inspection-tasks/:id/close',
    {
      config: { ability: 'inspection_task.close', audit: 'inspection.close' },
      schema: {
        tags,
        summary: '办结抽查任务（全部结果已公示）',
        params: IdParams,
        response: { 200: InspectionTaskView },
      },
    },
    async (req) => taskStep(deps, req.ctx, actorOf(req), req.params.id, 'close', {}),
  );
  app.get(
    '/api/v1/officers/:id/conflicts',
    {
      config: { ability: 'officer_conflict.read' },
      schema: { tags, summary: '执法人员申报的利害关系（回避）', params: IdParams, response: { 200: ConflictList } },
    },
    async (req) => listConflicts(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/officers/:id/conflicts',
    {
      config: { ability: 'officer_conflict.declare', audit: 'officer_conflict.declare' },
      schema: {
        tags,
        summary: '申报与检查对象的利害关系（抽取时回避）',
        params: IdParams,
        body: ConflictBody,
        response: { 201: ConflictView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await declareConflict(deps, req.ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/public/inspection-tasks/:id/draw',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '抽查任务的公开抽取记录（可据此重新计算）',
        params: IdParams,
        response: { 200: PublicTaskDrawView },
      },
    },
    async (req) => publicTaskDraw(deps.db, req.params.id),
  );
}
