/**
 * The enforcement-item catalogue (事项清单): items with versions, links from inspection/coercion items to their
 * penalty item, claims by orgs, and import with per-row results.
 */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type {
  ItemImportResultOut,
  ItemListQuery,
  ItemOut,
  ItemPutBody,
  ItemRecordOut,
  ItemVersionOut,
  LegalBasis,
} from '../../../common/contracts/catalog.contract.js';
import type { PageOf } from '../../../common/contracts/kit.js';
import {
  type BasisLevel,
  ITEM_LEVELS,
  ITEM_TYPES,
  type ItemLevel,
  type ItemStatus,
  type ItemType,
  SECTORS,
  type Sector,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { containsPattern, paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { orgPolicy, orgs } from '../orgs/orgs.api.js';
import { parseCsvRecords } from '../../platform/csv.js';
import { itemFactsOf, itemPolicy } from './catalog.policy.js';
import { orgLevel } from './catalog.rules.js';
import { itemClaims, itemVersions, items } from './catalog.schema.js';

/** What the services take to write an item (create, revision, import row): the whole item. */
type ItemInput = ItemPutBody;

export interface CatalogDeps {
  db: Db;
  clock: Clock;
}

type ItemRow = typeof items.$inferSelect;

export function presentItem(i: ItemRow): ItemOut {
  return {
    id: i.id,
    baseCode: i.baseCode,
    name: i.name,
    legalBasis: i.legalBasis,
    type: i.type as ItemType,
    sector: i.sector as Sector,
    levels: i.levels as ItemLevel[],
    basisLevel: i.basisLevel as BasisLevel,
    status: i.status as ItemStatus,
    version: i.version,
    townshipGuiding: i.townshipGuiding,
    major: i.major,
    parentItemId: i.parentItemId,
    updatedAt: i.updatedAt,
  };
}

/** An item's record view: what the actor may do with it (`abilities`). */
export const itemView = (actor: Actor, i: ItemRow): ItemRecordOut => ({
  ...presentItem(i),
  abilities: abilitiesOf(itemPolicy, actor, itemFactsOf(i)),
});

export { orgLevel };

/**
 * Province-level org admins keep the catalogue of their sector; city org admins add items from city rules
 * (`item.update` of the item as it is, or as the input describes it), refused with the rule that is broken.
 */
function requireEditor(actor: Actor, item: { sector: string; basisLevel: string }) {
  authorize(itemPolicy, 'update', actor, { id: '', sector: item.sector, basisLevel: item.basisLevel });
}

export async function loadItem(db: Db, id: string): Promise<ItemRow> {
  const [row] = await db.select().from(items).where(eq(items.id, id)).limit(1);
  if (!row) throw notFound('事项');
  return row;
}

export async function getItem(db: Db, actor: Actor, id: string) {
  return itemView(actor, await loadItem(db, id));
}

async function validateItem(tx: Db, input: ItemInput, selfId: string | null) {
  if (input.parentItemId) {
    if (!['inspection', 'coercion'].includes(input.type)) {
      throw fieldError(
        422,
        'invalid_parent_item',
        'parentItemId',
        '只有行政检查、行政强制事项可以关联所属的行政处罚事项',
      );
    }
    const [parent] = await tx.select().from(items).where(eq(items.id, input.parentItemId)).limit(1);
    if (parent?.type !== 'penalty' || parent.sector !== input.sector || parent.id === selfId) {
      throw fieldError(422, 'invalid_parent_item', 'parentItemId', '所属事项须为同一行业领域的行政处罚事项');
    }
  }
  const [dup] = await tx.select({ id: items.id }).from(items).where(eq(items.baseCode, input.baseCode.trim())).limit(1);
  if (dup && dup.id !== selfId)
    throw fieldError(409, 'duplicate_item', 'baseCode', `基本编码“${input.baseCode}”已存在`);
}

function snapshot(i: ItemRow) {
  const { createdAt: _c, updatedAt: _u, ...rest } = i;
  return rest;
}

/** The columns an input sets on every write. */
const itemColumns = (input: ItemInput) => ({
  baseCode: input.baseCode.trim(),
  name: input.name.trim(),
  legalBasis: input.legalBasis,
  type: input.type,
  sector: input.sector,
  levels: [...new Set(input.levels)],
  basisLevel: input.basisLevel,
});

async function insertItem(tx: Db, actor: Actor, input: ItemInput, now: Date): Promise<ItemRow> {
  const id = randomUUID();
  const [row] = await tx
    .insert(items)
    .values({
      id,
      ...itemColumns(input),
      status: input.status ?? 'active',
      version: 1,
      townshipGuiding: input.townshipGuiding ?? false,
      major: input.major ?? false,
      parentItemId: input.parentItemId ?? null,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const item = row as ItemRow;
  await tx
    .insert(itemVersions)
    .values({ itemId: id, version: 1, snapshot: snapshot(item), changedBy: actor.userId, changedAt: now });
  return item;
}

async function replaceItem(tx: Db, actor: Actor, current: ItemRow, input: ItemInput, now: Date): Promise<ItemRow> {
  const [row] = await tx
    .update(items)
    .set({
      ...itemColumns(input),
      status: input.status ?? current.status,
      townshipGuiding: input.townshipGuiding ?? current.townshipGuiding,
      major: input.major ?? current.major,
      parentItemId: input.parentItemId === undefined ? current.parentItemId : input.parentItemId,
      version: current.version + 1,
      updatedAt: now,
    })
    .where(eq(items.id, current.id))
    .returning();
  const item = row as ItemRow;
  await tx.insert(itemVersions).values({
    itemId: item.id,
    version: item.version,
    snapshot: snapshot(item),
    changedBy: actor.userId,
    changedAt: now,
  });
  return item;
}

export async function createItem(deps: CatalogDeps, ctx: RequestContext, actor: Actor, input: ItemInput) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'item.create', resourceType: 'item' }, async (tx) => {
    authorize(itemPolicy, 'create', actor);
    requireEditor(actor, input);
    await validateItem(tx, input, null);
    const item = await insertItem(tx, actor, input, deps.clock.now());
    return { value: itemView(actor, item), resourceId: item.id };
  });
}

/** PUT: the whole item again; a new version is kept. */
export async function updateItem(deps: CatalogDeps, ctx: RequestContext, actor: Actor, id: string, input: ItemInput) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'item.update', resourceType: 'item', resourceId: id },
    async (tx) => {
      const current = await loadItem(tx, id);
      requireEditor(actor, current);
      requireEditor(actor, input);
      await validateItem(tx, input, id);
      return { value: itemView(actor, await replaceItem(tx, actor, current, input, deps.clock.now())) };
    },
  );
}

export async function itemVersionList(db: Db, id: string): Promise<PageOf<ItemVersionOut>> {
  await loadItem(db, id);
  const rows = await db
    .select()
    .from(itemVersions)
    .where(eq(itemVersions.itemId, id))
    .orderBy(desc(itemVersions.version));
  return {
    data: rows.map((r) => ({
      version: r.version,
      snapshot: r.snapshot as Record<string, unknown>,
      changedBy: r.changedBy,
      changedAt: r.changedAt,
    })),
    total: rows.length,
  };
}

/** A catalogue search: the list query, with `competent` resolved to the caller's org and today. */
export interface ItemSearch extends Omit<ItemListQuery, 'competent'> {
  /** Only items this org holds on that date: claimed and of its sector, or for a township delegated and in force. */
  competentOrg?: { id: string; kind: string; sector: string; at: Date };
}

/** SQL twin of the case module's competence rule (server/modules/cases/case-competence.ts). */
function competenceCondition(org: NonNullable<ItemSearch['competentOrg']>) {
  if (org.kind === 'township') {
    const date = new Date(org.at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    return sql`exists (select 1 from delegations d where ${org.id}::uuid = any(d.township_org_ids) and ${items.id} = any(d.item_ids) and d.status in ('announced', 'evaluated') and d.effective_date <= ${date}::date)`;
  }
  return and(
    sql`exists (select 1 from item_claims c where c.item_id = ${items.id} and c.org_id = ${org.id})`,
    org.kind === 'comprehensive' ? undefined : eq(items.sector, org.sector),
  );
}

/** Catalogue search: base-code prefix, name substring, or a near name (pg_trgm similarity), best match first. */
export async function listItems(db: Db, q: ItemSearch): Promise<PageOf<ItemOut>> {
  const text = q.q?.trim();
  const where = and(
    text
      ? or(
          sql`${items.baseCode} ilike ${`${text.replace(/[\\%_]/g, '\\$&')}%`}`,
          sql`${items.name} ilike ${containsPattern(text)}`,
          sql`word_similarity(${text}, ${items.name}) >= 0.35`,
        )
      : undefined,
    q.type ? eq(items.type, q.type) : undefined,
    q.sector ? eq(items.sector, q.sector) : undefined,
    q.level ? sql`${q.level} = any(${items.levels})` : undefined,
    q.townshipGuiding !== undefined ? eq(items.townshipGuiding, q.townshipGuiding) : undefined,
    q.status ? eq(items.status, q.status) : undefined,
    q.claimedBy
      ? sql`exists (select 1 from item_claims c where c.item_id = ${items.id} and c.org_id = ${q.claimedBy})`
      : undefined,
    q.competentOrg ? competenceCondition(q.competentOrg) : undefined,
  );
  const order = text
    ? [desc(sql`similarity(${items.name}, ${text})`), asc(items.baseCode)]
    : [asc(items.sector), asc(items.baseCode)];
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      db
        .select()
        .from(items)
        .where(where)
        .orderBy(...order, asc(items.id))
        .limit(limit)
        .offset(offset),
    () => totalOf(db.select({ total: count() }).from(items).where(where)),
  );
  return { data: rows.map(presentItem), total };
}

/** 认领: an org admin claims an item for its own org; the item must fit the org's sector and level. */
export async function claimItem(deps: CatalogDeps, ctx: RequestContext, actor: Actor, itemId: string, orgId: string) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'item.claim', resourceType: 'item', resourceId: itemId },
    async (tx) => {
      const item = await loadItem(tx, itemId);
      const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
      if (!org || !can(orgPolicy, 'read', actor, { ...org, orgId: org.id }))
        throw fieldError(422, 'invalid_org', 'orgId', '认领单位不存在或不在管辖范围内');
      authorize(itemPolicy, 'claim', actor, { ...itemFactsOf(item), claimFor: org.id });
      const sectorOk = org.sector === item.sector || org.kind === 'township' || org.kind === 'comprehensive';
      if (!sectorOk) throw fieldError(422, 'claim_not_allowed', 'orgId', '事项的行业领域与认领单位不符');
      if (!(item.levels as string[]).includes(orgLevel(org.regionCode))) {
        throw fieldError(422, 'claim_not_allowed', 'orgId', '事项的行使层级不包含认领单位所在层级');
      }
      if (item.status !== 'active') throw fieldError(422, 'claim_not_allowed', 'itemId', '已废止的事项不能认领');
      const inserted = await tx
        .insert(itemClaims)
        .values({ itemId, orgId, claimedBy: actor.userId, claimedAt: deps.clock.now() })
        .onConflictDoNothing()
        .returning();
      if (inserted.length === 0) throw new AppError(409, 'already_claimed', '该单位已认领此事项');
      return { value: { itemId, orgId, claimedAt: deps.clock.now() } };
    },
  );
}

// ── Import ──

export type ItemImportRow =
  | { row: number; status: 'created' | 'updated' | 'unchanged'; id: string; baseCode: string }
  | { row: number; status: 'error'; baseCode?: string; errors: { field: string; message: string }[] };

const CSV_HEADERS = [
  'baseCode',
  'name',
  'law',
  'article',
  'type',
  'sector',
  'levels',
  'basisLevel',
  'townshipGuiding',
  'major',
  'parentBaseCode',
];

/** Rows from CSV (header as in CSV_HEADERS; levels separated by |) or from a JSON array of item objects. */
export function rowsFromCsv(text: string): Record<string, unknown>[] {
  const [headerRecord, ...lines] = parseCsvRecords(text.replace(/^\uFEFF/, ''));
  if (!headerRecord) return [];
  const cols = headerRecord.cells.map((h) => h.trim());
  const missing = CSV_HEADERS.slice(0, 8).filter((h) => !cols.includes(h));
  if (missing.length > 0) throw fieldError(422, 'invalid_header', 'file', `表头缺少列：${missing.join('、')}`);
  return lines
    .filter((l) => l.cells.some((c) => c.trim() !== ''))
    .map(({ cells, line }) => {
      const r: Record<string, string> = {};
      cols.forEach((c, i) => {
        r[c] = (cells[i] ?? '').trim();
      });
      return {
        baseCode: r.baseCode,
        name: r.name,
        legalBasis: { law: r.law, article: r.article },
        type: r.type,
        sector: r.sector,
        levels: (r.levels ?? '')
          .split(/[|｜]/)
          .map((s) => s.trim())
          .filter(Boolean),
        basisLevel: r.basisLevel,
        townshipGuiding: ['true', '1', '是'].includes((r.townshipGuiding ?? '').toLowerCase()),
        major: ['true', '1', '是'].includes((r.major ?? '').toLowerCase()),
        parentBaseCode: r.parentBaseCode || undefined,
        _line: line,
      };
    });
}

function checkImportRow(raw: Record<string, unknown>): {
  errors: { field: string; message: string }[];
  input?: ItemInput & { parentBaseCode?: string };
} {
  const errors: { field: string; message: string }[] = [];
  const str = (k: string) => (typeof raw[k] === 'string' ? (raw[k] as string).trim() : '');
  const basis = (raw.legalBasis ?? {}) as Partial<LegalBasis>;
  if (!str('baseCode')) errors.push({ field: 'baseCode', message: '基本编码不能为空' });
  if (!str('name')) errors.push({ field: 'name', message: '事项名称不能为空' });
  if (!basis.law || !basis.article)
    errors.push({ field: 'legalBasis', message: '设定依据须包含法律法规名称和条款内容' });
  if (!(ITEM_TYPES as readonly string[]).includes(str('type')))
    errors.push({ field: 'type', message: `事项类型应为 ${ITEM_TYPES.join('/')}` });
  if (!(SECTORS as readonly string[]).includes(str('sector')))
    errors.push({ field: 'sector', message: '行业领域代码无效' });
  const levels = Array.isArray(raw.levels) ? (raw.levels as string[]) : [];
  if (levels.length === 0 || levels.some((l) => !(ITEM_LEVELS as readonly string[]).includes(l)))
    errors.push({ field: 'levels', message: '行使层级应为 province/city/county/township 中的一个或多个' });
  if (!['national', 'provincial', 'city'].includes(str('basisLevel')))
    errors.push({ field: 'basisLevel', message: '依据层级应为 national/provincial/city' });
  if (errors.length > 0) return { errors };
  return {
    errors,
    input: {
      baseCode: str('baseCode'),
      name: str('name'),
      legalBasis: { law: String(basis.law), article: String(basis.article) },
      type: str('type') as ItemType,
      sector: str('sector') as Sector,
      levels: levels as ItemLevel[],
      basisLevel: str('basisLevel') as BasisLevel,
      townshipGuiding: raw.townshipGuiding === true,
      major: raw.major === true,
      ...(str('parentBaseCode') ? { parentBaseCode: str('parentBaseCode') } : {}),
    },
  };
}

const sameItem = (a: ItemRow, b: ItemInput, parentId: string | null) =>
  a.name === b.name.trim() &&
  a.legalBasis.law === b.legalBasis.law &&
  a.legalBasis.article === b.legalBasis.article &&
  a.type === b.type &&
  a.sector === b.sector &&
  [...a.levels].sort().join() === [...new Set(b.levels)].sort().join() &&
  a.basisLevel === b.basisLevel &&
  a.townshipGuiding === (b.townshipGuiding ?? false) &&
  a.major === (b.major ?? false) &&
  a.parentItemId === parentId;

/** Import: a row with a new base code creates an item; an existing one gets a new version when it differs. */
export async function importItems(
  deps: CatalogDeps,
  ctx: RequestContext,
  actor: Actor,
  rawRows: Record<string, unknown>[],
) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'item.import', resourceType: 'item' }, async (tx) => {
    authorize(itemPolicy, 'import', actor);
    const now = deps.clock.now();
    const results: ItemImportRow[] = [];
    for (const [i, raw] of rawRows.entries()) {
      // CSV rows carry their file line; JSON rows are numbered from 1
      const row = typeof raw._line === 'number' ? raw._line : i + 1;
      const { errors, input } = checkImportRow(raw);
      if (!input) {
        results.push({
          row,
          status: 'error',
          baseCode: typeof raw.baseCode === 'string' ? raw.baseCode : undefined,
          errors,
        });
        continue;
      }
      try {
        requireEditor(actor, input);
        let parentItemId: string | null = null;
        if (input.parentBaseCode) {
          const [parent] = await tx
            .select({ id: items.id })
            .from(items)
            .where(eq(items.baseCode, input.parentBaseCode))
            .limit(1);
          if (!parent)
            throw fieldError(
              422,
              'invalid_parent_item',
              'parentBaseCode',
              `所属事项 ${input.parentBaseCode} 不存在（须排在本行之前）`,
            );
          parentItemId = parent.id;
        }
        const { parentBaseCode: _p, ...itemInput } = input;
        const full = { ...itemInput, parentItemId };
        const [existing] = await tx.select().from(items).where(eq(items.baseCode, input.baseCode)).limit(1);
        await validateItem(tx, full, existing?.id ?? null);
        if (!existing) {
          const created = await insertItem(tx, actor, full, now);
          results.push({ row, status: 'created', id: created.id, baseCode: created.baseCode });
        } else if (sameItem(existing, full, parentItemId)) {
          results.push({ row, status: 'unchanged', id: existing.id, baseCode: existing.baseCode });
        } else {
          await replaceItem(tx, actor, existing, full, now);
          results.push({ row, status: 'updated', id: existing.id, baseCode: existing.baseCode });
        }
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        results.push({
          row,
          status: 'error',
          baseCode: input.baseCode,
          errors: (err.errors ?? [{ path: 'row', message: err.detail }]).map((e) => ({
            field: e.path,
            message: e.message,
          })),
        });
      }
    }
    const tally = (s: string) => results.filter((r) => r.status === s).length;
    const value: ItemImportResultOut = {
      created: tally('created'),
      updated: tally('updated'),
      unchanged: tally('unchanged'),
      errors: tally('error'),
      rows: results,
    };
    return { value };
  });
}

/** Items with their linked inspection/coercion items (for delegation). */
export async function withLinkedItems(db: Db, itemIds: string[]): Promise<ItemRow[]> {
  if (itemIds.length === 0) return [];
  return db
    .select()
    .from(items)
    .where(or(inArray(items.id, itemIds), inArray(items.parentItemId, itemIds)));
}

export async function claimsOfOrg(db: Db, orgId: string) {
  const rows = await db
    .select({ item: items, claimedAt: itemClaims.claimedAt })
    .from(itemClaims)
    .innerJoin(items, eq(items.id, itemClaims.itemId))
    .where(eq(itemClaims.orgId, orgId))
    .orderBy(asc(items.baseCode));
  return {
    data: rows.map((r) => ({ ...presentItem(r.item), claimedAt: r.claimedAt.toISOString() })),
    total: rows.length,
  };
}
