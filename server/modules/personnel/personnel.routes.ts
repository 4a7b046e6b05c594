import QRCode from 'qrcode';
import { z } from 'zod';
import { IdParams } from '../../../common/contracts/kit.js';
import {
  AssessmentCreateBody,
  AssessmentRecordedView,
  CertificateChangeBody,
  CertificateIssueBody,
  CertificateListQuery,
  CertificatePage,
  CertificateView,
  EligibilityQuery,
  EligibilityView,
  ExitDecisionBody,
  ExitDecisionRecordedView,
  ExitFlagPage,
  ExitFlagQuery,
  ImportResultView,
  OfficerCreateBody,
  OfficerDetailView,
  OfficerListQuery,
  OfficerPage,
  OfficerPatchBody,
  OfficerRecordView,
  PublicCertificateParams,
  PublicCertificateView,
  RevealBody,
  RevealView,
  RotationPage,
  RotationQuery,
  TrainingByOrgPage,
  TrainingByOrgQuery,
  TrainingCreateBody,
  TrainingImportQuery,
  TrainingOfOfficerQuery,
  TrainingRecordPage,
  TrainingRecordView,
  TrainingReportPage,
  TrainingReportQuery,
} from '../../../common/contracts/personnel.contract.js';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import {
  assessmentsOf,
  checkEligibility,
  decideExit,
  exitDecisionsOf,
  exitFlagList,
  recordAssessment,
} from './assessments.service.js';
import {
  certificateToken,
  certificatesOfOfficer,
  changeCertificate,
  issueCertificate,
  listCertificates,
  publicCertificate,
} from './certificates.service.js';
import {
  type PersonnelDeps,
  createOfficer,
  getOfficer,
  listOfficers,
  revealOfficerField,
  updateOfficer,
} from './officers.service.js';
import { shanghaiDate } from '../../platform/clock.js';
import { renderCertificateNotFound, renderCertificatePage } from './public-certificate.page.js';
import { rotationReport, trainingByOrg, trainingReport, trainingReportCsv } from './training-reports.js';
import { addTrainingRecord, importTraining, listTrainingOfOfficer } from './training.service.js';

export type PersonnelRouteDeps = PersonnelDeps & { config: Config };

export function personnelRoutes(app: App, deps: PersonnelRouteDeps) {
  const certDeps = { ...deps, publicBaseUrl: deps.config.publicBaseUrl };
  const today = () => shanghaiDate(deps.clock.now());

  // ── Officers ──
  app.get(
    '/api/v1/officers',
    {
      config: { ability: 'officer.list' },
      schema: {
        tags: ['personnel'],
        summary: '执法人员列表（身份证号、电话已脱敏）',
        querystring: OfficerListQuery,
        response: { 200: OfficerPage },
      },
    },
    async (req) => listOfficers(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/officers',
    {
      config: { audit: 'officer.create', ability: 'officer.create' },
      schema: {
        tags: ['personnel'],
        summary: '登记执法人员',
        body: OfficerCreateBody,
        response: { 201: OfficerRecordView },
      },
    },
    async (req, reply) => reply.code(201).send(await createOfficer(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/officers/:id',
    {
      config: { ability: 'officer.read' },
      schema: {
        tags: ['personnel'],
        summary: '执法人员详情（含证件、考核、当年培训）',
        params: IdParams,
        response: { 200: OfficerDetailView },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const officer = await getOfficer(deps, actor, req.params.id);
      const year = Number(today().slice(0, 4));
      const [certificates, assessments, training, exitDecisions] = await Promise.all([
        certificatesOfOfficer(deps.db, officer.id, today(), deps.config.publicBaseUrl, actor),
        assessmentsOf(deps.db, officer.id),
        listTrainingOfOfficer(deps.db, officer.id),
        exitDecisionsOf(deps.db, officer.id),
      ]);
      const hoursThisYear = training.filter((t) => t.date.startsWith(String(year))).reduce((s, t) => s + t.hours, 0);
      return {
        ...officer,
        certificates,
        assessments,
        training,
        exitDecisions,
        hoursThisYear: Math.round(hoursThisYear * 100) / 100,
      };
    },
  );
  app.patch(
    '/api/v1/officers/:id',
    {
      config: { audit: 'officer.update', ability: 'officer.update' },
      schema: {
        tags: ['personnel'],
        summary: '修改执法人员',
        params: IdParams,
        body: OfficerPatchBody,
        response: { 200: OfficerRecordView },
      },
    },
    async (req) => updateOfficer(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/v1/officers/:id/reveal',
    {
      config: { audit: 'officer.reveal', ability: 'officer.reveal' },
      schema: {
        tags: ['personnel'],
        summary: '查看完整身份证号或电话（仅单位管理员，留痕）',
        params: IdParams,
        body: RevealBody,
        response: { 200: RevealView },
      },
    },
    async (req) => revealOfficerField(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );
  app.get(
    '/api/v1/officers/:id/eligibility',
    {
      config: { ability: 'officer.read' },
      schema: {
        tags: ['personnel'],
        summary: '执法资格判定：该人员此时能否在此领域、此区域执法',
        params: IdParams,
        querystring: EligibilityQuery,
        response: { 200: EligibilityView },
      },
    },
    async (req) => {
      await getOfficer(deps, actorOf(req), req.params.id); // scope
      return checkEligibility(deps.db, deps.config.training, req.params.id, {
        ...req.query,
        at: req.query.at ?? deps.clock.now(),
      });
    },
  );

  // ── Certificates ──
  app.get(
    '/api/v1/certificates',
    {
      config: { ability: 'certificate.list' },
      schema: {
        tags: ['personnel'],
        summary: '证件列表',
        querystring: CertificateListQuery,
        response: { 200: CertificatePage },
      },
    },
    async (req) => listCertificates(deps.db, actorOf(req), req.query, deps.clock.now()),
  );
  app.post(
    '/api/v1/officers/:id/certificates',
    {
      config: { audit: 'certificate.issue', ability: 'officer.issue_certificate' },
      schema: {
        tags: ['personnel'],
        summary: '登记证件（司法行政部门单位管理员）',
        params: IdParams,
        body: CertificateIssueBody,
        response: { 201: CertificateView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await issueCertificate(certDeps, req.ctx, actorOf(req), req.params.id, req.body)),
  );
  for (const action of ['suspend', 'reinstate', 'revoke'] as const) {
    const label = { suspend: '暂扣', reinstate: '恢复', revoke: '吊销/注销' }[action];
    app.post(
      `/api/v1/certificates/:id/${action}`,
      {
        config: { audit: `certificate.${action}`, ability: `certificate.${action}` },
        schema: {
          tags: ['personnel'],
          summary: `${label}证件（须说明原因）`,
          params: IdParams,
          body: CertificateChangeBody,
          response: { 200: CertificateView },
        },
      },
      async (req) => changeCertificate(certDeps, req.ctx, actorOf(req), req.params.id, action, req.body.reason),
    );
  }
  app.get(
    '/api/v1/certificates/:id/qr.svg',
    {
      config: { ability: 'certificate.read' },
      schema: {
        tags: ['personnel'],
        summary: '证件查验二维码（SVG）',
        params: IdParams,
        response: {
          200: { description: 'SVG', content: { 'image/svg+xml': { schema: z.string().describe('SVG 二维码') } } },
        },
      },
    },
    async (req, reply) => {
      const token = await certificateToken(deps.db, actorOf(req), req.params.id);
      const svg = await QRCode.toString(`${deps.config.publicBaseUrl}/public/certificates/${token}`, {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return reply.type('image/svg+xml').send(svg);
    },
  );
  app.get(
    '/api/v1/public/certificates/:token',
    {
      config: { public: true },
      schema: {
        tags: ['public'],
        summary: '证件查验（公开）',
        params: PublicCertificateParams,
        response: { 200: PublicCertificateView },
      },
    },
    async (req) => {
      const cert = await publicCertificate(deps.db, req.params.token, deps.clock.now());
      if (!cert) throw new AppError(404, 'not_found', '未找到该证件');
      return cert;
    },
  );
  app.get(
    '/public/certificates/:token',
    { config: { public: true }, schema: { hide: true, params: PublicCertificateParams } },
    async (req, reply) => {
      const cert = await publicCertificate(deps.db, req.params.token, deps.clock.now());
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
      return cert
        ? reply.send(renderCertificatePage(deps.config.publicSite, cert))
        : reply.code(404).send(renderCertificateNotFound(deps.config.publicSite));
    },
  );

  // ── Training ──
  app.post(
    '/api/v1/training-records',
    {
      config: { audit: 'training.create', ability: 'training.create' },
      schema: {
        tags: ['personnel'],
        summary: '登记一条培训记录（45 分钟折合 1 学时）',
        body: TrainingCreateBody,
        response: { 201: TrainingRecordView },
      },
    },
    async (req, reply) => reply.code(201).send(await addTrainingRecord(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/officers/:id/training-records',
    {
      config: { ability: 'officer.read' },
      schema: {
        tags: ['personnel'],
        summary: '某人员的培训记录',
        params: IdParams,
        querystring: TrainingOfOfficerQuery,
        response: { 200: TrainingRecordPage },
      },
    },
    async (req) => {
      await getOfficer(deps, actorOf(req), req.params.id);
      const data = await listTrainingOfOfficer(deps.db, req.params.id, req.query.year);
      return { data, total: data.length };
    },
  );
  app.post(
    '/api/v1/training-records/import',
    {
      bodyLimit: 20 * 1024 * 1024,
      config: { audit: 'training.import', ability: 'training.import' },
      schema: {
        tags: ['personnel'],
        summary: '导入培训记录（text/csv，UTF-8，含表头）',
        querystring: TrainingImportQuery,
        response: { 200: ImportResultView },
      },
    },
    async (req) => {
      if (typeof req.body !== 'string')
        throw new AppError(415, 'unsupported_media_type', '请以 text/csv 上传 CSV 文件');
      return importTraining(deps, req.ctx, actorOf(req), req.body, req.query.firstRow);
    },
  );

  // ── Reports ──
  app.get(
    '/api/v1/reports/training',
    {
      config: { ability: 'report.training' },
      schema: {
        tags: ['personnel'],
        summary: '年度培训学时统计（不足 60 学时的差额）；format=csv 导出',
        querystring: TrainingReportQuery,
        response: {
          200: {
            description: '培训学时统计（JSON），或 format=csv 时的 CSV 文件',
            content: {
              'application/json': { schema: TrainingReportPage },
              'text/csv': { schema: z.string().describe('CSV 文件（UTF-8，含 BOM）') },
            },
          },
        },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      if (req.query.format === 'csv') {
        const report = await trainingReport(deps.db, actor, { ...req.query, all: true });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="training-${req.query.year}.csv"`)
          .send(trainingReportCsv(report.data));
      }
      const { data, total, complianceRate } = await trainingReport(deps.db, actor, req.query);
      return { data, total, complianceRate };
    },
  );
  app.get(
    '/api/v1/reports/training/by-org',
    {
      config: { ability: 'report.training' },
      schema: {
        tags: ['personnel'],
        summary: '年度培训达标情况（按单位汇总）',
        querystring: TrainingByOrgQuery,
        response: { 200: TrainingByOrgPage },
      },
    },
    async (req) => trainingByOrg(deps.db, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/reports/rotation',
    {
      config: { ability: 'report.rotation' },
      schema: {
        tags: ['personnel'],
        summary: '全员轮训：截止日期前没有任何培训记录的人员',
        querystring: RotationQuery,
        response: { 200: RotationPage },
      },
    },
    async (req) =>
      rotationReport(deps.db, actorOf(req), {
        ...req.query,
        from: req.query.from ?? deps.config.training.rotationFrom,
        deadline: req.query.deadline ?? deps.config.training.rotationDeadline,
      }),
  );

  // ── Assessment and exit ──
  app.post(
    '/api/v1/officers/:id/assessments',
    {
      config: { audit: 'assessment.record', ability: 'officer.assess' },
      schema: {
        tags: ['personnel'],
        summary: '登记年度考核',
        params: IdParams,
        body: AssessmentCreateBody,
        response: { 201: AssessmentRecordedView },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await recordAssessment(deps, req.ctx, actorOf(req), req.params.id, req.body)),
  );
  app.get(
    '/api/v1/reports/exit-flags',
    {
      config: { ability: 'report.exit_flags' },
      schema: {
        tags: ['personnel'],
        summary: '退出机制提示：考核不称职或连续两年培训不足',
        querystring: ExitFlagQuery,
        response: { 200: ExitFlagPage },
      },
    },
    async (req) => exitFlagList(deps.db, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/officers/:id/exit-decisions',
    {
      config: { audit: 'officer.exit', ability: 'officer.exit' },
      schema: {
        tags: ['personnel'],
        summary: '退出决定：暂扣或吊销其证件（司法行政部门单位管理员）',
        params: IdParams,
        body: ExitDecisionBody,
        response: { 201: ExitDecisionRecordedView },
      },
    },
    async (req, reply) => reply.code(201).send(await decideExit(deps, req.ctx, actorOf(req), req.params.id, req.body)),
  );
}
