/**
 * Who may see and set discretion benchmarks (platform/policy.ts). Every business role reads every benchmark (the
 * province's benchmarks apply across it); an org admin sets, revises and refines only the benchmarks of its own org
 * (which levels may set or refine which items are rules of the use cases, answered with 422).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { BUSINESS_ROLES, definePolicy } from '../../platform/policy.js';
import { orgs } from '../orgs/orgs.api.js';
import { benchmarks } from './discretion.schema.js';

/** A benchmark lies where its owner org does. */
export interface BenchmarkFacts {
  id: string;
  orgId: string;
  regionCode: string;
  sector: string;
  parentId: string | null;
}

export async function loadBenchmarkFacts(db: Db, id: string): Promise<BenchmarkFacts | null> {
  const [row] = await db
    .select({
      id: benchmarks.id,
      orgId: benchmarks.ownerOrgId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
      parentId: benchmarks.parentId,
    })
    .from(benchmarks)
    .innerJoin(orgs, eq(orgs.id, benchmarks.ownerOrgId))
    .where(eq(benchmarks.id, id))
    .limit(1);
  return row ?? null;
}

const OWN_ORG_ADMIN = '只有本单位管理员可以制定或修订本单位的裁量基准';

export const benchmarkPolicy = definePolicy<BenchmarkFacts>({
  subject: 'benchmark',
  label: '裁量基准',
  load: loadBenchmarkFacts,
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看裁量基准' },
    read: { roles: BUSINESS_ROLES, record: true, refusal: '当前账号无权查看裁量基准' },
    /** With the facts of the owner org named in the input (a benchmark or a refinement): only for the actor's own. */
    create: {
      roles: ['org_admin'],
      record: false,
      when: (actor, owner?: BenchmarkFacts) => !owner || owner.orgId === actor.org.id,
      refusal: OWN_ORG_ADMIN,
    },
    revise: {
      roles: ['org_admin'],
      record: true,
      when: (actor, b) => b.orgId === actor.org.id,
      refusal: OWN_ORG_ADMIN,
    },
    /** Refining this benchmark for an org of one's own (whose level and region the use case checks). */
    refine: { roles: ['org_admin'], record: true, refusal: OWN_ORG_ADMIN },
    /** The benchmark that applies to an org in scope, and a decision checked against it. */
    effective: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查询适用的裁量基准' },
    evaluate: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权核对裁量基准' },
  },
});
