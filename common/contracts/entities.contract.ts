/**
 * Contract of the target library (检查对象名录库): `/api/v1/entities` and its streaming import, whose answer is NDJSON
 * (one `EntityImportEvent` a line).
 */
import { z } from 'zod';
import { CASE_STATES } from '../case-flow.js';
import { ENTITY_KINDS, ENTITY_SECTORS, ENTITY_STATUSES, GRADE_CLASSES, SECTORS } from '../enums.js';
import { EntityInspectionView } from './inspections.contract.js';
import { Abilities, Instant, Page, PageQuery, RegionCode, Warning, type Wire } from './kit.js';
import { EntityVisitView } from './visits.contract.js';

/** Longest name, address and legal representative (the form, the API and the import check these). */
export const ENTITY_NAME_MAX = 200;
export const ENTITY_ADDRESS_MAX = 300;
export const ENTITY_PERSON_MAX = 50;

// Requests

const Grade = z.enum(GRADE_CLASSES);

export const EntityListQuery = PageQuery.extend({
  q: z.string().max(100).optional(),
  regionCode: RegionCode.optional(),
  sector: z.enum(ENTITY_SECTORS).optional(),
  riskClass: Grade.optional(),
  creditClass: Grade.optional(),
  status: z.enum(ENTITY_STATUSES).optional(),
});
export type EntityListQuery = z.output<typeof EntityListQuery>;

const Fields = {
  uscc: z.string().trim().min(1, '统一社会信用代码不能为空').max(32),
  name: z.string().trim().min(2).max(ENTITY_NAME_MAX),
  kind: z.enum(ENTITY_KINDS),
  regionCode: RegionCode,
  sectors: z.array(z.enum(ENTITY_SECTORS)).min(1, '至少选择一个行业领域').max(ENTITY_SECTORS.length),
  address: z.string().trim().min(2).max(ENTITY_ADDRESS_MAX),
  legalRepresentative: z.string().trim().min(1).max(ENTITY_PERSON_MAX),
  riskClass: Grade,
  creditClass: Grade,
  status: z.enum(ENTITY_STATUSES),
};

export const EntityCreateBody = z.object({ ...Fields, status: Fields.status.default('active') });
export type EntityCreateBody = z.output<typeof EntityCreateBody>;

export const EntityPatchBody = z
  .object(Fields)
  .partial()
  .refine((b) => Object.keys(b).length > 0, '请至少修改一个字段');
export type EntityPatchBody = z.output<typeof EntityPatchBody>;

export const EntityImportQuery = z.object({
  format: z.enum(['csv', 'xlsx']).optional().describe('文件格式；缺省按 Content-Type 判断'),
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1')
    .describe('只校验、不写入（各行结果为 ok）'),
  rows: z.enum(['all', 'problems']).default('all').describe('all：每行一条结果；problems：只发有错误或警告的行'),
});
export type EntityImportQuery = z.output<typeof EntityImportQuery>;

// Answers

export const EntityView = z.object({
  id: z.uuid(),
  uscc: z.string(),
  /** False when the check character does not match (an early code kept as entered). */
  usccCheckValid: z.boolean(),
  name: z.string(),
  kind: z.enum(ENTITY_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  sectors: z.array(z.enum(SECTORS)),
  address: z.string(),
  /** Masked (张*三): the full name is sealed and never sent. */
  legalRepresentative: z.string(),
  riskClass: Grade,
  creditClass: Grade,
  status: z.enum(ENTITY_STATUSES),
  createdAt: Instant,
  updatedAt: Instant,
  warnings: z.array(Warning).optional(),
  /** What the caller may do with this entity (`read`, `update`). */
  abilities: Abilities,
});
export type Entity = Wire<typeof EntityView>;
export type EntityOut = z.output<typeof EntityView>;
export const EntityPage = Page(EntityView);

/** A penalty case of the entity (as a party, by its USCC) that the caller may see. */
export const EntityCaseView = z.object({
  id: z.uuid(),
  number: z.string(),
  orgName: z.string(),
  itemName: z.string().nullable(),
  state: z.enum(CASE_STATES),
  stateLabel: z.string(),
  filedAt: Instant.nullable(),
  decidedAt: Instant.nullable(),
});
export type EntityCase = Wire<typeof EntityCaseView>;

/** GET /api/v1/entities/:id — the entity with what the platform knows of it. */
export const EntityDetailView = EntityView.extend({
  cases: z.array(EntityCaseView),
  /** The entity's entry scans (扫码入企) the caller may see, newest first. */
  visits: z.array(EntityVisitView),
  /** The entity's targets in random-inspection tasks (双随机) the caller may see, with their outcomes. */
  inspections: z.array(EntityInspectionView),
  /** Coming with the complaints module: empty until then. */
  complaints: z.array(z.unknown()),
});
export type EntityDetail = Wire<typeof EntityDetailView>;
export type EntityDetailOut = z.output<typeof EntityDetailView>;

// The import's NDJSON lines

const FieldError = z.object({ field: z.string(), message: z.string() });

export const EntityImportRowView = z.union([
  z.object({
    type: z.literal('row'),
    line: z.number().int(),
    status: z.enum(['created', 'updated', 'ok']),
    id: z.uuid().optional(),
    uscc: z.string(),
    warnings: z.array(Warning).optional(),
  }),
  z.object({
    type: z.literal('row'),
    line: z.number().int(),
    status: z.literal('error'),
    uscc: z.string().optional(),
    errors: z.array(FieldError),
  }),
]);
export type EntityImportRow = Wire<typeof EntityImportRowView>;

export const EntityImportCountsView = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  ok: z.number().int(),
  errors: z.number().int(),
  warnings: z.number().int(),
});
export type EntityImportCounts = Wire<typeof EntityImportCountsView>;

/** One line of the NDJSON stream POST /api/v1/entities/import answers with. */
export const EntityImportEventView = z.union([
  EntityImportRowView,
  EntityImportCountsView.extend({ type: z.literal('progress'), bytes: z.number().int() }),
  EntityImportCountsView.extend({ type: z.literal('summary'), dryRun: z.boolean() }),
  EntityImportCountsView.extend({
    type: z.literal('failed'),
    code: z.string(),
    message: z.string(),
    line: z.number().int().nullable(),
  }),
]);
export type EntityImportEvent = Wire<typeof EntityImportEventView>;
