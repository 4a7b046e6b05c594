/**
 * Training reports (学时统计), aggregated in SQL — never by loading rows into Node: the annual report per officer
 * with its CSV export, the per-org summary for the chart, the rotation report, and credit per year for other rules.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { TRAINING_CATEGORIES, TRAINING_CATEGORY_LABELS, type TrainingCategory } from '../../../common/enums.js';
import type { TrainingByOrgQuery, TrainingReportRowOut } from '../../../common/contracts/personnel.contract.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import type { PageQuery } from '../../platform/pagination.js';
import { regionPrefix } from '../../platform/scope.js';
import { orgs } from '../orgs/orgs.api.js';
import { officerPolicy } from './personnel.policy.js';
import { ANNUAL_HOURS_REQUIRED, milliToHours } from './personnel.rules.js';
import { officers, trainingRecords } from './personnel.schema.js';

function officerFilter(actor: Actor, orgId?: string, regionCode?: string) {
  return and(
    officerPolicy.readable?.(actor),
    orgId ? eq(officers.orgId, orgId) : undefined,
    regionCode ? sql`${orgs.regionCode} like ${`${regionPrefix(regionCode)}%`}` : undefined,
  );
}

/** Credit per officer in [from, to], by category, aggregated over training_records alone (one hash aggregate). */
function creditPerOfficer(db: Db, from: string, to: string, officerIds?: string[]) {
  const byCategory = (c: TrainingCategory) =>
    sql<number>`sum(${trainingRecords.creditMilli}) filter (where ${trainingRecords.category} = ${c})`;
  return db
    .select({
      officerId: sql<string>`${trainingRecords.officerId}`.as('credit_officer_id'),
      total: sql<number>`sum(${trainingRecords.creditMilli})`.as('total'),
      publicLaw: byCategory('public_law').as('public_law'),
      business: byCategory('business').as('business'),
      skills: byCategory('skills').as('skills'),
      ethics: byCategory('ethics').as('ethics'),
    })
    .from(trainingRecords)
    .where(
      and(
        sql`${trainingRecords.date} between ${from} and ${to}`,
        officerIds ? inArray(trainingRecords.officerId, officerIds) : undefined,
      ),
    )
    .groupBy(trainingRecords.officerId)
    .as('credit');
}

/**
 * Hours per officer in a calendar year, by category, and the shortfall to 60 学时. Aggregated in SQL: the page of
 * officers is chosen first and only their records are summed; the total and the compliance rate come from one
 * aggregate over the year's records joined to the officers in scope.
 */
export async function trainingReport(
  db: Db,
  actor: Actor,
  q: Partial<PageQuery> & { year: number; orgId?: string; regionCode?: string; all?: boolean },
): Promise<{ data: TrainingReportRowOut[]; total: number; compliant: number; complianceRate: number }> {
  const from = `${q.year}-01-01`;
  const to = `${q.year}-12-31`;
  const required = ANNUAL_HOURS_REQUIRED * 1000;
  const where = officerFilter(actor, q.orgId, q.regionCode);

  const page = db
    .select({ officerId: officers.id, name: officers.name, orgName: orgs.name })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(where)
    .orderBy(orgs.regionCode, orgs.name, officers.name, officers.id);
  const people = q.all
    ? await page
    : await page.limit(q.pageSize ?? 20).offset(((q.current ?? 1) - 1) * (q.pageSize ?? 20));

  const all = creditPerOfficer(db, from, to);
  const [totals] = await db
    .select({
      total: sql<number>`count(*)::int`,
      compliant: sql<number>`(count(*) filter (where coalesce(${all.total}, 0) >= ${required}))::int`,
    })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .leftJoin(all, eq(all.officerId, officers.id))
    .where(where);

  type Credit = { total: number; publicLaw: number; business: number; skills: number; ethics: number };
  const credits = new Map<string, Credit>();
  const keep = (r: {
    officerId: string;
    total: unknown;
    publicLaw: unknown;
    business: unknown;
    skills: unknown;
    ethics: unknown;
  }) =>
    credits.set(r.officerId, {
      total: Number(r.total ?? 0),
      publicLaw: Number(r.publicLaw ?? 0),
      business: Number(r.business ?? 0),
      skills: Number(r.skills ?? 0),
      ethics: Number(r.ethics ?? 0),
    });
  if (q.all) {
    // the export: one aggregate over the year's records, joined to the officers in scope
    const rows = await db
      .select({
        officerId: all.officerId,
        total: all.total,
        publicLaw: all.publicLaw,
        business: all.business,
        skills: all.skills,
        ethics: all.ethics,
      })
      .from(officers)
      .innerJoin(orgs, eq(orgs.id, officers.orgId))
      .innerJoin(all, eq(all.officerId, officers.id))
      .where(where);
    for (const r of rows) keep(r);
  } else if (people.length > 0) {
    for (const r of await db.select().from(
      creditPerOfficer(
        db,
        from,
        to,
        people.map((p) => p.officerId),
      ),
    ))
      keep(r);
  }
  const total = Number(totals?.total ?? 0);
  const compliant = Number(totals?.compliant ?? 0);
  return {
    total,
    compliant,
    complianceRate: total === 0 ? 0 : Math.round((compliant / total) * 10000) / 10000,
    data: people.map((p) => {
      const c = credits.get(p.officerId) ?? { total: 0, publicLaw: 0, business: 0, skills: 0, ethics: 0 };
      return {
        officerId: p.officerId,
        name: p.name,
        orgName: p.orgName,
        totalHours: milliToHours(c.total),
        byCategory: {
          public_law: milliToHours(c.publicLaw),
          business: milliToHours(c.business),
          skills: milliToHours(c.skills),
          ethics: milliToHours(c.ethics),
        },
        shortfallHours: milliToHours(Math.max(0, required - c.total)),
      };
    }),
  };
}

const csvCell = (v: string | number) => {
  const s = String(v);
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s; // no formula injection when opened in a spreadsheet
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export function trainingReportCsv(rows: TrainingReportRowOut[]): string {
  const header = ['姓名', '单位', '总学时', ...TRAINING_CATEGORIES.map((c) => TRAINING_CATEGORY_LABELS[c]), '差额学时'];
  const lines = rows.map((r) =>
    [r.name, r.orgName, r.totalHours, ...TRAINING_CATEGORIES.map((c) => r.byCategory[c]), r.shortfallHours]
      .map(csvCell)
      .join(','),
  );
  return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
}

/** 全员轮训: officers in scope with no training dated within [from, deadline]. */
export async function rotationReport(
  db: Db,
  actor: Actor,
  q: PageQuery & { from: string; deadline: string; orgId?: string },
) {
  const where = and(
    officerFilter(actor, q.orgId),
    sql`not exists (select 1 from training_records t where t.officer_id = ${officers.id} and t.date between ${q.from} and ${q.deadline})`,
  );
  const [rows, [{ total } = { total: 0 }]] = await Promise.all([
    db
      .select({ officerId: officers.id, name: officers.name, orgName: orgs.name })
      .from(officers)
      .innerJoin(orgs, eq(orgs.id, officers.orgId))
      .where(where)
      .orderBy(orgs.regionCode, orgs.name, officers.name, officers.id)
      .limit(q.pageSize)
      .offset((q.current - 1) * q.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(officers)
      .innerJoin(orgs, eq(orgs.id, officers.orgId))
      .where(where),
  ]);
  return { data: rows, total: Number(total), from: q.from, deadline: q.deadline };
}

/** Hours (thousandths) of one officer per year, for eligibility and exit flags. */
export async function creditByYear(db: Db, officerId: string, years: number[]): Promise<Map<number, number>> {
  const year = sql<number>`extract(year from ${trainingRecords.date})::int`;
  const rows = await db
    .select({ year, credit: sql<string>`sum(${trainingRecords.creditMilli})::bigint` })
    .from(trainingRecords)
    .where(and(eq(trainingRecords.officerId, officerId), inArray(year, years)))
    .groupBy(year);
  return new Map(rows.map((r) => [Number(r.year), Number(r.credit)]));
}

/** Per org in scope: officers, compliant officers, compliance rate and average hours in a year (for the chart). */
export async function trainingByOrg(db: Db, actor: Actor, q: TrainingByOrgQuery) {
  const required = ANNUAL_HOURS_REQUIRED * 1000;
  const credit = creditPerOfficer(db, `${q.year}-01-01`, `${q.year}-12-31`);
  const total = sql`coalesce(${credit.total}, 0)`;
  const rows = await db
    .select({
      orgId: orgs.id,
      orgName: orgs.name,
      regionCode: orgs.regionCode,
      officers: sql<number>`count(*)::int`,
      compliant: sql<number>`(count(*) filter (where ${total} >= ${required}))::int`,
      avgMilli: sql<number>`avg(${total})::float8`,
    })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .leftJoin(credit, eq(credit.officerId, officers.id))
    .where(officerFilter(actor, undefined, q.regionCode))
    .groupBy(orgs.id, orgs.name, orgs.regionCode)
    .orderBy(orgs.regionCode, orgs.name);
  const data = rows.map((r) => ({
    orgId: r.orgId,
    orgName: r.orgName,
    officers: Number(r.officers),
    compliant: Number(r.compliant),
    complianceRate:
      Number(r.officers) === 0 ? 0 : Math.round((Number(r.compliant) / Number(r.officers)) * 10000) / 10000,
    averageHours: milliToHours(Math.round(Number(r.avgMilli))),
  }));
  return { data, total: data.length };
}
