/**
 * Who may keep and see 案卷评查 (platform/policy.ts). Rubrics, campaigns and their results are the supervising
 * body's: its supervisors (执法监督人员) make them; supervisors of the bodies above, and the 司法所 assisting a county,
 * see them. A reviewer named in a campaign sees the campaign and fills in their own sheets — nothing else.
 */
import { eq, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { definePolicy, ownOrg } from '../../platform/policy.js';
import { overseenPrefix } from '../../platform/region-prefix.js';
import type { Role } from '../../../common/enums.js';
import { orgs } from '../orgs/orgs.api.js';
import { isSupervisingBody } from '../supervision/supervision.api.js';
import { reviewCampaigns, reviewRubrics, reviewSheets } from './review.schema.js';

interface BodyFacts {
  id: string;
  /** The supervising body. */
  orgId: string;
  regionCode: string;
  sector: string;
}
export interface RubricFacts extends BodyFacts {
  inUse: boolean;
}
export interface CampaignFacts extends BodyFacts {
  reviewerIds: string[];
}
export interface SheetFacts extends BodyFacts {
  reviewerId: string;
  submitted: boolean;
}

const REVIEWERS: Role[] = ['supervisor', 'legal_reviewer'];

/** The record's body lies in the region the actor's supervision org oversees. */
export const oversees = (actor: Actor, regionCode: string) => {
  const prefix = overseenPrefix(actor.org);
  return prefix !== null && regionCode.startsWith(prefix) && actor.roles.includes('supervisor');
};
const overseenCondition = (actor: Actor) => {
  const prefix = overseenPrefix(actor.org);
  return prefix === null || !actor.roles.includes('supervisor') ? sql`false` : like(orgs.regionCode, `${prefix}%`);
};
const mayCreate = (actor: Actor) => isSupervisingBody(actor.org);

export async function loadRubricFacts(db: Db, id: string): Promise<RubricFacts | null> {
  const [row] = await db
    .select({
      id: reviewRubrics.id,
      orgId: reviewRubrics.bodyOrgId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
      inUse: sql<boolean>`exists (select 1 from review_campaigns c where c.rubric_id = ${reviewRubrics.id})`,
    })
    .from(reviewRubrics)
    .innerJoin(orgs, eq(orgs.id, reviewRubrics.bodyOrgId))
    .where(eq(reviewRubrics.id, id))
    .limit(1);
  return row ?? null;
}

export async function loadCampaignFacts(db: Db, id: string): Promise<CampaignFacts | null> {
  const [row] = await db
    .select({
      id: reviewCampaigns.id,
      orgId: reviewCampaigns.bodyOrgId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
      reviewerIds: reviewCampaigns.reviewerIds,
    })
    .from(reviewCampaigns)
    .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId))
    .where(eq(reviewCampaigns.id, id))
    .limit(1);
  return row ?? null;
}

export async function loadSheetFacts(db: Db, id: string): Promise<SheetFacts | null> {
  const [row] = await db
    .select({
      id: reviewSheets.id,
      orgId: reviewCampaigns.bodyOrgId,
      regionCode: orgs.regionCode,
      sector: orgs.sector,
      reviewerId: reviewSheets.reviewerId,
      submittedAt: reviewSheets.submittedAt,
    })
    .from(reviewSheets)
    .innerJoin(reviewCampaigns, eq(reviewCampaigns.id, reviewSheets.campaignId))
    .innerJoin(orgs, eq(orgs.id, reviewCampaigns.bodyOrgId))
    .where(eq(reviewSheets.id, id))
    .limit(1);
  if (!row) return null;
  const { submittedAt, ...facts } = row;
  return { ...facts, submitted: submittedAt !== null };
}

export const reviewRubricPolicy = definePolicy<RubricFacts>({
  subject: 'review_rubric',
  label: '评查标准',
  load: loadRubricFacts,
  // rubrics are reference data of the province's supervising bodies: every supervisor of a supervision org sees them
  readable: (actor) =>
    overseenPrefix(actor.org) !== null && actor.roles.includes('supervisor') ? undefined : sql`false`,
  abilities: {
    list: {
      roles: ['supervisor'],
      record: false,
      when: (actor) => overseenPrefix(actor.org) !== null,
      refusal: '只有司法行政部门（司法所）的执法监督人员可以查看评查标准',
    },
    read: {
      roles: ['supervisor'],
      record: true,
      when: (actor) => overseenPrefix(actor.org) !== null,
      refusal: '只有司法行政部门（司法所）的执法监督人员可以查看评查标准',
    },
    create: {
      roles: ['supervisor'],
      record: false,
      when: mayCreate,
      refusal: '只有县级以上司法行政部门的执法监督人员可以制定评查标准',
    },
    update: {
      roles: ['supervisor'],
      record: true,
      when: (actor, r) => ownOrg(actor, r) && !r.inUse,
      refusal: (actor, r) =>
        r && ownOrg(actor, r) && r.inUse
          ? '该评查标准已被评查活动使用，不能修改，请制定新版本'
          : '只有制定评查标准的司法行政部门的执法监督人员可以修改',
    },
  },
});

const bodyStep = (refusal: string) => ({
  roles: ['supervisor'] as Role[],
  record: true,
  when: (actor: Actor, c: CampaignFacts) => ownOrg(actor, c),
  refusal,
});

export const reviewCampaignPolicy = definePolicy<CampaignFacts>({
  subject: 'review_campaign',
  label: '评查活动',
  load: loadCampaignFacts,
  readable: (actor) =>
    sql`(${overseenCondition(actor)} or ${actor.userId}::uuid = any(${reviewCampaigns.reviewerIds}))`,
  abilities: {
    list: { roles: REVIEWERS, record: false, refusal: '只有执法监督人员和评查人员可以查看评查活动' },
    create: {
      roles: ['supervisor'],
      record: false,
      when: mayCreate,
      refusal: '只有县级以上司法行政部门的执法监督人员可以组织案卷评查',
    },
    read: {
      roles: REVIEWERS,
      record: true,
      when: (actor, c) => oversees(actor, c.regionCode) || c.reviewerIds.includes(actor.userId),
      refusal: '该评查活动不在本单位的监督范围内',
    },
    commit: bodyStep('只有组织评查的司法行政部门的执法监督人员可以冻结案卷名录'),
    draw: bodyStep('只有组织评查的司法行政部门的执法监督人员可以主持公开抽取'),
    assign_third: bodyStep('只有组织评查的司法行政部门的执法监督人员可以指定第三名评查人员'),
    close: bodyStep('只有组织评查的司法行政部门的执法监督人员可以办结评查活动'),
    results: {
      roles: ['supervisor'],
      record: true,
      when: (actor, c) => oversees(actor, c.regionCode),
      refusal: '只有组织评查的司法行政部门及其上级的执法监督人员可以查看评查结果',
    },
  },
});

export const reviewSheetPolicy = definePolicy<SheetFacts>({
  subject: 'review_sheet',
  label: '评查表',
  load: loadSheetFacts,
  readable: (actor) => sql`(${overseenCondition(actor)} or ${reviewSheets.reviewerId} = ${actor.userId}::uuid)`,
  abilities: {
    list: { roles: REVIEWERS, record: false, refusal: '只有执法监督人员和评查人员可以查看评查表' },
    read: {
      roles: REVIEWERS,
      record: true,
      when: (actor, s) => s.reviewerId === actor.userId || oversees(actor, s.regionCode),
      refusal: '该评查表不在本单位的监督范围内',
    },
    submit: {
      roles: REVIEWERS,
      record: true,
      when: (actor, s) => s.reviewerId === actor.userId && !s.submitted,
      refusal: (actor, s) =>
        s && s.reviewerId === actor.userId ? '评查表已提交，不能再修改' : '只有被指定的评查人员可以填写该评查表',
    },
  },
});
