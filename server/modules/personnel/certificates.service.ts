/**
 * Certificates: issued with sectors, regions and validity; suspended, reinstated or revoked with a reason; every
 * change kept in certificate_events. Each has an unguessable public token for the authenticity page.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  CertificateIssueBody,
  CertificateListItemOut,
  CertificateListQuery,
  CertificateOut,
  PublicCertificateOut,
} from '../../../common/contracts/personnel.contract.js';
import {
  type CertificateAction as CertificateEventAction,
  type CertificateDisplayStatus,
  type CertificateKind,
  type CertificateStatus,
  SECTOR_LABELS,
  type Sector,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { compile } from '../../db/compiled.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError, notFound } from '../../platform/errors.js';
import { containsPattern } from '../../platform/pagination.js';
import { abilitiesOf, authorize, can } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { regions } from '../regions/regions.api.js';
import { shanghaiDate } from '../../platform/clock.js';
import { type PersonnelDeps, loadOfficer } from './officers.service.js';
import { certificatePolicy, loadOfficerFacts, officerFactsOf, officerPolicy } from './personnel.policy.js';
import { type CertificateAction, nextStatus } from './personnel.rules.js';
import { certificateEvents, certificates, officers } from './personnel.schema.js';

export function displayStatus(status: CertificateStatus, validTo: string, today: string): CertificateDisplayStatus {
  return status === 'valid' && today > validTo ? 'expired' : status;
}

/**
 * The officer's certificates with their history; with a `viewer`, each carries the viewer's `abilities` on it (a
 * certificate lies where its officer does).
 */
export async function certificatesOfOfficer(
  db: Db,
  officerId: string,
  today: string,
  publicBaseUrl: string,
  viewer?: Actor,
): Promise<CertificateOut[]> {
  const rows = await db
    .select({ cert: certificates, issuerName: orgs.name })
    .from(certificates)
    .innerJoin(orgs, eq(orgs.id, certificates.issuerOrgId))
    .where(eq(certificates.officerId, officerId))
    .orderBy(desc(certificates.validTo), asc(certificates.id));
  if (rows.length === 0) return [];
  const officer = viewer ? await loadOfficerFacts(db, officerId) : null;
  const events = await db
    .select()
    .from(certificateEvents)
    .where(
      inArray(
        certificateEvents.certificateId,
        rows.map((r) => r.cert.id),
      ),
    )
    .orderBy(asc(certificateEvents.seq));
  return rows.map(({ cert: c, issuerName }) => ({
    id: c.id,
    officerId: c.officerId,
    number: c.number,
    kind: c.kind as CertificateKind,
    issuerOrgId: c.issuerOrgId,
    issuerOrgName: issuerName,
    sectors: c.sectors as Sector[],
    regionCodes: c.regionCodes,
    validFrom: c.validFrom,
    validTo: c.validTo,
    status: c.status as CertificateStatus,
    displayStatus: displayStatus(c.status as CertificateStatus, c.validTo, today),
    publicToken: c.publicToken,
    publicUrl: `${publicBaseUrl}/public/certificates/${c.publicToken}`,
    history: events
      .filter((e) => e.certificateId === c.id)
      .map((e) => ({
        action: e.action as CertificateEventAction,
        fromStatus: e.fromStatus as CertificateStatus | null,
        toStatus: e.toStatus as CertificateStatus,
        reason: e.reason,
        actorId: e.actorId,
        at: e.at.toISOString(),
      })),
    ...(viewer && officer
      ? { abilities: abilitiesOf(certificatePolicy, viewer, { ...officer, id: c.id, officerId: c.officerId }) }
      : {}),
  }));
}

export async function issueCertificate(
  deps: PersonnelDeps & { publicBaseUrl: string },
  ctx: RequestContext,
  actor: Actor,
  officerId: string,
  input: CertificateIssueBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'certificate.issue', resourceType: 'certificate' },
    async (tx) => {
      const row = await loadOfficer(tx, actor, officerId);
      const officer = officerFactsOf(row.officer, row.org);
      authorize(officerPolicy, 'issue_certificate', actor, officer);
      if (input.validFrom > input.validTo)
        throw fieldError(422, 'invalid_validity', 'validTo', '有效期截止日期不能早于起始日期');
      const [issuer] = await tx.select().from(orgs).where(eq(orgs.id, input.issuerOrgId)).limit(1);
      if (!issuer || !['justice', 'government'].includes(issuer.kind)) {
        throw fieldError(422, 'invalid_issuer', 'issuerOrgId', '发证机关须为人民政府或司法行政部门');
      }
      const known = await tx
        .select({ code: regions.code })
        .from(regions)
        .where(inArray(regions.code, input.regionCodes));
      const unknown = input.regionCodes.filter((c) => !known.some((k) => k.code === c));
      if (unknown.length > 0)
        throw fieldError(422, 'unknown_region', 'regionCodes', `行政区划代码不存在：${unknown.join('、')}`);
      const number = input.number.trim();
      const [dup] = await tx
        .select({ id: certificates.id })
        .from(certificates)
        .where(eq(certificates.number, number))
        .limit(1);
      if (dup) throw fieldError(409, 'duplicate_certificate', 'number', `证件编号“${number}”已存在`);
      const id = randomUUID();
      const now = deps.clock.now();
      await tx.insert(certificates).values({
        id,
        officerId,
        number,
        kind: input.kind,
        issuerOrgId: input.issuerOrgId,
        sectors: [...new Set(input.sectors)],
        regionCodes: [...new Set(input.regionCodes)],
        validFrom: input.validFrom,
        validTo: input.validTo,
        status: 'valid',
        publicToken: randomBytes(24).toString('base64url'),
        createdAt: now,
        updatedAt: now,
      });
      await tx.insert(certificateEvents).values({
        certificateId: id,
        action: 'issue',
        fromStatus: null,
        toStatus: 'valid',
        reason: null,
        actorId: actor.userId,
        at: now,
      });
      const views = await certificatesOfOfficer(tx, officerId, shanghaiDate(now), deps.publicBaseUrl, actor);
      return { value: views.find((v) => v.id === id) as CertificateOut, resourceId: id };
    },
  );
}

/** The certificate and where it lies, when the actor may read it (certificate.read); else 404. */
async function loadCertificateInScope(tx: Db, actor: Actor, id: string) {
  const [row] = await tx
    .select({ cert: certificates, officer: officers, org: orgs })
    .from(certificates)
    .innerJoin(officers, eq(officers.id, certificates.officerId))
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(eq(certificates.id, id))
    .limit(1);
  const facts = row && { ...officerFactsOf(row.officer, row.org), id, officerId: row.officer.id };
  if (!row || !facts || !can(certificatePolicy, 'read', actor, facts)) throw notFound('证件');
  return { cert: row.cert, facts };
}

/** Applies one transition inside a transaction; refuses one that the state does not allow. */
export async function transitionCertificate(
  tx: Db,
  actorId: string,
  now: Date,
  cert: typeof certificates.$inferSelect,
  action: CertificateAction,
  reason: string,
) {
  const to = nextStatus(cert.status as CertificateStatus, action);
  if (!to) {
    throw new AppError(409, 'invalid_transition', `证件当前状态为“${cert.status}”，不能执行“${action}”操作`);
  }
  await tx.update(certificates).set({ status: to, updatedAt: now }).where(eq(certificates.id, cert.id));
  await tx
    .insert(certificateEvents)
    .values({ certificateId: cert.id, action, fromStatus: cert.status, toStatus: to, reason, actorId, at: now });
  return to;
}

export async function changeCertificate(
  deps: PersonnelDeps & { publicBaseUrl: string },
  ctx: RequestContext,
  actor: Actor,
  id: string,
  action: CertificateAction,
  reason: string,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `certificate.${action}`, resourceType: 'certificate', resourceId: id, detail: reason },
    async (tx) => {
      const { cert, facts } = await loadCertificateInScope(tx, actor, id);
      authorize(certificatePolicy, action, actor, facts);
      const now = deps.clock.now();
      await transitionCertificate(tx, actor.userId, now, cert, action, reason);
      const views = await certificatesOfOfficer(tx, cert.officerId, shanghaiDate(now), deps.publicBaseUrl, actor);
      return { value: views.find((v) => v.id === id) as CertificateOut };
    },
  );
}

/** The state of each certificate of an officer at a moment (null: not yet issued then), by replaying its events. */
export async function certificatesAt(db: Db, officerId: string, kind: CertificateKind, at: Date) {
  return (await certificatesAtOf(db, [officerId], kind, at)).get(officerId) ?? [];
}

/**
 * The officers' certificates of `kind` with each one's status in force at `at` (the last change at or before it),
 * in one query, by officer.
 */
export async function certificatesAtOf(db: Db, officerIds: string[], kind: CertificateKind, at: Date) {
  const byOfficer = new Map<
    string,
    { status: CertificateStatus | null; validFrom: string; validTo: string; sectors: string[]; regionCodes: string[] }[]
  >();
  if (officerIds.length === 0) return byOfficer;
  const rows = await certificatesAtStatement.run(db, { ids: officerIds, kind, at: at.toISOString() });
  for (const { officerId, ...c } of rows) {
    const list = byOfficer.get(officerId) ?? [];
    list.push(c);
    byOfficer.set(officerId, list);
  }
  return byOfficer;
}

const certificatesAtStatement = compile((db) =>
  db
    .select({
      officerId: certificates.officerId,
      status: sql<CertificateStatus | null>`(select e.to_status from ${certificateEvents} e where e.certificate_id = ${certificates.id} and e.at <= ${sql.placeholder('at')}::timestamptz order by e.at desc, e.seq desc limit 1)`,
      validFrom: certificates.validFrom,
      validTo: certificates.validTo,
      sectors: certificates.sectors,
      regionCodes: certificates.regionCodes,
    })
    .from(certificates)
    .where(
      and(
        sql`${certificates.officerId} = any(${sql.placeholder('ids')}::uuid[])`,
        eq(certificates.kind, sql.placeholder('kind')),
      ),
    ),
);

/** What anyone who scans the certificate's QR code sees: no ID number, no phone. */
export async function publicCertificate(db: Db, token: string, now: Date): Promise<PublicCertificateOut | null> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return null;
  const issuer = sql<string>`(select i.name from orgs i where i.id = "certificates"."issuer_org_id")`;
  const [row] = await db
    .select({ cert: certificates, name: officers.name, orgName: orgs.name, issuer })
    .from(certificates)
    .innerJoin(officers, eq(officers.id, certificates.officerId))
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(eq(certificates.publicToken, token))
    .limit(1);
  if (!row) return null;
  const c = row.cert;
  const regionRows = await db
    .select({ code: regions.code, name: regions.name })
    .from(regions)
    .where(inArray(regions.code, c.regionCodes));
  return {
    name: row.name,
    org: row.orgName,
    number: c.number,
    kind: c.kind as CertificateKind,
    status: displayStatus(c.status as CertificateStatus, c.validTo, shanghaiDate(now)),
    validFrom: c.validFrom,
    validTo: c.validTo,
    sectors: c.sectors.map((s) => ({ code: s, name: SECTOR_LABELS[s as Sector] ?? s })),
    regions: c.regionCodes.map((code) => ({ code, name: regionRows.find((r) => r.code === code)?.name ?? code })),
    issuer: row.issuer,
    checkedAt: now.toISOString(),
  };
}

export async function certificateToken(db: Db, actor: Actor, id: string): Promise<string> {
  const { cert } = await loadCertificateInScope(db, actor, id);
  return cert.publicToken;
}

/** Certificates of officers in scope; `expired` filters valid certificates past their end date. */
export async function listCertificates(
  db: Db,
  actor: Actor,
  q: CertificateListQuery,
  now: Date,
): Promise<{ data: CertificateListItemOut[]; total: number }> {
  const today = shanghaiDate(now);
  const statusCond =
    q.status === 'expired'
      ? and(eq(certificates.status, 'valid'), sql`${certificates.validTo} < ${today}`)
      : q.status === 'valid'
        ? and(eq(certificates.status, 'valid'), sql`${certificates.validTo} >= ${today}`)
        : q.status
          ? eq(certificates.status, q.status)
          : undefined;
  const where = and(
    certificatePolicy.readable?.(actor),
    statusCond,
    q.orgId ? eq(officers.orgId, q.orgId) : undefined,
    q.q ? sql`(${officers.name} ilike ${containsPattern(q.q)} or ${certificates.number} = ${q.q.trim()})` : undefined,
  );
  const from = () =>
    db
      .select({ cert: certificates, officerName: officers.name, orgName: orgs.name })
      .from(certificates)
      .innerJoin(officers, eq(officers.id, certificates.officerId))
      .innerJoin(orgs, eq(orgs.id, officers.orgId));
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    from()
      .where(where)
      .orderBy(asc(certificates.number), asc(certificates.id))
      .limit(q.pageSize)
      .offset((q.current - 1) * q.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(certificates)
      .innerJoin(officers, eq(officers.id, certificates.officerId))
      .innerJoin(orgs, eq(orgs.id, officers.orgId))
      .where(where),
  ]);
  return {
    total: Number(total),
    data: rows.map(({ cert: c, officerName, orgName }) => ({
      id: c.id,
      officerId: c.officerId,
      officerName,
      orgName,
      number: c.number,
      kind: c.kind as CertificateKind,
      sectors: c.sectors as Sector[],
      regionCodes: c.regionCodes,
      validFrom: c.validFrom,
      validTo: c.validTo,
      status: c.status as CertificateStatus,
      displayStatus: displayStatus(c.status as CertificateStatus, c.validTo, today),
    })),
  };
}
