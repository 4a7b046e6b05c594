/**
 * Demo data: the default rubric of 广州市司法局, and its 案卷评查 of the city's enforcement orgs this year — committed,
 * drawn over the demo's closed files (2 per org) with two reviewers each, some sheets scored.
 */
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { shanghaiDate } from '../../platform/clock.js';
import { hashPassword } from '../../platform/crypto.js';
import { addCivilDays } from '../../platform/deadlines.js';
import type { DemoContext } from '../../platform/module.js';
import type { RecordEventInput } from '../../platform/procedure/record.js';
import { appendEvent } from '../../platform/procedure/store.js';
import { users } from '../accounts/accounts.api.js';
import { DEFAULT_THRESHOLDS } from '../cases/cases.api.js';
import { DEFAULT_RUBRIC } from './review.rules.js';
import { reviewCampaigns, reviewFiles, reviewRubrics, reviewSheets } from './review.schema.js';
import { applySheet } from './sheets.service.js';
import { commitCampaign, drawCampaign } from './sample.service.js';

/** Reviewers besides 梁监督 (广州市司法局) and 张审核 (广州市市场监管局): a district supervisor and a city legal reviewer. */
const REVIEWERS = [
  { username: 'th_sfj_supervisor', displayName: '冯监督', org: 'th_sfj', roles: ['supervisor'] },
  { username: 'gz_cgj_reviewer', displayName: '许审核', org: 'gz_cgj', roles: ['legal_reviewer'] },
];

export async function loadDemoReview({ tx, now, orgIds, password, sealer }: DemoContext) {
  const hash = await hashPassword(password);
  for (const r of REVIEWERS)
    await tx.insert(users).values({
      id: randomUUID(),
      username: r.username,
      displayName: r.displayName,
      passwordHash: hash,
      orgId: orgIds[r.org] as string,
      roles: r.roles,
      passwordChangedAt: now,
      mustChangePassword: false,
      createdAt: now,
      updatedAt: now,
    });
  const accounts = await tx
    .select({ id: users.id, username: users.username, roles: users.roles, orgId: users.orgId, name: users.displayName })
    .from(users)
    .where(inArray(users.username, ['gz_sfj_supervisor', 'gz_reviewer', ...REVIEWERS.map((r) => r.username)]));
  const by = (u: string) => accounts.find((a) => a.username === u) as (typeof accounts)[number];
  const body = by('gz_sfj_supervisor');
  const bodyOrgId = orgIds.gz_sfj as string;
  const rubricId = randomUUID();
  await tx.insert(reviewRubrics).values({
    id: rubricId,
    familyId: randomUUID(),
    version: 1,
    name: '行政处罚案卷评查标准',
    bodyOrgId,
    ...DEFAULT_RUBRIC,
    createdAt: now,
    createdBy: body.id,
  });
  const today = shanghaiDate(now);
  const id = randomUUID();
  const orgKeys = ['gz_amr', 'th_amr', 'gz_eee', 'th_zhzf'];
  const campaign = {
    year: Number(today.slice(0, 4)),
    name: '行政处罚案卷评查（演示）',
    orgIds: orgKeys.map((k) => orgIds[k] as string),
    sample: { perOrg: 2 },
    caseFilter: { kinds: ['penalty'], closedFrom: addCivilDays(today, -365), closedTo: today },
    rubricId,
  };
  await tx.insert(reviewCampaigns).values({
    id,
    bodyOrgId,
    ...campaign,
    reviewerIds: ['gz_sfj_supervisor', 'th_sfj_supervisor', 'gz_reviewer', 'gz_cgj_reviewer'].map((u) => by(u).id),
    state: 'draft',
    createdAt: now,
    createdBy: body.id,
    createdByName: body.name,
  });
  const subject = { subjectType: 'review', subjectId: id };
  const event = (type: string, payload: Record<string, unknown>): RecordEventInput => ({
    type,
    at: now,
    actorId: body.id,
    role: 'supervisor',
    orgId: bodyOrgId,
    payload,
    attachments: [],
    location: null,
  });
  await appendEvent(tx, subject, event('create', { ...campaign, toState: 'draft' }), { state: 'draft' });
  const committed = await commitCampaign(tx, sealer, id, now);
  await appendEvent(tx, subject, event('commit', { ...committed, fromState: 'draft', toState: 'committed' }), {
    state: 'committed',
  });
  const drawn = await drawCampaign(tx, sealer, DEFAULT_THRESHOLDS, id, '2 7 1 8 2 8', now);
  await appendEvent(tx, subject, event('draw', { ...drawn, fromState: 'committed', toState: 'drawn' }), {
    state: 'drawn',
  });
  // the first three files reviewed by both reviewers; the third one 12 points apart (flagged for a third review)
  const sheets = await tx
    .select()
    .from(reviewSheets)
    .where(inArray(reviewSheets.campaignId, [id]));
  const files = [...new Set(sheets.map((s) => s.fileId))];
  const marks: [number, { criterion: string; deduction: string; times: number }[]][][] = [
    [
      [1, [{ criterion: 'documents', deduction: 'blank', times: 2 }]],
      [2, [{ criterion: 'evidence', deduction: 'record', times: 1 }]],
    ],
    [
      [1, [{ criterion: 'facts', deduction: 'vague', times: 2 }]],
      [2, [{ criterion: 'facts', deduction: 'vague', times: 3 }]],
    ],
    [
      [1, []],
      [2, [{ criterion: 'law', deduction: 'article', times: 4 }]],
    ],
  ];
  for (const [k, fileId] of files.slice(0, marks.length).entries())
    for (const [round, deductions] of marks[k] ?? []) {
      const sheet = sheets.find((s) => s.fileId === fileId && s.round === round);
      if (!sheet) continue;
      const [f] = await tx
        .select({ prefills: reviewFiles.prefills })
        .from(reviewFiles)
        .where(eq(reviewFiles.id, fileId));
      await applySheet(
        tx,
        sheet.id,
        {
          checks: (f?.prefills ?? []).map((p) => ({ check: p.check, agree: true })),
          vetoes: [],
          deductions,
          comment: '演示评查意见',
        },
        now,
      );
    }
}
