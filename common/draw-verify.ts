/**
 * The public record of a draw and its re-run from that record alone: what `GET
 * /api/v1/public/inspection-tasks/:id/draw` returns, what `zhifa redraw` and the public page check (一致 / 不一致).
 */
import {
  type DrawClass,
  type DrawCommitment,
  type DrawOptions,
  type DrawResult,
  type DrawTarget,
  DRAW_ALGORITHM,
  draw,
} from './draw-core.js';
import {
  type DrawEntity,
  type DrawInput,
  DrawInputError,
  type DrawInspector,
  type DrawPair,
  formatRatio,
  normalizeParams,
  RISK_CLASSES,
  type RiskClass,
} from './draw-input.js';

/** Everything needed to re-run a draw: its inputs (normalised) and its result, in one JSON object. */
export interface PublicDraw {
  algorithm: string;
  seedCommitment: string;
  populationHash: string;
  poolHash: string;
  serverSeed: string;
  publicSeed: string;
  seed: string;
  ratios: Record<RiskClass, string>;
  inspectorsPerTarget: number;
  departments: string[];
  population: DrawEntity[];
  pool: DrawInspector[];
  conflicts: DrawPair[];
  previousPairs: DrawPair[];
  classes: DrawClass[];
  targets: DrawTarget[];
}

/** The public JSON of a finished draw (ratios, departments and pairs in their canonical form). */
export function toPublicDraw(input: DrawInput, result: DrawResult): PublicDraw {
  const norm = normalizeParams(input);
  const ratios = {} as Record<RiskClass, string>;
  for (const c of RISK_CLASSES) ratios[c] = formatRatio(norm.ratiosPpm[c]);
  return {
    algorithm: result.algorithm,
    seedCommitment: result.seedCommitment,
    populationHash: result.populationHash,
    poolHash: result.poolHash,
    serverSeed: input.serverSeed,
    publicSeed: result.publicSeed,
    seed: result.seed,
    ratios,
    inspectorsPerTarget: norm.inspectorsPerTarget,
    departments: [...norm.departments],
    population: norm.population.map((e) => ({ uscc: e.uscc, riskClass: e.riskClass })),
    pool: norm.pool.map((m) => ({ certificateNumber: m.certificateNumber, department: m.department })),
    conflicts: [...norm.conflicts],
    previousPairs: [...norm.previousPairs],
    classes: result.classes,
    targets: result.targets,
  };
}

export interface DrawDifference {
  /** JSON path of the first difference, e.g. `targets[3].inspectors[1].certificateNumber`. */
  path: string;
  published: unknown;
  recomputed: unknown;
  /** Chinese, for people. */
  detail: string;
}

export type DrawVerification =
  | { ok: true; verdict: '一致'; seed: string; targets: number }
  | { ok: false; verdict: '不一致'; difference: DrawDifference };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const show = (v: unknown) => (v === undefined ? '（无）' : JSON.stringify(v));

const mismatch = (path: string, published: unknown, recomputed: unknown, detail?: string): DrawVerification => ({
  ok: false,
  verdict: '不一致',
  difference: {
    path,
    published,
    recomputed,
    detail: detail ?? `${path}：公布的是 ${show(published)}，按公布的输入重新计算得到 ${show(recomputed)}`,
  },
});

/** First place where two JSON values differ (recomputed keys first, then keys only the published value has). */
export function firstDifference(
  published: unknown,
  recomputed: unknown,
  path: string,
): { path: string; published: unknown; recomputed: unknown } | null {
  if (Object.is(published, recomputed)) return null;
  if (Array.isArray(recomputed)) {
    if (!Array.isArray(published)) return { path, published, recomputed };
    const n = Math.min(published.length, recomputed.length);
    for (let k = 0; k < n; k++) {
      const d = firstDifference(published[k], recomputed[k], `${path}[${k}]`);
      if (d) return d;
    }
    if (published.length !== recomputed.length) {
      return { path: `${path}.length`, published: published.length, recomputed: recomputed.length };
    }
    return null;
  }
  if (isObject(recomputed)) {
    if (!isObject(published)) return { path, published, recomputed };
    for (const key of Object.keys(recomputed)) {
      const d = firstDifference(published[key], recomputed[key], path ? `${path}.${key}` : key);
      if (d) return d;
    }
    for (const key of Object.keys(published)) {
      if (!(key in recomputed))
        return { path: path ? `${path}.${key}` : key, published: published[key], recomputed: undefined };
    }
    return null;
  }
  return { path, published, recomputed };
}

const RESULT_FIELDS = [
  'seedCommitment',
  'populationHash',
  'poolHash',
  'publicSeed',
  'seed',
  'classes',
  'targets',
] as const;

/**
 * Re-runs a draw from its public JSON alone and compares every published value. `committed` holds the values
 * published at the commit step (transparency log, task page): they must equal the record's. Returns 一致, or
 * 不一致 with the first difference (a refused input counts as a difference at the field it names).
 */
export function verifyDraw(
  publicJson: unknown,
  options: DrawOptions & { committed?: Partial<DrawCommitment> } = {},
): DrawVerification {
  if (!isObject(publicJson)) return mismatch('', publicJson, undefined, '公开的抽取记录不是 JSON 对象');
  const pub = publicJson;
  if (pub.algorithm !== DRAW_ALGORITHM) {
    return mismatch(
      'algorithm',
      pub.algorithm,
      DRAW_ALGORITHM,
      `抽取算法“${String(pub.algorithm)}”不是本程序实现的 ${DRAW_ALGORITHM}`,
    );
  }
  for (const [key, value] of Object.entries(options.committed ?? {})) {
    if (value !== undefined && pub[key] !== value) {
      return mismatch(key, pub[key], value, `${key} 与抽取前公布的承诺值 ${value} 不一致`);
    }
  }
  let result: DrawResult;
  try {
    result = draw(pub as unknown as DrawInput, options);
  } catch (e) {
    if (e instanceof DrawInputError) {
      return mismatch(e.field, undefined, undefined, `公开记录的输入无法重新计算：${e.field}：${e.detail}`);
    }
    throw e;
  }
  for (const field of RESULT_FIELDS) {
    const d = firstDifference(pub[field], result[field], field);
    if (d) return mismatch(d.path, d.published, d.recomputed);
  }
  return { ok: true, verdict: '一致', seed: result.seed, targets: result.targets.length };
}
