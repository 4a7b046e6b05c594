/**
 * What other modules may use of publicity (公示): the `publications` table for read-only joins (the workbench lists
 * decisions still to publish), and the working-day calendar and Shanghai civil date (both move to
 * server/platform/deadlines.ts). Publications are opened by the `case.decided` event (publicity.module.ts).
 */
export { publications } from './publicity.schema.js';
export { publicationPolicy } from './publicity.policy.js';
