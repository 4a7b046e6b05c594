/**
 * Contract of the enforcement-item catalogue (事项清单): `/api/v1/items`, claims (`/api/v1/items/:id/claims`,
 * `/api/v1/orgs/:id/items`) and the item import.
 */
import { z } from 'zod';
import { BASIS_LEVELS, ITEM_IMPORT_STATUSES, ITEM_LEVELS, ITEM_STATUSES, ITEM_TYPES, SECTORS } from '../enums.js';
import { Abilities, Instant, Page, PageQuery, type Wire } from './kit.js';

// Requests

const BooleanText = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ItemListQuery = PageQuery.extend({
  q: z.string().max(100).optional(),
  type: z.enum(ITEM_TYPES).optional(),
  sector: z.enum(SECTORS).optional(),
  level: z.enum(ITEM_LEVELS).optional(),
  status: z.enum(ITEM_STATUSES).optional(),
  townshipGuiding: BooleanText,
  claimedBy: z.uuid().optional(),
  /** Only the items the caller's org may act on today (its competence, as case registration checks it). */
  competent: BooleanText,
});
export type ItemListQuery = z.output<typeof ItemListQuery>;

export const LegalBasisBody = z.object({
  law: z.string().trim().min(2).max(200),
  article: z.string().trim().min(2).max(5000),
});

/** PUT /api/v1/items/:id: the whole item again (a revision states its basisLevel). */
export const ItemPutBody = z.object({
  baseCode: z.string().trim().min(2).max(40),
  name: z.string().trim().min(2).max(200),
  legalBasis: LegalBasisBody,
  type: z.enum(ITEM_TYPES),
  sector: z.enum(SECTORS),
  levels: z.array(z.enum(ITEM_LEVELS)).min(1),
  basisLevel: z.enum(BASIS_LEVELS),
  status: z.enum(ITEM_STATUSES).optional(),
  townshipGuiding: z.boolean().optional(),
  major: z.boolean().optional(),
  parentItemId: z.uuid().nullish(),
});
export type ItemPutBody = z.output<typeof ItemPutBody>;

/** A new item: most items rest on national law, so basisLevel may be left out (national). */
export const ItemCreateBody = ItemPutBody.extend({ basisLevel: z.enum(BASIS_LEVELS).default('national') });
export type ItemCreateBody = z.output<typeof ItemCreateBody>;

export const ItemClaimBody = z.object({ orgId: z.uuid().optional() });

// Answers

export const LegalBasisView = z.object({
  /** The law, regulation or rule, e.g. 《中华人民共和国食品安全法》. */
  law: z.string(),
  /** The article and its text (may contain line breaks). */
  article: z.string(),
});
export type LegalBasis = Wire<typeof LegalBasisView>;

/** An item as lists show it (also inside delegations). */
export const ItemView = z.object({
  id: z.uuid(),
  baseCode: z.string(),
  name: z.string(),
  legalBasis: LegalBasisView,
  type: z.enum(ITEM_TYPES),
  sector: z.enum(SECTORS),
  levels: z.array(z.enum(ITEM_LEVELS)),
  basisLevel: z.enum(BASIS_LEVELS),
  status: z.enum(ITEM_STATUSES),
  version: z.number().int(),
  townshipGuiding: z.boolean(),
  major: z.boolean(),
  parentItemId: z.uuid().nullable(),
  updatedAt: Instant,
});
export type Item = Wire<typeof ItemView>;
export type ItemOut = z.output<typeof ItemView>;
export const ItemPage = Page(ItemView);

/** One item (GET, create, revision): with what the caller may do with it. */
export const ItemRecordView = ItemView.extend({ abilities: Abilities });
export type ItemRecord = Wire<typeof ItemRecordView>;
export type ItemRecordOut = z.output<typeof ItemRecordView>;

/** A claimed item of GET /api/v1/orgs/:id/items. */
export const ClaimedItemView = ItemView.extend({ claimedAt: Instant });
export type ClaimedItem = Wire<typeof ClaimedItemView>;
export const ClaimedItemPage = Page(ClaimedItemView);

export const ItemClaimView = z.object({ itemId: z.uuid(), orgId: z.uuid(), claimedAt: Instant });
export type ItemClaim = Wire<typeof ItemClaimView>;

/** One entry of GET /api/v1/items/:id/versions: the item as it was saved (its columns as stored). */
export const ItemVersionView = z.object({
  version: z.number().int(),
  snapshot: z.record(z.string(), z.unknown()),
  changedBy: z.uuid().nullable(),
  changedAt: Instant,
});
export type ItemVersion = Wire<typeof ItemVersionView>;
export type ItemVersionOut = z.output<typeof ItemVersionView>;
export const ItemVersionPage = Page(ItemVersionView);

export const FieldError = z.object({ field: z.string(), message: z.string() });

/** One row of an import: `id` and `baseCode` for a written row, `errors` for a refused one. */
export const ItemImportRowView = z.object({
  row: z.number().int(),
  status: z.enum(ITEM_IMPORT_STATUSES),
  id: z.uuid().optional(),
  baseCode: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type ItemImportRow = Wire<typeof ItemImportRowView>;

export const ItemImportResultView = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.number().int(),
  rows: z.array(ItemImportRowView),
});
export type ItemImportResult = Wire<typeof ItemImportResultView>;
export type ItemImportResultOut = z.output<typeof ItemImportResultView>;
