/**
 * The verifiable sample of a campaign against the database (common/review-sample.ts): commit freezes the closed files
 * that match the filter and commits to a sealed server seed; draw reveals it, stores the sampled files with what
 * their record proves (pre-fills) and gives each to two reviewers from outside its org.
 */
import * as nodeCrypto from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import { DrawInputError, cmp, newServerSeed, nodeDrawHash } from '../../../common/draw.js';
import {
  type PublicReviewSample,
  type ReviewPopulationFile,
  commitReviewSample,
  drawReviewSample,
} from '../../../common/review-sample.js';
import { type Db, queryRows } from '../../db/client.js';
import type { Sealer } from '../../platform/crypto.js';
import { AppError, fieldError } from '../../platform/errors.js';
import {
  type CaseThresholds,
  LEGAL_REVIEW_TRIGGER_LABELS,
  caseEventsOf,
  cases,
  legalReviewTriggers,
} from '../cases/cases.api.js';
import { publications } from '../publicity/publicity.api.js';
import { type RecordEvent, assignReviewers, evaluateRecord } from './review.rules.js';
import { type CaseFilter, reviewCampaigns, reviewFiles, reviewPopulation, reviewSheets } from './review.schema.js';

export const sampleHash = nodeDrawHash(nodeCrypto);

type CampaignRow = typeof reviewCampaigns.$inferSelect;

export async function campaignRow(db: Db, id: string): Promise<CampaignRow> {
  const [row] = await db.select().from(reviewCampaigns).where(eq(reviewCampaigns.id, id)).limit(1);
  if (!row) throw new AppError(404, 'not_found', '评查活动不存在或不在本单位的监督范围内');
  return row;
}

/** Closed (结案 or 归档) files of the orgs whose item is of the kinds and whose 结案 date lies in the range. */
async function closedFiles(tx: Db, orgIds: string[], f: CaseFilter) {
  const rows = await queryRows<{ id: string; number: string; org_id: string }>(
    tx,
    sql`
    select c.id, c.number, c.org_id from cases c join items i on i.id = c.item_id
    where c.org_id = any(${sql.param(orgIds)}::uuid[]) and c.state in ('closed', 'archived')
      and i.type = any(${sql.param(f.kinds)}::text[])
      and exists (select 1 from case_events e where e.case_id = c.id and e.type = 'close'
        and (e.at at time zone 'Asia/Shanghai')::date between ${f.closedFrom}::date and ${f.closedTo}::date)`,
  );
  return rows
    .map((r) => ({ caseId: r.id, caseNumber: r.number, orgId: r.org_id }))
    .sort((a, b) => cmp(a.caseNumber, b.caseNumber));
}

const sampleParams = (c: CampaignRow, population: readonly ReviewPopulationFile[]) => ({
  sample: c.sample,
  orgIds: c.orgIds,
  population: population.map((p) => ({ orgId: p.orgId, caseNumber: p.caseNumber })),
});

function drawError(e: unknown): never {
  if (e instanceof DrawInputError) throw fieldError(422, e.code, e.field, e.detail);
  throw e;
}

/** The commit step: freeze the population, seal a fresh server seed, publish the commitment. */
export async function commitCampaign(tx: Db, sealer: Sealer, id: string, now: Date) {
  const c = await campaignRow(tx, id);
  const files = await closedFiles(tx, c.orgIds, c.caseFilter);
  const serverSeed = newServerSeed();
  let commitment: { seedCommitment: string; populationHash: string };
  try {
    commitment = commitReviewSample({ ...sampleParams(c, files), serverSeed }, sampleHash);
  } catch (e) {
    drawError(e);
  }
  if (files.length)
    await tx.insert(reviewPopulation).values(files.map((f, i) => ({ campaignId: id, position: i + 1, ...f })));
  await tx
    .update(reviewCampaigns)
    .set({
      serverSeedSealed: sealer.seal(serverSeed),
      ...commitment,
      populationSize: files.length,
      committedAt: now,
      state: 'committed',
    })
    .where(eq(reviewCampaigns.id, id));
  return { ...commitment, populationSize: files.length };
}

const frozen = (db: Db, id: string) =>
  db.select().from(reviewPopulation).where(eq(reviewPopulation.campaignId, id)).orderBy(asc(reviewPopulation.position));

/** What the record of each case proves, for its sheets (review.rules.ts evaluateRecord). */
async function prefillsOf(tx: Db, caseId: string, thresholds: CaseThresholds) {
  const [c] = await tx.select().from(cases).where(eq(cases.id, caseId));
  if (!c) throw new AppError(404, 'not_found', '案件不存在');
  const events = (await caseEventsOf(tx, caseId)).map(
    (e): RecordEvent => ({ id: e.id, seq: e.seq, type: e.type, at: e.at, payload: e.payload }),
  );
  const [item] = await queryRows<{ major: boolean }>(tx, sql`select major from items where id = ${c.itemId}`);
  const triggers = legalReviewTriggers({
    itemMajor: item?.major ?? false,
    hearingHeld: c.hearingHeld,
    flags: c.reviewFlags,
  });
  const officerIds = [
    ...new Set(events.flatMap((e) => (Array.isArray(e.payload.officerIds) ? (e.payload.officerIds as string[]) : []))),
  ];
  const certs =
    officerIds.length === 0
      ? []
      : await queryRows<{ officer_id: string; valid_from: string; valid_to: string }>(
          tx,
          sql`select officer_id, valid_from::text, valid_to::text from certificates
              where officer_id = any(${sql.param(officerIds)}::uuid[]) and kind = 'enforcement' and status <> 'revoked'`,
        );
  const certificates = new Map<string, { validFrom: string; validTo: string }[]>();
  for (const r of certs)
    certificates.set(r.officer_id, [
      ...(certificates.get(r.officer_id) ?? []),
      { validFrom: r.valid_from, validTo: r.valid_to },
    ]);
  const [pub] = await tx.select().from(publications).where(eq(publications.caseId, caseId));
  return evaluateRecord(
    {
      procedure: c.procedure,
      filedAt: c.filedAt,
      extensionDays: c.extensionDays,
      suspensions: c.suspensions,
      hearingRights: c.hearingRights,
      legalReviewTriggers: triggers.map((t) => LEGAL_REVIEW_TRIGGER_LABELS[t]),
      events,
      certificates,
      publication: pub
        ? { publishBy: pub.publishBy, publishedAt: pub.publishedAt, publishedLate: pub.publishedLate }
        : null,
    },
    thresholds,
  );
}

/** The reviewers of a campaign, in the order named, with their org. */
export async function reviewersOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const rows = await queryRows<{ id: string; display_name: string; org_id: string; org_name: string }>(
    db,
    sql`select u.id, u.display_name, u.org_id, o.name as org_name from users u join orgs o on o.id = u.org_id
        where u.id = any(${sql.param([...ids])}::uuid[])`,
  );
  const byId = new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.display_name, orgId: r.org_id, orgName: r.org_name }]),
  );
  return ids.map((id) => byId.get(id)).filter((r): r is NonNullable<typeof r> => !!r);
}

/** The draw step: reveal, sample, store the files with their pre-fills and two sheets each. */
export async function drawCampaign(
  tx: Db,
  sealer: Sealer,
  thresholds: CaseThresholds,
  id: string,
  publicSeed: unknown,
  now: Date,
) {
  const c = await campaignRow(tx, id);
  if (!c.serverSeedSealed) throw new AppError(409, 'not_committed', '评查活动尚未冻结名录、承诺种子，不能抽取');
  const serverSeed = sealer.open(c.serverSeedSealed);
  const population = await frozen(tx, id);
  let result: ReturnType<typeof drawReviewSample>;
  try {
    result = drawReviewSample(
      { ...sampleParams(c, population), serverSeed, publicSeed: publicSeed as string },
      sampleHash,
    );
  } catch (e) {
    if (e instanceof DrawInputError && e.field === 'publicSeed')
      throw fieldError(422, 'invalid_public_seed', 'publicSeed', e.detail);
    drawError(e);
  }
  const byNumber = new Map(population.map((p) => [p.caseNumber, p]));
  const sampled = result.orgs.flatMap((o) =>
    o.picks.map((p) => ({ ...(byNumber.get(p.caseNumber) as (typeof population)[number]), pick: p.pick })),
  );
  const reviewers = await reviewersOf(tx, c.reviewerIds);
  const pairs = assignReviewers(sampled, reviewers);
  for (const [i, f] of sampled.entries()) {
    const pair = pairs[i];
    if (!pair)
      throw new AppError(409, 'reviewers_insufficient', `案卷 ${f.caseNumber} 没有 2 名非本单位的评查人员可以分配`);
    const fileId = nodeCrypto.randomUUID();
    await tx.insert(reviewFiles).values({
      id: fileId,
      campaignId: id,
      position: i + 1,
      caseId: f.caseId,
      caseNumber: f.caseNumber,
      orgId: f.orgId,
      pick: f.pick,
      prefills: await prefillsOf(tx, f.caseId, thresholds),
    });
    await tx
      .insert(reviewSheets)
      .values(
        pair.map((r, k) => ({ id: nodeCrypto.randomUUID(), fileId, campaignId: id, round: k + 1, reviewerId: r.id })),
      );
  }
  await tx
    .update(reviewCampaigns)
    .set({ serverSeed, publicSeed: result.publicSeed, seed: result.seed, drawnAt: now, state: 'drawn' })
    .where(eq(reviewCampaigns.id, id));
  return {
    publicSeed: result.publicSeed,
    serverSeed,
    seed: result.seed,
    sampled: sampled.map((f) => f.caseNumber),
  };
}

/** The public record of a drawn campaign: every input and the result, re-runnable with common/review-sample.ts. */
export async function publicSample(db: Db, c: CampaignRow): Promise<PublicReviewSample | null> {
  if (!c.drawnAt || !c.serverSeed || !c.publicSeed) return null;
  const population = await frozen(db, c.id);
  const params = sampleParams(c, population);
  const result = drawReviewSample({ ...params, serverSeed: c.serverSeed, publicSeed: c.publicSeed }, sampleHash);
  // the stored files are what was drawn: publish them (a tampered row shows as a mismatch on re-run)
  const files = await db
    .select()
    .from(reviewFiles)
    .where(eq(reviewFiles.campaignId, c.id))
    .orderBy(asc(reviewFiles.position));
  const orgs = result.orgs.map((o) => ({
    ...o,
    picks: files.filter((f) => f.orgId === o.orgId).map((f) => ({ caseNumber: f.caseNumber, pick: f.pick })),
  }));
  return {
    ...result,
    seedCommitment: c.seedCommitment as string,
    populationHash: c.populationHash as string,
    seed: c.seed as string,
    orgs,
    serverSeed: c.serverSeed,
    sample: c.sample,
    orgIds: [...c.orgIds].sort(cmp),
    population: params.population.sort((a, b) => cmp(a.caseNumber, b.caseNumber)),
  };
}
