import { describe, expect, it } from 'vitest';
import { checkResidentId, checkUscc, usccCheckChar } from './identifiers.js';

describe('USCC (GB 32100-2015)', () => {
  it('accepts a code with the right check character', () => {
    // 91350100M000100Y43 is the worked example of GB 32100-2015.
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, checkValid: true, expectedCheck: '3' });
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('reports, without refusing, a wrong check character', () => {
    expect(checkUscc('91350100M000100Y44')).toMatchObject({ ok: true, checkValid: false, expectedCheck: '3' });
  });
  it('refuses 17 and 19 characters', () => {
    expect(checkUscc('91350100M000100Y4')).toMatchObject({ ok: false, reason: 'length' });
    expect(checkUscc('91350100M000100Y433')).toMatchObject({ ok: false, reason: 'length' });
  });
  it('refuses the letters I, O, Z, S, V', () => {
    for (const c of 'IOZSV')
      expect(checkUscc(`91350100M000100Y4${c}`)).toMatchObject({ ok: false, reason: 'character' });
  });
});

describe('resident ID (GB 11643)', () => {
  it('accepts a valid number, including an X check character', () => {
    expect(checkResidentId('11010519491231002X')).toEqual({ ok: true });
    expect(checkResidentId('440106199001011234'.slice(0, 17) + computeCheck('44010619900101123'))).toEqual({
      ok: true,
    });
  });
  it('refuses a wrong check character and an impossible birth date', () => {
    expect(checkResidentId('110105194912310021').ok).toBe(false);
    const feb30 = '44010619900230123';
    expect(checkResidentId(feb30 + computeCheck(feb30))).toMatchObject({
      ok: false,
      message: expect.stringContaining('出生日期'),
    });
  });
});

function computeCheck(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] as number), 0);
  return '10X98765432'[sum % 11] as string;
}
