/** Who may see and manage officers. Officers are visible when their org is in the caller's scope. */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { type Actor, hasRole } from '../../platform/context.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { inScope } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.schema.js';
import { officers } from './personnel.schema.js';

export interface OfficerRow {
  officer: typeof officers.$inferSelect;
  org: typeof orgs.$inferSelect;
}

export async function loadOfficer(db: Db, actor: Actor, id: string): Promise<OfficerRow> {
  const [row] = await db
    .select({ officer: officers, org: orgs })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(eq(officers.id, id))
    .limit(1);
  if (!row || !inScope(actor.scope, row.org)) throw notFound('执法人员');
  return row;
}

/** A justice department's administrator (certificates, exit decisions), for officers in its scope. */
export const isJusticeAdmin = (actor: Actor) => hasRole(actor, 'org_admin') && actor.org.kind === 'justice';

/** Registering and editing officers, their training and assessments: the officer's own org_admin or a justice admin. */
export function requirePersonnelManager(actor: Actor, officerOrgId: string) {
  if (isJusticeAdmin(actor)) return;
  if (hasRole(actor, 'org_admin') && actor.org.id === officerOrgId) return;
  throw forbidden('只有本单位管理员或司法行政部门管理员可以维护执法人员信息');
}

export function requireAssessor(actor: Actor, officerOrgId: string) {
  if (isJusticeAdmin(actor)) return;
  if (hasRole(actor, 'org_admin', 'department_head') && actor.org.id === officerOrgId) return;
  throw forbidden('只有本单位负责人、本单位管理员或司法行政部门管理员可以登记年度考核');
}

export function requireCertificateAdmin(actor: Actor) {
  if (!isJusticeAdmin(actor)) throw forbidden('只有司法行政部门的单位管理员可以办理证件和退出决定');
}
