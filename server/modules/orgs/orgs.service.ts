/** Orgs: list and read within the caller's scope; create and change by a system administrator. */
import { randomUUID } from 'node:crypto';
import { aliasedTable, and, asc, count, eq, ilike, like, sql } from 'drizzle-orm';
import type { Warning } from '../../../common/contracts/kit.js';
import type { OrgListQuery, OrgOut as Org } from '../../../common/contracts/orgs.contract.js';
import type { OrgKind, OrgStatus, RegionLevel, Sector } from '../../../common/enums.js';
import { checkUscc } from '../../../common/identifiers.js';
import { type Db, queryRows } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { containsPattern, paged, totalOf } from '../../platform/pagination.js';
import { inScope, regionPrefix } from '../../platform/scope.js';
import { runAudited } from '../audit/audit.api.js';
import { regions } from '../regions/regions.api.js';
import { orgPolicy } from './orgs.policy.js';
import { checkOrgShape, parentRegionOk } from './orgs.rules.js';
import { orgs } from './orgs.schema.js';

export interface OrgDeps {
  db: Db;
  clock: Clock;
}

const parentOrgs = aliasedTable(orgs, 'parent_org');

function baseSelect(db: Db) {
  return db
    .select({ org: orgs, regionName: regions.name, parentName: parentOrgs.name })
    .from(orgs)
    .innerJoin(regions, eq(regions.code, orgs.regionCode))
    .leftJoin(parentOrgs, eq(parentOrgs.id, orgs.parentId));
}

interface Row {
  org: typeof orgs.$inferSelect;
  regionName: string;
  parentName: string | null;
}

function present(actor: Actor, r: Row, warnings?: Warning[]): Org {
  return {
    id: r.org.id,
    name: r.org.name,
    kind: r.org.kind as OrgKind,
    sector: r.org.sector as Sector,
    regionCode: r.org.regionCode,
    regionName: r.regionName,
    parentId: r.org.parentId,
    parentName: r.parentName,
    uscc: r.org.uscc,
    status: r.org.status as OrgStatus,
    createdAt: r.org.createdAt,
    updatedAt: r.org.updatedAt,
    ...(warnings ? { warnings } : {}),
    abilities: abilitiesOf(orgPolicy, actor, { ...r.org, orgId: r.org.id }),
  };
}

export async function listOrgs(deps: OrgDeps, actor: Actor, q: OrgListQuery): Promise<{ data: Org[]; total: number }> {
  const where = and(
    orgPolicy.readable?.(actor),
    q.q ? ilike(orgs.name, containsPattern(q.q)) : undefined,
    q.kind ? eq(orgs.kind, q.kind) : undefined,
    q.sector ? eq(orgs.sector, q.sector) : undefined,
    q.regionCode ? like(orgs.regionCode, `${regionPrefix(q.regionCode)}%`) : undefined,
    q.status ? eq(orgs.status, q.status) : undefined,
  );
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      baseSelect(deps.db)
        .where(where)
        .orderBy(asc(orgs.regionCode), sql`length(${orgs.regionCode})`, asc(orgs.name), asc(orgs.id))
        .limit(limit)
        .offset(offset),
    () => totalOf(deps.db.select({ total: count() }).from(orgs).where(where)),
  );
  return { data: (rows as Row[]).map((r) => present(actor, r)), total };
}

async function loadInScope(db: Db, actor: Actor, id: string): Promise<Row> {
  const [row] = (await baseSelect(db).where(eq(orgs.id, id)).limit(1)) as Row[];
  if (!row || !can(orgPolicy, 'read', actor, { ...row.org, orgId: row.org.id })) throw notFound('单位');
  return row;
}

export async function getOrg(deps: OrgDeps, actor: Actor, id: string): Promise<Org> {
  return present(actor, await loadInScope(deps.db, actor, id));
}

export interface OrgInput {
  name: string;
  kind: OrgKind;
  sector: Sector;
  regionCode: string;
  parentId?: string | null;
  uscc?: string | null;
  status?: OrgStatus;
}

/** Validates a whole org record; returns the normalised USCC and any warnings. Throws on refusal. */
async function validate(tx: Db, actor: Actor, o: OrgInput, selfId: string | null) {
  const [region] = await tx.select().from(regions).where(eq(regions.code, o.regionCode)).limit(1);
  if (!region) throw fieldError(422, 'unknown_region', 'regionCode', `行政区划代码 ${o.regionCode} 不存在`);
  if (!inScope(actor.scope, { regionCode: o.regionCode, sector: o.sector })) {
    throw fieldError(422, 'out_of_scope', 'regionCode', '该单位的行政区划或行业领域不在本单位的管辖范围内');
  }
  const shapeErrors = checkOrgShape({ ...o, regionLevel: region.level as RegionLevel });
  if (shapeErrors.length > 0)
    throw new AppError(422, 'invalid_org_shape', shapeErrors.map((e) => e.message).join('；'), shapeErrors);

  if (o.parentId) {
    const [parent] = await tx.select().from(orgs).where(eq(orgs.id, o.parentId)).limit(1);
    if (!parent || !inScope(actor.scope, parent))
      throw fieldError(422, 'invalid_parent', 'parentId', '上级单位不存在或不在管辖范围内');
    if (!parentRegionOk(o.regionCode, parent.regionCode)) {
      throw fieldError(422, 'invalid_parent', 'parentId', '上级单位的行政区划须为本单位所在区划或其上级区划');
    }
    if (selfId) {
      // Walk up from the proposed parent: meeting this org would make a cycle.
      const chain = await queryRows<{ id: string }>(
        tx,
        sql`
        with recursive up(id, parent_id) as (
          select id, parent_id from orgs where id = ${o.parentId}
          union all select o.id, o.parent_id from orgs o join up on o.id = up.parent_id
        ) select id from up`,
      );
      if (chain.some((r) => r.id === selfId)) {
        throw fieldError(422, 'parent_cycle', 'parentId', '不能把本单位或其下级单位设为上级单位');
      }
    }
  }

  const warnings: Warning[] = [];
  let uscc: string | null = null;
  if (o.uscc) {
    const check = checkUscc(o.uscc);
    if (!check.ok) throw fieldError(422, 'invalid_uscc', 'uscc', check.message);
    uscc = o.uscc.trim().toUpperCase();
    if (!check.checkValid) {
      warnings.push({
        code: 'uscc_check_mismatch',
        message: `统一社会信用代码校验位应为“${check.expectedCheck}”，与所填不符；早期赋码可能如此，已按原样保存，请核对`,
      });
    }
  }

  const [sameName] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, o.name)).limit(1);
  if (sameName && sameName.id !== selfId)
    throw fieldError(409, 'duplicate_org_name', 'name', `单位名称“${o.name}”已存在`);
  if (uscc) {
    const [sameUscc] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.uscc, uscc)).limit(1);
    if (sameUscc && sameUscc.id !== selfId)
      throw fieldError(409, 'duplicate_uscc', 'uscc', '该统一社会信用代码已被其他单位使用');
  }
  return { uscc, warnings };
}

export async function createOrg(deps: OrgDeps, ctx: RequestContext, actor: Actor, input: OrgInput): Promise<Org> {
  return runAudited(deps.db, deps.clock, ctx, { action: 'org.create', resourceType: 'org' }, async (tx) => {
    authorize(orgPolicy, 'create', actor);
    const name = input.name.trim();
    const { uscc, warnings } = await validate(tx, actor, { ...input, name }, null);
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(orgs).values({
      id,
      name,
      kind: input.kind,
      sector: input.sector,
      regionCode: input.regionCode,
      parentId: input.parentId ?? null,
      uscc,
      status: input.status ?? 'active',
      createdAt: now,
      updatedAt: now,
    });
    return { value: present(actor, await loadInScope(tx, actor, id), warnings), resourceId: id };
  });
}

export async function updateOrg(
  deps: OrgDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: Partial<OrgInput>,
): Promise<Org> {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'org.update', resourceType: 'org', resourceId: id },
    async (tx) => {
      const current = await loadInScope(tx, actor, id);
      authorize(orgPolicy, 'update', actor, { ...current.org, orgId: current.org.id });
      const merged: OrgInput = {
        name: (patch.name ?? current.org.name).trim(),
        kind: patch.kind ?? (current.org.kind as OrgKind),
        sector: patch.sector ?? (current.org.sector as Sector),
        regionCode: patch.regionCode ?? current.org.regionCode,
        parentId: patch.parentId !== undefined ? patch.parentId : current.org.parentId,
        uscc: patch.uscc !== undefined ? patch.uscc : current.org.uscc,
        status: patch.status ?? (current.org.status as OrgStatus),
      };
      if (merged.parentId === id) throw fieldError(422, 'parent_cycle', 'parentId', '不能把本单位设为自己的上级单位');
      const { uscc, warnings } = await validate(tx, actor, merged, id);
      await tx
        .update(orgs)
        .set({ ...merged, parentId: merged.parentId ?? null, uscc, updatedAt: deps.clock.now() })
        .where(eq(orgs.id, id));
      return { value: present(actor, await loadInScope(tx, actor, id), warnings) };
    },
  );
}
