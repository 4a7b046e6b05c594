/**
 * 扫码入企: entity codes, recording a visit with its flags (computed against the visits before it), lists for the
 * department and its supervisors, an entity's visits (its detail page), the scans an on-site inspection result needs,
 * and the supervisors' rating aggregates.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, count, desc, eq, gte, inArray, lte, ne, or, sql } from 'drizzle-orm';
import type {
  EntityVisitOut,
  VisitCreateBody,
  VisitListQuery,
  VisitOut,
} from '../../../common/contracts/visits.contract.js';
import { RATING_AGGREGATE_MIN } from '../../../common/contracts/visits.contract.js';
import { VISIT_FLAG_LABELS, VISIT_PURPOSE_LABELS, type VisitFlag, type VisitPurpose } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { type Clock, shanghaiDate } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, type FieldError, fieldError, fieldErrors } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { cases } from '../cases/cases.api.js';
import { items } from '../catalog/catalog.api.js';
import { entities, entityRegionInScope } from '../entities/entity-details.api.js';
import { inspectionPlans, inspectionTargets, inspectionTasks, overseenPrefix } from '../inspections/inspections.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type EligibilityConfig, checkEligibilityOf, officers } from '../personnel/personnel.api.js';
import { readableVisits, visitPolicy } from './visits.policy.js';
import {
  DEFAULT_CAP,
  JOINT_WINDOW_DAYS,
  addDays,
  capExemption,
  isEnforcement,
  orgLevel,
  visitFlags,
} from './visits.rules.js';
import { entityCodes, visitCaps, visitRatings, visits } from './visits.schema.js';

export interface VisitDeps {
  db: Db;
  clock: Clock;
  publicBaseUrl: string;
  eligibility: EligibilityConfig;
}

/** A fresh random code: 144 bits, base64url (24 characters). */
export const newToken = () => randomBytes(18).toString('base64url');

// ── entity codes ──

/** The entity's code token, made the first time it is asked for. */
export async function entityCodeToken(db: Db, entityId: string, now: Date): Promise<string> {
  await db.insert(entityCodes).values({ entityId, token: newToken(), createdAt: now }).onConflictDoNothing();
  const [row] = await db
    .select({ token: entityCodes.token })
    .from(entityCodes)
    .where(eq(entityCodes.entityId, entityId));
  return row?.token as string;
}

/** The entity an entity code names, or null. */
export async function entityByCode(db: Db, token: string, lock = false) {
  const q = db
    .select({ id: entities.id, name: entities.name, uscc: entities.uscc, regionCode: entities.regionCode })
    .from(entityCodes)
    .innerJoin(entities, eq(entities.id, entityCodes.entityId))
    .where(eq(entityCodes.token, token))
    .limit(1);
  const [row] = await (lock ? q.for('update', { of: entityCodes }) : q);
  return row ?? null;
}

// ── views ──

const visitSelect = (db: Db) =>
  db
    .select({
      v: visits,
      entityName: entities.name,
      uscc: entities.uscc,
      orgName: orgs.name,
      orgRegion: orgs.regionCode,
      taskName: inspectionTasks.name,
      itemName: items.name,
    })
    .from(visits)
    .innerJoin(entities, eq(entities.id, visits.entityId))
    .innerJoin(orgs, eq(orgs.id, visits.orgId))
    .leftJoin(inspectionTasks, eq(inspectionTasks.id, visits.taskId))
    .leftJoin(items, eq(items.id, visits.itemId));

type VisitRow = Awaited<ReturnType<ReturnType<typeof visitSelect>['execute']>>[number];

const flagViews = (v: VisitRow['v']) =>
  (v.flags as VisitFlag[]).map((code) => ({ code, label: VISIT_FLAG_LABELS[code], note: v.flagNotes[code] ?? '' }));

function presentVisit(deps: Pick<VisitDeps, 'publicBaseUrl'>, actor: Actor, r: VisitRow): VisitOut {
  const { v } = r;
  return {
    id: v.id,
    entityId: v.entityId,
    entityName: r.entityName,
    uscc: r.uscc,
    orgId: v.orgId,
    orgName: r.orgName,
    officers: v.officerIds.map((id, i) => ({ id, name: v.officerNames[i] ?? '' })),
    purpose: v.purpose as VisitPurpose,
    purposeLabel: VISIT_PURPOSE_LABELS[v.purpose as VisitPurpose],
    taskId: v.taskId,
    taskName: r.taskName,
    caseId: v.caseId,
    complaintId: v.complaintId,
    itemId: v.itemId,
    itemName: r.itemName,
    location: v.lat !== null && v.lng !== null ? { lat: v.lat, lng: v.lng } : null,
    startedAt: v.startedAt,
    recordedAt: v.recordedAt,
    recordedByName: v.recordedByName,
    capturedOffline: v.capturedOffline,
    offlineReason: v.offlineReason,
    flags: flagViews(v),
    capExemption: v.capExemption,
    publicUrl: `${deps.publicBaseUrl}/public/visits/${v.publicToken}`,
    abilities: abilitiesOf(visitPolicy, actor, {
      id: v.id,
      orgId: v.orgId,
      regionCode: r.orgRegion,
      sector: v.orgSector,
    }),
  };
}

async function visitById(deps: VisitDeps, actor: Actor, id: string, db: Db = deps.db): Promise<VisitOut> {
  const [row] = await visitSelect(db).where(eq(visits.id, id));
  if (!row) throw new AppError(404, 'not_found', '入企记录不存在或不在本单位的管辖范围内');
  return presentVisit(deps, actor, row);
}

export async function getVisit(deps: VisitDeps, actor: Actor, id: string): Promise<VisitOut> {
  await loadReadable(visitPolicy, deps.db, actor, id);
  return visitById(deps, actor, id);
}

/** The visit's 监督码 token, for its QR code (the record's read ability is checked by the route). */
export async function visitToken(db: Db, id: string): Promise<string> {
  const [row] = await db.select({ token: visits.publicToken }).from(visits).where(eq(visits.id, id));
  if (!row) throw new AppError(404, 'not_found', '入企记录不存在或不在本单位的管辖范围内');
  return row.token;
}

export async function listVisits(deps: VisitDeps, actor: Actor, q: VisitListQuery) {
  authorize(visitPolicy, 'list', actor);
  const where = and(
    readableVisits(actor),
    q.flag ? sql`${visits.flags} @> array[${q.flag}]::text[]` : undefined,
    q.purpose ? eq(visits.purpose, q.purpose) : undefined,
    q.entityId ? eq(visits.entityId, q.entityId) : undefined,
    q.orgId ? eq(visits.orgId, q.orgId) : undefined,
    q.from ? gte(visits.startedAt, new Date(`${q.from}T00:00:00+08:00`)) : undefined,
    q.to ? lte(visits.startedAt, new Date(`${addDays(q.to, 1)}T00:00:00+08:00`)) : undefined,
  );
  return paged(
    q,
    async (limit, offset) =>
      (
        await visitSelect(deps.db)
          .where(where)
          .orderBy(desc(visits.startedAt), desc(visits.id))
          .limit(limit)
          .offset(offset)
      ).map((r) => presentVisit(deps, actor, r)),
    () =>
      totalOf(deps.db.select({ total: count() }).from(visits).innerJoin(orgs, eq(orgs.id, visits.orgId)).where(where)),
  );
}

// ── recording a visit ──

interface Basis {
  entity: { id: string; name: string; uscc: string; regionCode: string };
  officers: { id: string; name: string }[];
  itemIds: string[];
  /** The item the visit is for: given, else the task's plan's first item, else the case's item. */
  item: { id: string; sector: string } | null;
}

/** Everything the body names must exist and belong to the recording department; field errors otherwise. */
async function checkBasis(tx: Db, actor: Actor, body: VisitCreateBody): Promise<Basis> {
  const entity = await entityByCode(tx, body.entityToken, true);
  if (!entity)
    throw fieldError(422, 'unknown_entity_code', 'entityToken', '未找到该入企码对应的检查对象，请核对或重新扫码');
  if (!entityRegionInScope(actor, entity.regionCode))
    throw fieldError(422, 'entity_out_of_region', 'entityToken', '该检查对象不在本单位的管辖范围内');
  const errors: FieldError[] = [];
  const found = await tx
    .select({ id: officers.id, name: officers.name, orgId: officers.orgId })
    .from(officers)
    .where(inArray(officers.id, body.officerIds));
  const list = body.officerIds.map((id, i) => {
    const o = found.find((f) => f.id === id);
    if (!o || o.orgId !== actor.org.id)
      errors.push({ path: `officerIds.${i}`, message: '入企人员不存在或不是本单位的执法人员' });
    return { id, name: o?.name ?? '' };
  });
  let itemIds: string[] = [];
  if (body.taskId) {
    const [task] = await tx
      .select({ orgIds: inspectionTasks.orgIds, itemIds: inspectionPlans.itemIds, target: inspectionTargets.entityId })
      .from(inspectionTasks)
      .innerJoin(inspectionPlans, eq(inspectionPlans.id, inspectionTasks.planId))
      .leftJoin(
        inspectionTargets,
        and(eq(inspectionTargets.taskId, inspectionTasks.id), eq(inspectionTargets.entityId, entity.id)),
      )
      .where(eq(inspectionTasks.id, body.taskId));
    if (!task?.orgIds.includes(actor.org.id))
      errors.push({ path: 'taskId', message: '检查任务不存在或不是本单位实施的任务' });
    else if (!task.target) errors.push({ path: 'taskId', message: '该检查对象不是本任务抽取的检查对象' });
    else itemIds = task.itemIds;
  }
  let caseItem: string | null = null;
  if (body.caseId) {
    const [c] = await tx
      .select({ orgId: cases.orgId, itemId: cases.itemId })
      .from(cases)
      .where(eq(cases.id, body.caseId));
    if (c?.orgId !== actor.org.id) errors.push({ path: 'caseId', message: '案件不存在或不是本单位办理的案件' });
    else caseItem = c.itemId;
  }
  const itemId = body.itemId ?? itemIds[0] ?? caseItem;
  const [item] = itemId
    ? await tx
        .select({ id: items.id, sector: items.sector, status: items.status })
        .from(items)
        .where(eq(items.id, itemId))
    : [];
  if (body.itemId && item?.status !== 'active') errors.push({ path: 'itemId', message: '执法事项不存在或已废止' });
  if (errors.length > 0) throw fieldErrors(422, 'invalid_visit', errors);
  return { entity, officers: list, itemIds, item: item ? { id: item.id, sector: item.sector } : null };
}

/** The cap that applies: the lowest published for the task's items, else the org's, else the default. */
async function capFor(tx: Db, orgId: string, itemIds: string[]) {
  const rows = await tx
    .select()
    .from(visitCaps)
    .where(
      itemIds.length > 0
        ? sql`${visitCaps.itemId} = any(${sql.param(itemIds)}::uuid[]) or ${visitCaps.orgId} = ${orgId}::uuid`
        : eq(visitCaps.orgId, orgId),
    );
  const pick = (rs: typeof rows) =>
    rs.sort((a, b) => a.perLevel - b.perLevel || a.acrossLevels - b.acrossLevels)[0] ?? null;
  const chosen = pick(rows.filter((r) => r.itemId !== null)) ?? pick(rows.filter((r) => r.orgId === orgId));
  return chosen ? { perLevel: chosen.perLevel, acrossLevels: chosen.acrossLevels, basis: chosen.basis } : DEFAULT_CAP;
}

/** Counted visits to the entity in the visit's year (Asia/Shanghai) before it, of the same sector line. */
async function priorCounts(tx: Db, entityId: string, sector: string, level: string, startedAt: Date) {
  const year = shanghaiDate(startedAt).slice(0, 4);
  const [row] = await tx
    .select({
      all: count(),
      sameLevel: sql<number>`count(*) filter (where ${visits.orgLevel} = ${level})`,
    })
    .from(visits)
    .where(
      and(
        eq(visits.entityId, entityId),
        eq(visits.capCounted, true),
        eq(visits.orgSector, sector),
        gte(visits.startedAt, new Date(`${year}-01-01T00:00:00+08:00`)),
        lte(visits.startedAt, startedAt),
      ),
    );
  return { all: Number(row?.all ?? 0), sameLevel: Number(row?.sameLevel ?? 0) };
}

/**
 * Other departments' enforcement visits to the entity in the 30 days up to this one for a similar item: the same
 * catalogue item, or an item of the same sector line (行业领域). A visit without an item matches none.
 */
async function otherDepartments(
  tx: Db,
  entityId: string,
  orgId: string,
  startedAt: Date,
  item: { id: string; sector: string } | null,
) {
  if (!item) return [];
  const since = new Date(startedAt.getTime() - JOINT_WINDOW_DAYS * 86_400_000);
  const rows = await tx
    .selectDistinct({ name: orgs.name })
    .from(visits)
    .innerJoin(orgs, eq(orgs.id, visits.orgId))
    .innerJoin(items, eq(items.id, visits.itemId))
    .where(
      and(
        eq(visits.entityId, entityId),
        ne(visits.orgId, orgId),
        or(eq(items.id, item.id), eq(items.sector, item.sector)),
        ne(visits.purpose, 'non_enforcement'),
        gte(visits.startedAt, since),
        lte(visits.startedAt, startedAt),
      ),
    );
  return rows.map((r) => r.name).sort();
}

/**
 * Checks the body, computes the flags against the visits before it and inserts the visit (inside the caller's
 * transaction: the use case's, or the demo seed's).
 */
export async function recordVisit(
  tx: Db,
  deps: Pick<VisitDeps, 'eligibility'>,
  actor: Actor,
  body: VisitCreateBody,
  now: Date,
  id: string = randomUUID(),
): Promise<string> {
  const basis = await checkBasis(tx, actor, body);
  const startedAt = new Date(body.startedAt);
  const level = orgLevel(actor.org.regionCode);
  const eligibility = isEnforcement(body.purpose)
    ? await checkEligibilityOf(tx, deps.eligibility, body.officerIds, {
        sector: actor.org.sector,
        regionCode: basis.entity.regionCode,
        at: startedAt,
      })
    : new Map<string, { eligible: boolean }>();
  const prior = await priorCounts(tx, basis.entity.id, actor.org.sector, level, startedAt);
  const exemption = capExemption(body);
  const flags = visitFlags({
    ...body,
    officerCount: body.officerIds.length,
    uncertified: basis.officers.filter((o) => eligibility.get(o.id)?.eligible === false).map((o) => o.name),
    startedDate: shanghaiDate(startedAt),
    recordedDate: shanghaiDate(now),
    priorSameLevel: prior.sameLevel,
    priorAllLevels: prior.all,
    cap: await capFor(tx, actor.org.id, basis.itemIds),
    otherDepartments: await otherDepartments(tx, basis.entity.id, actor.org.id, startedAt, basis.item),
  });
  await tx.insert(visits).values({
    id,
    publicToken: newToken(),
    entityId: basis.entity.id,
    orgId: actor.org.id,
    orgLevel: level,
    orgSector: actor.org.sector,
    officerIds: basis.officers.map((o) => o.id),
    officerNames: basis.officers.map((o) => o.name),
    purpose: body.purpose,
    taskId: body.taskId ?? null,
    caseId: body.caseId ?? null,
    complaintId: body.complaintId ?? null,
    itemId: basis.item?.id ?? null,
    lat: body.location?.lat ?? null,
    lng: body.location?.lng ?? null,
    startedAt,
    recordedAt: now,
    recordedBy: actor.userId,
    recordedByName: actor.displayName,
    capturedOffline: body.capturedOffline ?? false,
    offlineReason: body.offlineReason ?? null,
    capCounted: exemption === null,
    capExemption: exemption,
    flags: flags.map((f) => f.code),
    flagNotes: Object.fromEntries(flags.map((f) => [f.code, f.note])),
  });
  return id;
}

export async function createVisit(deps: VisitDeps, ctx: RequestContext, actor: Actor, body: VisitCreateBody) {
  authorize(visitPolicy, 'create', actor);
  const id = randomUUID();
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'visit.create', resourceType: 'visit', resourceId: id },
    async (tx) => {
      await recordVisit(tx, deps, actor, body, deps.clock.now(), id);
      return { value: await visitById(deps, actor, id, tx) };
    },
  );
}

// ── what other modules ask ──

/** The entity's visits the actor may read, newest first (the entity detail). */
export async function visitsOfEntity(db: Db, actor: Actor, entityId: string): Promise<EntityVisitOut[]> {
  const rows = await db
    .select({ v: visits, orgName: orgs.name })
    .from(visits)
    .innerJoin(orgs, eq(orgs.id, visits.orgId))
    .where(and(eq(visits.entityId, entityId), readableVisits(actor)))
    .orderBy(desc(visits.startedAt))
    .limit(100);
  return rows.map(({ v, orgName }) => ({
    id: v.id,
    startedAt: v.startedAt,
    orgName,
    purpose: v.purpose as VisitPurpose,
    purposeLabel: VISIT_PURPOSE_LABELS[v.purpose as VisitPurpose],
    officerNames: v.officerNames,
    flagLabels: (v.flags as VisitFlag[]).map((f) => VISIT_FLAG_LABELS[f]),
  }));
}

/** The officers who scanned the entity's code for the task (an on-site inspection result needs their scans). */
export async function scannedForTask(db: Db, q: { entityId: string; taskId: string }): Promise<Set<string>> {
  const rows = await db
    .select({ ids: visits.officerIds })
    .from(visits)
    .where(and(eq(visits.entityId, q.entityId), eq(visits.taskId, q.taskId)));
  return new Set(rows.flatMap((r) => r.ids));
}

// ── ratings, for the supervisors ──

/** Per visited org in the region the supervisor oversees: only orgs with at least 5 ratings (anonymity). */
export async function ratingAggregates(db: Db, actor: Actor) {
  authorize(visitPolicy, 'ratings', actor);
  const prefix = overseenPrefix(actor.org) ?? '-';
  const rows = await db
    .select({
      orgId: visitRatings.orgId,
      orgName: orgs.name,
      n: count(),
      avg: sql<string>`avg(${visitRatings.score})`,
      dist: sql<number[]>`array[${sql.join(
        [1, 2, 3, 4, 5].map((s) => sql`count(*) filter (where ${visitRatings.score} = ${s})::int`),
        sql`, `,
      )}]`,
    })
    .from(visitRatings)
    .innerJoin(orgs, eq(orgs.id, visitRatings.orgId))
    .where(sql`${orgs.regionCode} like ${`${prefix}%`}`)
    .groupBy(visitRatings.orgId, orgs.name)
    .orderBy(orgs.name);
  const shown = rows.filter((r) => Number(r.n) >= RATING_AGGREGATE_MIN);
  return {
    data: shown.map((r) => ({
      orgId: r.orgId,
      orgName: r.orgName,
      count: Number(r.n),
      average: Math.round(Number(r.avg) * 100) / 100,
      distribution: r.dist.map(Number),
    })),
    minimum: RATING_AGGREGATE_MIN,
    withheldOrgs: rows.length - shown.length,
  };
}
