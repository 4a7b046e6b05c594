/** Who may see and change orgs (and the region tree). */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { STAFF_ROLES, definePolicy, withinScope } from '../../platform/policy.js';
import { scopeCondition } from '../../platform/scope.js';
import { orgs } from './orgs.schema.js';

export interface OrgFacts {
  id: string;
  orgId: string;
  regionCode: string;
  sector: string;
}

export async function loadOrgFacts(db: Db, id: string): Promise<OrgFacts | null> {
  const [row] = await db
    .select({ id: orgs.id, regionCode: orgs.regionCode, sector: orgs.sector })
    .from(orgs)
    .where(eq(orgs.id, id))
    .limit(1);
  return row ? { ...row, orgId: row.id } : null;
}

export const orgPolicy = definePolicy<OrgFacts>({
  subject: 'org',
  label: '单位',
  load: loadOrgFacts,
  readable: (actor) => scopeCondition(actor.scope, orgs.regionCode, orgs.sector),
  abilities: {
    list: { roles: STAFF_ROLES, record: false, refusal: '当前账号无权查看组织机构' },
    read: {
      roles: STAFF_ROLES,
      record: true,
      when: withinScope,
      refusal: '该单位不在本单位的管辖范围内',
    },
    create: { roles: ['sysadmin'], record: false, refusal: '只有系统管理员可以维护组织机构' },
    update: { roles: ['sysadmin'], record: true, when: withinScope, refusal: '只有系统管理员可以维护组织机构' },
  },
});

export const regionPolicy = definePolicy({
  subject: 'region',
  label: '行政区划',
  abilities: {
    list: { roles: STAFF_ROLES, record: false, refusal: '当前账号无权查看行政区划' },
  },
});
