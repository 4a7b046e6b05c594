/**
 * Who may see and take the steps of a delegation to townships (platform/policy.ts). A delegation is seen in its county
 * and above, and by the townships of its county; it is proposed by the admin of the county government or of a
 * township, approved, announced, evaluated and recalled by the county government's admin, decided by the city
 * government's admin. Whether a step fits the delegation's state is the flow's rule (409), not the policy's.
 */
import { type SQL, eq, like } from 'drizzle-orm';
import { DELEGATION_ACTION_LABELS, type DelegationAction } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { type AbilityRule, BUSINESS_ROLES, definePolicy } from '../../platform/policy.js';
import { regionPrefix, regionWithin } from '../../platform/scope.js';
import { delegations } from './delegation.schema.js';

export interface DelegationFacts {
  id: string;
  /** The proposing org. */
  orgId: string;
  /** The county whose government decides (its 6-digit region code). */
  regionCode: string;
}

export async function loadDelegationFacts(db: Db, id: string): Promise<DelegationFacts | null> {
  const [row] = await db
    .select({ id: delegations.id, orgId: delegations.proposerOrgId, regionCode: delegations.countyRegionCode })
    .from(delegations)
    .where(eq(delegations.id, id))
    .limit(1);
  return row ?? null;
}

export const countyOf = (regionCode: string) => regionCode.slice(0, 6);
export const cityOf = (regionCode: string) => `${regionCode.slice(0, 4)}00`;
const isTownship = (regionCode: string) => regionCode.length === 9;

/** Seen in its county and above; a township sees its own county's. */
const visibleTo = (actor: Actor, d: { regionCode: string }) =>
  isTownship(actor.org.regionCode)
    ? countyOf(actor.org.regionCode) === d.regionCode
    : regionWithin(d.regionCode, actor.org.regionCode);

/** `visibleTo` in SQL. */
function visibleCondition(actor: Actor): SQL {
  return isTownship(actor.org.regionCode)
    ? eq(delegations.countyRegionCode, countyOf(actor.org.regionCode))
    : like(delegations.countyRegionCode, `${regionPrefix(actor.org.regionCode)}%`);
}

const atGovernment = (actor: Actor, regionCode: string) =>
  actor.org.kind === 'government' && actor.org.regionCode === regionCode;

const countyStep = (action: Exclude<DelegationAction, 'city_decide'>): AbilityRule<DelegationFacts> => ({
  roles: ['org_admin'],
  record: true,
  when: (actor, d) => atGovernment(actor, d.regionCode),
  refusal: `“${DELEGATION_ACTION_LABELS[action]}”须由县级人民政府单位管理员登记`,
});

export const delegationPolicy = definePolicy<DelegationFacts>({
  subject: 'delegation',
  label: '赋权事项',
  load: loadDelegationFacts,
  readable: visibleCondition,
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看赋权事项' },
    read: { roles: BUSINESS_ROLES, record: true, when: visibleTo, refusal: '该赋权事项不在本单位的管辖范围内' },
    propose: {
      roles: ['org_admin'],
      record: false,
      when: (actor) =>
        actor.org.kind === 'township' ||
        (actor.org.kind === 'government' && actor.org.regionCode.length === 6 && !actor.org.regionCode.endsWith('00')),
      refusal: '赋权由县级人民政府或乡镇（街道）提出，须由其单位管理员提交',
    },
    county_approve: countyStep('county_approve'),
    city_decide: {
      roles: ['org_admin'],
      record: true,
      when: (actor, d) => atGovernment(actor, cityOf(d.regionCode)),
      refusal: '市政府常务会议决定须由市人民政府单位管理员登记',
    },
    announce: countyStep('announce'),
    evaluate: countyStep('evaluate'),
    recall: countyStep('recall'),
    /** The report of delegations in force and not evaluated by the deadline (over the visible ones). */
    unevaluated: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看赋权评估情况' },
  },
});
