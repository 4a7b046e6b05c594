import { Readable } from 'node:stream';
import {
  EntityCreateBody,
  EntityDetailView,
  type EntityImportEvent,
  EntityImportEventView,
  EntityImportQuery,
  EntityListQuery,
  EntityPage,
  EntityPatchBody,
  EntityView,
} from '../../../common/contracts/entities.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { type ImportFormat, openEntityImport } from './entities.import.js';
import { type EntityDeps, createEntity, getEntity, listEntities, updateEntity } from './entities.service.js';

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
        querystring: EntityListQuery,
        response: { 200: EntityPage },
      },
    },
    async (req) => listEntities(deps, actorOf(req), req.query),
  );
  app.get(
    '/api/v1/entities/:id',
    {
      config: { ability: 'entity.read' },
      schema: {
        tags: ['entities'],
        summary: '检查对象详情（含其处罚案件）',
        params: IdParams,
        response: { 200: EntityDetailView },
      },
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
        body: EntityCreateBody,
        response: { 201: EntityView },
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
        params: IdParams,
        body: EntityPatchBody,
        response: { 200: EntityView },
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
          querystring: EntityImportQuery,
          // a stream of lines, each one EntityImportEvent: sent as it is written, never serialized as one value
          response: {
            200: {
              description: 'NDJSON：每行一个事件（逐行结果 row、进度 progress、汇总 summary 或中断 failed）',
              content: {
                'application/x-ndjson': {
                  schema: EntityImportEventView.describe('NDJSON 的一行（一个 JSON 对象）'),
                },
              },
            },
          },
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
        // Fastify pipes a stream as it is (no serializer runs): the declared schema describes each of its lines.
        const stream = Readable.from(lines()) as unknown as EntityImportEvent;
        return reply.type('application/x-ndjson; charset=utf-8').header('cache-control', 'no-store').send(stream);
      },
    );
  });
}
