import QRCode from 'qrcode';
import { z } from 'zod';
import {
  ASSESSMENT_GRADES,
  CERTIFICATE_KINDS,
  CERTIFICATE_STATUSES,
  SECTORS,
  TRAINING_CATEGORIES,
  TRAINING_MODES,
} from '../../../common/enums.js';
import type { Config } from '../../config.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { CivilDate, QueryInstant } from '../../platform/input.js';
import { PageQuery } from '../../platform/pagination.js';
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

const Id = z.object({ id: z.uuid('id 必须是 UUID') });
const RegionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字');
const IsoDate = CivilDate();
const Year = z.coerce.number().int().min(2000).max(2100);
const Reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500);

const OfficerBody = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(32),
  orgId: z.uuid(),
  position: z.string().trim().max(50).nullish(),
  phone: z.string().trim().max(32).nullish(),
  legalQualification: z.boolean().optional(),
  legalReviewer: z.boolean().optional(),
  userId: z.uuid().nullish(),
});

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
        querystring: PageQuery.extend({
          q: z.string().max(64).optional().describe('姓名，或完整的身份证号'),
          orgId: z.uuid().optional(),
          regionCode: RegionCode.optional(),
          legalReviewer: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
        }),
      },
    },
    async (req) => listOfficers(deps, actorOf(req), req.query),
  );
  app.post(
    '/api/v1/officers',
    {
      config: { audit: 'officer.create', ability: 'officer.create' },
      schema: { tags: ['personnel'], summary: '登记执法人员', body: OfficerBody },
    },
    async (req, reply) => reply.code(201).send(await createOfficer(deps, req.ctx, actorOf(req), req.body)),
  );
  app.get(
    '/api/v1/officers/:id',
    {
      config: { ability: 'officer.read' },
      schema: { tags: ['personnel'], summary: '执法人员详情（含证件、考核、当年培训）', params: Id },
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
      schema: { tags: ['personnel'], summary: '修改执法人员', params: Id, body: OfficerBody.partial() },
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
        params: Id,
        body: z.object({ field: z.enum(['idNumber', 'phone']), reason: Reason }),
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
        params: Id,
        querystring: z.object({ sector: z.enum(SECTORS), regionCode: RegionCode, at: QueryInstant.optional() }),
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
        querystring: PageQuery.extend({
          status: z.enum([...CERTIFICATE_STATUSES, 'expired']).optional(),
          q: z.string().max(64).optional(),
          orgId: z.uuid().optional(),
        }),
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
        params: Id,
        body: z.object({
          number: z.string().trim().min(4).max(40),
          kind: z.enum(CERTIFICATE_KINDS),
          issuerOrgId: z.uuid(),
          sectors: z.array(z.enum(SECTORS)).min(1),
          regionCodes: z.array(RegionCode).min(1),
          validFrom: IsoDate,
          validTo: IsoDate,
        }),
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
          params: Id,
          body: z.object({ reason: Reason }),
        },
      },
      async (req) => changeCertificate(certDeps, req.ctx, actorOf(req), req.params.id, action, req.body.reason),
    );
  }
  app.get(
    '/api/v1/certificates/:id/qr.svg',
    {
      config: { ability: 'certificate.read' },
      schema: { tags: ['personnel'], summary: '证件查验二维码（SVG）', params: Id },
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
      schema: { tags: ['public'], summary: '证件查验（公开）', params: z.object({ token: z.string().max(128) }) },
    },
    async (req) => {
      const cert = await publicCertificate(deps.db, req.params.token, deps.clock.now());
      if (!cert) throw new AppError(404, 'not_found', '未找到该证件');
      return cert;
    },
  );
  app.get(
    '/public/certificates/:token',
    { config: { public: true }, schema: { hide: true, params: z.object({ token: z.string().max(128) }) } },
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
        body: z.object({
          officerId: z.uuid(),
          course: z.string().trim().min(1).max(200),
          category: z.enum(TRAINING_CATEGORIES),
          mode: z.enum(TRAINING_MODES),
          provider: z.string().trim().min(1).max(100),
          date: IsoDate,
          hours: z.number().positive().max(100).optional(),
          minutes: z.number().int().positive().max(6000).optional(),
        }),
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
        params: Id,
        querystring: z.object({ year: Year.optional() }),
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
        querystring: z.object({
          firstRow: z.coerce.number().int().min(2).default(2).describe('首个数据行在原文件中的行号（分片上传时使用）'),
        }),
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
        querystring: PageQuery.extend({
          year: Year,
          orgId: z.uuid().optional(),
          regionCode: RegionCode.optional(),
          format: z.enum(['json', 'csv']).default('json'),
        }),
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
        querystring: z.object({ year: Year, regionCode: RegionCode.optional() }),
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
        querystring: PageQuery.extend({
          from: IsoDate.optional(),
          deadline: IsoDate.optional(),
          orgId: z.uuid().optional(),
        }),
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
        params: Id,
        body: z.object({ year: Year, grade: z.enum(ASSESSMENT_GRADES), comments: z.string().max(500).optional() }),
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
        querystring: PageQuery.extend({ year: Year }),
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
        params: Id,
        body: z.object({
          action: z.enum(['suspend', 'revoke']),
          basis: z.enum(['assessment_incompetent', 'training_shortfall_two_years', 'other']),
          reason: Reason,
        }),
      },
    },
    async (req, reply) => reply.code(201).send(await decideExit(deps, req.ctx, actorOf(req), req.params.id, req.body)),
  );
}
