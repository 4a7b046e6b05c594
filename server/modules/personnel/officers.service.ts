/** Officers: registered once with a validated, sealed resident ID number; shown masked; revealed only on audit. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, eq, ilike, like, or } from 'drizzle-orm';
import type {
  OfficerCreateBody,
  OfficerListQuery,
  OfficerOut,
  OfficerPatchBody,
  OfficerRecordOut,
  RevealBody,
} from '../../../common/contracts/personnel.contract.js';
import { checkResidentId } from '../../../common/identifiers.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { containsPattern, paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { regionPrefix } from '../../platform/scope.js';
import { users } from '../accounts/accounts.api.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { officerFactsOf, officerPolicy } from './personnel.policy.js';
import { maskIdNumber, maskPhone } from './personnel.rules.js';
import { officers } from './personnel.schema.js';

export interface PersonnelDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
}

export interface OfficerRow {
  officer: typeof officers.$inferSelect;
  org: typeof orgs.$inferSelect;
}

/** The officer with its org, when the actor may read it (officer.read); else 404. */
export async function loadOfficer(db: Db, actor: Actor, id: string): Promise<OfficerRow> {
  const [row] = await db
    .select({ officer: officers, org: orgs })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(eq(officers.id, id))
    .limit(1);
  if (!row || !can(officerPolicy, 'read', actor, officerFactsOf(row.officer, row.org))) throw notFound('执法人员');
  return row;
}

/** An officer's record view: what the actor may do with it (`abilities`). */
export const officerView = (actor: Actor, row: OfficerRow): OfficerRecordOut => ({
  ...presentOfficer(row),
  abilities: abilitiesOf(officerPolicy, actor, officerFactsOf(row.officer, row.org)),
});

export function presentOfficer({ officer: o, org }: OfficerRow): OfficerOut {
  return {
    id: o.id,
    name: o.name,
    idNumber: o.idNumberMasked,
    orgId: o.orgId,
    orgName: org.name,
    position: o.position,
    phone: o.phoneMasked,
    legalQualification: o.legalQualification,
    legalReviewer: o.legalReviewer,
    userId: o.userId,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function normaliseIdNumber(raw: string, path = 'idNumber'): string {
  const id = raw.trim().toUpperCase();
  const check = checkResidentId(id);
  if (!check.ok) throw fieldError(422, 'invalid_id_number', path, check.message);
  return id;
}

function normalisePhone(raw: string): string {
  const phone = raw.replace(/[\s-]+/g, '');
  if (!/^\+?\d{7,15}$/.test(phone)) throw fieldError(422, 'invalid_phone', 'phone', '联系电话应为 7–15 位数字');
  return phone;
}

export async function listOfficers(deps: PersonnelDeps, actor: Actor, q: OfficerListQuery) {
  const where = and(
    officerPolicy.readable?.(actor),
    q.q
      ? or(
          ilike(officers.name, containsPattern(q.q)),
          eq(officers.idNumberHash, deps.sealer.lookupHash(q.q.trim().toUpperCase())),
        )
      : undefined,
    q.orgId ? eq(officers.orgId, q.orgId) : undefined,
    q.regionCode ? like(orgs.regionCode, `${regionPrefix(q.regionCode)}%`) : undefined,
    q.legalReviewer !== undefined ? eq(officers.legalReviewer, q.legalReviewer) : undefined,
  );
  const { data: rows, total } = await paged(
    q,
    (limit, offset) =>
      deps.db
        .select({ officer: officers, org: orgs })
        .from(officers)
        .innerJoin(orgs, eq(orgs.id, officers.orgId))
        .where(where)
        .orderBy(asc(orgs.regionCode), asc(orgs.name), asc(officers.name), asc(officers.id))
        .limit(limit)
        .offset(offset),
    () =>
      totalOf(
        deps.db.select({ total: count() }).from(officers).innerJoin(orgs, eq(orgs.id, officers.orgId)).where(where),
      ),
  );
  return { data: rows.map(presentOfficer), total };
}

export async function getOfficer(deps: PersonnelDeps, actor: Actor, id: string) {
  return officerView(actor, await loadOfficer(deps.db, actor, id));
}

async function checkOrgAndUser(
  tx: Db,
  actor: Actor,
  orgId: string,
  userId: string | null | undefined,
  selfId: string | null,
) {
  const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId)).limit(1);
  // an officer of that org: readable by the actor (else the org is not in scope), managed by it (register, move)?
  const there = org && officerFactsOf({ id: selfId ?? '', orgId: org.id }, org);
  if (!there || !can(officerPolicy, 'read', actor, there))
    throw fieldError(422, 'invalid_org', 'orgId', '所属单位不存在或不在管辖范围内');
  authorize(officerPolicy, 'update', actor, there);
  if (userId) {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).limit(1);
    if (!user || user.orgId !== orgId) throw fieldError(422, 'invalid_user', 'userId', '关联账号不存在或不属于该单位');
    const [taken] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.userId, userId)).limit(1);
    if (taken && taken.id !== selfId)
      throw fieldError(409, 'user_already_linked', 'userId', '该账号已关联其他执法人员');
  }
}

export async function createOfficer(deps: PersonnelDeps, ctx: RequestContext, actor: Actor, input: OfficerCreateBody) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'officer.create', resourceType: 'officer' }, async (tx) => {
    authorize(officerPolicy, 'create', actor);
    const idNumber = normaliseIdNumber(input.idNumber);
    const phone = input.phone ? normalisePhone(input.phone) : null;
    await checkOrgAndUser(tx, actor, input.orgId, input.userId, null);
    const hash = deps.sealer.lookupHash(idNumber);
    const [dup] = await tx.select({ id: officers.id }).from(officers).where(eq(officers.idNumberHash, hash)).limit(1);
    if (dup) throw fieldError(409, 'duplicate_officer', 'idNumber', '该公民身份号码的执法人员已登记');
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(officers).values({
      id,
      name: input.name.trim(),
      idNumberSealed: deps.sealer.seal(idNumber),
      idNumberHash: hash,
      idNumberMasked: maskIdNumber(idNumber),
      orgId: input.orgId,
      position: input.position?.trim() || null,
      phoneSealed: phone ? deps.sealer.seal(phone) : null,
      phoneMasked: phone ? maskPhone(phone) : null,
      legalQualification: input.legalQualification ?? false,
      legalReviewer: input.legalReviewer ?? false,
      userId: input.userId ?? null,
      createdAt: now,
      updatedAt: now,
    });
    return { value: officerView(actor, await loadOfficer(tx, actor, id)), resourceId: id };
  });
}

export async function updateOfficer(
  deps: PersonnelDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  patch: OfficerPatchBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'officer.update', resourceType: 'officer', resourceId: id },
    async (tx) => {
      const row = await loadOfficer(tx, actor, id);
      authorize(officerPolicy, 'update', actor, officerFactsOf(row.officer, row.org));
      const orgId = patch.orgId ?? row.officer.orgId;
      if (patch.orgId !== undefined || patch.userId !== undefined) {
        await checkOrgAndUser(tx, actor, orgId, patch.userId !== undefined ? patch.userId : row.officer.userId, id);
      }
      const set: Partial<typeof officers.$inferInsert> = { updatedAt: deps.clock.now() };
      if (patch.name !== undefined) set.name = patch.name.trim();
      if (patch.idNumber !== undefined) {
        const idNumber = normaliseIdNumber(patch.idNumber);
        const hash = deps.sealer.lookupHash(idNumber);
        const [dup] = await tx
          .select({ id: officers.id })
          .from(officers)
          .where(eq(officers.idNumberHash, hash))
          .limit(1);
        if (dup && dup.id !== id)
          throw fieldError(409, 'duplicate_officer', 'idNumber', '该公民身份号码的执法人员已登记');
        Object.assign(set, {
          idNumberSealed: deps.sealer.seal(idNumber),
          idNumberHash: hash,
          idNumberMasked: maskIdNumber(idNumber),
        });
      }
      if (patch.phone !== undefined) {
        const phone = patch.phone ? normalisePhone(patch.phone) : null;
        Object.assign(set, {
          phoneSealed: phone ? deps.sealer.seal(phone) : null,
          phoneMasked: phone ? maskPhone(phone) : null,
        });
      }
      if (patch.orgId !== undefined) set.orgId = patch.orgId;
      if (patch.position !== undefined) set.position = patch.position?.trim() || null;
      if (patch.legalQualification !== undefined) set.legalQualification = patch.legalQualification;
      if (patch.legalReviewer !== undefined) set.legalReviewer = patch.legalReviewer;
      if (patch.userId !== undefined) set.userId = patch.userId;
      await tx.update(officers).set(set).where(eq(officers.id, id));
      return { value: officerView(actor, await loadOfficer(tx, actor, id)) };
    },
  );
}

/** The one way to see a full ID number or phone: org_admin only, with a reason, audited. */
export async function revealOfficerField(
  deps: PersonnelDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  input: RevealBody,
) {
  const meta = {
    action: `officer.reveal.${input.field}`,
    resourceType: 'officer',
    resourceId: id,
    detail: input.reason,
  };
  return runAudited(deps.db, deps.clock, ctx, meta, async (tx) => {
    const row = await loadOfficer(tx, actor, id);
    authorize(officerPolicy, 'reveal', actor, officerFactsOf(row.officer, row.org));
    const sealed = input.field === 'idNumber' ? row.officer.idNumberSealed : row.officer.phoneSealed;
    if (!sealed) throw new AppError(404, 'not_found', '该人员未登记联系电话');
    return { value: { field: input.field, value: deps.sealer.open(sealed) } };
  });
}
