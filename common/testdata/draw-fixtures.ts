/** Builders for draw tests: valid-shaped USCCs and certificate numbers, sorted as the draw requires. */
import type { DrawEntity, DrawInput, DrawInspector, RiskClass } from '../draw.js';

/** An 18-character USCC-shaped code (the check character is not checked by the draw). */
export const uscc = (n: number): string => `91440101${String(n).padStart(9, '0')}X`;
export const cert = (n: number): string => `4401${String(n).padStart(8, '0')}`;

export const SERVER_SEED = '6a09e667f3bcc908b2fb1366ea957d3e3adec17512775099da2f590b0667322a';

/** `counts` entities per class, classes interleaved so each class list is a subsequence of the sorted population. */
export function population(counts: Partial<Record<RiskClass, number>>): DrawEntity[] {
  const out: DrawEntity[] = [];
  let n = 0;
  for (const riskClass of ['A', 'B', 'C', 'D'] as const) {
    for (let k = 0; k < (counts[riskClass] ?? 0); k++) out.push({ uscc: '', riskClass });
  }
  // interleave deterministically, then number in that order so the list is sorted by USCC
  const shuffled = out.map((e, k) => ({ e, key: (k * 7919) % (out.length * 7 + 1) })).sort((a, b) => a.key - b.key);
  return shuffled.map(({ e }) => ({ uscc: uscc(++n), riskClass: e.riskClass }));
}

/** Inspectors numbered from 1, with the departments given per inspector. */
export const pool = (departments: string[]): DrawInspector[] =>
  departments.map((department, k) => ({ certificateNumber: cert(k + 1), department }));

export function input(over: Partial<DrawInput> = {}): DrawInput {
  return {
    serverSeed: SERVER_SEED,
    publicSeed: '3 1 4 1 5 9 2 6',
    population: population({ A: 40, B: 30, C: 20, D: 10 }),
    ratios: { A: 0.05, B: 0.1, C: 0.25, D: 1 },
    pool: pool(['org-a', 'org-a', 'org-a', 'org-a', 'org-a']),
    inspectorsPerTarget: 2,
    departments: ['org-a'],
    conflicts: [],
    previousPairs: [],
    ...over,
  };
}
