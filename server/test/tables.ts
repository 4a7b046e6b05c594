/**
 * Every table, for tests that build their fixtures row by row (modules themselves never import another module's
 * tables: they use its read API). drizzle-kit finds the same tables by globbing server/modules/<m>/<m>.schema.ts.
 */
export * from '../modules/accounts/accounts.schema.js';
export * from '../modules/audit/audit.schema.js';
export * from '../modules/cases/cases.schema.js';
export * from '../modules/catalog/catalog.schema.js';
export * from '../modules/complaints/complaints.schema.js';
export * from '../modules/delegation/delegation.schema.js';
export * from '../modules/discretion/discretion.schema.js';
export * from '../modules/entities/entities.schema.js';
export * from '../modules/orgs/orgs.schema.js';
export * from '../modules/personnel/personnel.schema.js';
export * from '../modules/publicity/publicity.schema.js';
export * from '../modules/regions/regions.schema.js';
export * from '../modules/transparency/transparency.schema.js';
export * from '../platform/procedure/procedure.schema.js';
