/**
 * The target library (检查对象名录库): one library for every department. Staff see the entities of their region
 * subtree (whatever their sector); officers, department heads and org admins of enforcement orgs register and
 * change them. The legal representative is sealed; only its masked name ever leaves the server.
 */
import { randomUUID } from 'node:crypto';
import { type SQL, and, arrayContains, asc, count, desc, eq, ilike, like, or, sql } from 'drizzle-orm';
import type {
  EntityDetailOut,
  EntityListQuery,
  EntityOut,
  EntityPatchBody,
} from '../../../common/contracts/entities.contract.js';
import type { PageOf, Warning } from '../../../common/contracts/kit.js';
import type { EntityKind, EntityStatus, GradeClass, RegionLevel, Sector } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import { fieldError, notFound } from '../../platform/errors.js';
import { containsPattern, paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { regionPrefix } from '../../platform/scope.js';
import { runAudited } from '../audit/audit.api.js';
import { casesOfParty } from '../cases/cases.api.js';
import { maskPersonName } from '../../platform/masking.js';
import { regions } from '../regions/regions.api.js';
import { ENTITY_REGION_LEVELS, type EntityInput, normaliseUscc, regionLevelMessage } from './entities.rules.js';
import { entityPolicy, entityRegionInScope } from './entities.policy.js';
import { entities } from './entities.schema.js';
import { entityInspections, entityVisits } from './entity-details.api.js';

export interface EntityDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  /** Largest import file in bytes. */
  importMaxBytes: number;
}

type Row = typeof entities.$inferSelect & { regionName: string };

const SELECT = {
  id: entities.id,
  uscc: entities.uscc,
  usccCheckValid: entities.usccCheckValid,
  name: entities.name,
  kind: entities.kind,
  regionCode: entities.regionCode,
  regionName: regions.name,
  sectors: entities.sectors,
  address: entities.address,
  legalRepMasked: entities.legalRepMasked,
  riskClass: entities.riskClass,
  creditClass: entities.creditClass,
  status: entities.status,
  createdAt: entities.createdAt,
  updatedAt: entities.updatedAt,
};
type Selected = { [K in keyof typeof SELECT]: K extends 'regionName' ? string : Row[K & keyof Row] };

/** An entity as every answer states it, before the caller's abilities are added. */
type EntityFacts = Omit<EntityOut, 'abilities'>;

export function presentEntity(r: Selected, warnings?: Warning[]): EntityFacts {
  return {
    id: r.id,
    uscc: r.uscc,
    usccCheckValid: r.usccCheckValid,
    name: r.name,
    kind: r.kind as EntityKind,
    regionCode: r.regionCode,
    regionName: r.regionName,
    sectors: r.sectors as Sector[],
    address: r.address,
    legalRepresentative: r.legalRepMasked,
    riskClass: r.riskClass as GradeClass,
    creditClass: r.creditClass as GradeClass,
    status: r.status as EntityStatus,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...(warnings && warnings.length > 0 ? { warnings } : {}),
  };
}

/** An entity as the caller sees it, with what the caller may do with it (entities.policy.ts). */
const withAbilities = <T extends EntityFacts>(actor: Actor, e: T): T & { abilities: string[] } => ({
  ...e,
  abilities: abilitiesOf(entityPolicy, actor, { id: e.id, regionCode: e.regionCode, sectors: e.sectors }),
});

const USCC_LIKE = /^[0-9A-HJ-NPQRTUWXY]{1,18}$/;

/** `q`: a whole USCC matches exactly, the start of one by prefix (≥ 4 characters), and the name by trigram. */
function searchCondition(text: string): { where: SQL; rank: SQL | null } {
  const q = text.trim();
  const upper = q.toUpperCase();
  const byName = ilike(entities.name, containsPattern(q));
  if (upper.length === 18 && USCC_LIKE.test(upper)) return { where: eq(entities.uscc, upper), rank: null };
  const rank = sql`similarity(${entities.name}, ${q})`;
  if (upper.length >= 4 && USCC_LIKE.test(upper))
    return { where: or(like(entities.uscc, `${upper}%`), byName) ?? byName, rank };
  return { where: byName, rank };
}

export async function listEntities(deps: EntityDeps, actor: Actor, q: EntityListQuery): Promise<PageOf<EntityOut>> {
  const search = q.q?.trim() ? searchCondition(q.q) : null;
  const where = and(
    entityPolicy.readable?.(actor),
    q.regionCode ? like(entities.regionCode, `${regionPrefix(q.regionCode)}%`) : undefined,
    q.sector ? arrayContains(entities.sectors, [q.sector]) : undefined,
    q.riskClass ? eq(entities.riskClass, q.riskClass) : undefined,
    q.creditClass ? eq(entities.creditClass, q.creditClass) : undefined,
    q.status ? eq(entities.status, q.status) : undefined,
    search?.where,
  );
  const order = search?.rank
    ? [desc(search.rank), asc(entities.name), asc(entities.id)]
    : [asc(entities.name), asc(entities.id)];
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      deps.db
        .select(SELECT)
        .from(entities)
        .innerJoin(regions, eq(regions.code, entities.regionCode))
        .where(where)
        .orderBy(...order)
        .limit(limit)
        .offset(offset),
    () => totalOf(deps.db.select({ total: count() }).from(entities).where(where)),
  );
  return { data: rows.map((r) => withAbilities(actor, presentEntity(r as Selected))), total };
}

async function loadInScope(db: Db, actor: Actor, id: string, lock = false): Promise<Selected> {
  const base = db
    .select(SELECT)
    .from(entities)
    .innerJoin(regions, eq(regions.code, entities.regionCode))
    .where(eq(entities.id, id))
    .limit(1);
  const [row] = (await (lock ? base.for('update', { of: entities }) : base)) as Selected[];
  if (!row || !can(entityPolicy, 'read', actor, { id: row.id, regionCode: row.regionCode, sectors: row.sectors }))
    throw notFound('检查对象');
  return row;
}

export async function getEntity(deps: EntityDeps, actor: Actor, id: string): Promise<EntityDetailOut> {
  const row = await loadInScope(deps.db, actor, id);
  const cases = await casesOfParty(deps.db, actor, row.uscc);
  const inspections = await entityInspections(deps.db, actor, row.id);
  const visits = await entityVisits(deps.db, actor, row.id);
  return withAbilities(actor, { ...presentEntity(row), cases, visits, inspections, complaints: [] });
}

/** The region must exist, be a county or a township, and lie in the caller's region subtree. */
async function checkRegion(tx: Db, actor: Actor, code: string) {
  const [region] = await tx.select().from(regions).where(eq(regions.code, code)).limit(1);
  if (!region) throw fieldError(422, 'unknown_region', 'regionCode', `所在区划代码 ${code} 不存在`);
  if (!(ENTITY_REGION_LEVELS as readonly string[]).includes(region.level as RegionLevel))
    throw fieldError(422, 'invalid_region_level', 'regionCode', regionLevelMessage(code));
  if (!entityRegionInScope(actor, code))
    throw fieldError(422, 'out_of_scope', 'regionCode', '所在区划不在本单位的管辖范围内');
}

async function checkUsccFree(tx: Db, uscc: string, selfId: string | null) {
  const [same] = await tx.select({ id: entities.id }).from(entities).where(eq(entities.uscc, uscc)).limit(1);
  if (same && same.id !== selfId) throw fieldError(409, 'duplicate_uscc', 'uscc', '该统一社会信用代码已在名录库中登记');
}

function usccOf(text: string) {
  const u = normaliseUscc(text);
  if (!u.ok) throw fieldError(422, 'invalid_uscc', 'uscc', u.message);
  return u;
}

/** Sealed, hashed and masked columns of a legal representative. */
export function legalRepColumns(sealer: Sealer, name: string) {
  const n = name.trim();
  return { legalRepSealed: sealer.seal(n), legalRepHash: sealer.lookupHash(n), legalRepMasked: maskPersonName(n) };
}

export async function createEntity(deps: EntityDeps, ctx: RequestContext, actor: Actor, input: EntityInput) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'entity.create', resourceType: 'entity' }, async (tx) => {
    authorize(entityPolicy, 'create', actor);
    const u = usccOf(input.uscc);
    await checkRegion(tx, actor, input.regionCode);
    await checkUsccFree(tx, u.uscc, null);
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(entities).values({
      id,
      uscc: u.uscc,
      usccCheckValid: u.checkValid,
      name: input.name.trim(),
      kind: input.kind,
      regionCode: input.regionCode,
      sectors: [...new Set(input.sectors)],
      address: input.address.trim(),
      ...legalRepColumns(deps.sealer, input.legalRepresentative),
      riskClass: input.riskClass,
      creditClass: input.creditClass,
      status: input.status,
      createdAt: now,
      updatedAt: now,
      createdBy: actor.userId,
      updatedBy: actor.userId,
    });
    const warnings = u.warning ? [u.warning] : [];
    return { value: withAbilities(actor, presentEntity(await loadInScope(tx, actor, id), warnings)), resourceId: id };
  });
}

export async function updateEntity(
  deps: EntityDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: EntityPatchBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'entity.update', resourceType: 'entity', resourceId: id },
    async (tx) => {
      const current = await loadInScope(tx, actor, id, true);
      authorize(entityPolicy, 'update', actor, { id, regionCode: current.regionCode, sectors: current.sectors });
      const set: Partial<typeof entities.$inferInsert> = { updatedAt: deps.clock.now(), updatedBy: actor.userId };
      const warnings: Warning[] = [];
      if (patch.uscc !== undefined) {
        const u = usccOf(patch.uscc);
        await checkUsccFree(tx, u.uscc, id);
        Object.assign(set, { uscc: u.uscc, usccCheckValid: u.checkValid });
        if (u.warning) warnings.push(u.warning);
      }
      if (patch.regionCode !== undefined && patch.regionCode !== current.regionCode) {
        await checkRegion(tx, actor, patch.regionCode);
        set.regionCode = patch.regionCode;
      }
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.address !== undefined) set.address = patch.address.trim();
      if (patch.sectors !== undefined) set.sectors = [...new Set(patch.sectors)];
      if (patch.legalRepresentative !== undefined)
        Object.assign(set, legalRepColumns(deps.sealer, patch.legalRepresentative));
      for (const k of ['kind', 'riskClass', 'creditClass', 'status'] as const)
        if (patch[k] !== undefined) set[k] = patch[k];
      await tx.update(entities).set(set).where(eq(entities.id, id));
      return { value: withAbilities(actor, presentEntity(await loadInScope(tx, actor, id), warnings)) };
    },
  );
}
