/**
 * The enterprise's side of 扫码入企: a visit's 监督码 (who came — name, org, certificate number and its validity checked
 * now — why, when; rated once), and the entity's own visit history behind its USCC. No personal identifier beyond
 * the officers' names and certificate numbers, which the certificate check publishes anyway.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { PublicEntityVisitsOut, PublicVisitOut, RatingBody } from '../../../common/contracts/visits.contract.js';
import {
  CERTIFICATE_STATUS_LABELS,
  type CertificateStatus,
  VISIT_PURPOSE_LABELS,
  type VisitPurpose,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { type Clock, shanghaiDate } from '../../platform/clock.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { runAudited } from '../audit/audit.api.js';
import { entities } from '../entities/entity-details.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { certificates, displayStatus, officers } from '../personnel/personnel.api.js';
import { entityByCode } from './visits.service.js';
import { visitRatings, visits } from './visits.schema.js';

/** Where the enterprise complains (the complaints module's public form). */
export const complaintUrl = (token: string) => `/public/complaints/new?visit=${encodeURIComponent(token)}`;

async function officersNow(db: Db, ids: string[], today: string) {
  if (ids.length === 0) return [];
  const people = await db
    .select({ id: officers.id, name: officers.name, orgName: orgs.name })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(inArray(officers.id, ids));
  const certs = await db
    .select()
    .from(certificates)
    .where(and(inArray(certificates.officerId, ids), eq(certificates.kind, 'enforcement')));
  return ids.map((id) => {
    const p = people.find((x) => x.id === id);
    const mine = certs
      .filter((c) => c.officerId === id)
      .map((c) => ({ c, status: displayStatus(c.status as CertificateStatus, c.validTo, today) }))
      .sort(
        (a, b) => Number(b.status === 'valid') - Number(a.status === 'valid') || b.c.validTo.localeCompare(a.c.validTo),
      );
    const best = mine[0];
    return {
      name: p?.name ?? '（人员已注销）',
      orgName: p?.orgName ?? '',
      certificateNumber: best?.c.number ?? null,
      certificateValid: best?.status === 'valid' && best.c.validFrom <= today,
      certificateStatusLabel: best ? CERTIFICATE_STATUS_LABELS[best.status] : '无执法证件',
      validTo: best?.c.validTo ?? null,
    };
  });
}

const byToken = async (db: Db, token: string) => {
  const [row] = await db
    .select({ v: visits, entityName: entities.name, orgName: orgs.name })
    .from(visits)
    .innerJoin(entities, eq(entities.id, visits.entityId))
    .innerJoin(orgs, eq(orgs.id, visits.orgId))
    .where(eq(visits.publicToken, token))
    .limit(1);
  return row ?? null;
};

export async function publicVisit(db: Db, token: string, now: Date): Promise<PublicVisitOut | null> {
  const row = await byToken(db, token);
  if (!row) return null;
  const [rating] = await db
    .select({ id: visitRatings.visitId })
    .from(visitRatings)
    .where(eq(visitRatings.visitId, row.v.id));
  return {
    entityName: row.entityName,
    orgName: row.orgName,
    purposeLabel: VISIT_PURPOSE_LABELS[row.v.purpose as VisitPurpose],
    startedAt: row.v.startedAt,
    officers: await officersNow(db, row.v.officerIds, shanghaiDate(now)),
    rated: Boolean(rating),
    checkedAt: now,
    complaintUrl: complaintUrl(token),
  };
}

/** Rates the visit once (409 `already_rated` the second time); anonymous: only the score, comment and time. */
export async function rateVisit(deps: { db: Db; clock: Clock }, ctx: RequestContext, token: string, body: RatingBody) {
  const row = await byToken(deps.db, token);
  if (!row) throw new AppError(404, 'not_found', '未找到该监督码对应的入企记录');
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'visit.rate', resourceType: 'visit', resourceId: row.v.id },
    async (tx) => {
      const inserted = await tx
        .insert(visitRatings)
        .values({
          visitId: row.v.id,
          orgId: row.v.orgId,
          score: body.score,
          comment: body.comment ? body.comment : null,
          ratedAt: deps.clock.now(),
        })
        .onConflictDoNothing()
        .returning({ id: visitRatings.visitId });
      if (inserted.length === 0) throw new AppError(409, 'already_rated', '该次入企已经评价过，每次入企只能评价一次');
      return { value: { rated: true as const } };
    },
  );
}

/** The entity's visits, every department's, once the visitor has entered the entity's USCC (403 otherwise). */
export async function publicEntityVisits(db: Db, token: string, uscc: string): Promise<PublicEntityVisitsOut | null> {
  const entity = await entityByCode(db, token);
  if (!entity) return null;
  if (uscc.trim().toUpperCase() !== entity.uscc)
    throw new AppError(403, 'uscc_mismatch', '统一社会信用代码与该入企码的检查对象不符');
  const rows = await db
    .select({ v: visits, orgName: orgs.name })
    .from(visits)
    .innerJoin(orgs, eq(orgs.id, visits.orgId))
    .where(eq(visits.entityId, entity.id))
    .orderBy(desc(visits.startedAt))
    .limit(200);
  return {
    entityName: entity.name,
    visits: rows.map(({ v, orgName }) => ({
      startedAt: v.startedAt,
      orgName,
      purposeLabel: VISIT_PURPOSE_LABELS[v.purpose as VisitPurpose],
      officerNames: v.officerNames,
      token: v.publicToken,
    })),
  };
}
