/**
 * Inputs of the verifiable draw: their types, validation and normalisation, and the canonical texts that
 * `populationHash` and `poolHash` are taken over. Pure; shared by server and browser. Specified in docs/draw.md.
 */
import { type DrawHash, nobleDrawHash, type Sha256Stream, sha256Hex, toHex, utf8 } from './draw-sampler.js';

export const RISK_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** An entity of the population: only what is published. */
export interface DrawEntity {
  uscc: string;
  riskClass: RiskClass;
}

/** An inspector of the pool: certificate number and the org (department) it belongs to. */
export interface DrawInspector {
  certificateNumber: string;
  department: string;
}

/** An inspector–entity pair: a declared conflict, or a pair of the plan's previous task. */
export interface DrawPair {
  certificateNumber: string;
  uscc: string;
}

/** Ratios per risk class: fractions in [0, 1] with at most 6 decimals, as numbers (0.05) or strings ("0.05"). */
export type DrawRatios = Record<RiskClass, number | string>;

/** Everything the commitment freezes (all inputs except the two seeds). */
export interface DrawParams {
  /** Sorted by USCC, strictly ascending in UTF-16 code-unit order. */
  population: readonly DrawEntity[];
  ratios: DrawRatios;
  /** Sorted by certificate number, strictly ascending in code-unit order. */
  pool: readonly DrawInspector[];
  /** ≥ 2. */
  inspectorsPerTarget: number;
  /** The task's orgs (one for a single-department task, several for a joint task); every pool member's org. */
  departments: readonly string[];
  conflicts: readonly DrawPair[];
  previousPairs: readonly DrawPair[];
}

export interface DrawInput extends DrawParams {
  /** 32 random bytes as 64 lowercase hex digits, committed to before the draw. */
  serverSeed: string;
  /** The value announced at the ceremony; normalised by {@link normalizePublicSeed}. */
  publicSeed: string;
}

/** A refused input: a stable code, the field (JSON path) and a Chinese message naming it. */
export class DrawInputError extends Error {
  override name = 'DrawInputError';
  constructor(
    readonly code: string,
    readonly field: string,
    readonly detail: string,
  ) {
    super(`${code} ${field}: ${detail}`);
  }
}

export const LIMITS = {
  population: 50_000_000,
  pool: 1_000_000,
  pairs: 10_000_000,
  departments: 64,
  inspectorsPerTarget: 64,
  publicSeedChars: 256,
  idChars: 64,
} as const;

// ---------------------------------------------------------------- seeds

const SERVER_SEED_RE = /^[0-9a-f]{64}$/;

export function checkServerSeed(serverSeed: unknown): string {
  if (typeof serverSeed !== 'string' || !SERVER_SEED_RE.test(serverSeed)) {
    throw new DrawInputError('draw_server_seed_invalid', 'serverSeed', '服务器种子应为 64 位小写十六进制数（32 字节）');
  }
  return serverSeed;
}

/** 32 fresh random bytes from WebCrypto (browser and Node 20+), as 64 lowercase hex digits. */
export function newServerSeed(): string {
  return toHex(globalThis.crypto.getRandomValues(new Uint8Array(32)));
}

// Characters trimmed from both ends: ASCII whitespace, NO-BREAK SPACE, IDEOGRAPHIC SPACE, BOM.
const TRIM_RE = /^[\t\n\v\f\r \u00A0\u3000\uFEFF]+|[\t\n\v\f\r \u00A0\u3000\uFEFF]+$/g;
// Refused anywhere after trimming: controls, format characters, lone surrogates, private use, and line/paragraph
// separators. (Unassigned code points are not refused: which ones are unassigned depends on the Unicode version.)
const SEED_FORBIDDEN_RE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Zl}\p{Zp}]/u;

/**
 * The public seed as used and published: Unicode NFC, then trimmed (the characters of TRIM_RE), then checked:
 * non-empty, at most 256 code points, no control, format, private-use or line/paragraph separator character
 * and no lone surrogate. Embedded spaces are kept.
 */
export function normalizePublicSeed(raw: unknown): string {
  if (typeof raw !== 'string') throw new DrawInputError('draw_public_seed_invalid', 'publicSeed', '公开种子应为文本');
  if (/\p{Cs}/u.test(raw)) {
    throw new DrawInputError('draw_public_seed_invalid', 'publicSeed', '公开种子含有不成对的代理字符');
  }
  const s = raw.normalize('NFC').replace(TRIM_RE, '');
  if (s.length === 0) throw new DrawInputError('draw_public_seed_empty', 'publicSeed', '公开种子不能为空');
  if ([...s].length > LIMITS.publicSeedChars) {
    throw new DrawInputError(
      'draw_public_seed_too_long',
      'publicSeed',
      `公开种子不能超过 ${LIMITS.publicSeedChars} 个字符`,
    );
  }
  if (SEED_FORBIDDEN_RE.test(s)) {
    throw new DrawInputError('draw_public_seed_invalid', 'publicSeed', '公开种子含有控制字符、格式字符或换行');
  }
  return s;
}

// ---------------------------------------------------------------- ratios

const PPM = 1_000_000;
const RATIO_RE = /^(?:0(?:\.(\d{1,6}))?|1(?:\.0{1,6})?)$/;

/** A ratio as integer parts per million (exact), from a number (its shortest decimal form) or a decimal string. */
export function parseRatio(value: unknown, field: string): number {
  let text: string | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) text = String(value);
  else if (typeof value === 'string') text = value;
  const m = text === undefined ? null : RATIO_RE.exec(text);
  if (!m || text === undefined) {
    throw new DrawInputError('draw_ratio_invalid', field, '抽查比例应为 0 到 1 之间的小数，最多 6 位小数（如 0.05）');
  }
  if (text.startsWith('1')) return PPM;
  return Number((m[1] ?? '').padEnd(6, '0'));
}

/** Canonical decimal of a ratio in ppm: "0", "1", or "0." + digits without trailing zeros ("0.05"). */
export function formatRatio(ppm: number): string {
  if (ppm === 0) return '0';
  if (ppm === PPM) return '1';
  return `0.${String(ppm).padStart(6, '0').replace(/0+$/, '')}`;
}

/** ceil(ppm / 10^6 × size), exactly, in integers. */
export function targetCount(ppm: number, size: number): number {
  const a = ppm * size + (PPM - 1);
  return (a - (a % PPM)) / PPM;
}

// ---------------------------------------------------------------- identifiers

const USCC_CHAR = new Uint8Array(128);
for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') USCC_CHAR[c.charCodeAt(0)] = 1;

/** 18 characters of the GB 32100 set (digits and capitals without I, O, S, V, Z); the check character is not checked. */
export function isUsccShape(s: unknown): s is string {
  if (typeof s !== 'string' || s.length !== 18) return false;
  for (let k = 0; k < 18; k++) {
    const c = s.charCodeAt(k);
    if (c >= 128 || !USCC_CHAR[c]) return false;
  }
  return true;
}

// 1..64 characters of the Basic Multilingual Plane, none a control, format, private-use, surrogate or space
// character, and no comma (the field separator of the canonical lines). Within the BMP without surrogates,
// UTF-16 code-unit order, code-point order and UTF-8 byte order (PostgreSQL COLLATE "C") agree.
const ID_RE = /^[^\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Z},\u{10000}-\u{10FFFF}]{1,64}$/u;
export const isDrawId = (s: unknown): s is string => typeof s === 'string' && ID_RE.test(s);

// ---------------------------------------------------------------- validation

export interface NormalizedParams {
  population: readonly DrawEntity[];
  /** Per risk class, parts per million. */
  ratiosPpm: Record<RiskClass, number>;
  pool: readonly DrawInspector[];
  inspectorsPerTarget: number;
  /** Sorted, distinct. */
  departments: readonly string[];
  /** Sorted by (certificateNumber, uscc), duplicates removed. */
  conflicts: readonly DrawPair[];
  previousPairs: readonly DrawPair[];
}

function checkArray(value: unknown, field: string, max: number): readonly unknown[] {
  if (!Array.isArray(value)) throw new DrawInputError('draw_input_invalid', field, `${field} 应为数组`);
  if (value.length > max) throw new DrawInputError('draw_too_large', field, `${field} 最多 ${max} 项`);
  return value;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function checkPairs(value: unknown, field: string): DrawPair[] {
  const list = checkArray(value, field, LIMITS.pairs);
  const pairs: DrawPair[] = [];
  list.forEach((p, k) => {
    if (!isObject(p) || !isDrawId(p.certificateNumber)) {
      throw new DrawInputError('draw_pair_invalid', `${field}[${k}].certificateNumber`, '执法证号格式不正确');
    }
    if (!isUsccShape(p.uscc)) {
      throw new DrawInputError('draw_pair_invalid', `${field}[${k}].uscc`, '统一社会信用代码应为 18 位有效字符');
    }
    pairs.push({ certificateNumber: p.certificateNumber, uscc: p.uscc });
  });
  const order = (a: DrawPair, b: DrawPair) => cmp(a.certificateNumber, b.certificateNumber) || cmp(a.uscc, b.uscc);
  let sorted = true;
  for (let k = 1; k < pairs.length && sorted; k++) sorted = order(pairs[k - 1] as DrawPair, pairs[k] as DrawPair) < 0;
  if (sorted) return pairs; // the published (canonical) form: already sorted and distinct
  pairs.sort(order);
  return pairs.filter((p, k) => {
    const q = pairs[k - 1];
    return !q || q.certificateNumber !== p.certificateNumber || q.uscc !== p.uscc;
  });
}

/** Code-unit order (JavaScript's `<` on strings). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Validates the parameters; refuses with a {@link DrawInputError} naming the first bad field. */
export function normalizeParams(p: DrawParams): NormalizedParams {
  if (!isObject(p)) throw new DrawInputError('draw_input_invalid', '', '抽取参数应为对象');
  const population = checkArray(p.population, 'population', LIMITS.population) as readonly DrawEntity[];
  let previous = '';
  for (let k = 0; k < population.length; k++) {
    const e = population[k] as unknown;
    if (!isObject(e) || !isUsccShape(e.uscc)) {
      throw new DrawInputError(
        'draw_population_invalid',
        `population[${k}].uscc`,
        '统一社会信用代码应为 18 位有效字符',
      );
    }
    const c = e.riskClass;
    if (c !== 'A' && c !== 'B' && c !== 'C' && c !== 'D') {
      throw new DrawInputError('draw_population_invalid', `population[${k}].riskClass`, '风险等级应为 A、B、C 或 D');
    }
    if (!(previous < e.uscc)) {
      throw new DrawInputError(
        'draw_population_unsorted',
        `population[${k}].uscc`,
        '检查对象应按统一社会信用代码升序排列且不重复',
      );
    }
    previous = e.uscc;
  }
  if (!isObject(p.ratios)) throw new DrawInputError('draw_ratio_invalid', 'ratios', '应给出 A、B、C、D 四类的抽查比例');
  const ratios = p.ratios as Record<string, unknown>;
  const ratiosPpm = {} as Record<RiskClass, number>;
  for (const c of RISK_CLASSES) ratiosPpm[c] = parseRatio(ratios[c], `ratios.${c}`);

  const ipt = p.inspectorsPerTarget;
  if (!Number.isInteger(ipt) || ipt < 2 || ipt > LIMITS.inspectorsPerTarget) {
    throw new DrawInputError(
      'draw_inspectors_per_target_invalid',
      'inspectorsPerTarget',
      `每个检查对象的执法人员数应为 2 到 ${LIMITS.inspectorsPerTarget} 之间的整数`,
    );
  }
  const deptList = checkArray(p.departments, 'departments', LIMITS.departments);
  if (deptList.length === 0)
    throw new DrawInputError('draw_departments_invalid', 'departments', '至少应有一个执法部门');
  deptList.forEach((d, k) => {
    if (!isDrawId(d)) throw new DrawInputError('draw_departments_invalid', `departments[${k}]`, '部门标识格式不正确');
  });
  const departments = [...(deptList as string[])].sort(cmp);
  for (let k = 1; k < departments.length; k++) {
    if (departments[k] === departments[k - 1]) {
      throw new DrawInputError('draw_departments_invalid', 'departments', `部门“${departments[k]}”重复`);
    }
  }
  const deptSet = new Set(departments);
  const pool = checkArray(p.pool, 'pool', LIMITS.pool) as readonly DrawInspector[];
  for (let k = 0; k < pool.length; k++) {
    const m = pool[k] as unknown;
    if (!isObject(m) || !isDrawId(m.certificateNumber)) {
      throw new DrawInputError('draw_pool_invalid', `pool[${k}].certificateNumber`, '执法证号格式不正确');
    }
    if (!isDrawId(m.department) || !deptSet.has(m.department)) {
      throw new DrawInputError('draw_pool_invalid', `pool[${k}].department`, '执法人员所属部门不在本任务的部门之中');
    }
    if (k > 0 && !((pool[k - 1] as DrawInspector).certificateNumber < m.certificateNumber)) {
      throw new DrawInputError(
        'draw_pool_unsorted',
        `pool[${k}].certificateNumber`,
        '执法人员应按执法证号升序排列且不重复',
      );
    }
  }
  return {
    population,
    ratiosPpm,
    pool,
    inspectorsPerTarget: ipt,
    departments,
    conflicts: checkPairs(p.conflicts, 'conflicts'),
    previousPairs: checkPairs(p.previousPairs, 'previousPairs'),
  };
}

// ---------------------------------------------------------------- canonical texts and hashes

/** Hashes lines ("…\n") in chunks of about 32 K characters, so a population of millions never becomes one string. */
class LineHasher {
  private readonly stream: Sha256Stream;
  private chunk = '';
  constructor(hash: DrawHash, header: string) {
    this.stream = hash.create();
    this.line(header);
  }
  line(text: string): void {
    this.chunk += `${text}\n`;
    if (this.chunk.length > 32768) this.flush();
  }
  /** Whole lines, each ending in "\n", already joined. */
  lines(text: string): void {
    this.flush();
    this.stream.update(utf8(text));
  }
  private flush(): void {
    this.stream.update(utf8(this.chunk));
    this.chunk = '';
  }
  hex(): string {
    this.flush();
    return toHex(this.stream.digest());
  }
}

export const POPULATION_HEADER = 'zhifa-draw/1 population';
export const POOL_HEADER = 'zhifa-draw/1 pool';

/** One entity's line of the population text (without its "\n"). */
export const populationLine = (e: DrawEntity): string => `entity,${e.uscc},${e.riskClass}`;

/**
 * populationHash streamed: the header and ratio lines are hashed at once, then `line` takes each entity's
 * {@link populationLine} in population order, or `lines` several of them already joined (each + "\n") — for a
 * server that freezes millions of entities without holding them as objects. The same bytes as {@link populationHash}.
 */
export function populationHasher(ratiosPpm: Record<RiskClass, number>, hash: DrawHash = nobleDrawHash) {
  const h = new LineHasher(hash, POPULATION_HEADER);
  for (const c of RISK_CLASSES) h.line(`ratio,${c},${formatRatio(ratiosPpm[c])}`);
  return { line: (text: string) => h.line(text), lines: (text: string) => h.lines(text), hex: () => h.hex() };
}

/** SHA-256 of: header, `ratio,<class>,<ratio>` for A..D, `entity,<uscc>,<class>` per entity — each line + "\n". */
export function populationHash(p: NormalizedParams, hash: DrawHash = nobleDrawHash): string {
  const h = populationHasher(p.ratiosPpm, hash);
  for (const e of p.population) h.line(populationLine(e));
  return h.hex();
}

/**
 * SHA-256 of: header, `inspectorsPerTarget,<n>`, `department,<id>` (sorted), `inspector,<cert>,<dept>` (pool
 * order), `conflict,<cert>,<uscc>` and `previous,<cert>,<uscc>` (sorted by cert then uscc, distinct) — each + "\n".
 */
export function poolHash(p: NormalizedParams, hash: DrawHash = nobleDrawHash): string {
  const h = new LineHasher(hash, POOL_HEADER);
  h.line(`inspectorsPerTarget,${p.inspectorsPerTarget}`);
  for (const d of p.departments) h.line(`department,${d}`);
  for (const m of p.pool) h.line(`inspector,${m.certificateNumber},${m.department}`);
  for (const c of p.conflicts) h.line(`conflict,${c.certificateNumber},${c.uscc}`);
  for (const c of p.previousPairs) h.line(`previous,${c.certificateNumber},${c.uscc}`);
  return h.hex();
}

/** SHA-256 of the UTF-8 (ASCII) text of the 64-digit hex server seed. */
export const seedCommitment = (serverSeed: string, hash: DrawHash = nobleDrawHash): string =>
  sha256Hex(checkServerSeed(serverSeed), hash);

/** SHA-256(UTF-8(serverSeed + publicSeed + populationHash + poolHash)), every part as the text described above. */
export function drawSeed(
  serverSeed: string,
  publicSeed: string,
  populationHashHex: string,
  poolHashHex: string,
  hash: DrawHash = nobleDrawHash,
): string {
  return sha256Hex(checkServerSeed(serverSeed) + publicSeed + populationHashHex + poolHashHex, hash);
}
