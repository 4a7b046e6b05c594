import type { PageQuery } from '../../common/contracts/kit.js';

export { PageQuery } from '../../common/contracts/kit.js';

export const offsetOf = (q: PageQuery) => (q.current - 1) * q.pageSize;

/** An ILIKE pattern that matches `text` anywhere, with LIKE's own characters escaped. */
export const containsPattern = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A page of a list and the list's size, queried together: the `{ data, total }` of every list endpoint. `rows` gets
 * the page's limit and offset; `count` counts every row the same filter selects.
 */
export async function paged<T>(
  q: PageQuery,
  rows: (limit: number, offset: number) => Promise<T[]>,
  count: () => Promise<number>,
): Promise<{ data: T[]; total: number }> {
  const [data, total] = await Promise.all([rows(q.pageSize, offsetOf(q)), count()]);
  return { data, total };
}

/** The `total` of a `select({ total: count() })` query, as a number. */
export const totalOf = async (rows: PromiseLike<{ total: number | string }[]>) => Number((await rows)[0]?.total ?? 0);
