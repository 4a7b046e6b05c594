import * as nodeCrypto from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DrawInput,
  type DrawResult,
  type DrawTraceEvent,
  draw,
  nodeDrawHash,
  parseRatio,
  RISK_CLASSES,
  rivestSample,
  sha256Hex,
  targetCount,
} from './draw.js';
import { cert, input, pool, population, SERVER_SEED, uscc } from './testdata/draw-fixtures.js';

const inspectorsOf = (r: DrawResult, u: string) => r.targets.find((t) => t.uscc === u)?.inspectors ?? [];
const certsOf = (r: DrawResult, u: string) => inspectorsOf(r, u).map((m) => m.certificateNumber);

describe('the draw is a function of its inputs', () => {
  it('same input, same result — with noble and with node:crypto', () => {
    const a = draw(input());
    expect(draw(input())).toEqual(a);
    expect(draw(input(), { hash: nodeDrawHash(nodeCrypto) })).toEqual(a);
    expect(a.algorithm).toBe('zhifa-draw/1 rivest-sha256');
    expect(a.seed).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the seed is SHA-256 of the four hex/text parts concatenated, and the commitment SHA-256 of the server seed', () => {
    const r = draw(input());
    expect(r.seedCommitment).toBe(sha256Hex(SERVER_SEED));
    expect(r.seed).toBe(sha256Hex(SERVER_SEED + r.publicSeed + r.populationHash + r.poolHash));
  });

  it('targets are the Rivest picks of seed + "/" + class over the class list, classes A..D in order', () => {
    const inp = input();
    const r = draw(inp);
    for (const c of RISK_CLASSES) {
      const list = inp.population.filter((e) => e.riskClass === c).map((e) => e.uscc);
      const cls = r.classes.find((x) => x.riskClass === c);
      const picks = rivestSample(`${r.seed}/${c}`, list.length, cls?.count ?? 0);
      expect(r.targets.filter((t) => t.riskClass === c).map((t) => [t.uscc, t.pick])).toEqual(
        picks.map((p) => [list[p.value - 1], p.i]),
      );
    }
    expect(r.targets.map((t) => t.riskClass)).toEqual([...r.targets.map((t) => t.riskClass)].sort());
  });

  it('inspectors are the first acceptable Rivest picks of seed + "/" + uscc over the pool', () => {
    const inp = input();
    const r = draw(inp);
    for (const t of r.targets) {
      const picks = rivestSample(`${r.seed}/${t.uscc}`, inp.pool.length, 2);
      expect(t.inspectors).toEqual(picks.map((p) => ({ ...inp.pool[p.value - 1], pick: p.i })));
    }
  });

  it('changing any input changes the seed (and the hash that covers it)', () => {
    const base = draw(input());
    const variants: [string, Partial<DrawInput>, 'populationHash' | 'poolHash' | 'seedCommitment' | null][] = [
      ['publicSeed', { publicSeed: '3 1 4 1 5 9 2 7' }, null],
      [
        'a class',
        { population: input().population.map((e, k) => (k === 3 ? { ...e, riskClass: 'D' } : e)) },
        'populationHash',
      ],
      ['one entity fewer', { population: input().population.slice(1) }, 'populationHash'],
      ['a ratio', { ratios: { A: 0.05, B: 0.1, C: 0.25, D: 0.999999 } }, 'populationHash'],
      [
        'a department',
        { pool: pool(['org-a', 'org-b', 'org-a', 'org-a', 'org-a']), departments: ['org-a', 'org-b'] },
        'poolHash',
      ],
      ['inspectorsPerTarget', { inspectorsPerTarget: 3 }, 'poolHash'],
      ['a conflict', { conflicts: [{ certificateNumber: cert(9), uscc: uscc(1) }] }, 'poolHash'],
      ['a previous pair', { previousPairs: [{ certificateNumber: cert(9), uscc: uscc(1) }] }, 'poolHash'],
    ];
    for (const [what, over, covering] of variants) {
      const r = draw(input(over));
      expect(r.seed, what).not.toBe(base.seed);
      if (covering) expect(r[covering], what).not.toBe(base[covering]);
    }
  });

  it('flipping any one bit of the server seed changes the commitment and the seed', () => {
    const base = draw(input());
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), (bit) => {
        const bytes = Buffer.from(SERVER_SEED, 'hex');
        bytes[bit >> 3] = (bytes[bit >> 3] as number) ^ (1 << (bit & 7));
        const r = draw(input({ serverSeed: bytes.toString('hex') }));
        expect(r.seed).not.toBe(base.seed);
        expect(r.seedCommitment).not.toBe(base.seedCommitment);
        expect(r.populationHash).toBe(base.populationHash);
      }),
      { numRuns: 64 },
    );
  });
});

describe('targets per risk class', () => {
  it('counts are ceil(ratio × size) computed exactly: 0.07 × 100 = 7 and 0.1 × 30 = 3, not 8 and 4', () => {
    expect(0.07 * 100).toBeGreaterThan(7); // the float trap the integer arithmetic avoids
    expect(targetCount(parseRatio(0.07, 'r'), 100)).toBe(7);
    expect(targetCount(parseRatio(0.1, 'r'), 30)).toBe(3);
    expect(targetCount(parseRatio('0.05', 'r'), 2_000_000)).toBe(100_000);
    expect(targetCount(parseRatio(0.05, 'r'), 2_000_001)).toBe(100_001);
    expect(targetCount(parseRatio(0.000001, 'r'), 1)).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 50_000_000 }), (ppm, n) => {
        const exact = (BigInt(ppm) * BigInt(n) + 999_999n) / 1_000_000n;
        expect(targetCount(ppm, n)).toBe(Number(exact));
      }),
    );
  });

  it('ratio 0 draws none, 1 draws all (a permutation), and every class gets exactly its count, no repeats', () => {
    const r = draw(input({ ratios: { A: 0, B: 1, C: '0.5', D: 0.3 } }));
    const by = (c: string) => r.targets.filter((t) => t.riskClass === c);
    expect(by('A')).toHaveLength(0);
    expect(new Set(by('B').map((t) => t.uscc)).size).toBe(30);
    expect(by('C')).toHaveLength(10);
    expect(by('D')).toHaveLength(3);
    expect(r.classes).toEqual([
      { riskClass: 'A', size: 40, ratio: '0', count: 0 },
      { riskClass: 'B', size: 30, ratio: '1', count: 30 },
      { riskClass: 'C', size: 20, ratio: '0.5', count: 10 },
      { riskClass: 'D', size: 10, ratio: '0.3', count: 3 },
    ]);
  });

  it('property: per-class counts, targets from their own class, no entity twice', () => {
    const ratio = fc.integer({ min: 0, max: 1_000_000 }).map((ppm) => ppm / 1_000_000);
    fc.assert(
      fc.property(
        fc.record({ A: fc.nat(30), B: fc.nat(30), C: fc.nat(30), D: fc.nat(30) }),
        fc.record({ A: ratio, B: ratio, C: ratio, D: ratio }),
        fc.string({ minLength: 1, maxLength: 10 }).filter((s) => /^[0-9a-z]+$/.test(s)),
        (counts, ratios, publicSeed) => {
          const pop = population(counts);
          const r = draw(input({ population: pop, ratios, publicSeed }));
          expect(new Set(r.targets.map((t) => t.uscc)).size).toBe(r.targets.length);
          const classOf = new Map(pop.map((e) => [e.uscc, e.riskClass]));
          for (const c of RISK_CLASSES) {
            const got = r.targets.filter((t) => t.riskClass === c);
            expect(got.length).toBe(Math.max(0, Math.ceil((Math.round(ratios[c] * 1e6) * counts[c]) / 1e6 - 1e-9)));
            for (const t of got) expect(classOf.get(t.uscc)).toBe(c);
          }
        },
      ),
      { numRuns: 80 },
    );
  });

  it('an empty population or class draws nothing', () => {
    const r = draw(input({ population: [] }));
    expect(r.targets).toEqual([]);
    expect(r.classes.map((c) => c.count)).toEqual([0, 0, 0, 0]);
  });
});

describe('inspector rules at their boundaries', () => {
  const one = (over: Partial<DrawInput>) =>
    input({ population: population({ D: 6 }), ratios: { A: 0, B: 0, C: 0, D: 1 }, ...over });

  it('exactly enough inspectors: a pool of 2 staffs every target with both; a pool of 1 staffs none', () => {
    const r = draw(one({ pool: pool(['org-a', 'org-a']) }));
    for (const t of r.targets) expect(t.inspectors.map((m) => m.certificateNumber).sort()).toEqual([cert(1), cert(2)]);
    const short = draw(one({ pool: pool(['org-a']) }));
    for (const t of short.targets) {
      expect(t.inspectors).toEqual([]);
      expect(t.unfilled).toEqual({ code: 'not_enough_inspectors', needed: 2, eligible: 1 });
    }
    const none = draw(one({ pool: [] }));
    expect(none.targets[0]?.unfilled).toEqual({ code: 'not_enough_inspectors', needed: 2, eligible: 0 });
  });

  it('a declared conflict excludes that inspector for that entity only (the trace shows the skipped pick)', () => {
    const p = pool(['org-a', 'org-a', 'org-a']);
    const t = draw(one({ pool: p })).targets[0]!;
    const banned = cert(1);
    const events: DrawTraceEvent[] = [];
    const r = draw(one({ pool: p, conflicts: [{ certificateNumber: banned, uscc: t.uscc }] }), {
      trace: (e) => events.push(e),
    });
    expect(certsOf(r, t.uscc).sort()).toEqual([cert(2), cert(3)]);
    expect(r.targets.filter((x) => certsOf(r, x.uscc).includes(banned)).length).toBeGreaterThan(0);
    const skipped = events.filter((e) => e.kind === 'inspector' && e.outcome === 'conflict');
    expect(skipped.length).toBeGreaterThan(0);
    for (const e of skipped) expect(e).toMatchObject({ uscc: t.uscc, certificateNumber: banned });
  });

  it('a conflict excluding the only candidate of a department leaves that target unfilled, naming the department', () => {
    const depts = ['org-a', 'org-b'];
    const p = pool(['org-a', 'org-a', 'org-b', 'org-a']); // org-b has cert(3) only
    const base = draw(one({ pool: p, departments: depts }));
    for (const t of base.targets) expect(certsOf(base, t.uscc)).toContain(cert(3));
    const target = base.targets[2]!;
    const r = draw(
      one({ pool: p, departments: depts, conflicts: [{ certificateNumber: cert(3), uscc: target.uscc }] }),
    );
    expect(inspectorsOf(r, target.uscc)).toEqual([]);
    expect(r.targets.find((t) => t.uscc === target.uscc)?.unfilled).toEqual({
      code: 'department_uncovered',
      department: 'org-b',
    });
    for (const t of r.targets.filter((x) => x.uscc !== target.uscc)) expect(t.unfilled).toBeUndefined();
  });

  it('the previous-task pair is not repeated; with a pool of exactly 2 it leaves the target unfilled', () => {
    const base = draw(one({ pool: pool(['org-a', 'org-a', 'org-a']) }));
    const previousPairs = base.targets.flatMap((t) =>
      t.inspectors.slice(0, 1).map((m) => ({ certificateNumber: m.certificateNumber, uscc: t.uscc })),
    );
    const r = draw(one({ pool: pool(['org-a', 'org-a', 'org-a']), previousPairs }));
    for (const p of previousPairs) {
      expect(certsOf(r, p.uscc)).not.toContain(p.certificateNumber);
      expect(certsOf(r, p.uscc)).toHaveLength(2);
    }
    const tight = draw(one({ pool: pool(['org-a', 'org-a']), previousPairs: previousPairs.slice(0, 1) }));
    expect(tight.targets.find((t) => t.uscc === previousPairs[0]!.uscc)?.unfilled).toEqual({
      code: 'not_enough_inspectors',
      needed: 2,
      eligible: 1,
    });
  });

  it('joint task with 3 departments and inspectorsPerTarget 2: 3 inspectors, one from each', () => {
    const depts = ['org-a', 'org-b', 'org-c'];
    const r = draw(
      one({ departments: depts, pool: pool(['org-a', 'org-a', 'org-a', 'org-a', 'org-b', 'org-c', 'org-c']) }),
    );
    for (const t of r.targets) {
      expect(t.inspectors).toHaveLength(3);
      expect(t.inspectors.map((m) => m.department).sort()).toEqual(depts);
    }
  });

  it('two departments, one tiny: the rule never lets the big one take the last slot', () => {
    const r = draw(one({ departments: ['org-a', 'org-b'], pool: pool([...Array(30).fill('org-a'), 'org-b']) }));
    for (const t of r.targets) expect(t.inspectors.map((m) => m.department).sort()).toEqual(['org-a', 'org-b']);
  });

  it('property: every target is either fully staffed under every rule, or unfilled because it could not be', () => {
    const dept = fc.constantFrom('org-a', 'org-b', 'org-c');
    fc.assert(
      fc.property(
        fc.array(dept, { maxLength: 9 }),
        fc.integer({ min: 2, max: 4 }),
        fc.array(fc.tuple(fc.nat(9), fc.nat(5), fc.boolean()), { maxLength: 20 }),
        (depts, ipt, pairs) => {
          const p = pool(depts);
          const departments = [...new Set(['org-a', ...depts])];
          const pop = population({ D: 6 });
          const toPair = ([m, e]: [number, number, boolean]) => ({
            certificateNumber: cert(m + 1),
            uscc: pop[e]!.uscc,
          });
          const conflicts = pairs.filter((x) => x[2]).map(toPair);
          const previousPairs = pairs.filter((x) => !x[2]).map(toPair);
          const r = draw(one({ pool: p, departments, inspectorsPerTarget: ipt, conflicts, previousPairs }));
          const need = Math.max(ipt, departments.length);
          expect(r.targets).toHaveLength(6);
          for (const t of r.targets) {
            const banned = new Set(
              [...conflicts, ...previousPairs].filter((x) => x.uscc === t.uscc).map((x) => x.certificateNumber),
            );
            const eligible = p.filter((m) => !banned.has(m.certificateNumber));
            const feasible =
              eligible.length >= need && departments.every((d) => eligible.some((m) => m.department === d));
            if (!feasible) {
              expect(t.unfilled?.code).toMatch(/^(not_enough_inspectors|department_uncovered)$/);
              expect(t.inspectors).toEqual([]);
              continue;
            }
            expect(t.unfilled).toBeUndefined();
            expect(t.inspectors).toHaveLength(need);
            expect(new Set(t.inspectors.map((m) => m.certificateNumber)).size).toBe(need);
            for (const m of t.inspectors) expect(banned.has(m.certificateNumber)).toBe(false);
            expect(new Set(t.inspectors.map((m) => m.department))).toEqual(new Set(departments));
            // The same rule, re-stated over the stream of distinct picks: first-come, unless it would strand a department.
            const expected: { certificateNumber: string; department: string; pick: number }[] = [];
            const covered = new Set<string>();
            for (const { i, value } of rivestSample(`${r.seed}/${t.uscc}`, p.length, p.length)) {
              if (expected.length === need) break;
              const m = p[value - 1]!;
              if (banned.has(m.certificateNumber)) continue;
              const uncoveredAfter = departments.filter((d) => !covered.has(d) && d !== m.department).length;
              if (need - expected.length - 1 < uncoveredAfter) continue;
              expected.push({ ...m, pick: i });
              covered.add(m.department);
            }
            expect(t.inspectors).toEqual(expected);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('terminates quickly when every inspector is excluded for a target', () => {
    const pop = population({ D: 1 });
    const conflicts = Array.from({ length: 200 }, (_, k) => ({ certificateNumber: cert(k + 1), uscc: pop[0]!.uscc }));
    const r = draw(one({ population: pop, pool: pool(Array(200).fill('org-a')), conflicts }));
    expect(r.targets[0]?.unfilled).toEqual({ code: 'not_enough_inspectors', needed: 2, eligible: 0 });
  });
});
