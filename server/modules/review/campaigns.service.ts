/** 案卷评查活动: created by a supervising body, then its procedure steps (commit, draw, close), files, results. */
import { randomUUID } from 'node:crypto';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  CampaignCreateBody,
  CampaignListQuery,
  CampaignOut,
  CampaignResultsOut,
  CampaignSummaryOut,
  PublicCampaignDrawOut,
  ThirdReviewBody,
} from '../../../common/contracts/review.contract.js';
import { DrawInputError } from '../../../common/draw.js';
import {
  REVIEW_CAMPAIGN_STATE_LABELS,
  type ReviewCampaignAction,
  type ReviewCampaignState,
} from '../../../common/enums.js';
import { REVIEW_SAMPLE_ALGORITHM, normalizeSampleRule } from '../../../common/review-sample.js';
import { type Db, queryRows } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, type FieldError, fieldError, fieldErrors } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import { type GenericProcedure, flowRefusal, performStep } from '../../platform/procedure/perform.js';
import { appendEvent } from '../../platform/procedure/store.js';
import { overseenPrefix } from '../../platform/region-prefix.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type CampaignFacts, loadCampaignFacts, reviewCampaignPolicy } from './review.policy.js';
import { reviewProcedure } from './review.procedure.js';
import { FAIL_GRADE } from './review.rules.js';
import { reviewCampaigns, reviewFiles, reviewRubrics, reviewSheets } from './review.schema.js';
import type { ReviewDeps } from './rubrics.service.js';
import { campaignRow, commitCampaign, drawCampaign, publicSample, reviewersOf } from './sample.service.js';

type CampaignRow = typeof reviewCampaigns.$inferSelect;

export async function orgRefs(db: Db, ids: readonly string[]) {
  const rows = ids.length
    ? await db
        .select({ id: orgs.id, name: orgs.name })
        .from(orgs)
        .where(inArray(orgs.id, [...ids]))
    : [];
  return ids.map((id) => rows.find((r) => r.id === id) ?? { id, name: '' });
}

function campaignAbilities(actor: Actor, facts: CampaignFacts, state: ReviewCampaignState) {
  return abilitiesOf(reviewCampaignPolicy, actor, facts).filter(
    (a) => !(a in reviewProcedure.flow) || flowRefusal(reviewProcedure, state, a as ReviewCampaignAction) === null,
  );
}

const fileCount = sql<number>`(select count(*)::int from review_files f where f.campaign_id = ${reviewCampaigns.id})`;
const summarySelect = (db: Db) =>
  db
    .select({ c: reviewCampaigns, bodyOrgName: orgs.name, regionCode: orgs.regionCode, sector: orgs.sector, fileCount })
    .from(reviewCampaigns)
    .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId));
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summarySelect>['execute']>>[number];

async function presentSummary(db: Db, actor: Actor, r: SummaryRow): Promise<CampaignSummaryOut> {
  const state = r.c.state as ReviewCampaignState;
  const facts: CampaignFacts = {
    id: r.c.id,
    orgId: r.c.bodyOrgId,
    regionCode: r.regionCode,
    sector: r.sector,
    reviewerIds: r.c.reviewerIds,
  };
  return {
    id: r.c.id,
    year: r.c.year,
    name: r.c.name,
    bodyOrgId: r.c.bodyOrgId,
    bodyOrgName: r.bodyOrgName,
    state,
    stateLabel: REVIEW_CAMPAIGN_STATE_LABELS[state],
    orgs: await orgRefs(db, r.c.orgIds),
    fileCount: Number(r.fileCount),
    createdAt: r.c.createdAt,
    abilities: campaignAbilities(actor, facts, state),
  };
}

export async function listCampaigns(deps: ReviewDeps, actor: Actor, q: CampaignListQuery) {
  const where = and(
    reviewCampaignPolicy.readable?.(actor),
    q.year ? eq(reviewCampaigns.year, q.year) : undefined,
    q.state ? eq(reviewCampaigns.state, q.state) : undefined,
  );
  return paged(
    q,
    async (limit, offset) => {
      const rows = await summarySelect(deps.db)
        .where(where)
        .orderBy(desc(reviewCampaigns.createdAt), asc(reviewCampaigns.id))
        .limit(limit)
        .offset(offset);
      return Promise.all(rows.map((r) => presentSummary(deps.db, actor, r)));
    },
    () =>
      totalOf(
        deps.db
          .select({ total: count() })
          .from(reviewCampaigns)
          .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId))
          .where(where),
      ),
  );
}

/** The sampled files of a campaign with their sheets' summaries, in draw order. */
async function filesOf(db: Db, campaignId: string) {
  const files = await db
    .select({ f: reviewFiles, orgName: orgs.name })
    .from(reviewFiles)
    .innerJoin(orgs, eq(orgs.id, reviewFiles.orgId))
    .where(eq(reviewFiles.campaignId, campaignId))
    .orderBy(asc(reviewFiles.position));
  const sheets = await db
    .select()
    .from(reviewSheets)
    .where(eq(reviewSheets.campaignId, campaignId))
    .orderBy(asc(reviewSheets.round));
  const reviewers = new Map(
    (await reviewersOf(db, [...new Set(sheets.map((s) => s.reviewerId))])).map((r) => [r.id, r]),
  );
  return files.map(({ f, orgName }) => ({
    id: f.id,
    position: f.position,
    caseId: f.caseId,
    caseNumber: f.caseNumber,
    org: { id: f.orgId, name: orgName },
    pick: f.pick,
    sheets: sheets
      .filter((s) => s.fileId === f.id)
      .map((s) => ({
        id: s.id,
        round: s.round,
        reviewer: {
          id: s.reviewerId,
          name: reviewers.get(s.reviewerId)?.name ?? '',
          orgName: reviewers.get(s.reviewerId)?.orgName ?? '',
        },
        submittedAt: s.submittedAt,
        total: s.total,
        grade: s.grade,
        veto: s.veto,
      })),
    flagged: f.flagged,
    finalScore: f.finalScore,
    finalGrade: f.finalGrade,
    finalVeto: f.finalVeto,
  }));
}

export async function getCampaign(deps: ReviewDeps, actor: Actor, id: string, db: Db = deps.db): Promise<CampaignOut> {
  await loadReadable(reviewCampaignPolicy, db, actor, id);
  const [row] = await summarySelect(db).where(eq(reviewCampaigns.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '评查活动不存在或不在本单位的监督范围内');
  const c = row.c;
  const [rubric] = await db
    .select({ id: reviewRubrics.id, name: reviewRubrics.name, version: reviewRubrics.version })
    .from(reviewRubrics)
    .where(eq(reviewRubrics.id, c.rubricId));
  return {
    ...(await presentSummary(db, actor, row)),
    sample: c.sample,
    caseFilter: c.caseFilter as CampaignOut['caseFilter'],
    rubric: rubric ?? { id: c.rubricId, name: '', version: 0 },
    reviewers: (await reviewersOf(db, c.reviewerIds)).map(({ id: rid, name, orgName }) => ({ id: rid, name, orgName })),
    commitment:
      c.committedAt && c.seedCommitment && c.populationHash
        ? {
            seedCommitment: c.seedCommitment,
            populationHash: c.populationHash,
            populationSize: c.populationSize ?? 0,
            committedAt: c.committedAt,
          }
        : null,
    draw:
      c.drawnAt && c.serverSeed && c.publicSeed && c.seed
        ? {
            algorithm: REVIEW_SAMPLE_ALGORITHM,
            publicSeed: c.publicSeed,
            serverSeed: c.serverSeed,
            seed: c.seed,
            drawnAt: c.drawnAt,
          }
        : null,
    files: await filesOf(db, id),
    createdByName: c.createdByName,
  };
}

/** The body's checks of a new campaign: orgs in its region, a rubric, reviewers who may review, two per org. */
async function checkCampaign(tx: Db, actor: Actor, body: CampaignCreateBody) {
  const prefix = overseenPrefix(actor.org) ?? '\u0000';
  const orgRows = await tx
    .select({ id: orgs.id, regionCode: orgs.regionCode })
    .from(orgs)
    .where(inArray(orgs.id, body.orgIds));
  const regionOf = new Map(orgRows.map((o) => [o.id, o.regionCode]));
  const errors: FieldError[] = [];
  body.orgIds.forEach((id, i) => {
    const code = regionOf.get(id);
    if (!code?.startsWith(prefix))
      errors.push({ path: `orgIds.${i}`, message: '被评查单位不存在或不在本机关的监督范围内' });
    if (body.orgIds.indexOf(id) !== i) errors.push({ path: `orgIds.${i}`, message: '被评查单位重复' });
  });
  if (errors.length) throw fieldErrors(422, 'target_out_of_scope', errors);
  const [rubric] = await tx
    .select({ id: reviewRubrics.id })
    .from(reviewRubrics)
    .where(eq(reviewRubrics.id, body.rubricId));
  if (!rubric) throw fieldError(422, 'rubric_not_found', 'rubricId', '评查标准不存在');
  const reviewers = await queryRows<{
    id: string;
    org_id: string;
    region_code: string;
    roles: string[];
    disabled: boolean;
  }>(
    tx,
    sql`select u.id, u.org_id, o.region_code, u.roles, u.disabled_at is not null as disabled
        from users u join orgs o on o.id = u.org_id where u.id = any(${sql.param(body.reviewerIds)}::uuid[])`,
  );
  const byId = new Map(reviewers.map((r) => [r.id, r]));
  body.reviewerIds.forEach((id, i) => {
    const r = byId.get(id);
    const ok =
      r &&
      !r.disabled &&
      r.region_code.startsWith(prefix) &&
      r.roles.some((x) => x === 'supervisor' || x === 'legal_reviewer');
    if (!ok)
      errors.push({
        path: `reviewerIds.${i}`,
        message: '评查人员应为本机关监督范围内在职的执法监督人员或法制审核人员',
      });
    if (body.reviewerIds.indexOf(id) !== i) errors.push({ path: `reviewerIds.${i}`, message: '评查人员重复' });
  });
  if (errors.length) throw fieldErrors(422, 'reviewer_invalid', errors);
  body.orgIds.forEach((orgId, i) => {
    const outside = reviewers.filter((r) => r.org_id !== orgId).length;
    if (outside < 2) errors.push({ path: `orgIds.${i}`, message: '该单位的案卷需要至少 2 名非本单位的评查人员' });
  });
  if (errors.length) throw fieldErrors(422, 'reviewers_insufficient', errors);
}

export async function createCampaign(deps: ReviewDeps, ctx: RequestContext, actor: Actor, body: CampaignCreateBody) {
  return runAudited(deps.db, deps.clock, ctx, { action: 'review.create', resourceType: 'review' }, async (tx) => {
    authorize(reviewCampaignPolicy, 'create', actor);
    let sample: ReturnType<typeof normalizeSampleRule>;
    try {
      sample = normalizeSampleRule(body.sample);
    } catch (e) {
      if (e instanceof DrawInputError) throw fieldError(422, e.code, e.field, e.detail);
      throw e;
    }
    await checkCampaign(tx, actor, body);
    const id = randomUUID();
    const now = deps.clock.now();
    await tx.insert(reviewCampaigns).values({
      id,
      bodyOrgId: actor.org.id,
      year: body.year,
      name: body.name,
      orgIds: body.orgIds,
      sample,
      caseFilter: body.caseFilter,
      rubricId: body.rubricId,
      reviewerIds: body.reviewerIds,
      state: 'draft',
      createdAt: now,
      createdBy: actor.userId,
      createdByName: actor.displayName,
    });
    await appendEvent(
      tx,
      { subjectType: 'review', subjectId: id },
      {
        type: 'create',
        at: now,
        actorId: actor.userId,
        role: actor.roles.join(','),
        orgId: actor.org.id,
        payload: {
          year: body.year,
          name: body.name,
          orgIds: body.orgIds,
          sample,
          caseFilter: body.caseFilter,
          rubricId: body.rubricId,
          toState: 'draft',
        },
        attachments: [],
        location: null,
      },
      { state: 'draft' },
    );
    return { value: await getCampaign(deps, actor, id, tx), resourceId: id };
  });
}

type Handlers = GenericProcedure<ReviewCampaignState, ReviewCampaignAction>['handlers'];

const handlers = (deps: ReviewDeps): Handlers => ({
  commit: async ({ tx, subjectId, now }) => ({ payload: await commitCampaign(tx, deps.sealer, subjectId, now) }),
  draw: async ({ tx, subjectId, body, now }) => ({
    payload: await drawCampaign(tx, deps.sealer, deps.thresholds, subjectId, body.publicSeed, now),
  }),
  close: async ({ tx, subjectId }) => {
    const [open] = await tx
      .select({ n: count() })
      .from(reviewFiles)
      .where(and(eq(reviewFiles.campaignId, subjectId), sql`${reviewFiles.finalScore} is null`));
    if ((open?.n ?? 0) > 0) throw new AppError(409, 'reviews_pending', `还有 ${open?.n} 宗案卷的评查未完成，不能办结`);
    await tx.update(reviewCampaigns).set({ state: 'closed' }).where(eq(reviewCampaigns.id, subjectId));
    return { payload: {} };
  },
});

/** One step through the platform's performStep (lock, flow, policy, handler, event, audit), then the view. */
export async function campaignStep(
  deps: ReviewDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  action: ReviewCampaignAction,
  body: Record<string, unknown>,
) {
  const procedure: GenericProcedure<ReviewCampaignState, ReviewCampaignAction> = {
    ...reviewProcedure,
    initialState: 'draft',
    handlers: handlers(deps),
    policy: reviewCampaignPolicy as never,
  };
  await performStep({ ...deps, runAudited }, ctx, actor, procedure, id, action, body);
  return getCampaign(deps, actor, id);
}

/** A third reviewer for a flagged file: one of the campaign's reviewers, not from the file's org nor already on it. */
export async function assignThird(
  deps: ReviewDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  body: ThirdReviewBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'review_campaign.assign_third', resourceType: 'review', resourceId: id },
    async (tx) => {
      authorize(reviewCampaignPolicy, 'assign_third', actor, await loadCampaignFacts(tx, id));
      const c = await campaignRow(tx, id);
      const [file] = await tx
        .select()
        .from(reviewFiles)
        .where(and(eq(reviewFiles.id, body.fileId), eq(reviewFiles.campaignId, id)))
        .for('update');
      if (!file) throw fieldError(422, 'file_not_found', 'fileId', '该评查活动中没有这宗案卷');
      if (!file.flagged) throw new AppError(409, 'not_flagged', '两名评查人员的评分相差不超过 10 分，无须第三人评查');
      const sheets = await tx.select().from(reviewSheets).where(eq(reviewSheets.fileId, file.id));
      if (sheets.some((s) => s.round === 3)) throw new AppError(409, 'third_assigned', '已指定第三名评查人员');
      const [reviewer] = await reviewersOf(tx, [body.reviewerId]);
      if (!reviewer || !c.reviewerIds.includes(reviewer.id))
        throw fieldError(422, 'reviewer_invalid', 'reviewerId', '第三名评查人员应为本次评查活动的评查人员');
      if (reviewer.orgId === file.orgId)
        throw fieldError(422, 'reviewer_own_org', 'reviewerId', '评查人员不能评查本单位的案卷');
      if (sheets.some((s) => s.reviewerId === reviewer.id))
        throw fieldError(422, 'reviewer_already', 'reviewerId', '该评查人员已评查过这宗案卷');
      await tx
        .insert(reviewSheets)
        .values({ id: randomUUID(), fileId: file.id, campaignId: id, round: 3, reviewerId: reviewer.id });
      return { value: await getCampaign(deps, actor, id, tx), resourceId: id };
    },
  );
}

/** Results per reviewed org: files sampled and finished, the average final score, grade and veto counts. */
export async function campaignResults(deps: ReviewDeps, actor: Actor, id: string): Promise<CampaignResultsOut> {
  authorize(reviewCampaignPolicy, 'results', actor, await loadCampaignFacts(deps.db, id));
  const c = await campaignRow(deps.db, id);
  const [rubric] = await deps.db.select().from(reviewRubrics).where(eq(reviewRubrics.id, c.rubricId));
  const grades = [...[...(rubric?.grades ?? [])].sort((a, b) => b.min - a.min).map((g) => g.label), FAIL_GRADE];
  const files = await deps.db.select().from(reviewFiles).where(eq(reviewFiles.campaignId, id));
  const refs = await orgRefs(deps.db, c.orgIds);
  return {
    campaignId: id,
    grades,
    orgs: refs.map((org) => {
      const own = files.filter((f) => f.orgId === org.id);
      const done = own.filter((f) => f.finalScore !== null);
      const gradeCounts = Object.fromEntries(grades.map((g) => [g, done.filter((f) => f.finalGrade === g).length]));
      const sum = done.reduce((a, f) => a + (f.finalScore ?? 0), 0);
      return {
        org,
        sampled: own.length,
        reviewed: done.length,
        average: done.length ? Math.round((sum / done.length) * 100) / 100 : null,
        gradeCounts,
        vetoCount: done.filter((f) => f.finalVeto).length,
        flagged: own.filter((f) => f.flagged).length,
      };
    }),
  };
}

/** GET /api/v1/public/review-campaigns/:id/draw — from the commitment on; the record once drawn. */
export async function publicCampaignDraw(db: Db, id: string): Promise<PublicCampaignDrawOut> {
  const [row] = await db
    .select({ c: reviewCampaigns, bodyOrgName: orgs.name })
    .from(reviewCampaigns)
    .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId))
    .where(eq(reviewCampaigns.id, id))
    .limit(1);
  if (!row?.c.committedAt) throw new AppError(404, 'not_found', '评查活动不存在或尚未公开抽取');
  const c: CampaignRow = row.c;
  return {
    campaignId: c.id,
    name: c.name,
    bodyOrgName: row.bodyOrgName,
    state: c.state as ReviewCampaignState,
    orgs: await orgRefs(db, c.orgIds),
    committedAt: c.committedAt,
    seedCommitment: c.seedCommitment,
    populationHash: c.populationHash,
    drawnAt: c.drawnAt,
    record: await publicSample(db, c),
  };
}

/** The reviewers a body may name: active supervisors and legal reviewers of orgs in its region, by org then name. */
export async function reviewerCandidates(deps: ReviewDeps, actor: Actor) {
  authorize(reviewCampaignPolicy, 'create', actor);
  const prefix = overseenPrefix(actor.org) ?? '\u0000';
  const rows = await queryRows<{ id: string; display_name: string; org_id: string; org_name: string }>(
    deps.db,
    sql`select u.id, u.display_name, u.org_id, o.name as org_name from users u join orgs o on o.id = u.org_id
        where u.disabled_at is null and o.region_code like ${`${prefix}%`}
          and (u.roles && array['supervisor', 'legal_reviewer']::text[])
        order by o.region_code, o.name, u.display_name limit 500`,
  );
  return { data: rows.map((r) => ({ id: r.id, name: r.display_name, orgId: r.org_id, orgName: r.org_name })) };
}
