import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CIRCUMSTANCES, type Circumstance, PENALTY_KINDS } from '../../../common/enums.js';
import { type Fine, type Tier, checkRefinement, evaluateDecision, isFixed } from './discretion.rules.js';

const kinds = fc.subarray(
  [...PENALTY_KINDS].filter((k) => k !== 'detention'),
  { minLength: 1 },
);

/** A range [lo, hi] of non-negative integers. */
const range = (max: number) =>
  fc
    .tuple(fc.integer({ min: 0, max }), fc.integer({ min: 0, max }))
    .map(([a, b]) => [Math.min(a, b), Math.max(a, b)] as const);

const fixedFine = range(100_000_000).map(([minFen, maxFen]): Fine => ({ minFen, maxFen }));
/** Multiples in tenths, to exercise non-integers. */
const multipleFine = fc
  .tuple(range(200), fc.constantFrom('illegal_income' as const, 'goods_value' as const))
  .map(([[a, b], basis]): Fine => ({ minMultiple: a / 10, maxMultiple: b / 10, basis }));
const fine = fc.oneof(fixedFine, multipleFine);

const parentTiers = fc
  .uniqueArray(fc.constantFrom(...CIRCUMSTANCES.filter((c) => c !== 'none')), { minLength: 1, maxLength: 4 })
  .chain((circs) =>
    fc.tuple(
      ...circs.map((c) =>
        fc.record({
          circumstance: fc.constant(c as Circumstance),
          conditions: fc.constant('条件'),
          penaltyKinds: kinds,
          fine,
          timeLimitDays: fc.integer({ min: 1, max: 90 }),
        }),
      ),
    ),
  );

/** A child that stays inside its parent: a subset of tiers, kinds, and ranges, and a shorter or equal time limit. */
function insideChild(parent: Tier[]) {
  return fc
    .tuple(
      ...parent.map((p) =>
        fc.tuple(
          fc.boolean(),
          fc.subarray(p.penaltyKinds),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.integer({ min: 1, max: p.timeLimitDays ?? 90 }),
        ),
      ),
    )
    .map((choices) =>
      parent.flatMap((p, i): Tier[] => {
        const [keep, subset, u, v] = choices[i] as [boolean, string[], number, number, number];
        if (!keep && i > 0) return [];
        const f = p.fine as Fine;
        let childFine: Fine;
        if (isFixed(f)) {
          const a = f.minFen + Math.floor((f.maxFen - f.minFen) * Math.min(u, v));
          const b = f.minFen + Math.floor((f.maxFen - f.minFen) * Math.max(u, v));
          childFine = { minFen: a, maxFen: b };
        } else {
          const a = Math.round((f.minMultiple + (f.maxMultiple - f.minMultiple) * Math.min(u, v)) * 10) / 10;
          const b = Math.round((f.minMultiple + (f.maxMultiple - f.minMultiple) * Math.max(u, v)) * 10) / 10;
          childFine = {
            minMultiple: Math.max(a, f.minMultiple),
            maxMultiple: Math.min(b, f.maxMultiple),
            basis: f.basis,
          };
        }
        return [
          {
            ...p,
            penaltyKinds: subset,
            fine: childFine,
            timeLimitDays: (choices[i] as [boolean, string[], number, number, number])[4],
          },
        ];
      }),
    );
}

describe('refinement bounds (property-based)', () => {
  it('accepts every child inside its parent', () => {
    fc.assert(
      fc.property(
        parentTiers.chain((p) => fc.tuple(fc.constant(p as Tier[]), insideChild(p as Tier[]))),
        ([parent, child]) => {
          expect(checkRefinement(parent, child)).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses any one bound moved outside, naming that tier and bound', () => {
    const widen = fc.constantFrom('min', 'max', 'kind', 'tier', 'time', 'basis');
    fc.assert(
      fc.property(parentTiers, widen, fc.integer({ min: 1, max: 1_000_000 }), (parentRaw, how, delta) => {
        const parent = parentRaw as Tier[];
        const p = parent[0] as Tier;
        const f = p.fine as Fine;
        let child: Tier;
        let bound: string;
        if (how === 'min' || how === 'max') {
          if (isFixed(f)) {
            child = {
              ...p,
              fine:
                how === 'min'
                  ? { minFen: f.minFen - delta, maxFen: f.maxFen }
                  : { minFen: f.minFen, maxFen: f.maxFen + delta },
            };
            bound = how === 'min' ? 'fine.minFen' : 'fine.maxFen';
          } else {
            const step = delta / 10;
            child = {
              ...p,
              fine:
                how === 'min'
                  ? { ...f, minMultiple: f.minMultiple - step }
                  : { ...f, maxMultiple: f.maxMultiple + step },
            };
            bound = how === 'min' ? 'fine.minMultiple' : 'fine.maxMultiple';
          }
        } else if (how === 'kind') {
          const extra = PENALTY_KINDS.find((k) => !p.penaltyKinds.includes(k)) as string;
          child = { ...p, penaltyKinds: [...p.penaltyKinds, extra] };
          bound = 'penaltyKinds';
        } else if (how === 'tier') {
          const missing = CIRCUMSTANCES.find((c) => !parent.some((t) => t.circumstance === c)) as Circumstance;
          child = { ...p, circumstance: missing, penaltyKinds: missing === 'none' ? [] : p.penaltyKinds };
          bound = 'circumstance';
        } else if (how === 'time') {
          child = { ...p, timeLimitDays: (p.timeLimitDays as number) + (delta % 30) + 1 };
          bound = 'timeLimitDays';
        } else {
          child = isFixed(f)
            ? { ...p, fine: { minMultiple: 1, maxMultiple: 1, basis: 'goods_value' } }
            : { ...p, fine: { ...f, basis: f.basis === 'illegal_income' ? 'goods_value' : 'illegal_income' } };
          bound = isFixed(f) ? 'fine.kind' : 'fine.basis';
        }
        const violations = checkRefinement(parent, [child]);
        expect(violations.some((v) => v.tier === child.circumstance && v.bound === bound)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('evaluating a decision against its tier', () => {
  const tiers: Tier[] = [
    {
      circumstance: 'lighter',
      conditions: '',
      penaltyKinds: ['warning', 'fine'],
      fine: { minFen: 500_000, maxFen: 1_000_000 },
    },
    {
      circumstance: 'general',
      conditions: '',
      penaltyKinds: ['fine', 'confiscate_income'],
      fine: { minMultiple: 5, maxMultiple: 10, basis: 'goods_value' },
    },
    { circumstance: 'none', conditions: '', penaltyKinds: [] },
  ];
  it('accepts the bounds themselves and refuses one fen outside', () => {
    const at = (amountFen: number) =>
      evaluateDecision(tiers, { circumstance: 'lighter', penaltyKinds: ['fine'], amountFen });
    expect(at(500_000).withinRange).toBe(true);
    expect(at(1_000_000).withinRange).toBe(true);
    expect(at(499_999).reasons[0]?.code).toBe('amount_below_range');
    expect(at(1_000_001).reasons[0]?.code).toBe('amount_above_range');
  });
  it('computes multiple-based ranges from the basis', () => {
    const r = evaluateDecision(tiers, {
      circumstance: 'general',
      penaltyKinds: ['fine'],
      amountFen: 150_000,
      goodsValueFen: 20_000,
    });
    expect(r.allowed).toMatchObject({ minFen: 100_000, maxFen: 200_000 });
    expect(r.withinRange).toBe(true);
    expect(
      evaluateDecision(tiers, { circumstance: 'general', penaltyKinds: ['fine'], amountFen: 150_000 }).reasons[0]?.code,
    ).toBe('basis_missing');
  });
  it('refuses a kind outside the tier and a missing tier', () => {
    expect(
      evaluateDecision(tiers, { circumstance: 'lighter', penaltyKinds: ['revoke_license'], amountFen: 0 }).reasons[0]
        ?.code,
    ).toBe('penalty_kind_not_allowed');
    expect(
      evaluateDecision(tiers, { circumstance: 'heavier', penaltyKinds: ['fine'], amountFen: 1 }).reasons[0]?.code,
    ).toBe('no_tier');
    expect(evaluateDecision(tiers, { circumstance: 'none', penaltyKinds: [], amountFen: 0 }).withinRange).toBe(true);
    expect(evaluateDecision(tiers, { circumstance: 'none', penaltyKinds: [], amountFen: 100 }).reasons[0]?.code).toBe(
      'fine_not_allowed',
    );
  });
});
