import type { PageQuery } from '../../common/contracts/kit.js';

export { PageQuery } from '../../common/contracts/kit.js';

export const offsetOf = (q: PageQuery) => (q.current - 1) * q.pageSize;

/** An ILIKE pattern that matches `text` anywhere, with LIKE's own characters escaped. */
export const containsPattern = (text: string) => `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
