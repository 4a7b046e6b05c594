/**
 * Demo data: entry scans in Guangzhou and Shenzhen entities, dated from the seed's now, recorded through the same
 * path as the API (so their flags are computed, not written): one visit per flag — no_task, over_cap (a third city
 * visit in the year), uncertified_officer, single_officer, late_backfill (an offline capture sent 15 days later),
 * joint_possible (two departments within 30 days) — a clean one, and six ratings of 广州市市场监督管理局 so the
 * supervisors' aggregate shows.
 */
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { VisitCreateBody } from '../../../common/contracts/visits.contract.js';
import type { VisitPurpose } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import type { DemoContext } from '../../platform/module.js';
import { scopeOf } from '../../platform/scope.js';
import { users } from '../accounts/accounts.api.js';
import { items } from '../catalog/catalog.api.js';
import { entities } from '../entities/entity-details.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { officers } from '../personnel/personnel.api.js';
import { visitRatings } from './visits.schema.js';
import { entityCodeToken, recordVisit } from './visits.service.js';

const DAY = 86_400_000;

async function demoActor(tx: Db, orgId: string): Promise<Actor> {
  const [org] = await tx.select().from(orgs).where(eq(orgs.id, orgId));
  if (!org) throw new Error('demo org missing');
  const [user] = await tx
    .select()
    .from(users)
    .where(eq(users.orgId, orgId))
    .orderBy(sql`('officer' = any(${users.roles})) desc`, asc(users.username))
    .limit(1);
  const o = { id: org.id, name: org.name, regionCode: org.regionCode, sector: org.sector, kind: org.kind };
  return {
    userId: user?.id ?? '00000000-0000-4000-8000-000000000000',
    username: user?.username ?? 'demo',
    displayName: user?.displayName ?? '演示数据',
    roles: ['officer'],
    sessionId: 'demo',
    mustChangePassword: false,
    org: o,
    scope: scopeOf(o),
  };
}

/** The org's officers with a valid enforcement certificate today, and those without. */
async function officersOf(tx: Db, orgId: string, today: string) {
  const rows = await tx
    .select({
      id: officers.id,
      valid: sql<boolean>`exists (select 1 from certificates c where c.officer_id = "officers"."id" and c.kind = 'enforcement' and c.status = 'valid' and c.valid_from <= ${today}::date and c.valid_to >= ${today}::date)`,
    })
    .from(officers)
    .where(eq(officers.orgId, orgId))
    .orderBy(asc(officers.name), asc(officers.id));
  return {
    valid: rows.filter((r) => r.valid).map((r) => r.id),
    invalid: rows.filter((r) => !r.valid).map((r) => r.id),
  };
}

async function entitiesIn(tx: Db, prefix: string, n: number) {
  return tx
    .select({ id: entities.id })
    .from(entities)
    .where(and(like(entities.regionCode, `${prefix}%`), eq(entities.status, 'active')))
    .orderBy(asc(entities.uscc))
    .limit(n);
}

export async function loadDemoVisits({ tx, now, orgIds }: DemoContext) {
  const today = shanghaiDate(now);
  const gz = await entitiesIn(tx, '4401', 5);
  const sz = await entitiesIn(tx, '4403', 2);
  if (gz.length < 5 || sz.length < 2) return;
  const staff: Record<string, { actor: Actor; valid: string[]; invalid: string[] }> = {};
  for (const key of ['gz_amr', 'sz_amr', 'sz_eee', 'gd_amr']) {
    const id = orgIds[key];
    if (!id) return;
    staff[key] = { actor: await demoActor(tx, id), ...(await officersOf(tx, id, today)) };
  }
  const visit = async (
    key: string,
    entityId: string,
    purpose: VisitPurpose,
    daysAgo: number,
    officerIds: string[],
    extra: Partial<VisitCreateBody> = {},
    recordedDaysAgo = 0,
  ) => {
    const s = staff[key] as (typeof staff)[string];
    const ids = officerIds.filter(Boolean);
    if (ids.length === 0) return null;
    const body: VisitCreateBody = {
      entityToken: await entityCodeToken(tx, entityId, now),
      officerIds: ids,
      purpose,
      startedAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
      location: { lat: 23.129 + daysAgo / 1000, lng: 113.264 },
      ...extra,
    };
    return recordVisit(
      tx,
      { eligibility: { shortfallBlocks: false } },
      s.actor,
      body,
      new Date(now.getTime() - recordedDaysAgo * DAY),
    );
  };
  const g = staff.gz_amr as (typeof staff)[string];
  const [a, b] = g.valid as [string, string];
  const rated: (string | null)[] = [];
  const [e1, e2, e3, e4, e5] = gz.map((e) => e.id) as [string, string, string, string, string];
  // clean: a referral, two certified officers
  rated.push(await visit('gz_amr', e1, 'referral', 40, [a, b]));
  // no_task: a special check with nothing behind it
  rated.push(await visit('gz_amr', e2, 'special', 25, [a, b]));
  // over_cap: the third city-level check of the year (the first two are within the cap)
  rated.push(await visit('gz_amr', e3, 'special', 60, [a, b]));
  rated.push(await visit('gz_amr', e3, 'special', 30, [a, b]));
  rated.push(await visit('gz_amr', e3, 'special', 5, [a, b]));
  // single_officer
  rated.push(await visit('gz_amr', e4, 'referral', 8, [a]));
  // uncertified_officer: one of the two has no valid certificate today
  if (g.invalid[0]) await visit('gz_amr', e5, 'referral', 3, [a, g.invalid[0]]);
  const s = staff.sz_amr as (typeof staff)[string];
  const e = staff.sz_eee as (typeof staff)[string];
  const [s1, s2] = sz.map((x) => x.id) as [string, string];
  // late_backfill: captured offline 15 days ago, sent today
  await visit('sz_amr', s1, 'referral', 15, s.valid.slice(0, 2), {
    capturedOffline: true,
    offlineReason: '厂区地下车间无移动网络信号，离线登记后返回单位补传',
  });
  // joint_possible needs a similar item: 生态环境局 (an ecology item) 20 days ago is not similar to 深圳市市场监督管理局's
  // market item 12 days ago; 广东省市场监督管理局 then comes for a market item: joint_possible, naming the Shenzhen one
  const itemOf = async (sector: string) =>
    (
      await tx
        .select({ id: items.id })
        .from(items)
        .where(and(eq(items.sector, sector), eq(items.status, 'active')))
        .orderBy(asc(items.baseCode))
        .limit(1)
    )[0]?.id;
  const p = staff.gd_amr as (typeof staff)[string];
  await visit('sz_eee', s2, 'referral', 20, e.valid.slice(0, 2), { itemId: await itemOf('ecology_environment') });
  await visit('sz_amr', s2, 'referral', 12, s.valid.slice(0, 2), { itemId: await itemOf('market_regulation') });
  await visit('gd_amr', s2, 'referral', 2, p.valid.slice(0, 2), { itemId: await itemOf('market_regulation') });
  // six ratings of the Guangzhou department (aggregates show from 5)
  const scores = [5, 4, 5, 3, 4, 5];
  for (const [i, id] of rated.entries()) {
    if (!id) continue;
    await tx.insert(visitRatings).values({
      visitId: id,
      orgId: g.actor.org.id,
      score: scores[i] ?? 4,
      comment: i === 3 ? '检查较频繁，希望合并检查' : null,
      ratedAt: new Date(now.getTime() - DAY),
    });
  }
}
