import { Readable } from 'node:stream';
/**
 * The edge check every request passes before validation and before any query that uses its input: no string of
 * the path, query or body (keys included) holds a NUL or a lone surrogate, and no body nests deeper than
 * `MAX_DEPTH`. Such text cannot be stored as it is (PostgreSQL refuses NUL; a lone surrogate becomes U+FFFD), so a
 * hash computed over it would not match the stored row — it is refused with 422 `unsafe_text` naming the field.
 */
import { type UnsafeChar, unsafeCharIn } from '../../common/safe-text.js';
import { AppError } from './errors.js';

/** Deeper than any body the API takes; stops recursion in validators and serialisers. */
export const MAX_DEPTH = 32;

const WHERE: Record<string, string> = { params: '路径参数', querystring: '查询参数', body: '请求体' };
const WHAT: Record<UnsafeChar, string> = {
  nul: '含有空字符（U+0000），无法保存',
  lone_surrogate: '含有不成对的 UTF-16 代理字符（不是有效的 Unicode 文本），无法保存',
};

export type InputProblem = { path: string; kind: UnsafeChar | 'too_deep' };

/** The first unsafe string (or the first too deep value) in `value`, walked without recursion. */
export function findInputProblem(value: unknown, maxDepth = MAX_DEPTH): InputProblem | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === 'string') {
      const kind = unsafeCharIn(v);
      if (kind) return { path, kind };
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    // parsed input is plain objects and arrays; a streamed body (the entity import reads the request itself) or a
    // Buffer is not walked — its text is checked by whoever reads it
    if (v instanceof Readable || Buffer.isBuffer(v)) continue;
    if (depth >= maxDepth) return { path, kind: 'too_deep' };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], path ? `${path}.${i}` : String(i), depth + 1]);
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [k, child] = entries[i] as [string, unknown];
      const kind = unsafeCharIn(k);
      if (kind) return { path: path ? `${path}.${printable(k)}` : printable(k), kind };
      stack.push([child, path ? `${path}.${k}` : k, depth + 1]);
    }
  }
  return null;
}

/** A key fit to be named in an answer (and stored in none). */
const printable = (k: string) => JSON.stringify(k).slice(1, -1);

/** Throws the problem of the first part of the request (params, querystring, body) that fails the check. */
export function assertSafeInput(parts: { params?: unknown; querystring?: unknown; body?: unknown }): void {
  for (const where of ['params', 'querystring', 'body'] as const) {
    const problem = findInputProblem(parts[where]);
    if (!problem) continue;
    const field = problem.path || where;
    if (problem.kind === 'too_deep')
      throw new AppError(400, 'too_deep', `${WHERE[where]}嵌套过深：${field} 超过 ${MAX_DEPTH} 层`, [
        { path: field, message: `嵌套超过 ${MAX_DEPTH} 层` },
      ]);
    const message = WHAT[problem.kind];
    throw new AppError(422, 'unsafe_text', `${WHERE[where]}有误：${field} ${message}`, [{ path: field, message }]);
  }
}
