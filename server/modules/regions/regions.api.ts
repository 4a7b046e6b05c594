/**
 * What other modules may use of regions (GB/T 2260 codes). The `regions` table is exported for foreign keys and
 * read-only joins only (docs/architecture.md, "Modules").
 */
export { regions } from './regions.schema.js';
export { getRegion, listRegions } from './regions.service.js';
