/**
 * Who may see and maintain the enforcement-item catalogue (platform/policy.ts). Every business role reads the whole
 * catalogue; a province-level org admin maintains the items of its sector line, a city org admin only the items
 * resting on the city's own rules; an org admin claims items for its own org (a justice department's admin for the
 * orgs in its scope).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { BUSINESS_ROLES, definePolicy } from '../../platform/policy.js';
import { orgLevel } from './catalog.rules.js';
import { items } from './catalog.schema.js';

export interface ItemFacts {
  id: string;
  /** The item's sector line. */
  sector: string;
  /** The level of the law the item rests on (national, provincial, city). */
  basisLevel: string;
  /** For `claim`: the org the item is claimed for (absent: the actor's own org). */
  claimFor?: string;
}

export async function loadItemFacts(db: Db, id: string): Promise<ItemFacts | null> {
  const [row] = await db
    .select({ id: items.id, sector: items.sector, basisLevel: items.basisLevel })
    .from(items)
    .where(eq(items.id, id))
    .limit(1);
  return row ?? null;
}

export const itemFactsOf = (i: { id: string; sector: string; basisLevel: string }): ItemFacts => ({
  id: i.id,
  sector: i.sector,
  basisLevel: i.basisLevel,
});

const EDITORS_ONLY = '只有单位管理员可以维护事项清单';
const SECTOR_ONLY = '只能维护本行业领域的事项';
const LEVEL_ONLY = '事项清单由省级部门维护；设区的市部门只能维护依据本市法规规章设定的事项';

/** The rule an org admin breaks by maintaining this item (its sector line, then its level), or null. */
function editBreach(actor: Actor, item: { sector: string; basisLevel: string }): string | null {
  if (actor.scope.sector !== null && actor.scope.sector !== item.sector) return SECTOR_ONLY;
  const level = orgLevel(actor.org.regionCode);
  if (level === 'province' || (level === 'city' && item.basisLevel === 'city')) return null;
  return LEVEL_ONLY;
}

/** The one rule an actor who may not maintain the item breaks: role, sector line or level. */
const editRefusal = (actor: Actor, item?: { sector: string; basisLevel: string }): string =>
  actor.roles.includes('org_admin') && item ? (editBreach(actor, item) ?? EDITORS_ONLY) : EDITORS_ONLY;

export const itemPolicy = definePolicy<ItemFacts>({
  subject: 'item',
  label: '事项',
  load: loadItemFacts,
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看事项清单' },
    read: { roles: BUSINESS_ROLES, record: true, refusal: '当前账号无权查看事项清单' },
    create: { roles: ['org_admin'], record: false, refusal: EDITORS_ONLY },
    /** Also asked of the item an input describes (create, import rows, the new content of a revision). */
    update: {
      roles: ['org_admin'],
      record: true,
      when: (actor, item) => editBreach(actor, item) === null,
      refusal: editRefusal,
    },
    import: { roles: ['org_admin'], record: false, refusal: '只有单位管理员可以导入事项清单' },
    claim: {
      roles: ['org_admin'],
      record: true,
      when: (actor, item) => !item.claimFor || item.claimFor === actor.org.id || actor.org.kind === 'justice',
      refusal: '只有本单位管理员可以认领事项',
    },
  },
});
