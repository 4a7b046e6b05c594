/**
 * The core of the verifiable draw (import it from `common/draw.ts`): one pure function over exactly what the public
 * JSON publishes. Specified, with worked vectors and a Python re-implementation, in docs/draw.md.
 *
 *   seed        = SHA-256(serverSeed + publicSeed + populationHash + poolHash)          (hex text, UTF-8)
 *   targets     per class A..D: ceil(ratio × size) picks of the Rivest sampler without replacement over the
 *               class's USCC-sorted list, seed + "/" + class
 *   inspectors  per target, in target order: the Rivest sampler without replacement over the pool (sorted by
 *               certificate number), seed + "/" + uscc, taking the first picks the rules accept
 */
import {
  cmp,
  type DrawInput,
  type DrawParams,
  formatRatio,
  type NormalizedParams,
  normalizeParams,
  normalizePublicSeed,
  populationHash,
  poolHash,
  RISK_CLASSES,
  type RiskClass,
  drawSeed,
  seedCommitment,
  targetCount,
} from './draw-input.js';
import { type DrawHash, nobleDrawHash, pickLimit, RivestSampler } from './draw-sampler.js';

/** Algorithm name and version, published with every draw; a change of any rule gets a new version. */
export const DRAW_ALGORITHM = 'zhifa-draw/1 rivest-sha256';

/** An inspector drawn for a target, with the counter i of the pick that chose it. */
export interface DrawnInspector {
  certificateNumber: string;
  department: string;
  pick: number;
}

/** Why a target got no inspectors (or, for `sampler_limit`, fewer than needed). */
export type UnfilledReason =
  /** Fewer eligible inspectors (pool minus conflicts and previous pairs for this entity) than needed. */
  | { code: 'not_enough_inspectors'; needed: number; eligible: number }
  /** A department of a joint task has no eligible inspector for this entity. */
  | { code: 'department_uncovered'; department: string }
  /** The sampler gave up after {@link pickLimit}(pool size) picks (probability below e^-50). */
  | { code: 'sampler_limit'; picks: number };

export interface DrawTarget {
  uscc: string;
  riskClass: RiskClass;
  /** Counter i of the class sampler's pick that chose this entity. */
  pick: number;
  inspectors: DrawnInspector[];
  /** Present only when the pool could not satisfy the rules for this target. */
  unfilled?: UnfilledReason;
}

export interface DrawClass {
  riskClass: RiskClass;
  size: number;
  /** Canonical decimal ratio ("0.05"). */
  ratio: string;
  /** ceil(ratio × size). */
  count: number;
}

/** What the commit step publishes before anyone knows the seed. */
export interface DrawCommitment {
  seedCommitment: string;
  populationHash: string;
  poolHash: string;
}

export interface DrawResult extends DrawCommitment {
  algorithm: typeof DRAW_ALGORITHM;
  /** The public seed as normalised and used. */
  publicSeed: string;
  /** The draw seed, 64 lowercase hex digits. */
  seed: string;
  classes: DrawClass[];
  /** Class A..D, within a class in pick order. */
  targets: DrawTarget[];
}

/** One pick as it happened, for the ceremony screen and the docs (`trace` option). */
export type DrawTraceEvent =
  | { kind: 'target'; riskClass: RiskClass; i: number; value: number; uscc: string; outcome: 'picked' | 'repeat' }
  | {
      kind: 'inspector';
      uscc: string;
      i: number;
      value: number;
      certificateNumber: string;
      outcome: 'accepted' | 'repeat' | 'conflict' | 'previous' | 'department_rule';
    };

export interface DrawOptions {
  hash?: DrawHash;
  trace?: (event: DrawTraceEvent) => void;
}

/** The commit step: hashes of the frozen population and pool, and SHA-256 of the server seed. */
export function commitDraw(input: DrawParams & { serverSeed: string }, hash: DrawHash = nobleDrawHash): DrawCommitment {
  const norm = normalizeParams(input);
  return {
    seedCommitment: seedCommitment(input.serverSeed, hash),
    populationHash: populationHash(norm, hash),
    poolHash: poolHash(norm, hash),
  };
}

/** Runs the whole draw. Refuses bad input with a DrawInputError; otherwise always returns (never loops forever). */
export function draw(input: DrawInput, options: DrawOptions = {}): DrawResult {
  const hash = options.hash ?? nobleDrawHash;
  const norm = normalizeParams(input);
  const publicSeed = normalizePublicSeed(input.publicSeed);
  const commitment: DrawCommitment = {
    seedCommitment: seedCommitment(input.serverSeed, hash),
    populationHash: populationHash(norm, hash),
    poolHash: poolHash(norm, hash),
  };
  const seed = drawSeed(input.serverSeed, publicSeed, commitment.populationHash, commitment.poolHash, hash);
  const { classes, targets } = drawTargets(norm, seed, hash, options.trace);
  drawInspectors(norm, seed, targets, hash, options.trace);
  return { algorithm: DRAW_ALGORITHM, ...commitment, publicSeed, seed, classes, targets };
}

function drawTargets(norm: NormalizedParams, seed: string, hash: DrawHash, trace: DrawOptions['trace']) {
  const lists: Record<RiskClass, string[]> = { A: [], B: [], C: [], D: [] };
  for (const e of norm.population) lists[e.riskClass].push(e.uscc);
  const classes: DrawClass[] = [];
  const targets: DrawTarget[] = [];
  for (const riskClass of RISK_CLASSES) {
    const list = lists[riskClass];
    const ppm = norm.ratiosPpm[riskClass];
    const count = targetCount(ppm, list.length);
    classes.push({ riskClass, size: list.length, ratio: formatRatio(ppm), count });
    if (count === 0) continue;
    const sampler = new RivestSampler(hash, `${seed}/${riskClass}`, list.length);
    const seen = new Uint8Array(list.length + 1);
    const limit = pickLimit(list.length);
    for (let got = 0; got < count; ) {
      if (sampler.i >= limit) throw new RangeError(`sampler_limit: class ${riskClass} after ${limit} picks`);
      const value = sampler.next();
      const uscc = list[value - 1] as string;
      const repeat = seen[value] === 1;
      trace?.({ kind: 'target', riskClass, i: sampler.i, value, uscc, outcome: repeat ? 'repeat' : 'picked' });
      if (repeat) continue;
      seen[value] = 1;
      targets.push({ uscc, riskClass, pick: sampler.i, inspectors: [] });
      got++;
    }
  }
  return { classes, targets };
}

const CONFLICT = 0;
const PREVIOUS = 1;

/**
 * Fills `inspectors` (or `unfilled`) of every target. A pick is accepted when it is new for this target, has no
 * declared conflict and no previous-task pair with the entity, and the slots left after it can still cover the
 * departments not yet covered: slotsLeft − 1 ≥ uncovered − (1 if it covers a new department else 0). Before
 * sampling, a target whose eligible inspectors cannot meet the rules at all is marked unfilled; otherwise the rule
 * above always completes (docs/draw.md, "Why the acceptance rule cannot get stuck").
 */
function drawInspectors(
  norm: NormalizedParams,
  seed: string,
  targets: DrawTarget[],
  hash: DrawHash,
  trace: DrawOptions['trace'],
): void {
  const { pool, departments } = norm;
  const P = pool.length;
  const D = departments.length;
  const need = Math.max(norm.inspectorsPerTarget, D);
  const deptIndex = new Map(departments.map((d, k) => [d, k]));
  const memberDept = new Int32Array(P);
  const deptCount = new Int32Array(D);
  const certIndex = new Map<string, number>();
  pool.forEach((m, k) => {
    const d = deptIndex.get(m.department) as number;
    memberDept[k] = d;
    deptCount[d] = (deptCount[d] as number) + 1;
    certIndex.set(m.certificateNumber, k);
  });
  // Per entity: pool index × 2 + kind. Pairs naming someone outside the pool cannot matter and are left out.
  const exclusions = new Map<string, number[]>();
  const addPairs = (pairs: NormalizedParams['conflicts'], kind: number) => {
    for (const p of pairs) {
      const k = certIndex.get(p.certificateNumber);
      if (k === undefined) continue;
      const list = exclusions.get(p.uscc);
      if (list) list.push(k * 2 + kind);
      else exclusions.set(p.uscc, [k * 2 + kind]);
    }
  };
  addPairs(norm.conflicts, CONFLICT);
  addPairs(norm.previousPairs, PREVIOUS);

  const excludedStamp = new Uint32Array(P);
  const excludedKind = new Uint8Array(P);
  const seenStamp = new Uint32Array(P + 1);
  const excludedInDept = new Int32Array(D);
  const covered = new Uint8Array(D);
  const limit = pickLimit(P);

  targets.forEach((target, t) => {
    const stamp = t + 1;
    excludedInDept.fill(0);
    let excluded = 0;
    for (const code of exclusions.get(target.uscc) ?? []) {
      const k = Math.floor(code / 2);
      if (excludedStamp[k] === stamp) continue; // both a conflict and a previous pair: counted once, as conflict
      excludedStamp[k] = stamp;
      excludedKind[k] = code % 2;
      excluded++;
      const d = memberDept[k] as number;
      excludedInDept[d] = (excludedInDept[d] as number) + 1;
    }
    if (P - excluded < need) {
      target.unfilled = { code: 'not_enough_inspectors', needed: need, eligible: P - excluded };
      return;
    }
    for (let d = 0; d < D; d++) {
      if ((deptCount[d] as number) - (excludedInDept[d] as number) === 0) {
        target.unfilled = { code: 'department_uncovered', department: departments[d] as string };
        return;
      }
    }
    covered.fill(0);
    let slots = need;
    let uncovered = D;
    const sampler = new RivestSampler(hash, `${seed}/${target.uscc}`, P);
    while (slots > 0) {
      if (sampler.i >= limit) {
        target.unfilled = { code: 'sampler_limit', picks: sampler.i };
        return;
      }
      const value = sampler.next();
      const k = value - 1;
      const member = pool[k] as (typeof pool)[number];
      let outcome: Extract<DrawTraceEvent, { kind: 'inspector' }>['outcome'] = 'accepted';
      const d = memberDept[k] as number;
      const covers = covered[d] === 0;
      if (seenStamp[value] === stamp) outcome = 'repeat';
      else {
        seenStamp[value] = stamp;
        if (excludedStamp[k] === stamp) outcome = excludedKind[k] === CONFLICT ? 'conflict' : 'previous';
        else if (slots - 1 < uncovered - (covers ? 1 : 0)) outcome = 'department_rule';
      }
      trace?.({
        kind: 'inspector',
        uscc: target.uscc,
        i: sampler.i,
        value,
        certificateNumber: member.certificateNumber,
        outcome,
      });
      if (outcome !== 'accepted') continue;
      target.inspectors.push({
        certificateNumber: member.certificateNumber,
        department: member.department,
        pick: sampler.i,
      });
      slots--;
      if (covers) {
        covered[d] = 1;
        uncovered--;
      }
    }
  });
}

/** Sorts entities by USCC (code-unit order), as the population must be; a copy. */
export const sortPopulation = <T extends { uscc: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => cmp(a.uscc, b.uscc));

/** Sorts inspectors by certificate number (code-unit order), as the pool must be; a copy. */
export const sortPool = <T extends { certificateNumber: string }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => cmp(a.certificateNumber, b.certificateNumber));
