import { Readable } from 'node:stream';
import { z } from 'zod';
import { ENTITY_KINDS, ENTITY_SECTORS, ENTITY_STATUSES, GRADE_CLASSES } from '../../../common/enums.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { PageQuery } from '../../platform/pagination.js';
import { type ImportFormat, openEntityImport } from './entities.import.js';
import { MAX_ADDRESS, MAX_NAME, MAX_PERSON } from './entities.rules.js';
import { type EntityDeps, createEntity, getEntity, listEntities, updateEntity } from './entities.service.js';

const Id = z.object({ id: z.uuid('id 必须是 UUID') });
const RegionCode = z.string().regex(/^\d{6}(\d{3})?$/, '行政区划代码应为 6 位或 9 位数字');
const Grade = z.enum(GRADE_CLASSES);

const Fields = {
  uscc: z.string().trim().min(1, '统一社会信用代码不能为空').max(32),
  name: z.string().trim().min(2).max(MAX_NAME),
  kind: z.enum(ENTITY_KINDS),
  regionCode: RegionCode,
  sectors: z.array(z.enum(ENTITY_SECTORS)).min(1, '至少选择一个行业领域').max(ENTITY_SECTORS.length),
  address: z.string().trim().min(2).max(MAX_ADDRESS),
  legalRepresentative: z.string().trim().min(1).max(MAX_PERSON),
  riskClass: Grade,
  creditClass: Grade,
  status: z.enum(ENTITY_STATUSES),
};

/** Content types that carry an import file; the route reads the body as a stream. */
const CSV_TYPES = ['text/csv', 'text/plain', 'application/csv', 'application/vnd.ms-excel'];
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function formatOf(contentType: string | undefined, given: ImportFormat | undefined): ImportFormat {
  if (given) return given;
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (CSV_TYPES.includes(type)) return 'csv';
  if (type === XLSX_TYPE) return 'xlsx';
  throw new AppError(
    415,
    'unsupported_media_type',
    '请上传 CSV（text/csv，UTF-8）或 XLSX 文件，或以 format 参数指明格式',
  );
}

export function entityRoutes(app: App, deps: EntityDeps) {
  app.get(
    '/api/v1/entities',
    {
      config: { ability: 'entity.list' },
      schema: {
        tags: ['entities'],
        summary: '检查对象名录库（本单位管辖区划内）；q 按名称（三元组）或统一社会信用代码（全码或前缀）',
        querystring: PageQuery.extend({
          q: z.string().max(100).optional(),
          regionCode: RegionCode.optional(),
          sector: z.enum(ENTITY_SECTORS).optional(),
          riskClass: Grade.optional(),
          creditClass: Grade.optional(),
          status: z.enum(ENTITY_STATUSES).optional(),
        }),
      },
    },
    async (req) => listEntities(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/entities/:id',
    {
      config: { ability: 'entity.read' },
      schema: { tags: ['entities'], summary: '检查对象详情（含其处罚案件）', params: Id },
    },
    async (req) => getEntity(deps, actorOf(req), req.params.id),
  );
  app.post(
    '/api/v1/entities',
    {
      config: { audit: 'entity.create', ability: 'entity.create' },
      schema: {
        tags: ['entities'],
        summary: '登记检查对象（执法部门）',
        body: z.object({ ...Fields, status: Fields.status.default('active') }),
      },
    },
    async (req, reply) => reply.code(201).send(await createEntity(deps, req.ctx, actorOf(req), req.body)),
  );
  app.patch(
    '/api/v1/entities/:id',
    {
      config: { audit: 'entity.update', ability: 'entity.update' },
      schema: {
        tags: ['entities'],
        summary: '修改检查对象（执法部门）',
        params: Id,
        body: z
          .object(Fields)
          .partial()
          .refine((b) => Object.keys(b).length > 0, '请至少修改一个字段'),
      },
    },
    async (req) => updateEntity(deps, req.ctx, actorOf(req), req.params.id, req.body),
  );

  // The import reads its body as a stream: its own content-type parsers, in their own plugin context.
  app.register(async (scoped: App) => {
    scoped.removeContentTypeParser(['text/csv', 'text/plain']);
    scoped.addContentTypeParser([...CSV_TYPES, XLSX_TYPE, 'application/octet-stream'], (_req, payload, done) =>
      done(null, payload),
    );
    // any other type reaches the handler, which answers 415 naming the formats it takes
    scoped.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scoped.post(
      '/api/v1/entities/import',
      {
        config: { audit: 'entity.import', ability: 'entity.import' },
        compress: false, // progress lines go out as they are written
        schema: {
          tags: ['entities'],
          summary: '导入检查对象（CSV 或 XLSX，按统一社会信用代码新增或更新）；应答为 NDJSON：逐行结果、进度、汇总',
          querystring: z.object({
            format: z.enum(['csv', 'xlsx']).optional().describe('文件格式；缺省按 Content-Type 判断'),
            dryRun: z
              .enum(['true', 'false', '1', '0'])
              .optional()
              .transform((v) => v === 'true' || v === '1')
              .describe('只校验、不写入（各行结果为 ok）'),
            rows: z
              .enum(['all', 'problems'])
              .default('all')
              .describe('all：每行一条结果；problems：只发有错误或警告的行'),
          }),
        },
      },
      async (req, reply) => {
        const format = formatOf(req.headers['content-type'], req.query.format);
        // a JSON body (parsed by the app's JSON parser) is no file, whatever `format` says
        if (req.body !== undefined && !(req.body instanceof Readable))
          throw new AppError(415, 'unsupported_media_type', '请以 CSV（text/csv，UTF-8）或 XLSX 文件作为请求体上传');
        const body = (req.body as Readable | undefined) ?? Readable.from([]);
        const events = await openEntityImport(deps, req.ctx, actorOf(req), body, {
          format,
          dryRun: req.query.dryRun,
          rows: req.query.rows,
        });
        async function* lines() {
          try {
            for await (const e of events) yield `${JSON.stringify(e)}\n`;
          } catch (err) {
            req.log.error({ err }, 'entity import failed');
          }
        }
        return reply
          .type('application/x-ndjson; charset=utf-8')
          .header('cache-control', 'no-store')
          .send(Readable.from(lines()));
      },
    );
  });
}
