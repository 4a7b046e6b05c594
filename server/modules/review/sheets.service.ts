/** 评查表: a reviewer's sheet of a sampled file — the pre-fills confirmed or overridden, the score, the grade. */
import { and, asc, count, desc, eq, isNull } from 'drizzle-orm';
import type { SheetListQuery, SheetOut, SheetSubmitBody } from '../../../common/contracts/review.contract.js';
import type { REVIEW_CHECKS, ReviewVetoKey } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, type FieldError, fieldErrors } from '../../platform/errors.js';
import { paged, totalOf } from '../../platform/pagination.js';
import { abilitiesOf, authorize, loadReadable } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type SheetFacts, reviewSheetPolicy } from './review.policy.js';
import { fileOutcome, finalChecks, scoreSheet, totalPoints, unknownDeductions } from './review.rules.js';
import { reviewCampaigns, reviewFiles, reviewRubrics, reviewSheets } from './review.schema.js';
import type { ReviewDeps } from './rubrics.service.js';
import { reviewersOf } from './sample.service.js';

const sheetSelect = (db: Db) =>
  db
    .select({
      s: reviewSheets,
      f: reviewFiles,
      campaignName: reviewCampaigns.name,
      bodyOrgId: reviewCampaigns.bodyOrgId,
      rubricId: reviewCampaigns.rubricId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
    })
    .from(reviewSheets)
    .innerJoin(reviewFiles, eq(reviewFiles.id, reviewSheets.fileId))
    .innerJoin(reviewCampaigns, eq(reviewCampaigns.id, reviewSheets.campaignId))
    .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId));
type SheetRow = Awaited<ReturnType<ReturnType<typeof sheetSelect>['execute']>>[number];

const factsOf = (r: SheetRow): SheetFacts => ({
  id: r.s.id,
  orgId: r.bodyOrgId,
  regionCode: r.regionCode,
  sector: r.sector,
  reviewerId: r.s.reviewerId,
  submitted: r.s.submittedAt !== null,
});

async function present(db: Db, actor: Actor, rows: SheetRow[]) {
  const reviewers = new Map(
    (await reviewersOf(db, [...new Set(rows.map((r) => r.s.reviewerId))])).map((r) => [r.id, r]),
  );
  const orgNames = new Map(
    (await db.select({ id: orgs.id, name: orgs.name }).from(orgs)).map((o) => [o.id, o.name] as const),
  );
  return rows.map((r) => ({
    id: r.s.id,
    round: r.s.round,
    reviewer: {
      id: r.s.reviewerId,
      name: reviewers.get(r.s.reviewerId)?.name ?? '',
      orgName: reviewers.get(r.s.reviewerId)?.orgName ?? '',
    },
    submittedAt: r.s.submittedAt,
    total: r.s.total,
    grade: r.s.grade,
    veto: r.s.veto,
    campaignId: r.s.campaignId,
    campaignName: r.campaignName,
    caseNumber: r.f.caseNumber,
    caseOrgName: orgNames.get(r.f.orgId) ?? '',
    abilities: abilitiesOf(reviewSheetPolicy, actor, factsOf(r)),
  }));
}

export async function listSheets(deps: ReviewDeps, actor: Actor, q: SheetListQuery) {
  const where = and(
    reviewSheetPolicy.readable?.(actor),
    q.campaignId ? eq(reviewSheets.campaignId, q.campaignId) : undefined,
    q.open === 'true' ? isNull(reviewSheets.submittedAt) : undefined,
  );
  return paged(
    q,
    async (limit, offset) =>
      present(
        deps.db,
        actor,
        await sheetSelect(deps.db)
          .where(where)
          .orderBy(desc(reviewCampaigns.createdAt), asc(reviewFiles.position), asc(reviewSheets.round))
          .limit(limit)
          .offset(offset),
      ),
    () =>
      totalOf(
        deps.db
          .select({ total: count() })
          .from(reviewSheets)
          .innerJoin(reviewCampaigns, eq(reviewCampaigns.id, reviewSheets.campaignId))
          .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId))
          .where(where),
      ),
  );
}

export async function getSheet(deps: ReviewDeps, actor: Actor, id: string, db: Db = deps.db): Promise<SheetOut> {
  await loadReadable(reviewSheetPolicy, db, actor, id);
  const [row] = await sheetSelect(db).where(eq(reviewSheets.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '评查表不存在或不在本单位的监督范围内');
  const [rubric] = await db
    .select({ r: reviewRubrics, bodyOrgName: orgs.name })
    .from(reviewRubrics)
    .innerJoin(orgs, eq(orgs.id, reviewRubrics.bodyOrgId))
    .where(eq(reviewRubrics.id, row.rubricId));
  if (!rubric) throw new AppError(404, 'not_found', '评查标准不存在');
  const [summary] = await present(db, actor, [row]);
  const r = rubric.r;
  return {
    ...(summary as NonNullable<typeof summary>),
    fileId: row.f.id,
    caseId: row.f.caseId,
    rubric: {
      id: r.id,
      familyId: r.familyId,
      version: r.version,
      name: r.name,
      bodyOrgId: r.bodyOrgId,
      bodyOrgName: rubric.bodyOrgName,
      totalPoints: totalPoints(r.criteria),
      inUse: true,
      createdAt: r.createdAt,
      vetoItems: r.vetoItems,
      criteria: r.criteria,
      grades: r.grades,
    },
    prefills: row.f.prefills,
    answer: (row.s.answer as SheetOut['answer']) ?? null,
    vetoes: (row.s.vetoes ?? []) as ReviewVetoKey[],
    criterionScores: row.s.criterionScores ?? [],
  };
}

/** Every pre-fill answered once, and only the pre-fills of this file. */
function checkAnswers(prefills: readonly { check: string }[], body: SheetSubmitBody): FieldError[] {
  const errors: FieldError[] = [];
  const answered = body.checks.map((c) => c.check);
  body.checks.forEach((c, i) => {
    if (answered.indexOf(c.check) !== i) errors.push({ path: `checks.${i}.check`, message: '同一预填项只能回答一次' });
  });
  for (const p of prefills)
    if (!answered.includes(p.check as (typeof REVIEW_CHECKS)[number]))
      errors.push({ path: 'checks', message: `请确认或修改预填项“${p.check}”` });
  return errors;
}

/** Submits the sheet (once): score per the rubric; when both (or the third) are in, the file's outcome. */
export async function submitSheet(
  deps: ReviewDeps,
  ctx: RequestContext,
  actor: Actor,
  id: string,
  body: SheetSubmitBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'review_sheet.submit', resourceType: 'review_sheet', resourceId: id },
    async (tx) => {
      const [locked] = await tx
        .select({ fileId: reviewSheets.fileId })
        .from(reviewSheets)
        .where(eq(reviewSheets.id, id));
      if (locked)
        await tx
          .select({ id: reviewFiles.id })
          .from(reviewFiles)
          .where(eq(reviewFiles.id, locked.fileId))
          .for('update');
      authorize(reviewSheetPolicy, 'submit', actor, await reviewSheetPolicy.load?.(tx, id));
      await applySheet(tx, id, body, deps.clock.now());
      return { value: await getSheet(deps, actor, id, tx), resourceId: id };
    },
  );
}

/** Scores a sheet and records it, then the file's outcome once its reviews are in (the demo uses it too). */
export async function applySheet(tx: Db, id: string, body: SheetSubmitBody, now: Date) {
  const [row] = await sheetSelect(tx).where(eq(reviewSheets.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '评查表不存在');
  const [rubric] = await tx.select().from(reviewRubrics).where(eq(reviewRubrics.id, row.rubricId));
  if (!rubric) throw new AppError(404, 'not_found', '评查标准不存在');
  const errors = [...checkAnswers(row.f.prefills, body), ...unknownDeductions(rubric.criteria, body.deductions)];
  if (errors.length) throw fieldErrors(422, 'invalid_sheet', errors);
  const checks = finalChecks(row.f.prefills, body.checks);
  const score = scoreSheet(rubric, body, checks);
  await tx
    .update(reviewSheets)
    .set({
      answer: {
        checks: body.checks,
        vetoes: body.vetoes,
        deductions: body.deductions,
        ...(body.comment ? { comment: body.comment } : {}),
      },
      vetoes: score.vetoes,
      criterionScores: score.criterionScores,
      total: score.total,
      grade: score.grade,
      veto: score.veto,
      submittedAt: now,
    })
    .where(eq(reviewSheets.id, id));
  const sheets = await tx.select().from(reviewSheets).where(eq(reviewSheets.fileId, row.f.id));
  const outcome = fileOutcome(
    rubric.grades,
    sheets.flatMap((s) =>
      s.submittedAt && s.total !== null ? [{ round: s.round, total: s.total, veto: s.veto === true }] : [],
    ),
  );
  await tx.update(reviewFiles).set(outcome).where(eq(reviewFiles.id, row.f.id));
}
