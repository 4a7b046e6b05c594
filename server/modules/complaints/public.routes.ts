/**
 * The public complaint door: `/public/complaints/new` (the form, posted as multipart/form-data — the one body a page
 * of another site cannot send without a preflight, so the CSRF rule holds — with a honeypot field and a per-address
 * rate limit), `/public/complaints/track` (progress by tracking number and query code, and the rating once closed).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ComplaintIntake, RateBody } from '../../../common/contracts/complaints.contract.js';
import { HtmlPage } from '../../../common/contracts/portal.contract.js';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { publicRateLimited } from '../../platform/rate-limit.js';
import type { PublicSite } from '../../platform/public-html.js';
import { assertSafeInput } from '../../platform/safe-input.js';
import { type ComplaintDeps, type IntakeFile, intakeComplaint } from './complaints.service.js';
import {
  type FormValues,
  renderComplaintForm,
  renderReceipt,
  renderTrackEntry,
  renderTracking,
} from './public.pages.js';
import { publicTracking, rateComplaint, regionChoices } from './public.service.js';

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The media type a file's first bytes show (photos and PDF only), or null. */
export function sniffMime(content: Buffer): string | null {
  if (content.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image/jpeg';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.subarray(0, 4).toString('latin1') === 'RIFF' && content.subarray(8, 12).toString('latin1') === 'WEBP')
    return 'image/webp';
  if (content.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

async function readForm(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 提交表单');
  const fields: FormValues = {};
  const files: { name: string; content: Buffer }[] = [];
  try {
    for await (const part of req.parts()) {
      if (part.type === 'file') {
        const content = await part.toBuffer();
        if (part.filename && content.length > 0) files.push({ name: part.filename.slice(0, 200), content });
      } else if (typeof part.value === 'string') fields[part.fieldname] = part.value;
    }
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith('FST_')) throw err;
    throw new AppError(400, 'invalid_multipart', '表单格式有误，无法解析');
  }
  assertSafeInput({ body: { ...fields, files: files.map((f) => f.name) } });
  return { fields, files };
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** The form's fields as an intake, or the errors by field. */
function intakeOf(fields: FormValues, files: { name: string; content: Buffer }[]) {
  const errors: Record<string, string> = {};
  const parsed = ComplaintIntake.safeParse({
    kind: fields.kind,
    content: fields.content ?? '',
    regionCode: blank(fields.regionCode) ?? '',
    address: blank(fields.address),
    subjectName: blank(fields.subjectName),
    subjectUscc: blank(fields.subjectUscc)?.toUpperCase(),
    reporterName: blank(fields.reporterName),
    reporterPhone: blank(fields.reporterPhone)?.replace(/[\s-]+/g, ''),
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'content');
      errors[key] ??= key === 'regionCode' ? '请选择所在地区' : key === 'kind' ? '请选择类别' : issue.message;
    }
  const intakeFiles: IntakeFile[] = [];
  if (files.length > MAX_FILES) errors.files = `最多上传 ${MAX_FILES} 个文件`;
  for (const f of files) {
    const mime = sniffMime(f.content);
    if (!mime) errors.files = `“${f.name}”不是照片（JPEG、PNG、WebP）或 PDF 文件`;
    else if (f.content.length > MAX_FILE_BYTES) errors.files = `“${f.name}”超过 10 MB`;
    else
      intakeFiles.push({
        name: f.name,
        mime,
        size: f.content.length,
        sha256: createHash('sha256').update(f.content).digest('hex'),
        content: f.content,
      });
  }
  if (blank(fields.website)) errors.content = '提交未通过校验，请刷新页面后重新填写';
  return parsed.success && Object.keys(errors).length === 0
    ? { ok: true as const, intake: parsed.data, files: intakeFiles }
    : { ok: false as const, errors };
}

const TrackQuery = z.object({ no: z.string().max(40).optional(), code: z.string().max(40).optional() });

export function publicComplaintRoutes(app: App, deps: ComplaintDeps & { site: PublicSite; perMinute: number }) {
  const { site } = deps;
  const html = (extra: object = {}) => ({
    hide: true,
    response: { 200: HtmlPage, 400: HtmlPage, 404: HtmlPage, 422: HtmlPage },
    ...extra,
  });
  const limited = publicRateLimited(deps.perMinute);
  const send = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  app.get('/public/complaints/new', { config: { public: true }, schema: html() }, async (_req, reply) =>
    send(reply, 200, renderComplaintForm(site, await regionChoices(deps.db))),
  );
  app.post(
    '/public/complaints/new',
    { config: { ...limited, audit: 'complaint.receive' }, schema: html() },
    async (req, reply) => {
      const { fields, files } = await readForm(req);
      const checked = intakeOf(fields, files);
      const regions = await regionChoices(deps.db);
      if (!checked.ok) return send(reply, 400, renderComplaintForm(site, regions, fields, checked.errors));
      try {
        const out = await intakeComplaint(deps, req.ctx, checked.intake, {
          channel: 'portal',
          receivedAt: deps.clock.now(),
          files: checked.files,
        });
        return send(reply, 200, renderReceipt(site, { ...out, queryCode: out.queryCode ?? '' }));
      } catch (err) {
        if (!(err instanceof AppError) || err.status !== 422) throw err;
        req.ctx.audited = true;
        const path = err.errors?.[0]?.path ?? 'content';
        return send(reply, 422, renderComplaintForm(site, regions, fields, { [path]: err.message }));
      }
    },
  );

  app.get(
    '/public/complaints/track',
    { config: limited, schema: { ...html(), querystring: TrackQuery } },
    async (req, reply) => {
      const no = req.query.no?.trim() ?? '';
      const code = req.query.code?.trim() ?? '';
      if (!no || !code) return send(reply, 200, renderTrackEntry(site, no));
      const t = await publicTracking(deps.db, no, code);
      if (!t) return send(reply, 404, renderTrackEntry(site, no, '受理编号或查询码不正确'));
      return send(reply, 200, renderTracking(site, t, code));
    },
  );
  app.post(
    '/public/complaints/track',
    { config: { ...limited, audit: 'complaint.rate' }, schema: html() },
    async (req, reply) => {
      const { fields } = await readForm(req);
      const no = fields.no?.trim() ?? '';
      const code = fields.code?.trim() ?? '';
      const rated = RateBody.safeParse({ rating: fields.rating, comment: blank(fields.comment) });
      if (!rated.success) return send(reply, 400, renderTrackEntry(site, no, '请选择满意程度'));
      try {
        await rateComplaint(deps, req.ctx, no, code, rated.data.rating, rated.data.comment ?? null);
      } catch (err) {
        if (!(err instanceof AppError) || err.status >= 500) throw err;
        req.ctx.audited = true;
        return send(reply, err.status === 404 ? 404 : 400, renderTrackEntry(site, no, err.message));
      }
      const t = await publicTracking(deps.db, no, code);
      return t
        ? send(reply, 200, renderTracking(site, t, code, '感谢您的评价'))
        : send(reply, 404, renderTrackEntry(site, no));
    },
  );
}
