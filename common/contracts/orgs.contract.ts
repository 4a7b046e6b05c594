/** Contract of regions and orgs (行政区划、组织机构): `/api/v1/regions`, `/api/v1/orgs`. */
import { z } from 'zod';
import { ORG_KINDS, ORG_STATUSES, REGION_LEVELS, SECTORS } from '../enums.js';
import { Abilities, Instant, PageQuery, Page, RegionCode, Warning, type Wire } from './kit.js';

// Requests

export const RegionListQuery = z.object({ parent: RegionCode.optional() });

export const OrgListQuery = PageQuery.extend({
  q: z.string().max(64).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  sector: z.enum(SECTORS).optional(),
  regionCode: RegionCode.optional(),
  status: z.enum(ORG_STATUSES).optional(),
});
export type OrgListQuery = z.output<typeof OrgListQuery>;

const Uscc = z.string().trim().max(32);

export const OrgCreateBody = z.object({
  name: z.string().trim().min(2).max(100),
  kind: z.enum(ORG_KINDS),
  sector: z.enum(SECTORS),
  regionCode: RegionCode,
  parentId: z.uuid().nullish(),
  uscc: Uscc.nullish(),
});
export type OrgCreateBody = z.output<typeof OrgCreateBody>;

export const OrgPatchBody = z.object({
  name: z.string().trim().min(2).max(100).optional(),
  kind: z.enum(ORG_KINDS).optional(),
  sector: z.enum(SECTORS).optional(),
  regionCode: RegionCode.optional(),
  parentId: z.uuid().nullable().optional(),
  uscc: Uscc.nullable().optional(),
  status: z.enum(ORG_STATUSES).optional(),
});
export type OrgPatchBody = z.output<typeof OrgPatchBody>;

// Answers

export const RegionView = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  hasChildren: z.boolean(),
});
export type Region = Wire<typeof RegionView>;
export const RegionPage = Page(RegionView);

export const OrgView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  sector: z.enum(SECTORS),
  regionCode: z.string(),
  regionName: z.string(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  uscc: z.string().nullable(),
  status: z.enum(ORG_STATUSES),
  createdAt: Instant,
  updatedAt: Instant,
  warnings: z.array(Warning).optional(),
  /** What the caller may do with this org (`read`, `update`). */
  abilities: Abilities,
});
/** An org as the console reads it. */
export type Org = Wire<typeof OrgView>;
/** An org as a handler returns it. */
export type OrgOut = z.output<typeof OrgView>;
export const OrgPage = Page(OrgView);
