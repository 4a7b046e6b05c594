/**
 * What /public/inspections shows (一公开): published plans and their tasks, and per task the commitment, the seeds,
 * the drawn targets and their published outcomes. Only tasks of published plans; only results once published; no
 * findings text, no legal representatives, no officer names (inspectors by certificate number, as the public draw
 * record has them); an individual business whose name may be its owner's is masked like a natural person.
 */
import { and, asc, desc, eq, inArray, isNotNull } from 'drizzle-orm';
import type { InspectionOutcome, InspectionTaskState } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { maskPersonName } from '../../platform/masking.js';
import { entities } from '../entities/entity-details.api.js';
import { publicTaskDraw } from './draw.service.js';
import { byEntity } from './group.js';
import {
  inspectionAssignments,
  inspectionPlans,
  inspectionResults,
  inspectionTargets,
  inspectionTasks,
} from './inspections.schema.js';
import { orgRefs } from './plans.service.js';

/** Plans shown on the list page, newest first. */
const PLAN_LIMIT = 50;

/** An individual business named only by a person's name (≤ 4 characters, no business word) is masked. */
export function publicEntityName(kind: string, name: string): string {
  if (kind !== 'individual_business') return name;
  const chars = Array.from(name.trim());
  return chars.length <= 4 && !/[店铺行厂社馆部站室院所中心公司]/.test(name) ? maskPersonName(name) : name;
}

export async function publicPlans(db: Db) {
  const plans = await db
    .select()
    .from(inspectionPlans)
    .where(eq(inspectionPlans.status, 'published'))
    .orderBy(desc(inspectionPlans.year), desc(inspectionPlans.createdAt), asc(inspectionPlans.id))
    .limit(PLAN_LIMIT);
  const tasks =
    plans.length === 0
      ? []
      : await db
          .select()
          .from(inspectionTasks)
          .where(
            inArray(
              inspectionTasks.planId,
              plans.map((p) => p.id),
            ),
          )
          .orderBy(asc(inspectionTasks.createdAt), asc(inspectionTasks.id));
  const counts = new Map<string, { targets: number; published: number }>();
  for (const t of tasks) {
    const targets = await db
      .select({ entityId: inspectionTargets.entityId })
      .from(inspectionTargets)
      .where(eq(inspectionTargets.taskId, t.id));
    const published = await db
      .selectDistinct({ entityId: inspectionResults.entityId })
      .from(inspectionResults)
      .where(and(eq(inspectionResults.taskId, t.id), isNotNull(inspectionResults.publishedAt)));
    counts.set(t.id, { targets: targets.length, published: published.length });
  }
  return Promise.all(
    plans.map(async (p) => ({
      id: p.id,
      year: p.year,
      name: p.name,
      orgNames: (await orgRefs(db, p.orgIds)).map((o) => o.name),
      from: p.from,
      to: p.to,
      ratios: p.ratios as Record<string, string>,
      inspectorsPerTarget: p.inspectorsPerTarget,
      tasks: tasks
        .filter((t) => t.planId === p.id)
        .map((t) => ({
          id: t.id,
          name: t.name,
          state: t.state as InspectionTaskState,
          deadline: t.deadline,
          committedAt: t.committedAt,
          drawnAt: t.drawnAt,
          ...(counts.get(t.id) ?? { targets: 0, published: 0 }),
        })),
    })),
  );
}
export type PublicPlan = Awaited<ReturnType<typeof publicPlans>>[number];

export interface PublicTarget {
  uscc: string;
  name: string;
  riskClass: string;
  /** Certificate numbers of the drawn inspectors. */
  inspectors: string[];
  unfilled: boolean;
  /** Published results, oldest first (the initial one, then a follow-up). */
  results: { kind: string; outcome: InspectionOutcome; inspectedAt: Date; publishedAt: Date }[];
}

/** A task of a published plan with its targets and published outcomes; null when there is none to show. */
export async function publicTask(db: Db, taskId: string) {
  let draw: Awaited<ReturnType<typeof publicTaskDraw>>;
  try {
    draw = await publicTaskDraw(db, taskId);
  } catch {
    return null;
  }
  const rows = await db
    .select({ t: inspectionTargets, name: entities.name, kind: entities.kind })
    .from(inspectionTargets)
    .innerJoin(entities, eq(entities.id, inspectionTargets.entityId))
    .where(eq(inspectionTargets.taskId, taskId))
    .orderBy(asc(inspectionTargets.position));
  const assigned = await db
    .select({ entityId: inspectionAssignments.entityId, cert: inspectionAssignments.certificateNumber })
    .from(inspectionAssignments)
    .where(eq(inspectionAssignments.taskId, taskId))
    .orderBy(asc(inspectionAssignments.entityId), asc(inspectionAssignments.position));
  const results = await db
    .select()
    .from(inspectionResults)
    .where(and(eq(inspectionResults.taskId, taskId), isNotNull(inspectionResults.publishedAt)))
    .orderBy(asc(inspectionResults.inspectedAt));
  const assignedTo = byEntity(assigned);
  const resultsOf = byEntity(results);
  const targets: PublicTarget[] = rows.map(({ t, name, kind }) => ({
    uscc: t.uscc,
    name: publicEntityName(kind, name),
    riskClass: t.riskClass,
    inspectors: assignedTo(t.entityId).map((a) => a.cert),
    unfilled: t.unfilled !== null,
    results: resultsOf(t.entityId).map((r) => ({
      kind: r.kind,
      outcome: r.outcome as InspectionOutcome,
      inspectedAt: r.inspectedAt,
      publishedAt: r.publishedAt as Date,
    })),
  }));
  return { draw, targets };
}
export type PublicTask = NonNullable<Awaited<ReturnType<typeof publicTask>>>;
