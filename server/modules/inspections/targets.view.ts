/** The drawn targets of a task as the console shows them: entity, assigned inspectors by name, results, follow-up. */
import { byEntity } from './group.js';
import { asc, eq, inArray } from 'drizzle-orm';
import type {
  FollowUpOut,
  InspectionResultOut,
  InspectionTargetOut,
} from '../../../common/contracts/inspections.contract.js';
import {
  DRAW_UNFILLED_LABELS,
  type DrawUnfilledCode,
  type FollowUpStatus,
  type GradeClass,
  INSPECTION_OUTCOME_LABELS,
  type InspectionMode,
  type InspectionOutcome,
  type InspectionResultKind,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { shanghaiDate } from '../../platform/clock.js';
import type { Actor } from '../../platform/context.js';
import { cases } from '../cases/cases.api.js';
import { entities } from '../entities/entity-details.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { officers } from '../personnel/personnel.api.js';
import { regions } from '../regions/regions.api.js';
import { followUpDue, isLate } from './inspections.rules.js';
import {
  inspectionAssignments,
  inspectionFollowUps,
  inspectionResults,
  inspectionTargets,
  type inspectionTasks,
} from './inspections.schema.js';

type TaskRow = typeof inspectionTasks.$inferSelect;

export async function officerNames(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; orgId: string; orgName: string }>();
  const rows = await db
    .select({ id: officers.id, name: officers.name, orgId: officers.orgId, orgName: orgs.name })
    .from(officers)
    .innerJoin(orgs, eq(orgs.id, officers.orgId))
    .where(inArray(officers.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}

export function presentFollowUp(
  f: typeof inspectionFollowUps.$inferSelect,
  taskName: string,
  e: { name: string; uscc: string },
): FollowUpOut {
  return {
    id: f.id,
    taskId: f.taskId,
    taskName,
    entityId: f.entityId,
    entityName: e.name,
    uscc: e.uscc,
    dueFrom: f.dueFrom,
    status: f.status as FollowUpStatus,
    resultId: f.followUpResultId,
    createdAt: f.createdAt,
  };
}

export async function targetsOf(
  db: Db,
  _actor: Actor,
  task: TaskRow,
  mayRecord: boolean,
  now: Date,
): Promise<InspectionTargetOut[]> {
  if (!task.drawnAt) return [];
  const today = shanghaiDate(now);
  const targets = await db
    .select({ t: inspectionTargets, name: entities.name, regionName: regions.name })
    .from(inspectionTargets)
    .innerJoin(entities, eq(entities.id, inspectionTargets.entityId))
    .innerJoin(regions, eq(regions.code, entities.regionCode))
    .where(eq(inspectionTargets.taskId, task.id))
    .orderBy(asc(inspectionTargets.position));
  const assigned = await db
    .select()
    .from(inspectionAssignments)
    .where(eq(inspectionAssignments.taskId, task.id))
    .orderBy(asc(inspectionAssignments.position));
  const results = await db
    .select({ r: inspectionResults, caseNumber: cases.number })
    .from(inspectionResults)
    .leftJoin(cases, eq(cases.id, inspectionResults.caseId))
    .where(eq(inspectionResults.taskId, task.id))
    .orderBy(asc(inspectionResults.inspectedAt));
  const followUps = await db.select().from(inspectionFollowUps).where(eq(inspectionFollowUps.taskId, task.id));
  const people = await officerNames(db, [
    ...assigned.map((a) => a.officerId),
    ...results.flatMap((r) => r.r.inspectorIds),
  ]);
  const certOf = new Map(assigned.map((a) => [a.officerId, a.certificateNumber]));
  const orgNames = new Map(
    (await db.select({ id: orgs.id, name: orgs.name }).from(orgs).where(inArray(orgs.id, task.orgIds))).map((o) => [
      o.id,
      o.name,
    ]),
  );
  const drawnFor = byEntity(assigned);
  const resultsFor = byEntity(results.map((r) => ({ ...r, entityId: r.r.entityId })));
  const followUpFor = byEntity(followUps);
  return targets.map(({ t, name, regionName }) => {
    const drawn = drawnFor(t.entityId);
    const own = resultsFor(t.entityId);
    const fu = followUpFor(t.entityId)[0] ?? null;
    const unfilled = t.unfilled as {
      code: DrawUnfilledCode;
      department?: string;
      needed?: number;
      eligible?: number;
      picks?: number;
    } | null;
    const canRecord =
      mayRecord && (own.length === 0 || (fu !== null && fu.status === 'open' && followUpDue(fu.dueFrom, today)));
    return {
      entityId: t.entityId,
      uscc: t.uscc,
      entityName: name,
      regionName,
      riskClass: t.riskClass as GradeClass,
      position: t.position,
      pick: t.pick,
      inspectors: drawn.map((a) => ({
        officerId: a.officerId,
        name: people.get(a.officerId)?.name ?? '',
        orgId: a.orgId,
        orgName: orgNames.get(a.orgId) ?? '',
        certificateNumber: a.certificateNumber,
        pick: a.pick,
      })),
      unfilled: unfilled
        ? {
            code: unfilled.code,
            label: DRAW_UNFILLED_LABELS[unfilled.code],
            ...(unfilled.needed !== undefined ? { needed: unfilled.needed } : {}),
            ...(unfilled.eligible !== undefined ? { eligible: unfilled.eligible } : {}),
            ...(unfilled.department ? { orgName: orgNames.get(unfilled.department) ?? '' } : {}),
            ...(unfilled.picks !== undefined ? { picks: unfilled.picks } : {}),
          }
        : null,
      results: own.map(
        ({ r, caseNumber }): InspectionResultOut => ({
          id: r.id,
          kind: r.kind as InspectionResultKind,
          inspectedAt: r.inspectedAt,
          mode: r.mode as InspectionMode,
          outcome: r.outcome as InspectionOutcome,
          outcomeLabel: INSPECTION_OUTCOME_LABELS[r.outcome as InspectionOutcome],
          findings: r.findings,
          rectifyBy: r.rectifyBy,
          inspectors: r.inspectorIds.map((id) => ({
            officerId: id,
            name: people.get(id)?.name ?? '',
            orgName: people.get(id)?.orgName ?? '',
            certificateNumber: certOf.get(id) ?? null,
            substituted: !drawn.some((a) => a.officerId === id),
          })),
          substituted: r.substituted,
          substitutionReason: r.substitutionReason,
          caseId: r.caseId,
          caseNumber: caseNumber ?? null,
          publishBy: r.publishBy,
          publishedAt: r.publishedAt,
          late: isLate(r, today),
          recordedAt: r.recordedAt,
          recordedByName: r.recordedByName,
        }),
      ),
      followUp: fu ? presentFollowUp(fu, task.name, { name, uscc: t.uscc }) : null,
      abilities: canRecord ? ['record_result'] : [],
    };
  });
}
