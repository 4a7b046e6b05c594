/** Test helpers of the inspections tests: accounts in the seeded orgs, calls as them, an inspection item claimed. */
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { hashPassword } from '../../platform/crypto.js';
import type { TestEnv } from '../../test/harness.js';
import { itemClaims, items, orgs, users } from '../../test/tables.js';

const PASSWORD = 'Insp#Pass2026';
export type Role = 'department_head' | 'officer' | 'supervisor';

export function inspectionKit(env: () => TestEnv) {
  const cookies: Record<string, string> = {};
  const orgId: Record<string, string> = {};
  return {
    cookies,
    orgId,
    async loadOrgs() {
      for (const r of await env().database.db.select({ id: orgs.id, name: orgs.name }).from(orgs)) orgId[r.name] = r.id;
    },
    async account(key: string, orgName: string, role: Role) {
      const id = orgId[orgName];
      if (!id) throw new Error(`no org ${orgName}`);
      const now = env().clock.now();
      await env()
        .database.db.insert(users)
        .values({
          id: randomUUID(),
          username: `insp_${key}`,
          displayName: `抽查测试${key}`,
          passwordHash: await hashPassword(PASSWORD),
          orgId: id,
          roles: [role],
          passwordChangedAt: now,
          mustChangePassword: false,
          createdAt: now,
          updatedAt: now,
        });
      cookies[key] = await env().login(`insp_${key}`, PASSWORD);
    },
    call(method: 'GET' | 'POST', url: string, who: string, payload?: object) {
      return env().app.inject({
        method,
        url,
        headers: who ? { cookie: cookies[who] as string } : {},
        ...(payload ? { payload } : {}),
      });
    },
    /** An active catalogue item of `type` claimed by the org (claiming one when none is). */
    async claimedItem(org: string, type: 'inspection' | 'penalty' = 'inspection') {
      const db = env().database.db;
      const [claimed] = await db
        .select({ id: items.id })
        .from(items)
        .innerJoin(itemClaims, eq(itemClaims.itemId, items.id))
        .where(and(eq(items.type, type), eq(items.status, 'active'), eq(itemClaims.orgId, orgId[org] as string)))
        .limit(1);
      if (claimed) return claimed.id;
      const [any] = await db
        .select({ id: items.id })
        .from(items)
        .where(and(eq(items.type, type), eq(items.status, 'active')))
        .limit(1);
      if (!any) throw new Error(`no ${type} item`);
      await db.insert(itemClaims).values({ itemId: any.id, orgId: orgId[org] as string, claimedAt: env().clock.now() });
      return any.id;
    },
  };
}
