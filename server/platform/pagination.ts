import { z } from 'zod';

/** `current` (1-based) and `pageSize` (≤ 200): the list contract of every `{ data, total }` endpoint. */
export const PageQuery = z.object({
  current: z.coerce.number().int().min(1).default(1).describe('页码，从 1 开始'),
  pageSize: z.coerce.number().int().min(1).max(200).default(20).describe('每页条数，最多 200'),
});
export type PageQuery = z.infer<typeof PageQuery>;

export const offsetOf = (q: PageQuery) => (q.current - 1) * q.pageSize;

/** An ILIKE pattern that matches `text` anywhere, with LIKE's own characters escaped. */
export const containsPattern = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
