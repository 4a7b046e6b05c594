import { describe, expect, it } from 'vitest';
import type { PublicTaskDraw } from '../../../../common/contracts/inspections.contract.js';
import { draw, toPublicDraw } from '../../../../common/draw.js';
import { input } from '../../../../common/testdata/draw-fixtures.js';
import { checkDraw } from './drawCheck';

/** A real draw published as the public route answers it (through JSON). */
function publicView(): PublicTaskDraw {
  const inp = input({});
  const record = JSON.parse(JSON.stringify(toPublicDraw(inp, draw(inp))));
  return {
    taskId: '00000000-0000-4000-8000-000000000001',
    taskName: '第一批次',
    planName: '年度抽查计划',
    state: 'drawn',
    orgs: [],
    committedAt: '2026-03-01T02:00:00.000Z',
    seedCommitment: record.seedCommitment,
    populationHash: record.populationHash,
    poolHash: record.poolHash,
    drawnAt: '2026-03-02T02:00:00.000Z',
    record,
  };
}
const commitmentOf = (v: PublicTaskDraw) => ({
  seedCommitment: v.seedCommitment ?? '',
  populationHash: v.populationHash ?? '',
  poolHash: v.poolHash ?? '',
});
/** What the console's task page lists, built from the record (position from 1 in draw order). */
const shownOf = (v: PublicTaskDraw) =>
  (v.record?.targets ?? []).map((t, k) => ({
    uscc: t.uscc,
    position: k + 1,
    inspectors: t.inspectors.map((i) => ({ certificateNumber: i.certificateNumber })),
  }));

describe('重新验算 (checkDraw over the public draw record)', () => {
  it('says 一致 for the published draw, against the commitment and the targets the page shows', () => {
    const v = publicView();
    const check = checkDraw(v, commitmentOf(v), shownOf(v).reverse());
    expect(check.verdict).toBe('一致');
    expect(check.ok && check.targets).toBe(v.record?.targets.length);
    expect(v.record?.targets.length).toBeGreaterThan(0);
  });

  it('says 不一致 when the revealed server seed does not match the commitment shown before the draw', () => {
    const v = publicView();
    const shownCommitment = { ...commitmentOf(v), seedCommitment: 'f'.repeat(64) };
    const check = checkDraw(v, shownCommitment);
    expect(check.verdict).toBe('不一致');
    expect(check.detail).toContain('seedCommitment');
  });

  it('says 不一致 when a published inspector differs from the recomputed one', () => {
    const v = publicView();
    const record = v.record;
    if (!record) throw new Error('no record');
    const target = record.targets.find((t) => t.inspectors.length > 0);
    const other = record.pool.find((p) => !target?.inspectors.some((i) => i.certificateNumber === p.certificateNumber));
    if (!target?.inspectors[0] || !other) throw new Error('fixture has no inspector to swap');
    target.inspectors[0].certificateNumber = other.certificateNumber;
    expect(checkDraw(v, commitmentOf(v)).verdict).toBe('不一致');
  });

  it('says 不一致 when the page lists other targets or inspectors than the public record', () => {
    const v = publicView();
    const shown = shownOf(v);
    expect(checkDraw(v, commitmentOf(v), shown.slice(1)).verdict).toBe('不一致');
    const first = shown[0];
    if (!first) throw new Error('no target');
    first.inspectors = [...first.inspectors].reverse();
    if (first.inspectors.length > 1) expect(checkDraw(v, commitmentOf(v), shown).verdict).toBe('不一致');
  });

  it('says 不一致 (nothing to re-run) before the draw', () => {
    const v = { ...publicView(), state: 'committed' as const, record: null };
    expect(checkDraw(v, commitmentOf(v)).detail).toContain('尚未公开抽取');
  });
});
