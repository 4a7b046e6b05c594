import { describe, expect, it } from 'vitest';
import { DEFAULT_CAP, type FlagInput, capExemption, isLateBackfill, orgLevel, visitFlags } from './visits.rules.js';

const base: FlagInput = {
  purpose: 'random_inspection',
  taskId: 'task',
  officerCount: 2,
  uncertified: [],
  startedDate: '2026-06-01',
  recordedDate: '2026-06-01',
  priorSameLevel: 0,
  priorAllLevels: 0,
  cap: DEFAULT_CAP,
  otherDepartments: [],
};
const codes = (v: Partial<FlagInput>) => visitFlags({ ...base, ...v }).map((f) => f.code);

describe('visit flags', () => {
  it('a clean visit has none', () => expect(codes({})).toEqual([]));
  it('no_task: enforcement without task, case, complaint or referral', () => {
    expect(codes({ taskId: null })).toEqual(['no_task']);
    expect(codes({ taskId: null, purpose: 'referral' })).toEqual([]);
    expect(codes({ taskId: null, caseId: 'c', purpose: 'special' })).toEqual([]);
    expect(codes({ taskId: null, purpose: 'non_enforcement', officerCount: 1 })).toEqual([]);
  });
  it('over_cap at the boundary: the 3rd at one level, the 5th across levels', () => {
    expect(codes({ priorSameLevel: 1, priorAllLevels: 3 })).toEqual([]);
    expect(codes({ priorSameLevel: 2, priorAllLevels: 2 })).toEqual(['over_cap']);
    expect(codes({ priorSameLevel: 0, priorAllLevels: 4 })).toEqual(['over_cap']);
    expect(codes({ priorSameLevel: 5, priorAllLevels: 5, purpose: 'complaint', complaintId: 'x' })).toEqual([]);
  });
  it('case-driven visits are exempt and say why', () => {
    expect(capExemption({ purpose: 'special', caseId: 'c' })).toMatch(/案件/);
    expect(capExemption({ purpose: 'follow_up' })).toMatch(/整改复查/);
    expect(capExemption({ purpose: 'random_inspection' })).toBeNull();
    expect(capExemption({ purpose: 'special' })).toBeNull();
  });
  it('uncertified_officer and single_officer', () => {
    expect(codes({ uncertified: ['张三'] })).toEqual(['uncertified_officer']);
    expect(codes({ officerCount: 1 })).toEqual(['single_officer']);
  });
  it('late_backfill: later than 10 natural days', () => {
    expect(isLateBackfill('2026-06-01', '2026-06-11')).toBe(false);
    expect(isLateBackfill('2026-06-01', '2026-06-12')).toBe(true);
    expect(codes({ recordedDate: '2026-06-12' })).toEqual(['late_backfill']);
  });
  it('joint_possible names the other department', () => {
    const f = visitFlags({ ...base, otherDepartments: ['广州市生态环境局'] });
    expect(f.map((x) => x.code)).toEqual(['joint_possible']);
    expect(f[0]?.note).toContain('广州市生态环境局');
  });
  it('org levels from the region code', () => {
    expect(orgLevel('440000')).toBe('province');
    expect(orgLevel('440100')).toBe('city');
    expect(orgLevel('440106')).toBe('county');
    expect(orgLevel('440106001')).toBe('township');
  });
});
