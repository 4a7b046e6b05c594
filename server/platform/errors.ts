/**
 * Problem details (RFC 9457) with a stable `code` and a Chinese `detail`. Services throw AppError; the error
 * handler in app.ts turns anything thrown into application/problem+json.
 */

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: FieldError[],
    /** Further members of the problem (e.g. `lockedUntil`), for clients to act on. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(`${code}: ${detail}`);
  }
}

export const TITLES: Record<number, string> = {
  400: '请求有误',
  401: '未登录或会话已失效',
  403: '无权执行此操作',
  404: '未找到',
  409: '与现有数据冲突',
  413: '请求体过大',
  415: '不支持的内容类型',
  422: '无法处理的请求',
  423: '账号已锁定',
  429: '请求过于频繁',
  500: '服务器内部错误',
};

export const notFound = (what: string) => new AppError(404, 'not_found', `${what}不存在或不在本单位的管辖范围内`);
export const forbidden = (detail = '当前账号的角色无权执行此操作') => new AppError(403, 'forbidden', detail);
export const fieldError = (status: number, code: string, path: string, message: string) =>
  new AppError(status, code, message, [{ path, message }]);

/** `path：message；path：message` — the detail that names every refused field. */
export const fieldsDetail = (errors: readonly FieldError[]) => errors.map((e) => `${e.path}：${e.message}`).join('；');

/** A refusal naming several fields (each in `errors`, all in the detail). */
export const fieldErrors = (status: number, code: string, errors: FieldError[], prefix = '') =>
  new AppError(status, code, `${prefix}${fieldsDetail(errors)}`, errors);

export function problemBody(
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
) {
  return {
    ...extra,
    type: `https://zhifa.gov.cn/problems/${code}`,
    title: TITLES[status] ?? '请求失败',
    status,
    code,
    detail,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}
