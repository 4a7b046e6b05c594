/**
 * Who may see and manage officers, their certificates, training and assessments, and the personnel reports
 * (platform/policy.ts). Officers and their certificates are visible when the officer's org is in the caller's scope;
 * an officer is managed by its own org's administrator or by a justice department's administrator, who alone handles
 * certificates and exit decisions.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { BUSINESS_ROLES, definePolicy, withinScope } from '../../platform/policy.js';
import { scopeCondition } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.api.js';
import { certificates, officers } from './personnel.schema.js';

/** Where an officer lies: its org, the org's region and sector line. */
export interface OfficerFacts {
  id: string;
  orgId: string;
  regionCode: string;
  sector: string;
}

/** A certificate lies where its officer does. */
export interface CertificateFacts extends OfficerFacts {
  officerId: string;
}

/** The facts of an officer row joined to its org. */
export const officerFactsOf = (officer: { id: string; orgId: string }, org: { regionCode: string; sector: string }) =>
  ({ id: officer.id, orgId: officer.orgId, regionCode: org.regionCode, sector: org.sector }) satisfies OfficerFacts;

export async function loadOfficerFacts(db: Db, id: string): Promise<OfficerFacts | null> {
  const [row] = await db
    .select({ id: officers.id, orgId: officers.orgId, regionCode: orgs.regionCode, sector: orgs.sector })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(eq(officers.id, id))
    .limit(1);
  return row ?? null;
}

export async function loadCertificateFacts(db: Db, id: string): Promise<CertificateFacts | null> {
  const [row] = await db
    .select({
      id: certificates.id,
      officerId: certificates.officerId,
      orgId: officers.orgId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
    })
    .from(certificates)
    .innerJoin(officers, eq(officers.id, certificates.officerId))
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(eq(certificates.id, id))
    .limit(1);
  return row ?? null;
}

/** The actor works for a justice department (司法行政部门): it issues certificates and takes exit decisions. */
const atJustice = (actor: Actor) => actor.org.kind === 'justice';
const JUSTICE_ONLY = '只有司法行政部门的单位管理员可以办理证件和退出决定';
const MANAGERS_ONLY = '只有本单位管理员或司法行政部门管理员可以维护执法人员信息';

/** Officers in scope: the SQL condition expects the query to join `orgs` on the officer's org. */
const officersInScope = (actor: Actor) => scopeCondition(actor.scope, orgs.regionCode, orgs.sector);

export const officerPolicy = definePolicy<OfficerFacts>({
  subject: 'officer',
  label: '执法人员',
  load: loadOfficerFacts,
  readable: officersInScope,
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看执法人员' },
    read: { roles: BUSINESS_ROLES, record: true, when: withinScope, refusal: '该执法人员不在本单位的管辖范围内' },
    create: { roles: ['org_admin'], record: false, refusal: '只有单位管理员可以登记执法人员' },
    /** Also asked for the org an officer is registered in or moved to, and for its training records. */
    update: {
      roles: ['org_admin'],
      record: true,
      when: (actor, o) => atJustice(actor) || o.orgId === actor.org.id,
      refusal: MANAGERS_ONLY,
    },
    reveal: { roles: ['org_admin'], record: true, refusal: '只有单位管理员可以查看完整的身份证号码或电话' },
    assess: {
      roles: ['org_admin', 'department_head'],
      record: true,
      when: (actor, o) => o.orgId === actor.org.id || (atJustice(actor) && actor.roles.includes('org_admin')),
      refusal: '只有本单位负责人、本单位管理员或司法行政部门管理员可以登记年度考核',
    },
    issue_certificate: { roles: ['org_admin'], record: true, when: atJustice, refusal: JUSTICE_ONLY },
    exit: { roles: ['org_admin'], record: true, when: atJustice, refusal: JUSTICE_ONLY },
  },
});

export const certificatePolicy = definePolicy<CertificateFacts>({
  subject: 'certificate',
  label: '证件',
  load: loadCertificateFacts,
  /** Expects the query to join the officer's `orgs` row. */
  readable: officersInScope,
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看证件' },
    read: { roles: BUSINESS_ROLES, record: true, when: withinScope, refusal: '该证件不在本单位的管辖范围内' },
    suspend: { roles: ['org_admin'], record: true, when: atJustice, refusal: JUSTICE_ONLY },
    reinstate: { roles: ['org_admin'], record: true, when: atJustice, refusal: JUSTICE_ONLY },
    revoke: { roles: ['org_admin'], record: true, when: atJustice, refusal: JUSTICE_ONLY },
  },
});

/** Training records: single entry for one officer (whom the service checks with `officer.update`) and CSV import. */
export const trainingPolicy = definePolicy({
  subject: 'training',
  label: '培训记录',
  abilities: {
    create: { roles: ['org_admin'], record: false, refusal: MANAGERS_ONLY },
    import: { roles: ['org_admin'], record: false, refusal: '只有单位管理员可以导入培训记录' },
  },
});

/** The personnel reports: over the officers in scope (`officerPolicy.readable`). */
export const reportPolicy = definePolicy({
  subject: 'report',
  label: '统计报表',
  abilities: {
    training: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看培训统计' },
    rotation: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看轮训统计' },
    exit_flags: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看退出机制提示' },
  },
});
