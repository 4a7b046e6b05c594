/**
 * The worked example of docs/draw.md, value by value, and the Python reference implementation printed in that doc
 * run against it and against generated draws (joint tasks, exclusions, unfilled targets): two implementations of
 * the specification, in two languages, must agree.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as nodeCrypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type DrawInput,
  type DrawTraceEvent,
  draw,
  nodeDrawHash,
  type PublicDraw,
  sha256Hex,
  toPublicDraw,
  verifyDraw,
} from './draw.js';
import { cert, pool, population, SERVER_SEED, uscc } from './testdata/draw-fixtures.js';

const example: {
  input: DrawInput;
  populationText: string;
  poolText: string;
  seedInput: string;
  trace: (DrawTraceEvent & { hashed: string; sha256: string; size: number })[];
  public: PublicDraw;
} = JSON.parse(readFileSync(new URL('./testdata/draw-worked-example.json', import.meta.url), 'utf8'));
const doc = readFileSync(new URL('../docs/draw.md', import.meta.url), 'utf8');

describe('docs/draw.md worked example', () => {
  it('the canonical texts hash to the published populationHash and poolHash; the seed input to the seed', () => {
    const p = example.public;
    expect(sha256Hex(example.populationText)).toBe(p.populationHash);
    expect(sha256Hex(example.poolText)).toBe(p.poolHash);
    expect(example.seedInput).toBe(p.serverSeed + p.publicSeed + p.populationHash + p.poolHash);
    expect(sha256Hex(example.seedInput)).toBe(p.seed);
    expect(sha256Hex(p.serverSeed)).toBe(p.seedCommitment);
  });

  it('draw() gives exactly the published result and the trace, pick by pick with its SHA-256', () => {
    for (const hash of [undefined, nodeDrawHash(nodeCrypto)]) {
      const trace: DrawTraceEvent[] = [];
      const r = draw(example.input, { ...(hash ? { hash } : {}), trace: (e) => trace.push(e) });
      expect(toPublicDraw(example.input, r)).toEqual(example.public);
      expect(trace).toEqual(example.trace.map(({ hashed: _h, sha256: _s, size: _n, ...e }) => e));
    }
    for (const t of example.trace) {
      expect(sha256Hex(t.hashed)).toBe(t.sha256);
      expect(Number(BigInt(`0x${t.sha256}`) % BigInt(t.size)) + 1).toBe(t.value);
    }
    expect(verifyDraw(example.public)).toMatchObject({ ok: true, verdict: '一致' });
  });

  it('the example shows every rule: a repeated target pick, a conflict, a previous pair, the department rule, an unfilled target', () => {
    const outcomes = new Set(example.trace.map((t) => `${t.kind}:${t.outcome}`));
    for (const o of ['target:repeat', 'inspector:conflict', 'inspector:previous', 'inspector:department_rule']) {
      expect(outcomes).toContain(o);
    }
    expect(example.public.targets.some((t) => t.unfilled?.code === 'department_uncovered')).toBe(true);
  });

  it('the doc prints the same values as the test data', () => {
    const p = example.public;
    for (const v of [p.seedCommitment, p.populationHash, p.poolHash, p.seed, ...example.trace.map((t) => t.sha256)]) {
      expect(doc).toContain(v);
    }
    expect(doc).toContain(example.populationText.trim());
    expect(doc).toContain(example.poolText.trim());
  });
});

const python = spawnSync('python3', ['--version']).status === 0;
const pythonSource = /```python\n([\s\S]*?)\n```/.exec(doc)?.[1];

describe.skipIf(!python)('the Python reference implementation in docs/draw.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zhifa-draw-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const runPython = (pub: PublicDraw) => {
    writeFileSync(join(dir, 'draw_ref.py'), pythonSource ?? '');
    writeFileSync(join(dir, 'public.json'), JSON.stringify(pub));
    const out = execFileSync('python3', [join(dir, 'draw_ref.py'), join(dir, 'public.json')], { encoding: 'utf8' });
    return JSON.parse(out);
  };
  const resultOf = (pub: PublicDraw) => {
    const { algorithm, seedCommitment, populationHash, poolHash, publicSeed, seed, classes, targets } = pub;
    return { algorithm, seedCommitment, populationHash, poolHash, publicSeed, seed, classes, targets };
  };

  it('is in the doc', () => {
    expect(pythonSource).toContain('def draw(');
  });

  it('reproduces the worked example', () => {
    expect(runPython(example.public)).toEqual(resultOf(example.public));
  });

  it('reproduces generated draws: joint tasks of 1–3 departments, exclusions, unfilled targets, Chinese ids', () => {
    const cases: DrawInput[] = [
      {
        serverSeed: SERVER_SEED,
        publicSeed: '抽签 6 5 2 1 骰子',
        population: population({ A: 23, B: 17, C: 9, D: 4 }),
        ratios: { A: 0.1, B: '0.333333', C: 0.5, D: 1 },
        pool: pool(['市监局', '生态环境局', '市监局', '应急局', '生态环境局', '市监局', '市监局']),
        inspectorsPerTarget: 2,
        departments: ['应急局', '市监局', '生态环境局'],
        conflicts: [3, 7, 11, 19].map((k) => ({ certificateNumber: cert(4), uscc: uscc(k) })),
        previousPairs: [2, 5, 8].map((k) => ({ certificateNumber: cert(1 + (k % 7)), uscc: uscc(k) })),
      },
      {
        serverSeed: 'f'.repeat(64),
        publicSeed: 'x',
        population: population({ B: 40, D: 3 }),
        ratios: { A: 0, B: 0.05, C: 0.999999, D: 0.5 },
        pool: pool(['a', 'a', 'a']),
        inspectorsPerTarget: 3,
        departments: ['a'],
        conflicts: Array.from({ length: 43 }, (_, k) => ({ certificateNumber: cert(1 + (k % 3)), uscc: uscc(k + 1) })),
        previousPairs: [],
      },
    ];
    for (const c of cases) {
      const pub = toPublicDraw(c, draw(c));
      expect(runPython(pub)).toEqual(resultOf(pub));
    }
  });
});
