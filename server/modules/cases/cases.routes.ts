import { CASE_ACTIONS } from '../../../common/case-flow.js';
import {
  CASE_ACTION_BODIES,
  CASE_HAPPENED_FIELDS,
  CaseAddEvidenceFields,
  CaseCreateBody,
  CaseDetailView,
  CaseDocumentParams,
  CaseDocumentPdf,
  CaseDocumentQuery,
  CaseEventPage,
  CaseEvidenceFile,
  CaseEvidenceParams,
  CaseListQuery,
  CaseRowPage,
  OfficerCandidatesView,
} from '../../../common/contracts/cases.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import { AppError } from '../../platform/errors.js';
import { assertHappened } from '../../platform/input.js';
import { assertSafeInput } from '../../platform/safe-input.js';
import { type App, actorOf } from '../../platform/http.js';
import { officerCandidates } from './case-candidates.js';
import { caseDocument, evidenceFile } from './case-files.js';
import {
  type CaseDeps,
  type EvidenceFile,
  caseRecord,
  createCase,
  getCase,
  listCases,
  performAction,
} from './cases.service.js';

export function caseRoutes(app: App, deps: CaseDeps) {
  app.post(
    '/api/v1/cases',
    {
      config: { audit: 'case.register', ability: 'case.create' },
      schema: {
        tags: ['cases'],
        summary: '案源登记',
        body: CaseCreateBody,
        response: { 201: CaseDetailView },
      },
    },
    async (req, reply) => {
      assertHappened(deps.clock, req.body, ['occurredAt']);
      return reply.code(201).send(await createCase(deps, req.ctx, actorOf(req), req.body));
    },
  );
  app.get(
    '/api/v1/cases',
    {
      config: { ability: 'case.list' },
      schema: {
        tags: ['cases'],
        summary: '案件列表',
        querystring: CaseListQuery,
        response: { 200: CaseRowPage },
      },
    },
    async (req) => listCases(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/cases/:id',
    {
      config: { ability: 'case.read' },
      schema: {
        tags: ['cases'],
        summary: '案件详情（含当前账号可执行的操作）',
        params: IdParams,
        response: { 200: CaseDetailView },
      },
    },
    async (req) => getCase(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/cases/:id/officer-candidates',
    {
      config: { ability: 'case.officer_candidates' },
      schema: {
        tags: ['cases'],
        summary: '可指派的承办人员：本单位执法人员及其今日是否具备承办本案的资格（不具备的附原因）',
        params: IdParams,
        response: { 200: OfficerCandidatesView },
      },
    },
    async (req) => officerCandidates(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/cases/:id/record',
    {
      config: { ability: 'case.record' },
      schema: { tags: ['cases'], summary: '全过程记录', params: IdParams, response: { 200: CaseEventPage } },
    },
    async (req) => caseRecord(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/cases/:id/evidence/:sha256',
    {
      config: { ability: 'case.evidence' },
      schema: {
        tags: ['cases'],
        summary: '下载证据（校验哈希）',
        params: CaseEvidenceParams,
        response: { 200: CaseEvidenceFile },
      },
    },
    async (req, reply) => {
      const f = await evidenceFile(deps, actorOf(req), req.params.id, req.params.sha256);
      return reply
        .type(f.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(f.name)}`)
        .send(f.content);
    },
  );
  app.get(
    '/api/v1/cases/:id/documents/:kind',
    {
      config: { ability: 'case.documents' },
      schema: {
        tags: ['cases'],
        summary:
          '案件文书 PDF：filing_approval 立案审批表、prior_notice 事先告知书、decision 行政处罚决定书、delivery_receipt 送达回证',
        params: CaseDocumentParams,
        querystring: CaseDocumentQuery,
        response: { 200: CaseDocumentPdf },
      },
    },
    async (req, reply) => {
      const { filename, pdf } = await caseDocument(deps, actorOf(req), req.params.id, req.params.kind);
      const disposition = req.query.download === '1' ? 'attachment' : 'inline';
      return reply
        .type('application/pdf')
        .header('content-disposition', `${disposition}; filename*=UTF-8''${encodeURIComponent(filename)}`)
        .send(pdf);
    },
  );
  app.post(
    '/api/v1/cases/:id/actions/add_evidence',
    {
      config: { audit: 'case.add_evidence', ability: 'case.add_evidence' },
      bodyLimit: 25 * 1024 * 1024,
      schema: {
        tags: ['cases'],
        summary: '调查取证：上传证据（multipart/form-data，字段 files 与 description）',
        params: IdParams,
        response: { 200: CaseDetailView },
      },
    },
    async (req) => {
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 上传证据文件');
      const files: EvidenceFile[] = [];
      const fields: Record<string, unknown> = {};
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file')
            files.push({ name: part.filename, mime: part.mimetype, content: await part.toBuffer() });
          else fields[part.fieldname] = part.value;
        }
      } catch (err) {
        // the multipart plugin's own errors (limits) say what went wrong; the parser's (a broken form) do not
        if ((err as { code?: string }).code?.startsWith('FST_')) throw err;
        throw new AppError(400, 'invalid_multipart', '上传的 multipart/form-data 格式有误，无法解析');
      }
      assertSafeInput({ body: { ...fields, files: files.map((f) => ({ name: f.name, mime: f.mime })) } });
      const parsed = CaseAddEvidenceFields.safeParse(fields);
      if (!parsed.success)
        throw new AppError(400, 'validation_failed', '请求体有误：description：证据说明应为文本', [
          { path: 'description', message: '证据说明应为文本' },
        ]);
      return performAction(deps, req.ctx, actorOf(req), req.params.id, 'add_evidence', parsed.data, files);
    },
  );
  for (const action of CASE_ACTIONS) {
    if (action === 'add_evidence') continue;
    app.post(
      `/api/v1/cases/:id/actions/${action}`,
      {
        config: { audit: `case.${action}`, ability: `case.${action}` },
        schema: {
          tags: ['cases'],
          summary: `案件操作：${action}`,
          params: IdParams,
          body: CASE_ACTION_BODIES[action],
          response: { 200: CaseDetailView },
        },
      },
      async (req) => {
        assertHappened(deps.clock, req.body, CASE_HAPPENED_FIELDS);
        return performAction(deps, req.ctx, actorOf(req), req.params.id, action, req.body);
      },
    );
  }
}
