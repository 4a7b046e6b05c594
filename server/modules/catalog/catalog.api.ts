/**
 * What other modules may use of the catalogue of enforcement items (权责清单): an item by id, its view, the level of
 * an org's region, and the `items` / `itemClaims` tables for foreign keys and read-only joins (a case's item, whether
 * the case's org claimed it). Writes go through catalog.service.
 */
export { itemClaims, items } from './catalog.schema.js';
export { loadItem, orgLevel, presentItem, withLinkedItems } from './catalog.service.js';
