/**
 * Eligibility (the one question every module asks), annual assessments, exit flags and exit decisions.
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type {
  AssessmentCreateBody,
  AssessmentOut,
  AssessmentRecordedOut,
  ExitDecisionBody,
  ExitDecisionOut,
  ExitDecisionRecordedOut,
  ExitFlagQuery,
} from '../../../common/contracts/personnel.contract.js';
import type { AssessmentGrade, CertificateStatus, ExitAction, ExitBasis } from '../../../common/enums.js';
import type { Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { compile } from '../../db/compiled.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { authorize } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { certificatesAtOf, transitionCertificate } from './certificates.service.js';
import { shanghaiDate } from '../../platform/clock.js';
import { type PersonnelDeps, loadOfficer } from './officers.service.js';
import { officerFactsOf, officerPolicy } from './personnel.policy.js';
import { ANNUAL_HOURS_REQUIRED, type Reason, evaluateEligibility, exitFlags } from './personnel.rules.js';
import { assessments, certificates, exitDecisions, officers } from './personnel.schema.js';
import { creditByYear } from './training-reports.js';

export type EligibilityConfig = Pick<Config['training'], 'shortfallBlocks'>;

/**
 * May this officer act for `sector` in `regionCode` at `at`? Exported for the case, inspection and review modules.
 * Certificate states are those in force at `at` (replayed from their history); dates are Asia/Shanghai dates.
 */
export async function checkEligibility(
  db: Db,
  config: EligibilityConfig,
  officerId: string,
  q: { sector: string; regionCode: string; at: Date },
): Promise<{ eligible: boolean; reasons: Reason[] }> {
  return (await checkEligibilityOf(db, config, [officerId], q)).get(officerId) as {
    eligible: boolean;
    reasons: Reason[];
  };
}

/** Each officer's grade of the latest of `years` assessed. */
const recentGrades = compile((db) =>
  db
    .selectDistinctOn([assessments.officerId], { officerId: assessments.officerId, grade: assessments.grade })
    .from(assessments)
    .where(
      and(
        sql`${assessments.officerId} = any(${sql.placeholder('ids')}::uuid[])`,
        sql`${assessments.year} = any(${sql.placeholder('years')}::int[])`,
      ),
    )
    .orderBy(assessments.officerId, desc(assessments.year)),
);

/** The officers with these ids (any order). */
export const officersByIds = compile((db) =>
  db
    .select()
    .from(officers)
    .where(sql`${officers.id} = any(${sql.placeholder('ids')}::uuid[])`),
);

/** `checkEligibility` for several officers at once (the same answers, a fixed number of queries); by officer id. */
export async function checkEligibilityOf(
  db: Db,
  config: EligibilityConfig,
  officerIds: string[],
  q: { sector: string; regionCode: string; at: Date },
): Promise<Map<string, { eligible: boolean; reasons: Reason[] }>> {
  const ids = [...new Set(officerIds)];
  const out = new Map<string, { eligible: boolean; reasons: Reason[] }>();
  if (ids.length === 0) return out;
  const date = shanghaiDate(q.at);
  const year = Number(date.slice(0, 4));
  const [certs, recent, credit] = await Promise.all([
    certificatesAtOf(db, ids, 'enforcement', q.at),
    recentGrades.run(db, { ids, years: [year, year - 1] }),
    config.shortfallBlocks ? Promise.all(ids.map((id) => creditByYear(db, id, [year - 1]))) : Promise.resolve(null),
  ]);
  ids.forEach((id, i) => {
    out.set(
      id,
      evaluateEligibility({
        certificates: certs.get(id) ?? [],
        sector: q.sector,
        regionCode: q.regionCode,
        date,
        recentGrade: (recent.find((r) => r.officerId === id)?.grade as AssessmentGrade | undefined) ?? null,
        shortfallBlocks: config.shortfallBlocks,
        previousYearShortfall: (credit?.[i]?.get(year - 1) ?? 0) < ANNUAL_HOURS_REQUIRED * 1000,
      }),
    );
  });
  return out;
}

export async function recordAssessment(
  deps: PersonnelDeps,
  ctx: RequestContext,
  actor: Actor,
  officerId: string,
  input: AssessmentCreateBody,
): Promise<AssessmentRecordedOut> {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'assessment.record', resourceType: 'officer', resourceId: officerId },
    async (tx) => {
      const row = await loadOfficer(tx, actor, officerId);
      authorize(officerPolicy, 'assess', actor, officerFactsOf(row.officer, row.org));
      const thisYear = Number(shanghaiDate(deps.clock.now()).slice(0, 4));
      if (input.year > thisYear) throw fieldError(422, 'invalid_year', 'year', '不能登记未来年度的考核');
      const [existing] = await tx
        .select({ id: assessments.id })
        .from(assessments)
        .where(and(eq(assessments.officerId, officerId), eq(assessments.year, input.year)))
        .limit(1);
      if (existing) throw fieldError(409, 'duplicate_assessment', 'year', `${input.year} 年度考核已登记，不能重复登记`);
      const id = randomUUID();
      await tx.insert(assessments).values({
        id,
        officerId,
        year: input.year,
        grade: input.grade,
        comments: input.comments ?? null,
        assessorId: actor.userId,
        createdAt: deps.clock.now(),
      });
      return { value: { id, officerId, year: input.year, grade: input.grade, comments: input.comments ?? null } };
    },
  );
}

export async function assessmentsOf(db: Db, officerId: string): Promise<AssessmentOut[]> {
  const rows = await db
    .select()
    .from(assessments)
    .where(eq(assessments.officerId, officerId))
    .orderBy(desc(assessments.year));
  return rows.map((a) => ({
    id: a.id,
    year: a.year,
    grade: a.grade as AssessmentGrade,
    comments: a.comments,
    createdAt: a.createdAt.toISOString(),
  }));
}

/**
 * Officers in scope flagged for the exit mechanism in `year`: graded incompetent, or short of 60 学时 in `year` and
 * in `year - 1`. Computed in SQL.
 */
export async function exitFlagList(db: Db, actor: Actor, q: ExitFlagQuery) {
  const required = ANNUAL_HOURS_REQUIRED * 1000;
  const credit = (y: number) =>
    sql`coalesce((select sum(t.credit_milli) from training_records t where t.officer_id = ${officers.id} and t.date between ${`${y}-01-01`} and ${`${y}-12-31`}), 0)`;
  const grade = sql<
    string | null
  >`(select a.grade from assessments a where a.officer_id = ${officers.id} and a.year = ${q.year})`;
  const base = db
    .select({
      officerId: sql<string>`${officers.id}`.as('officer_id'),
      name: sql<string>`${officers.name}`.as('officer_name'),
      orgName: sql<string>`${orgs.name}`.as('org_name'),
      regionCode: sql<string>`${orgs.regionCode}`.as('region_code'),
      grade: grade.as('grade'),
      shortThisYear: sql<boolean>`${credit(q.year)} < ${required}`.as('short_this_year'),
      shortLastYear: sql<boolean>`${credit(q.year - 1)} < ${required}`.as('short_last_year'),
    })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(officerPolicy.readable?.(actor))
    .as('base');
  const flagged = sql`${base.grade} = 'incompetent' or (${base.shortThisYear} and ${base.shortLastYear})`;
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select()
      .from(base)
      .where(flagged)
      .orderBy(base.regionCode, base.orgName, base.name, base.officerId)
      .limit(q.pageSize)
      .offset((q.current - 1) * q.pageSize),
    db.select({ total: sql<number>`count(*)::int` }).from(base).where(flagged),
  ]);
  return {
    total: Number(total),
    data: rows.map((r) => ({
      officerId: r.officerId,
      name: r.name,
      orgName: r.orgName,
      flags: exitFlags({
        grade: r.grade as AssessmentGrade | null,
        shortfallThisYear: Boolean(r.shortThisYear),
        shortfallLastYear: Boolean(r.shortLastYear),
      }),
    })),
  };
}

/**
 * An exit decision suspends or revokes every certificate it can, with the reason, in one transaction. It is a
 * decision: never taken automatically by a flag.
 */
export async function decideExit(
  deps: PersonnelDeps,
  ctx: RequestContext,
  actor: Actor,
  officerId: string,
  input: ExitDecisionBody,
): Promise<ExitDecisionRecordedOut> {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `officer.exit.${input.action}`, resourceType: 'officer', resourceId: officerId, detail: input.reason },
    async (tx) => {
      const row = await loadOfficer(tx, actor, officerId);
      authorize(officerPolicy, 'exit', actor, officerFactsOf(row.officer, row.org));
      const wanted: CertificateStatus[] = input.action === 'suspend' ? ['valid'] : ['valid', 'suspended'];
      const certs = await tx
        .select()
        .from(certificates)
        .where(and(eq(certificates.officerId, officerId), inArray(certificates.status, wanted)));
      if (certs.length === 0)
        throw new AppError(
          409,
          'nothing_to_change',
          input.action === 'suspend' ? '该人员没有可暂扣的有效证件' : '该人员没有可吊销的证件',
        );
      const now = deps.clock.now();
      for (const c of certs)
        await transitionCertificate(tx, actor.userId, now, c, input.action, `退出机制：${input.reason}`);
      const id = randomUUID();
      await tx.insert(exitDecisions).values({
        id,
        officerId,
        action: input.action,
        reason: input.reason,
        basis: input.basis,
        certificateIds: certs.map((c) => c.id),
        actorId: actor.userId,
        at: now,
      });
      return {
        value: {
          id,
          officerId,
          action: input.action,
          basis: input.basis,
          reason: input.reason,
          certificateIds: certs.map((c) => c.id),
          at: now.toISOString(),
        },
      };
    },
  );
}

export async function exitDecisionsOf(db: Db, officerId: string): Promise<ExitDecisionOut[]> {
  const rows = await db
    .select()
    .from(exitDecisions)
    .where(eq(exitDecisions.officerId, officerId))
    .orderBy(desc(exitDecisions.at));
  return rows.map((r) => ({
    id: r.id,
    action: r.action as ExitAction,
    basis: r.basis as ExitBasis,
    reason: r.reason,
    certificateIds: r.certificateIds,
    at: r.at.toISOString(),
  }));
}
