/**
 * Open311 GeoReport v2 at `/open311/v2/` (issue 14), so that existing Open311 clients (FixMyStreet-style apps) file
 * and follow complaints unchanged: one service per complaint kind (`services.{json,xml}`, `services/<code>.*`), a
 * request filed with a machine client's secret of scope `open311:write` as `api_key` (`POST requests.*`,
 * form-encoded), requests followed by their public tracking number (`GET requests.*`, `GET requests/<id>.*`).
 *
 * Answers and errors are GeoReport v2's own shapes (JSON arrays, XML `services`/`service`, `service_definition`,
 * `service_requests`/`request`, `errors`/`error` with `code` = the HTTP status), not problem+json — so these routes
 * are kept out of the OpenAPI document (its fuzz test asserts problem+json); open311.test.ts sends them the hostile
 * input instead. They are machine endpoints (`config.machine`): no cookie is read, the key is in the request, and the
 * CSRF rule does not apply (server/platform/csrf.ts). No GET answer carries a name, a phone or an e-mail address, and
 * only the requests filed through this door are listed (the portal's and the hotline's stay with their doors).
 */
import { and, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  COMPLAINT_KINDS,
  COMPLAINT_STATE_LABELS,
  type ComplaintKind,
  type ComplaintState,
} from '../../../common/enums.js';
import { problemOf } from '../../platform/error-handler.js';
import { AppError } from '../../platform/errors.js';
import type { App } from '../../platform/http.js';
import { orgs } from '../orgs/orgs.api.js';
import { regions } from '../regions/regions.api.js';
import { resolveRegion } from './complaints.rules.js';
import { complaints } from './complaints.schema.js';
import { type ComplaintDeps, intakeComplaint } from './complaints.service.js';
import { open311Client } from './hotline.js';

export const OPEN311_PREFIX = '/open311/v2';
export const OPEN311_MAX_DAYS = 90;
export const OPEN311_MAX_ROWS = 1000;
const DAY_MS = 86_400_000;

/** The services: one per complaint kind, its code the kind's (stable), names and descriptions in Chinese. */
export const OPEN311_SERVICES: Record<
  ComplaintKind,
  { name: string; description: string; keywords: string; group: string }
> = {
  consultation: {
    name: '咨询',
    description: '咨询行政执法事项的依据、办理流程和要求（2 个工作日内答复）',
    keywords: '咨询, 政策, 办事指南, 12345',
    group: '咨询求助建议',
  },
  help: {
    name: '求助',
    description: '需要执法部门协助解决的问题（10 个工作日内办理）',
    keywords: '求助, 协助, 12345',
    group: '咨询求助建议',
  },
  suggestion: {
    name: '建议',
    description: '对行政执法工作的意见和建议（10 个工作日内办理）',
    keywords: '建议, 意见, 12345',
    group: '咨询求助建议',
  },
  complaint: {
    name: '投诉',
    description: '自身合法权益受到侵害，请求执法部门处理（15 个工作日内办理）',
    keywords: '投诉, 维权, 消费, 12345',
    group: '投诉举报',
  },
  report: {
    name: '举报',
    description: '举报违法违规行为，请求执法部门查处（15 个工作日内办理）',
    keywords: '举报, 违法, 查处, 12345',
    group: '投诉举报',
  },
};

type Format = 'json' | 'xml';
const OPEN_STATES: ComplaintState[] = ['received', 'accepted', 'transferred', 'disputed'];
const CLOSED_STATES: ComplaintState[] = ['replied', 'closed', 'rejected', 'merged'];

/** ISO 8601 in Beijing time with its offset: 2026-03-02T09:30:00+08:00. */
export const beijingIso = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

// ── answers: JSON arrays, XML elements ──

type Value = string | number | boolean | null;
type Entry = Record<string, Value>;
// characters XML 1.0 cannot carry (a complaint's text from another door may hold them)
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the ones refused
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (v: string) =>
  v
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
const element = (name: string, v: Value) => (v === null ? `<${name}/>` : `<${name}>${escapeXml(String(v))}</${name}>`);
const entryXml = (name: string, e: Entry) =>
  `<${name}>${Object.entries(e)
    .map(([k, v]) => element(k, v))
    .join('')}</${name}>`;

/** A list answer: `[{…}]`, or `<root><item>…</item></root>`. */
function sendList(reply: FastifyReply, format: Format, root: string, item: string, entries: Entry[], status = 200) {
  reply.code(status).header('cache-control', 'no-store');
  if (format === 'json') return reply.type('application/json; charset=utf-8').send(JSON.stringify(entries));
  const body = entries.map((e) => entryXml(item, e)).join('');
  return reply
    .type('text/xml; charset=utf-8')
    .send(`<?xml version="1.0" encoding="UTF-8"?>\n<${root}>${body}</${root}>`);
}

const formatOf = (req: FastifyRequest): Format => (/\.xml(\?|$)/i.test(req.url) ? 'xml' : 'json');

/** An error: `[{ "code": <status>, "description": … }]` or `<errors><error>…</error></errors>`. */
function sendError(reply: FastifyReply, format: Format, status: number, description: string) {
  return sendList(reply, format, 'errors', 'error', [{ code: status, description }], status);
}

const fail = (status: 400 | 403 | 404, description: string, code = 'open311_refused') =>
  new AppError(status, code, description);

/** `<name>.json` / `<name>.xml` of a path segment. */
function splitFile(file: string): { name: string; format: Format } {
  const m = /^([A-Za-z0-9_-]{1,64})\.(json|xml)$/.exec(file);
  if (!m?.[1] || !m[2]) throw fail(404, '请求的资源不存在（地址应以 .json 或 .xml 结尾）');
  return { name: m[1], format: m[2] as Format };
}

const serviceEntry = (code: ComplaintKind): Entry => {
  const s = OPEN311_SERVICES[code];
  return {
    service_code: code,
    service_name: s.name,
    description: s.description,
    metadata: false,
    type: 'realtime',
    keywords: s.keywords,
    group: s.group,
  };
};

function serviceOf(code: string): ComplaintKind {
  if (!(COMPLAINT_KINDS as readonly string[]).includes(code)) throw fail(404, `服务类型 service_code“${code}”不存在`);
  return code as ComplaintKind;
}

// ── POST requests ──

const field = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`).optional();
const Coordinate = (min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^-?\d{1,3}(\.\d{1,12})?$/, '应为十进制度数')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `应在 ${min} 至 ${max} 之间`)
    .optional();
const RequestForm = z.object({
  service_code: z.string().max(64, '不能超过 64 个字符'),
  jurisdiction_id: z
    .string()
    .regex(/^\d{6}(\d{3})?$/, '应为 6 位或 9 位行政区划代码')
    .optional(),
  lat: Coordinate(-90, 90),
  long: Coordinate(-180, 180),
  address_string: field(200),
  description: z
    .string({ error: '请写明投诉举报的内容' })
    .trim()
    .min(5, '请写明投诉举报的内容（至少 5 个字）')
    .max(4000, '不能超过 4000 个字符'),
  email: z.string().trim().max(254).email('电子邮箱格式不正确').optional().or(z.literal('')),
  first_name: field(25),
  last_name: field(25),
  phone: z
    .string()
    .trim()
    .transform((p) => p.replace(/[\s()-]+/g, '').replace(/^\+?86(?=1\d{10}$)/, ''))
    .pipe(z.string().regex(/^(1\d{10}|0\d{9,11})?$/, '应为 11 位手机号或带区号的固定电话'))
    .optional(),
  media_url: z
    .url({ protocol: /^https?$/, error: '应为 http(s) 网址' })
    .max(500, '不能超过 500 个字符')
    .optional()
    .or(z.literal('')),
});

const FIELD = /^[a-z_]{1,30}$/;
function formOf(body: unknown): Record<string, string> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw fail(400, '请求体应为 application/x-www-form-urlencoded 表单');
  const out: Record<string, string> = {};
  // only the spec's plain fields: attribute[…], device_id, account_id are accepted and not kept
  for (const [k, v] of Object.entries(body as Record<string, unknown>))
    if (FIELD.test(k) && typeof v === 'string') out[k] = v;
  return out;
}

function parseForm(form: Record<string, string>) {
  const blank = Object.fromEntries(Object.entries(form).filter(([, v]) => v.trim() !== ''));
  const parsed = RequestForm.safeParse(blank);
  if (!parsed.success)
    throw fail(400, parsed.error.issues.map((i) => `${i.path.join('.') || '表单'}：${i.message}`).join('；'));
  return parsed.data;
}

async function regionOf(deps: ComplaintDeps, jurisdiction: string | undefined, address: string | undefined) {
  const rows = await deps.db
    .select({ code: regions.code, name: regions.name, parentCode: regions.parentCode })
    .from(regions);
  if (jurisdiction) {
    if (!rows.some((r) => r.code === jurisdiction)) throw fail(404, `行政区划 jurisdiction_id“${jurisdiction}”不存在`);
    return jurisdiction;
  }
  const found = resolveRegion(address ?? '', rows);
  if (found.code) return found.code;
  throw fail(
    400,
    found.ambiguous
      ? 'address_string 中的地名对应多个行政区划，请写明所在市和区县，或以 jurisdiction_id 给出行政区划代码'
      : '无法确定所在地区：请在 address_string 中写明所在区县（如“广州市天河区……”），或以 jurisdiction_id 给出行政区划代码',
  );
}

// ── GET requests ──

const Instant = (name: string) =>
  z.iso
    .datetime({ offset: true, error: `${name} 应为 ISO 8601 时间，例如 2026-01-01T00:00:00+08:00` })
    .transform((s) => new Date(s))
    .refine((d) => d.getUTCFullYear() >= 2000 && d.getUTCFullYear() < 2100, `${name} 应在 2000 至 2099 年之间`)
    .optional();
const CommaList = (name: string, item: RegExp, max: number) =>
  z
    .string()
    .max(max * 41)
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .refine((xs) => xs.length <= max, `${name} 最多 ${max} 项`)
    .refine((xs) => xs.every((x) => item.test(x)), `${name} 含有无效的取值`)
    .optional();
const RequestsQuery = z.object({
  service_request_id: CommaList('service_request_id', /^[A-Za-z0-9-]{1,40}$/, OPEN311_MAX_ROWS),
  service_code: CommaList('service_code', /^[a-z_]{1,40}$/, 20),
  start_date: Instant('start_date'),
  end_date: Instant('end_date'),
  status: CommaList('status', /^(open|closed)$/, 2),
});

function queryOf(raw: unknown) {
  const parsed = RequestsQuery.safeParse(raw ?? {});
  if (!parsed.success) throw fail(400, parsed.error.issues.map((i) => i.message).join('；'));
  return parsed.data;
}

/** The window of `GET requests`: the last 90 days by default; a wider one is refused. */
export function requestWindow(now: Date, start?: Date, end?: Date): { from: Date; to: Date } {
  const to = end ?? (start ? new Date(start.getTime() + OPEN311_MAX_DAYS * DAY_MS) : now);
  const from = start ?? new Date(to.getTime() - OPEN311_MAX_DAYS * DAY_MS);
  if (from > to) throw fail(400, 'start_date 不能晚于 end_date');
  if (to.getTime() - from.getTime() > OPEN311_MAX_DAYS * DAY_MS)
    throw fail(400, `start_date 至 end_date 不能超过 ${OPEN311_MAX_DAYS} 天`);
  return { from, to };
}

type Row = typeof complaints.$inferSelect;
/** A request as GET answers it: no name, no phone, no e-mail address. */
function requestEntry(r: Row, agency: string): Entry {
  const kind = r.kind as ComplaintKind;
  const state = r.state as ComplaintState;
  return {
    service_request_id: r.trackingNumber,
    status: CLOSED_STATES.includes(state) ? 'closed' : 'open',
    status_notes: COMPLAINT_STATE_LABELS[state],
    service_name: OPEN311_SERVICES[kind].name,
    service_code: kind,
    description: r.content,
    agency_responsible: agency,
    service_notice: null,
    requested_datetime: beijingIso(r.receivedAt),
    updated_datetime: beijingIso(r.updatedAt),
    // the due date's last moment, Beijing time
    expected_datetime: `${r.dueDate}T23:59:59+08:00`,
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: r.mediaUrl,
  };
}

async function findRequests(deps: ComplaintDeps, where: ReturnType<typeof and>) {
  const rows = await deps.db
    .select({ c: complaints, agency: orgs.name })
    .from(complaints)
    .innerJoin(orgs, eq(orgs.id, complaints.handlingOrgId))
    .where(and(eq(complaints.channel, 'open311'), where))
    .orderBy(desc(complaints.receivedAt), desc(complaints.id))
    .limit(OPEN311_MAX_ROWS);
  return rows.map((r) => requestEntry(r.c, r.agency));
}

// ── routes ──

const FORMATS: Format[] = ['json', 'xml'];

export function open311Routes(app: App, deps: ComplaintDeps & { bodyLimitBytes: number }) {
  app.register(
    async (scope) => {
      // GeoReport v2 posts forms; nothing else is read here
      scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
        const out: Record<string, string> = {};
        for (const [k, v] of new URLSearchParams(body as string)) out[k] = v;
        done(null, out);
      });
      // every refusal in GeoReport v2's shape: 403 (api_key), 404 (unknown), 400 otherwise
      scope.setErrorHandler((err, req, reply) => {
        const { problem, log } = problemOf(err, deps.bodyLimitBytes);
        if (log) req.log[log.level]({ ...log.data, route: req.routeOptions?.url }, log.msg);
        req.ctx.problemCode = problem.code;
        const status =
          problem.status >= 500 ? 500 : problem.status === 403 || problem.status === 404 ? problem.status : 400;
        return sendError(reply, formatOf(req), status, problem.detail);
      });
      scope.setNotFoundHandler((req, reply) =>
        sendError(reply, formatOf(req), 404, `接口 ${req.method} ${req.url.split('?')[0]} 不存在`),
      );
      const config = { public: true, machine: true } as const;
      const schema = { hide: true } as const;
      // an unknown GET under the prefix: GeoReport's 404, not the console's page (the console's `/*` fallback)
      scope.get('/*', { config, schema }, async (req) => {
        throw fail(404, `接口 ${req.method} ${req.url.split('?')[0]} 不存在`);
      });

      for (const format of FORMATS) {
        scope.get(`/services.${format}`, { config, schema }, async (_req, reply) =>
          sendList(reply, format, 'services', 'service', COMPLAINT_KINDS.map(serviceEntry)),
        );
        scope.post(
          `/requests.${format}`,
          { config: { ...config, audit: 'complaint.receive' }, schema },
          async (req, reply) => {
            const media = String(req.headers['content-type'] ?? '')
              .split(';')[0]
              ?.trim()
              .toLowerCase();
            if (media !== 'application/x-www-form-urlencoded')
              throw fail(400, '请求体应为 application/x-www-form-urlencoded 表单');
            const form = formOf(req.body);
            const key = form.api_key?.trim();
            const client = key && key.length <= 200 ? await open311Client(deps, key) : null;
            if (!client)
              throw fail(403, 'api_key 缺失、无效或已停用，或该客户端无权提交 Open311 服务请求', 'bad_api_key');
            const f = parseForm(form);
            const kind = serviceOf(f.service_code);
            if ((f.lat === undefined) !== (f.long === undefined)) throw fail(400, 'lat 和 long 应同时给出');
            if (f.lat === undefined && !f.address_string) throw fail(400, '请给出位置：lat 和 long，或 address_string');
            const regionCode = await regionOf(deps, f.jurisdiction_id, f.address_string);
            const name = `${f.last_name ?? ''}${f.first_name ?? ''}`.trim();
            const out = await intakeComplaint(
              deps,
              req.ctx,
              {
                kind,
                content: f.description,
                regionCode,
                ...(f.address_string ? { address: f.address_string } : {}),
                ...(f.lat !== undefined && f.long !== undefined ? { lat: f.lat, lng: f.long } : {}),
                ...(name ? { reporterName: name } : {}),
                ...(f.phone ? { reporterPhone: f.phone } : {}),
              },
              {
                channel: 'open311',
                receivedAt: deps.clock.now(),
                hotlineClientId: client.id,
                mediaUrl: f.media_url || null,
              },
            );
            return sendList(reply, format, 'service_requests', 'request', [
              {
                service_request_id: out.trackingNumber,
                service_notice: `已受理登记，将在 ${out.dueDate} 前办理答复`,
                account_id: null,
              },
            ]);
          },
        );
        scope.get(`/requests.${format}`, { config, schema }, async (req, reply) => {
          const q = queryOf(req.query);
          if (q.service_request_id) {
            // the ids override every other argument (GeoReport v2)
            const found = q.service_request_id.length
              ? await findRequests(deps, inArray(complaints.trackingNumber, q.service_request_id))
              : [];
            return sendList(reply, format, 'service_requests', 'request', found);
          }
          const { from, to } = requestWindow(deps.clock.now(), q.start_date, q.end_date);
          const codes = q.service_code?.map(serviceOf);
          const wanted =
            q.status && q.status.length === 1 ? (q.status[0] === 'open' ? OPEN_STATES : CLOSED_STATES) : null;
          const found = await findRequests(
            deps,
            and(
              gte(complaints.receivedAt, from),
              lte(complaints.receivedAt, to),
              codes ? inArray(complaints.kind, codes) : undefined,
              wanted ? inArray(complaints.state, wanted) : undefined,
            ),
          );
          return sendList(reply, format, 'service_requests', 'request', found);
        });
      }
      scope.get<{ Params: { file: string } }>('/services/:file', { config, schema }, async (req, reply) => {
        const { name, format } = splitFile(req.params.file);
        const code = serviceOf(name);
        // no service has attributes (metadata false): its definition lists none
        reply.code(200).header('cache-control', 'no-store');
        if (format === 'json')
          return reply
            .type('application/json; charset=utf-8')
            .send(JSON.stringify({ service_code: code, attributes: [] }));
        return reply
          .type('text/xml; charset=utf-8')
          .send(
            `<?xml version="1.0" encoding="UTF-8"?>\n<service_definition>${element('service_code', code)}<attributes/></service_definition>`,
          );
      });
      scope.get<{ Params: { file: string } }>('/requests/:file', { config, schema }, async (req, reply) => {
        const { name, format } = splitFile(req.params.file);
        const [found] = await findRequests(deps, eq(complaints.trackingNumber, name));
        if (!found) throw fail(404, `服务请求 service_request_id“${name}”不存在`);
        return sendList(reply, format, 'service_requests', 'request', [found]);
      });
    },
    { prefix: OPEN311_PREFIX },
  );
}
