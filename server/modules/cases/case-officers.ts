/** 承办人员 statements of the case steps, compiled once (see db/compiled.ts). */
import { count, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { compile, compileSql } from '../../db/compiled.js';
import { caseOfficers } from './cases.schema.js';

const countStatement = compile((db) =>
  db
    .select({ n: count() })
    .from(caseOfficers)
    .where(eq(caseOfficers.caseId, sql.placeholder('caseId'))),
);
const removeStatement = compileSql(
  sql`delete from ${caseOfficers} where ${caseOfficers.caseId} = ${sql.placeholder('caseId')}::uuid`,
);
const addStatement = compileSql(
  sql`insert into ${caseOfficers} (case_id, officer_id, assigned_at) select ${sql.placeholder('caseId')}::uuid, o, ${sql.placeholder('at')}::timestamptz from unnest(${sql.placeholder('ids')}::uuid[]) o`,
);

/** How many officers the case has. */
export const caseOfficerCount = (tx: Db, caseId: string) => countStatement.run(tx, { caseId });

/** The case's officers become `ids` (distinct): both statements go out together. */
export async function replaceCaseOfficers(tx: Db, caseId: string, ids: string[], at: Date) {
  await Promise.all([removeStatement.run(tx, { caseId }), addStatement.run(tx, { caseId, ids, at: at.toISOString() })]);
}
