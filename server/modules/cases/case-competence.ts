/**
 * 职权 (行政处罚法 arts. 17–24): an enforcement body acts only within its statutory competence. For the case's org
 * (and so its region) the item must be claimed by the org (认领) and fit its sector — a department acts in its own
 * sector, a comprehensive enforcement body (综合行政执法) on the items it claimed — or, for a township, be
 * delegated to it (乡镇街道赋权) by a delegation in force on that date. Checked on registration and every later
 * step except 移送, the way a case outside the org's competence leaves it.
 */
import { sql } from 'drizzle-orm';
import { SECTOR_LABELS, type Sector } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { fieldError } from '../../platform/errors.js';
import { itemClaims } from '../catalog/catalog.api.js';
import { townshipMayAct } from '../delegation/delegation.api.js';
import type { orgs } from '../orgs/orgs.api.js';

type Org = typeof orgs.$inferSelect;
interface Item {
  id: string;
  baseCode: string;
  name: string;
  sector: string;
}

/** SQL: the case's org has claimed the case's item (read with the case row, no extra round trip). */
export const claimedByCaseOrg = sql<boolean>`exists (select 1 from ${itemClaims} ic where ic.item_id = "cases"."item_id" and ic.org_id = "cases"."org_id")`;

/** Why the org does not hold the item now, or null when it does. */
export async function competenceGap(tx: Db, org: Org, item: Item, claimed: boolean, at: Date): Promise<string | null> {
  if (org.kind === 'township') {
    if (await townshipMayAct(tx, org.id, item.id, at)) return null;
    return '该事项未赋权本乡镇街道，或赋权尚未生效、已被收回（行政处罚法第二十四条）';
  }
  if (org.sector !== item.sector && org.kind !== 'comprehensive')
    return `该事项属于${SECTOR_LABELS[item.sector as Sector] ?? item.sector}领域，不在本单位的职权范围内`;
  if (!claimed) return '本单位未认领该事项（事项清单）';
  return null;
}

/** 422 `no_competence` naming the item and the org. */
export async function assertCompetence(tx: Db, org: Org, item: Item, claimed: boolean, at: Date) {
  const gap = await competenceGap(tx, org, item, claimed, at);
  if (gap)
    throw fieldError(
      422,
      'no_competence',
      'itemId',
      `${org.name}无权办理执法事项“${item.name}”（${item.baseCode}）：${gap}`,
    );
}
