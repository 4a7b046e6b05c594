/** 评查标准: versioned rubrics of the supervising bodies — made, listed, read, edited until used, then re-versioned. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { RubricBody, RubricOut, RubricSummaryOut } from '../../../common/contracts/review.contract.js';
import type { PageQuery } from '../../../common/contracts/kit.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { CaseThresholds } from '../cases/cases.api.js';
import { AppError, fieldErrors } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import type { Sealer } from '../../platform/crypto.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { reviewRubricPolicy } from './review.policy.js';
import { DEFAULT_RUBRIC, checkRubric, totalPoints } from './review.rules.js';
import { reviewRubrics } from './review.schema.js';

export interface ReviewDeps {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  thresholds: CaseThresholds;
}

const inUse = sql<boolean>`exists (select 1 from review_campaigns c where c.rubric_id = ${reviewRubrics.id})`;
const rubricSelect = (db: Db) =>
  db
    .select({ r: reviewRubrics, bodyOrgName: orgs.name, regionCode: orgs.regionCode, sector: orgs.sector, inUse })
    .from(reviewRubrics)
    .innerJoin(orgs, eq(orgs.id, reviewRubrics.bodyOrgId));
type RubricRow = Awaited<ReturnType<ReturnType<typeof rubricSelect>['execute']>>[number];

function summary(actor: Actor, row: RubricRow): RubricSummaryOut {
  const { r } = row;
  const facts = { id: r.id, orgId: r.bodyOrgId, regionCode: row.regionCode, sector: row.sector, inUse: row.inUse };
  return {
    id: r.id,
    familyId: r.familyId,
    version: r.version,
    name: r.name,
    bodyOrgId: r.bodyOrgId,
    bodyOrgName: row.bodyOrgName,
    totalPoints: totalPoints(r.criteria),
    inUse: row.inUse,
    createdAt: r.createdAt,
    abilities: abilitiesOf(reviewRubricPolicy, actor, facts),
  };
}

export async function listRubrics(deps: ReviewDeps, actor: Actor, q: PageQuery) {
  const where = reviewRubricPolicy.readable?.(actor);
  return paged(
    q,
    async (limit, offset) =>
      (
        await rubricSelect(deps.db)
          .where(where)
          .orderBy(desc(reviewRubrics.createdAt), asc(reviewRubrics.id))
          .limit(limit)
          .offset(offset)
      ).map((r) => summary(actor, r)),
    () => totalOf(deps.db.select({ total: count() }).from(reviewRubrics).where(where)),
  );
}

export async function getRubric(deps: ReviewDeps, actor: Actor, id: string, db: Db = deps.db): Promise<RubricOut> {
  await loadReadable(reviewRubricPolicy, db, actor, id);
  const [row] = await rubricSelect(db).where(eq(reviewRubrics.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '评查标准不存在');
  return { ...summary(actor, row), vetoItems: row.r.vetoItems, criteria: row.r.criteria, grades: row.r.grades };
}

/** The rubric's content: the body's parts, the default for a part left out. */
function content(body: RubricBody) {
  const c = {
    vetoItems: body.vetoItems ?? DEFAULT_RUBRIC.vetoItems,
    criteria: body.criteria ?? DEFAULT_RUBRIC.criteria,
    grades: body.grades ?? DEFAULT_RUBRIC.grades,
  };
  const errors = checkRubric(c);
  if (errors.length) throw fieldErrors(422, 'invalid_rubric', errors);
  return c;
}

/** A new rubric (version 1), or with `basedOnId` the next version of that rubric's family. */
export async function createRubric(deps: ReviewDeps, ctx: RequestContext, actor: Actor, body: RubricBody) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'review_rubric.create', resourceType: 'review_rubric' },
    async (tx) => {
      authorize(reviewRubricPolicy, 'create', actor);
      const c = content(body);
      let familyId: string = randomUUID();
      let version = 1;
      if (body.basedOnId) {
        const base = await loadReadable(reviewRubricPolicy, tx, actor, body.basedOnId);
        const [row] = await tx.select().from(reviewRubrics).where(eq(reviewRubrics.id, base.id));
        familyId = row?.familyId ?? familyId;
        const [top] = await tx
          .select({ v: sql<number>`max(${reviewRubrics.version})::int` })
          .from(reviewRubrics)
          .where(eq(reviewRubrics.familyId, familyId));
        version = Number(top?.v ?? 0) + 1;
      }
      const id = randomUUID();
      await tx.insert(reviewRubrics).values({
        id,
        familyId,
        version,
        name: body.name,
        bodyOrgId: actor.org.id,
        ...c,
        createdAt: deps.clock.now(),
        createdBy: actor.userId,
      });
      return { value: await getRubric(deps, actor, id, tx), resourceId: id };
    },
  );
}

/** Edits a rubric no campaign uses yet (the policy refuses a used one: a new version is made instead). */
export async function updateRubric(deps: ReviewDeps, ctx: RequestContext, actor: Actor, id: string, body: RubricBody) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'review_rubric.update', resourceType: 'review_rubric', resourceId: id },
    async (tx) => {
      await tx.execute(sql`select id from review_rubrics where id = ${id} for update`);
      authorize(reviewRubricPolicy, 'update', actor, await reviewRubricPolicy.load?.(tx, id));
      const c = content(body);
      await tx
        .update(reviewRubrics)
        .set({ name: body.name, ...c })
        .where(and(eq(reviewRubrics.id, id)));
      return { value: await getRubric(deps, actor, id, tx), resourceId: id };
    },
  );
}
