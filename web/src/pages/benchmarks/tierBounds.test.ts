/** The tier editor's inline checks refuse exactly what the server's refinement rule refuses. */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CIRCUMSTANCES, FINE_BASES } from '../../../../common/enums.js';
import {
  checkRefinement,
  checkTiers,
  type Tier as ServerTier,
} from '../../../../server/modules/discretion/discretion.rules.js';
import type { Tier } from '../../../../common/contracts/discretion.contract.js';
import {
  checkDraftRefinement,
  checkDraftTiers,
  fineText,
  parentBoundsText,
  parseTierPath,
  yuanText,
} from './tierBounds';
import { fieldOfBound, formToDraft, formToTier, tierToForm } from './tierForm';

const KINDS = ['warning', 'fine', 'confiscate_income', 'suspend_business', 'revoke_license'] as const;

const fineArb = fc.oneof(
  fc.constant(null),
  fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }))
    .map(([a, b]) => ({ minFen: a * 50_000, maxFen: b * 50_000 })),
  fc
    .tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), fc.constantFrom(...FINE_BASES))
    .map(([a, b, basis]) => ({ minMultiple: a / 2, maxMultiple: b / 2, basis })),
);

const tierArb = (circumstance: (typeof CIRCUMSTANCES)[number]) =>
  fc.record({
    circumstance: fc.constant(circumstance),
    conditions: fc.constant(''),
    penaltyKinds: fc.subarray([...KINDS]),
    fine: fineArb,
    timeLimitDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  });

/** Tiers with distinct circumstances (the server names a violation by circumstance). */
const tiersArb = fc
  .uniqueArray(fc.constantFrom(...CIRCUMSTANCES), { minLength: 1, maxLength: 5 })
  .chain((cs) => fc.tuple(...cs.map(tierArb))) as fc.Arbitrary<Tier[]>;

const key = (tiers: Tier[], v: { index: number; bound: string }) => `${tiers[v.index]?.circumstance}:${v.bound}`;

describe('tier bounds mirror the server rule', () => {
  test('checkDraftRefinement finds the same (tier, bound) pairs as checkRefinement', () => {
    fc.assert(
      fc.property(tiersArb, tiersArb, (parent, child) => {
        const mine = checkDraftRefinement(
          parent,
          child.map((t) => formToDraft(tierToForm(t))),
        )
          .map((v) => key(child, v))
          .sort();
        const server = checkRefinement(parent as ServerTier[], child as ServerTier[])
          .map((v) => `${v.tier}:${v.bound}`)
          .sort();
        expect(mine).toEqual(server);
      }),
      { numRuns: 2000 },
    );
  });

  test('checkDraftTiers finds the same problems as checkTiers, duplicates included', () => {
    const dup: Tier[] = [
      { circumstance: 'general', conditions: '', penaltyKinds: ['fine'], fine: { minFen: 500, maxFen: 100 } },
      { circumstance: 'general', conditions: '', penaltyKinds: [] },
      { circumstance: 'none', conditions: '', penaltyKinds: ['warning'] },
    ];
    expect(checkDraftTiers(dup.map((t) => formToDraft(tierToForm(t)))).map((v) => `${v.index}:${v.bound}`)).toEqual([
      '0:fine',
      '1:circumstance',
      '2:penaltyKinds',
    ]);
    expect(checkTiers(dup as ServerTier[]).map((v) => `${v.tier}:${v.bound}`)).toEqual([
      'general:fine',
      'general:circumstance',
      'none:penaltyKinds',
    ]);
  });

  test('half-filled tiers are not judged on the empty inputs', () => {
    const parent: Tier[] = [
      {
        circumstance: 'general',
        conditions: '',
        penaltyKinds: ['fine'],
        fine: { minFen: 500_000, maxFen: 5_000_000 },
        timeLimitDays: 15,
      },
    ];
    expect(
      checkDraftRefinement(parent, [formToDraft({ circumstance: 'general', fineType: 'fixed', minYuan: 6000 })]),
    ).toEqual([]);
    expect(
      checkDraftRefinement(parent, [
        formToDraft({ circumstance: 'general', fineType: 'fixed', maxYuan: 50_000.01 }),
      ]).map((v) => v.bound),
    ).toEqual(['fine.maxFen']);
  });
});

describe('formatting and paths', () => {
  test('fines in yuan with thousands separators, or multiples of the basis', () => {
    expect(yuanText(5_000_000)).toBe('50,000');
    expect(yuanText(123_456)).toBe('1,234.56');
    expect(fineText({ minFen: 500_000, maxFen: 5_000_000 })).toBe('5,000–50,000 元');
    expect(fineText({ minMultiple: 5, maxMultiple: 10, basis: 'goods_value' })).toBe('货值金额 5–10 倍');
    expect(fineText({ minMultiple: 1, maxMultiple: 3, basis: 'illegal_income' })).toBe('违法所得 1–3 倍');
    expect(
      parentBoundsText({
        circumstance: 'lighter',
        conditions: '',
        penaltyKinds: ['warning', 'fine'],
        fine: { minFen: 500_000, maxFen: 5_000_000 },
        timeLimitDays: 15,
      }),
    ).toBe('上级：5,000–50,000 元；种类：警告、罚款；时限 15 日');
  });

  test('server paths map onto tier fields', () => {
    expect(parseTierPath('tiers.1.fine.maxFen')).toEqual({ index: 1, bound: 'fine.maxFen' });
    expect(parseTierPath('/tiers/0/penaltyKinds')).toEqual({ index: 0, bound: 'penaltyKinds' });
    expect(parseTierPath('body.tiers[2].circumstance')).toEqual({ index: 2, bound: 'circumstance' });
    expect(parseTierPath('effectiveFrom')).toBeNull();
    expect(fieldOfBound('fine.maxFen', undefined)).toBe('maxYuan');
    expect(fieldOfBound('timeLimitDays', undefined)).toBe('timeLimitDays');
    expect(fieldOfBound('fine.kind', undefined)).toBe('fineType');
    expect(fieldOfBound('fine', { fineType: 'fixed', minYuan: 5, maxYuan: 1 })).toBe('maxYuan');
    expect(fieldOfBound('penaltyKinds.0', undefined)).toBe('penaltyKinds');
  });

  test('yuan are sent as integer fen', () => {
    expect(
      formToTier({
        circumstance: 'general',
        conditions: ' a ',
        penaltyKinds: ['fine'],
        fineType: 'fixed',
        minYuan: 5000,
        maxYuan: 12_345.67,
        timeLimitDays: 15,
      }),
    ).toEqual({
      circumstance: 'general',
      conditions: 'a',
      penaltyKinds: ['fine'],
      fine: { minFen: 500_000, maxFen: 1_234_567 },
      timeLimitDays: 15,
    });
    expect(formToTier({ circumstance: 'none', penaltyKinds: [], fineType: 'none' }).fine).toBeNull();
  });
});
