/**
 * The verifiable sample of a 案卷评查 campaign (issue 15): the same Rivest SHA-256 sampler, server seed, commitment
 * and public-seed rules as the 双随机 draw (common/draw.ts, docs/draw.md), over the closed case files of each
 * reviewed org. Pure and synchronous, so the server, the console and anyone holding the public JSON re-run it alike.
 *
 *   populationHash = SHA-256 of  "zhifa-review/1 population\n"
 *                                "sample,perOrg,<n>\n" or "sample,fraction,<canonical ratio>\n"
 *                                "org,<orgId>\n"                      (sorted, once per reviewed org)
 *                                "case,<orgId>,<caseNumber>\n"        (every file, ascending by case number)
 *   seed           = SHA-256(serverSeed + publicSeed + populationHash)
 *   per org        the first count values of the sampler without replacement over 1..n, seed + "/" + orgId, each
 *                  value v meaning the v-th of the org's files in case-number order;
 *                  count = min(perOrg, n), or ceil(fraction × n).
 */
import {
  cmp,
  DrawInputError,
  formatRatio,
  isDrawId,
  normalizePublicSeed,
  parseRatio,
  seedCommitment,
  targetCount,
} from './draw-input.js';
import { type DrawHash, nobleDrawHash, rivestSample, sha256Hex } from './draw-sampler.js';

export const REVIEW_SAMPLE_ALGORITHM = 'zhifa-review/1 rivest-sha256';
export const REVIEW_POPULATION_HEADER = 'zhifa-review/1 population';

/** How many files per org: a fixed number, or a fraction of the org's files (rounded up). */
export type ReviewSampleRule = { perOrg: number } | { fraction: string };

export interface ReviewPopulationFile {
  orgId: string;
  caseNumber: string;
}

export interface ReviewSampleParams {
  sample: ReviewSampleRule;
  /** The reviewed orgs (any order; hashed sorted). */
  orgIds: readonly string[];
  /** Every file of the frozen population (any order; hashed ascending by case number). */
  population: readonly ReviewPopulationFile[];
}

export interface ReviewSampleOrg {
  orgId: string;
  size: number;
  count: number;
  /** In pick order: the case number and the counter i of the pick that chose it. */
  picks: { caseNumber: string; pick: number }[];
}

export interface ReviewSampleResult {
  algorithm: typeof REVIEW_SAMPLE_ALGORITHM;
  seedCommitment: string;
  populationHash: string;
  publicSeed: string;
  seed: string;
  orgs: ReviewSampleOrg[];
}

/** The sample rule as published: `perOrg` an integer ≥ 1, or `fraction` a canonical decimal in (0, 1]. */
export function normalizeSampleRule(rule: {
  perOrg?: number | null;
  fraction?: number | string | null;
}): ReviewSampleRule {
  if (rule.perOrg != null) {
    if (!Number.isSafeInteger(rule.perOrg) || rule.perOrg < 1)
      throw new DrawInputError('review_sample_invalid', 'sample.perOrg', '每个单位抽取的案卷数应为正整数');
    return { perOrg: rule.perOrg };
  }
  const ppm = parseRatio(rule.fraction, 'sample.fraction');
  if (ppm === 0) throw new DrawInputError('review_sample_invalid', 'sample.fraction', '抽取比例应大于 0');
  return { fraction: formatRatio(ppm) };
}

function sortedPopulation(p: ReviewSampleParams) {
  const orgIds = [...new Set(p.orgIds)].sort(cmp);
  for (const id of orgIds)
    if (!isDrawId(id)) throw new DrawInputError('review_org_invalid', 'orgIds', '单位标识不符合抽取记录的格式');
  const known = new Set(orgIds);
  const files = [...p.population].sort((a, b) => cmp(a.caseNumber, b.caseNumber));
  files.forEach((f, i) => {
    if (!known.has(f.orgId))
      throw new DrawInputError('review_population_org', `population[${i}].orgId`, '案卷所属单位不在被评查单位之列');
    if (!isDrawId(f.caseNumber))
      throw new DrawInputError('review_population_case', `population[${i}].caseNumber`, '案号不符合抽取记录的格式');
    if (i > 0 && files[i - 1]?.caseNumber === f.caseNumber)
      throw new DrawInputError('review_population_duplicate', `population[${i}].caseNumber`, '案号重复');
  });
  return { orgIds, files };
}

const ruleLine = (rule: ReviewSampleRule) =>
  'perOrg' in rule ? `sample,perOrg,${rule.perOrg}` : `sample,fraction,${rule.fraction}`;

/** SHA-256 of the canonical population text (header, the rule, the orgs, the files), each line ended by "\n". */
export function reviewPopulationHash(p: ReviewSampleParams, hash: DrawHash = nobleDrawHash): string {
  const { orgIds, files } = sortedPopulation(p);
  const lines = [REVIEW_POPULATION_HEADER, ruleLine(normalizeSampleRule(p.sample))];
  for (const id of orgIds) lines.push(`org,${id}`);
  for (const f of files) lines.push(`case,${f.orgId},${f.caseNumber}`);
  return sha256Hex(`${lines.join('\n')}\n`, hash);
}

/** The commit step: the population hash and SHA-256 of the server seed. */
export const commitReviewSample = (p: ReviewSampleParams & { serverSeed: string }, hash: DrawHash = nobleDrawHash) => ({
  seedCommitment: seedCommitment(p.serverSeed, hash),
  populationHash: reviewPopulationHash(p, hash),
});

/** How many of an org's n files are drawn. */
export function sampleCount(rule: ReviewSampleRule, n: number): number {
  if ('perOrg' in rule) return Math.min(rule.perOrg, n);
  return targetCount(parseRatio(rule.fraction, 'sample.fraction'), n);
}

/** The draw: per org (sorted), the picks of the sampler over that org's files in case-number order. */
export function drawReviewSample(
  p: ReviewSampleParams & { serverSeed: string; publicSeed: string },
  hash: DrawHash = nobleDrawHash,
): ReviewSampleResult {
  const rule = normalizeSampleRule(p.sample);
  const { orgIds, files } = sortedPopulation(p);
  const publicSeed = normalizePublicSeed(p.publicSeed);
  const { seedCommitment: commitment, populationHash } = commitReviewSample(p, hash);
  const seed = sha256Hex(p.serverSeed + publicSeed + populationHash, hash);
  const orgs = orgIds.map((orgId) => {
    const own = files.filter((f) => f.orgId === orgId);
    const count = sampleCount(rule, own.length);
    const picks = rivestSample(`${seed}/${orgId}`, Math.max(own.length, 1), count, { hash }).map((x) => ({
      caseNumber: (own[x.value - 1] as ReviewPopulationFile).caseNumber,
      pick: x.i,
    }));
    return { orgId, size: own.length, count, picks };
  });
  return { algorithm: REVIEW_SAMPLE_ALGORITHM, seedCommitment: commitment, populationHash, publicSeed, seed, orgs };
}

/** What GET /api/v1/public/review-campaigns/:id/draw publishes: every input and the result. */
export interface PublicReviewSample extends ReviewSampleResult {
  serverSeed: string;
  sample: ReviewSampleRule;
  orgIds: string[];
  population: ReviewPopulationFile[];
}

/** Re-runs a published sample: 一致 when every published value is what the inputs give, else the first field that differs. */
export function verifyReviewSample(
  record: PublicReviewSample,
  hash: DrawHash = nobleDrawHash,
): { ok: true } | { ok: false; field: string } {
  let again: ReviewSampleResult;
  try {
    again = drawReviewSample(record, hash);
  } catch (e) {
    if (e instanceof DrawInputError) return { ok: false, field: e.field };
    throw e;
  }
  for (const k of ['seedCommitment', 'populationHash', 'publicSeed', 'seed'] as const)
    if (again[k] !== record[k]) return { ok: false, field: k };
  if (JSON.stringify(again.orgs) !== JSON.stringify(record.orgs)) return { ok: false, field: 'orgs' };
  return { ok: true };
}
