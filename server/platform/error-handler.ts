/**
 * What any thrown error becomes: a problem (status, stable code, Chinese detail). Framework errors (FST_*) keep
 * their status with a Chinese detail; database errors are never echoed — their message, query and parameters stay
 * out of the answer and out of the log, which gets only the SQLSTATE and the schema names involved.
 */
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { NonCanonicalValueError } from '../../common/canonical-json.js';
import { AppError, type FieldError, fieldsDetail } from './errors.js';

export interface Problem {
  status: number;
  code: string;
  detail: string;
  errors?: FieldError[];
}

/** What the server log gets besides the request line: never a message that may quote input. */
export type LogNote = { level: 'warn' | 'error'; data: Record<string, unknown>; msg: string };

const FIELD_NAMES: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

/** Framework and plugin errors by code: [status, code, Chinese detail]. */
const FRAMEWORK: Record<string, [number, string, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json', '请求体不是有效的 JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json', '请求体为空，但 Content-Type 声明为 application/json'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'bad_request', '请求体长度与 Content-Length 不一致'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type', '不支持此请求体类型，请使用 application/json'],
  FST_ERR_BAD_URL: [400, 'bad_request', '请求地址不是有效的 URL 编码'],
  FST_ERR_INVALID_URL: [400, 'bad_request', '请求地址无效'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long', '请求地址中的路径参数过长'],
  FST_ERR_VALIDATION: [400, 'validation_failed', '请求参数有误'],
  FST_ERR_NOT_FOUND: [404, 'route_not_found', '请求的接口不存在'],
  FST_PARTS_LIMIT: [413, 'payload_too_large', '上传的表单部分过多'],
  FST_FILES_LIMIT: [413, 'payload_too_large', '一次上传的文件过多（最多 10 个）'],
  FST_FIELDS_LIMIT: [413, 'payload_too_large', '上传的表单字段过多'],
  FST_REQ_FILE_TOO_LARGE: [413, 'payload_too_large', '上传的文件过大（单个文件最大 20 MB）'],
  FST_PROTO_VIOLATION: [400, 'invalid_multipart', '表单字段名不允许使用 __proto__ 等保留名称'],
  FST_INVALID_MULTIPART_CONTENT_TYPE: [415, 'unsupported_media_type', '请以 multipart/form-data 上传'],
  FST_INVALID_JSON_FIELD_ERROR: [400, 'invalid_multipart', '表单中声明为 JSON 的字段不是有效的 JSON'],
  FST_MP_PREMATURE_CLOSE: [400, 'invalid_multipart', '上传在表单数据完整之前中断'],
};

/** SQLSTATE of a database error (pg or PGlite), possibly wrapped by Drizzle as its `cause`. */
function databaseError(
  err: unknown,
): { sqlState: string; table?: string; column?: string; constraint?: string } | null {
  for (let e = err, i = 0; e && typeof e === 'object' && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
      const { table, column, constraint } = e as { table?: string; column?: string; constraint?: string };
      return { sqlState: code, table, column, constraint };
    }
  }
  return null;
}

const statusOf = (err: unknown): number | undefined => {
  const s = (err as { statusCode?: unknown }).statusCode;
  return typeof s === 'number' && s >= 400 && s < 600 ? s : undefined;
};

export function problemOf(err: unknown, bodyLimitBytes: number): { problem: Problem; log?: LogNote } {
  if (err instanceof AppError)
    return { problem: { status: err.status, code: err.code, detail: err.detail, errors: err.errors } };
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = FIELD_NAMES[err.validationContext ?? 'body'] ?? '请求';
    const errors = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || (err.validationContext ?? 'body'),
      message: v.message ?? '取值无效',
    }));
    const detail = `${where}有误：${fieldsDetail(errors)}`;
    return { problem: { status: 400, code: 'validation_failed', detail, errors } };
  }
  if (err instanceof NonCanonicalValueError)
    return {
      problem: { status: 422, code: 'unsafe_text', detail: '请求中含有无法保存的字符（空字符或不成对的代理字符）' },
    };

  const db = databaseError(err);
  if (db) {
    const log: LogNote = { level: 'warn', msg: 'database refused a statement', data: db };
    const klass = db.sqlState.slice(0, 2);
    if (db.sqlState === '23505')
      return { problem: { status: 409, code: 'conflict', detail: '与现有数据冲突，请刷新后重试' }, log };
    if (db.sqlState === '40001' || db.sqlState === '40P01')
      return { problem: { status: 409, code: 'conflict', detail: '与同时进行的操作冲突，请重试' }, log };
    if (klass === '22' || db.sqlState === '23514' || db.sqlState === '23502')
      return { problem: { status: 422, code: 'invalid_value', detail: '请求中的数据超出了可保存的范围' }, log };
    if (db.sqlState === '23503')
      return { problem: { status: 422, code: 'invalid_reference', detail: '请求引用的记录不存在' }, log };
    return {
      problem: { status: 500, code: 'internal_error', detail: '服务器内部错误，请稍后重试' },
      log: { ...log, level: 'error' },
    };
  }

  const code = (err as { code?: unknown }).code;
  const known = typeof code === 'string' ? FRAMEWORK[code] : undefined;
  if (known) {
    const [status, problemCode, detail] = known;
    return { problem: { status, code: problemCode, detail } };
  }
  const status = statusOf(err);
  if (status === 413)
    return { problem: { status, code: 'payload_too_large', detail: `请求体超过 ${bodyLimitBytes} 字节的上限` } };
  if (status === 415) return { problem: { status, code: 'unsupported_media_type', detail: '不支持此请求体类型' } };
  if (status !== undefined && status < 500)
    return { problem: { status, code: 'bad_request', detail: `请求有误（HTTP ${status}）` } };
  return {
    problem: { status: 500, code: 'internal_error', detail: '服务器内部错误，请稍后重试' },
    log: {
      level: 'error',
      msg: 'unhandled error',
      data: {
        errName: (err as Error)?.name,
        errCode: typeof code === 'string' ? code : undefined,
        // a failed query's message carries its SQL and parameters (personal data): name and frames only then
        message: /Failed query/.test(String((err as Error)?.message)) ? undefined : (err as Error)?.message,
        stack: String((err as Error)?.stack ?? '')
          .split('\n')
          .filter((line) => line.startsWith('    at '))
          .join('\n'),
      },
    },
  };
}
