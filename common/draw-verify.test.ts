import { describe, expect, it } from 'vitest';
import {
  DrawInputError,
  draw,
  firstDifference,
  normalizePublicSeed,
  type PublicDraw,
  parseRatio,
  toPublicDraw,
  verifyDraw,
} from './draw.js';
import { cert, input, pool, population, SERVER_SEED, uscc } from './testdata/draw-fixtures.js';

const published = (over = {}): PublicDraw => {
  const inp = input({ conflicts: [{ certificateNumber: cert(2), uscc: uscc(5) }], ...over });
  return JSON.parse(JSON.stringify(toPublicDraw(inp, draw(inp))));
};
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof DrawInputError) return { code: e.code, field: e.field };
    throw e;
  }
  throw new Error('not refused');
};

describe('verifyDraw: re-run from the public JSON alone', () => {
  it('a published draw, through JSON, verifies as 一致', () => {
    const pub = published();
    const v = verifyDraw(pub);
    expect(v).toEqual({ ok: true, verdict: '一致', seed: pub.seed, targets: pub.targets.length });
    expect(verifyDraw(pub, { committed: { seedCommitment: pub.seedCommitment, poolHash: pub.poolHash } }).ok).toBe(
      true,
    );
  });

  it('the public JSON is canonical: ratios as decimal strings, departments sorted, pairs sorted and distinct', () => {
    const inp = input({
      ratios: { A: '0.050', B: 0.1, C: 0.25, D: 1 },
      departments: ['org-b', 'org-a'],
      pool: pool(['org-a', 'org-b', 'org-a']),
      conflicts: [
        { certificateNumber: cert(3), uscc: uscc(2) },
        { certificateNumber: cert(1), uscc: uscc(9) },
        { certificateNumber: cert(3), uscc: uscc(2) },
      ],
    });
    const pub = toPublicDraw(inp, draw(inp));
    expect(pub.ratios).toEqual({ A: '0.05', B: '0.1', C: '0.25', D: '1' });
    expect(pub.departments).toEqual(['org-a', 'org-b']);
    expect(pub.conflicts).toEqual([
      { certificateNumber: cert(1), uscc: uscc(9) },
      { certificateNumber: cert(3), uscc: uscc(2) },
    ]);
    expect(verifyDraw(JSON.parse(JSON.stringify(pub))).ok).toBe(true);
    expect(draw(pub).seed).toBe(pub.seed);
  });

  it('a changed inspector is 不一致 at that inspector', () => {
    const pub = published();
    const t = pub.targets[1]!;
    const other = pub.pool.find((m) => !t.inspectors.some((x) => x.certificateNumber === m.certificateNumber))!;
    t.inspectors[1]!.certificateNumber = other.certificateNumber;
    const v = verifyDraw(pub);
    expect(v.verdict).toBe('不一致');
    if (v.ok) return;
    expect(v.difference.path).toBe('targets[1].inspectors[1].certificateNumber');
    expect(v.difference.recomputed).not.toBe(other.certificateNumber);
    expect(v.difference.detail).toContain('重新计算');
  });

  it('a swapped target, an extra target, a missing field: each 不一致 with its path', () => {
    const a = published();
    a.targets[0]!.uscc = uscc(99);
    expect(verifyDraw(a)).toMatchObject({ ok: false, difference: { path: 'targets[0].uscc' } });
    const b = published();
    b.targets.push({ ...b.targets[0]! });
    expect(verifyDraw(b)).toMatchObject({ ok: false, difference: { path: 'targets.length' } });
    const c = published();
    delete (c.targets[0] as { pick?: number }).pick;
    expect(verifyDraw(c)).toMatchObject({ ok: false, difference: { path: 'targets[0].pick', published: undefined } });
    const d = published();
    (d.targets[0] as unknown as Record<string, unknown>).note = 'x';
    expect(verifyDraw(d)).toMatchObject({ ok: false, difference: { path: 'targets[0].note' } });
  });

  it('a changed input changes the recomputation: the first differing hash is reported', () => {
    const a = published();
    a.population = a.population.map((e, k) => (k === 0 ? { ...e, riskClass: e.riskClass === 'A' ? 'B' : 'A' } : e));
    expect(verifyDraw(a)).toMatchObject({ ok: false, difference: { path: 'populationHash' } });
    const b = published();
    b.previousPairs = [{ certificateNumber: cert(1), uscc: uscc(1) }];
    expect(verifyDraw(b)).toMatchObject({ ok: false, difference: { path: 'poolHash' } });
    const c = published();
    c.serverSeed = SERVER_SEED.replace(/^6/, '7');
    expect(verifyDraw(c)).toMatchObject({ ok: false, difference: { path: 'seedCommitment' } });
    const d = published();
    d.publicSeed = `${d.publicSeed} `;
    expect(verifyDraw(d)).toMatchObject({ ok: false, difference: { path: 'publicSeed' } });
  });

  it('values committed before the draw must match the record', () => {
    const pub = published();
    const v = verifyDraw(pub, { committed: { seedCommitment: 'f'.repeat(64) } });
    expect(v).toMatchObject({ ok: false, verdict: '不一致', difference: { path: 'seedCommitment' } });
  });

  it('malformed records are 不一致, never a crash', () => {
    expect(verifyDraw(null)).toMatchObject({ ok: false, difference: { path: '' } });
    expect(verifyDraw([1])).toMatchObject({ ok: false });
    expect(verifyDraw({ ...published(), algorithm: 'zhifa-draw/2 rivest-sha256' })).toMatchObject({
      ok: false,
      difference: { path: 'algorithm' },
    });
    expect(verifyDraw({ ...published(), population: 'x' })).toMatchObject({
      ok: false,
      difference: { path: 'population' },
    });
    expect(verifyDraw({ ...published(), pool: [{ certificateNumber: 5 }] })).toMatchObject({
      ok: false,
      difference: { path: 'pool[0].certificateNumber' },
    });
    expect(verifyDraw({ ...published(), ratios: null })).toMatchObject({ ok: false, difference: { path: 'ratios' } });
  });

  it('firstDifference walks arrays and objects in order', () => {
    expect(firstDifference({ a: [1, { b: 2 }] }, { a: [1, { b: 3 }] }, '')).toEqual({
      path: 'a[1].b',
      published: 2,
      recomputed: 3,
    });
    expect(firstDifference([1, 2], [1, 2], 'x')).toBeNull();
    expect(firstDifference(1, '1', 'x')).toEqual({ path: 'x', published: 1, recomputed: '1' });
  });
});

describe('input validation: refused with a code and the field', () => {
  it('public seed: NFC, trimmed, non-empty, ≤ 256 characters, no control or format characters', () => {
    expect(normalizePublicSeed('  e\u0301 6 6 1\u3000\n')).toBe('\u00e9 6 6 1');
    expect(normalizePublicSeed('骰子 3-1-4')).toBe('骰子 3-1-4');
    expect(normalizePublicSeed('😀'.repeat(256))).toHaveLength(512);
    expect(refusal(() => normalizePublicSeed('😀'.repeat(257)))).toEqual({
      code: 'draw_public_seed_too_long',
      field: 'publicSeed',
    });
    expect(refusal(() => normalizePublicSeed(' \t\u3000'))).toEqual({
      code: 'draw_public_seed_empty',
      field: 'publicSeed',
    });
    for (const bad of ['1\u00002', '1\n2', '1\u202e2', '1\u200b2', '1\ud8002', '1\u20282', '\ue000', 42]) {
      expect(refusal(() => normalizePublicSeed(bad)).code, JSON.stringify(bad)).toBe('draw_public_seed_invalid');
    }
  });

  it('ratios: 0..1 with at most 6 decimals, exact', () => {
    expect(parseRatio(0, 'r')).toBe(0);
    expect(parseRatio(1, 'r')).toBe(1_000_000);
    expect(parseRatio('1.000', 'r')).toBe(1_000_000);
    expect(parseRatio(0.05, 'r')).toBe(50_000);
    expect(parseRatio('0.000001', 'r')).toBe(1);
    for (const bad of [0.1 + 0.2, 1e-7, 1.5, -0.1, Number.NaN, '0.05 ', '.5', '5%', '1.0000001', null]) {
      expect(
        refusal(() => parseRatio(bad, 'ratios.A')),
        String(bad),
      ).toEqual({ code: 'draw_ratio_invalid', field: 'ratios.A' });
    }
  });

  it('population and pool: shapes, sort order, duplicates, departments', () => {
    const pop = population({ A: 3 });
    expect(refusal(() => draw(input({ population: [pop[1]!, pop[0]!] })))).toEqual({
      code: 'draw_population_unsorted',
      field: 'population[1].uscc',
    });
    expect(refusal(() => draw(input({ population: [pop[0]!, pop[0]!] }))).code).toBe('draw_population_unsorted');
    expect(refusal(() => draw(input({ population: [{ uscc: '91440101MA5CXXXXXI', riskClass: 'A' }] }))).field).toBe(
      'population[0].uscc',
    );
    expect(refusal(() => draw(input({ population: [{ uscc: uscc(1), riskClass: 'E' as 'A' }] }))).field).toBe(
      'population[0].riskClass',
    );
    const p = pool(['org-a', 'org-a']);
    expect(refusal(() => draw(input({ pool: [p[1]!, p[0]!] }))).code).toBe('draw_pool_unsorted');
    expect(refusal(() => draw(input({ pool: [{ certificateNumber: 'A,1', department: 'org-a' }] }))).field).toBe(
      'pool[0].certificateNumber',
    );
    expect(refusal(() => draw(input({ pool: pool(['org-x']) })))).toEqual({
      code: 'draw_pool_invalid',
      field: 'pool[0].department',
    });
    expect(refusal(() => draw(input({ departments: [] }))).code).toBe('draw_departments_invalid');
    expect(refusal(() => draw(input({ departments: ['org-a', 'org-a'] }))).code).toBe('draw_departments_invalid');
    expect(refusal(() => draw(input({ conflicts: [{ certificateNumber: cert(1), uscc: 'x' }] }))).field).toBe(
      'conflicts[0].uscc',
    );
  });

  it('server seed: exactly 64 lowercase hex digits; inspectorsPerTarget: an integer ≥ 2', () => {
    for (const serverSeed of [SERVER_SEED.toUpperCase(), SERVER_SEED.slice(2), `${SERVER_SEED}00`, '']) {
      expect(refusal(() => draw(input({ serverSeed }))).code).toBe('draw_server_seed_invalid');
    }
    for (const inspectorsPerTarget of [1, 2.5, 0, 65, Number.NaN]) {
      expect(refusal(() => draw(input({ inspectorsPerTarget }))).field).toBe('inspectorsPerTarget');
    }
  });
});
