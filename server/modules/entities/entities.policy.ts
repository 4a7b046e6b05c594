/**
 * Who may see and keep the target library (检查对象名录库, platform/policy.ts): one library for every department, so
 * an entity is seen by region only — every business role sees its region subtree, whatever its sector line — and
 * officers, department heads and org admins of enforcement orgs register, change and import entities.
 */
import { eq, like } from 'drizzle-orm';
import type { OrgKind } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { type AbilityRule, BUSINESS_ROLES, definePolicy } from '../../platform/policy.js';
import { entities } from './entities.schema.js';

/** An entity's facts: where it lies. It belongs to no org and to several sectors (`sectors`), not one sector line. */
export interface EntityFacts {
  id: string;
  regionCode: string;
  sectors: string[];
}

export async function loadEntityFacts(db: Db, id: string): Promise<EntityFacts | null> {
  const [row] = await db
    .select({ id: entities.id, regionCode: entities.regionCode, sectors: entities.sectors })
    .from(entities)
    .where(eq(entities.id, id))
    .limit(1);
  return row ?? null;
}

/** Org kinds that enforce (and so keep the library): departments, comprehensive enforcement, townships. */
export const ENFORCEMENT_ORG_KINDS: readonly OrgKind[] = ['department', 'comprehensive', 'township'];
export const ENTITY_WRITER_ROLES = ['officer', 'department_head', 'org_admin'] as const;

/** The region lies in the actor's region subtree (sector lines do not divide the library). */
export const entityRegionInScope = (actor: Actor, regionCode: string) =>
  regionCode.startsWith(actor.scope.regionPrefix);

const enforcementOrg = (actor: Actor) => ENFORCEMENT_ORG_KINDS.includes(actor.org.kind as OrgKind);
const WRITER_REFUSAL = '只有执法部门的执法人员、部门负责人或单位管理员可以维护检查对象名录库';
const writer = (when: AbilityRule<EntityFacts>['when']): AbilityRule<EntityFacts> => ({
  roles: ENTITY_WRITER_ROLES,
  record: false,
  when,
  refusal: WRITER_REFUSAL,
});

export const entityPolicy = definePolicy<EntityFacts>({
  subject: 'entity',
  label: '检查对象',
  load: loadEntityFacts,
  readable: (actor) => like(entities.regionCode, `${actor.scope.regionPrefix}%`),
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号的角色无权访问检查对象名录库' },
    read: {
      roles: BUSINESS_ROLES,
      record: true,
      when: (actor, e) => entityRegionInScope(actor, e.regionCode),
      refusal: '该检查对象不在本单位的管辖范围内',
    },
    create: writer((actor) => enforcementOrg(actor)),
    import: writer((actor) => enforcementOrg(actor)),
    update: {
      ...writer((actor, e) => enforcementOrg(actor) && entityRegionInScope(actor, e.regionCode)),
      record: true,
    },
  },
});
