import { z } from 'zod';
import { CASE_ACTIONS, CASE_STATES, type CaseAction } from '../../../common/case-flow.js';
import { CIRCUMSTANCES, PENALTY_KINDS } from '../../../common/enums.js';
import { AppError } from '../../platform/errors.js';
import { EventTime, EventTimeString, assertHappened } from '../../platform/input.js';
import { assertSafeInput } from '../../platform/safe-input.js';
import { type App, actorOf } from '../../platform/http.js';
import { PageQuery } from '../../platform/pagination.js';
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
import { DOCUMENT_KINDS } from './documents.js';

const Id = z.object({ id: z.uuid('id 必须是 UUID') });
const Fen = z.number().int().min(0).max(1e13);
const Reason = z.object({ reason: z.string().trim().min(2).max(2000) });
const Penalty = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  amountFen: Fen,
  illegalIncomeFen: Fen.optional(),
  goodsValueFen: Fen.optional(),
});
const Location = z
  .object({
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    address: z.string().max(200).optional(),
  })
  .optional();

/** The body each action takes (add_evidence is multipart and has its own route). */
const BODIES: Record<Exclude<CaseAction, 'add_evidence'>, z.ZodType> = {
  file: z.object({ opinion: z.string().max(2000).optional(), location: Location }),
  not_file: Reason,
  assign: z.object({ officerIds: z.array(z.uuid()).min(1).max(20) }),
  submit_review: z.object({ summary: z.string().max(5000).optional() }),
  notify: Penalty.extend({
    facts: z.string().max(5000).optional(),
    reasons: z.string().max(5000).optional(),
    deviationReason: z.string().max(2000).optional(),
  }),
  record_statement: z.object({
    statement: z.string().max(10000).optional(),
    waivesStatement: z.boolean().optional(),
    waivesHearing: z.boolean().optional(),
  }),
  request_hearing: z.object({ requestedBy: z.string().max(100).optional() }),
  hold_hearing: z.object({ heldAt: EventTimeString, chairOfficerId: z.uuid(), summary: z.string().max(10000) }),
  legal_review: z.object({
    outcome: z.enum(['approve', 'approve_with_changes', 'reject']),
    opinion: z.string().trim().min(2).max(10000),
  }),
  collective_discussion: z.object({
    heldAt: EventTimeString,
    participants: z.array(z.string().max(50)).min(3),
    conclusion: z.string().min(2).max(10000),
  }),
  decide: Penalty.extend({ deviationReason: z.string().max(2000).optional() }),
  no_penalty: Reason.extend({ education: z.string().max(2000).optional() }),
  deliver: z.object({
    method: z.enum(['on_site', 'post', 'electronic', 'public_notice', 'retained']),
    deliveredAt: EventTimeString,
    consentRef: z.string().max(100).optional(),
  }),
  record_payment: z.object({
    channel: z.enum(['bank', 'online', 'on_site']),
    reference: z.string().trim().max(100),
    amountFen: Fen.min(1),
    paidAt: EventTimeString,
    receiptNumber: z.string().max(100).optional(),
  }),
  close: z.object({ summary: z.string().max(5000).optional() }),
  archive: z.object({ archiveNumber: z.string().max(100).optional() }),
  transfer: Reason.extend({ to: z.string().trim().min(2).max(200) }),
  suspend: Reason,
  resume: z.object({ reason: z.string().max(2000).optional() }),
  extend: Reason.extend({ days: z.number().int().min(1).max(365), approvalRef: z.string().trim().min(1).max(100) }),
  terminate: Reason,
  simplified_decide: Penalty.pick({ circumstance: true, amountFen: true }).extend({
    penaltyKinds: z.array(z.enum(['warning', 'fine'])).min(1),
    officerIds: z.array(z.uuid()).min(1).max(20),
    statement: z.string().max(10000).optional(),
    waivesStatement: z.boolean().optional(),
    deviationReason: z.string().max(2000).optional(),
    location: Location,
  }),
  request_recusal: Reason.extend({ officerId: z.uuid(), applicant: z.enum(['party', 'officer']) }),
  decide_recusal: z.object({
    officerId: z.uuid(),
    outcome: z.enum(['grant', 'deny']),
    opinion: z.string().trim().min(2).max(2000),
  }),
};

/** Times in action bodies that say when something happened: never later than now + 1 day. */
const HAPPENED = ['heldAt', 'deliveredAt', 'paidAt'] as const;

export function caseRoutes(app: App, deps: CaseDeps) {
  app.post(
    '/api/v1/cases',
    {
      config: { audit: 'case.register', ability: 'case.create' },
      schema: {
        tags: ['cases'],
        summary: '案源登记',
        body: z.object({
          orgId: z.uuid(),
          itemId: z.uuid(),
          source: z.enum(['inspection', 'complaint', 'referral', 'hotline', 'self']),
          party: z.object({
            kind: z.enum(['person', 'organisation']),
            name: z.string().trim().min(1).max(200),
            idNumber: z.string().trim().max(32).optional(),
            uscc: z.string().trim().max(32).optional(),
            address: z.string().trim().max(200).optional(),
            phone: z.string().trim().max(32).optional(),
          }),
          facts: z.string().trim().min(2).max(10000),
          occurredAt: EventTime,
          location: z.string().max(200).optional(),
          reviewFlags: z
            .partialRecord(z.enum(['public_interest', 'major_rights', 'complex', 'required_by_law']), z.boolean())
            .optional(),
        }),
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
        querystring: PageQuery.extend({
          status: z.enum(CASE_STATES).optional(),
          orgId: z.uuid().optional(),
          itemId: z.uuid().optional(),
          mine: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          overdue: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional(),
          q: z.string().max(100).optional(),
        }),
      },
    },
    async (req) => listCases(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/cases/:id',
    {
      config: { ability: 'case.read' },
      schema: { tags: ['cases'], summary: '案件详情（含当前账号可执行的操作）', params: Id },
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
        params: Id,
      },
    },
    async (req) => officerCandidates(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/cases/:id/record',
    { config: { ability: 'case.record' }, schema: { tags: ['cases'], summary: '全过程记录', params: Id } },
    async (req) => caseRecord(deps, actorOf(req), req.params.id),
  );
  app.get(
    '/api/v1/cases/:id/evidence/:sha256',
    {
      config: { ability: 'case.evidence' },
      schema: {
        tags: ['cases'],
        summary: '下载证据（校验哈希）',
        params: Id.extend({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
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
        params: Id.extend({ kind: z.enum(DOCUMENT_KINDS) }),
        querystring: z.object({ download: z.enum(['0', '1']).default('0') }),
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
        params: Id,
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
      return performAction(deps, req.ctx, actorOf(req), req.params.id, 'add_evidence', fields, files);
    },
  );
  for (const action of CASE_ACTIONS) {
    if (action === 'add_evidence') continue;
    app.post(
      `/api/v1/cases/:id/actions/${action}`,
      {
        config: { audit: `case.${action}`, ability: `case.${action}` },
        schema: { tags: ['cases'], summary: `案件操作：${action}`, params: Id, body: BODIES[action] },
      },
      async (req) => {
        const body = req.body as Record<string, unknown>;
        assertHappened(deps.clock, body, HAPPENED);
        return performAction(deps, req.ctx, actorOf(req), req.params.id, action, body);
      },
    );
  }
}
