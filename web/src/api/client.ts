/**
 * Thin fetch wrapper for the zhifa JSON API.
 *
 * - Same-origin cookie session (`credentials: 'same-origin'`).
 * - Non-2xx answers throw an {@link ApiError} carrying the RFC 9457 Problem the server sent
 *   (or a synthesized one when the body is not a problem document).
 * - A 401 from any call except login / the initial "who am I" probe asks for the password again (the
 *   registered re-authentication prompt) and resends the request, so nothing typed is lost; without a prompt,
 *   or when the user gives up, the unauthorized handler sends the user to /login.
 */
import type { Problem } from '../../../common/api-types.js';

export class ApiError extends Error {
  readonly problem: Problem;

  constructor(problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`);
    this.name = 'ApiError';
    this.problem = problem;
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}

/** A human-readable Chinese message for any error thrown by the client. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.problem.detail || err.problem.title || `请求失败（${err.status}）`;
  if (err instanceof Error && err.name === 'AbortError') return '请求已取消';
  return '网络异常，请稍后重试';
}

type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

export function buildQuery(query?: Query): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

let unauthorizedHandler: (() => void) | null = null;

/** Registered by the auth provider: called when a request answers 401 (session expired, logged out elsewhere). */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  unauthorizedHandler = handler;
}

/**
 * Registered by the auth provider while someone is signed in: a 401 (session expired or ended) asks for the password
 * again instead of dropping the page — resolves true once signed in afresh (the request is then sent again), false
 * when the user gives up (the unauthorized handler then runs). Concurrent 401s share one prompt.
 */
let reauthHandler: ((problem: Problem) => Promise<boolean>) | null = null;
let pendingReauth: Promise<boolean> | null = null;

export function setReauthHandler(handler: ((problem: Problem) => Promise<boolean>) | null): void {
  reauthHandler = handler;
}

/** Signs in again through the registered handler (one prompt for all requests waiting on it). */
export function reauthenticate(problem: Problem): Promise<boolean> {
  if (!reauthHandler) return Promise.resolve(false);
  pendingReauth ??= reauthHandler(problem).finally(() => {
    pendingReauth = null;
  });
  return pendingReauth;
}

/** Paths whose 401 is an expected answer and must not bounce the user to /login. */
const NO_REDIRECT_ON_401 = ['/api/v1/auth/login', '/api/v1/auth/me'];

export interface RequestOptions {
  query?: Query;
  /** JSON body. */
  body?: unknown;
  /** Raw text body (e.g. a CSV file) with its content type; used instead of `body`. */
  text?: { contentType: string; content: string };
  /** multipart/form-data body (file uploads); used instead of `body`. */
  form?: FormData;
  signal?: AbortSignal;
}

async function readProblem(res: Response): Promise<Problem> {
  const fallback: Problem = {
    type: 'about:blank',
    title: res.statusText || '请求失败',
    status: res.status,
    code: `http_${res.status}`,
    detail: defaultDetail(res.status),
  };
  const text = await res.text().catch(() => '');
  if (!text) return fallback;
  try {
    const body = JSON.parse(text) as Partial<Problem> & { message?: string; error?: string };
    return {
      type: typeof body.type === 'string' ? body.type : fallback.type,
      title: typeof body.title === 'string' ? body.title : (body.error ?? fallback.title),
      status: typeof body.status === 'number' ? body.status : res.status,
      code: typeof body.code === 'string' ? body.code : fallback.code,
      detail:
        typeof body.detail === 'string' && body.detail
          ? body.detail
          : typeof body.message === 'string' && body.message
            ? body.message
            : fallback.detail,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
      ...(typeof body.remainingAttempts === 'number' ? { remainingAttempts: body.remainingAttempts } : {}),
      ...(typeof body.lockedUntil === 'string' ? { lockedUntil: body.lockedUntil } : {}),
    };
  } catch {
    return fallback;
  }
}

function defaultDetail(status: number): string {
  switch (status) {
    case 400:
      return '请求参数有误';
    case 401:
      return '登录已失效，请重新登录';
    case 403:
      return '无权执行该操作';
    case 404:
      return '请求的资源不存在';
    case 409:
      return '数据冲突，请刷新后重试';
    case 422:
      return '提交的数据未通过校验';
    case 423:
      return '账号已锁定';
    case 429:
      return '请求过于频繁，请稍后再试';
    default:
      return status >= 500 ? '服务器异常，请稍后重试' : `请求失败（${status}）`;
  }
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  try {
    return await send<T>(method, path, options);
  } catch (err) {
    // the session ended while the user worked: sign in again and send the same request once more
    if (err instanceof ApiError && err.status === 401 && !NO_REDIRECT_ON_401.includes(path) && reauthHandler) {
      if (await reauthenticate(err.problem)) return send<T>(method, path, options);
      unauthorizedHandler?.();
    }
    throw err;
  }
}

async function send<T>(method: string, path: string, options: RequestOptions): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  let body: string | FormData | undefined;
  if (options.form !== undefined) {
    body = options.form;
  } else if (options.text !== undefined) {
    headers['content-type'] = options.text.contentType;
    body = options.text.content;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path + buildQuery(options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: '网络异常，无法连接服务器',
    });
  }
  if (!res.ok) {
    const problem = await readProblem(res);
    if (res.status === 401 && !NO_REDIRECT_ON_401.includes(path) && !reauthHandler) unauthorizedHandler?.();
    throw new ApiError(problem);
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, { body }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, { body }),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
  /** POST a text document (e.g. `text/csv`). */
  postText: <T>(path: string, content: string, contentType: string, query?: Query, signal?: AbortSignal) =>
    request<T>('POST', path, { query, text: { contentType, content }, signal }),
};
