/**
 * Identifier checks from DOMAIN.md §8. Pure functions, shared by server and console.
 */

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccResult =
  | { ok: true; checkValid: boolean; expectedCheck: string }
  | { ok: false; reason: 'length' | 'character'; message: string };

/**
 * 统一社会信用代码 (GB 32100-2015). Wrong length or a character outside the set is invalid; a wrong check
 * character is reported (`checkValid: false`) but not invalid, because some early codes fail the check.
 */
export function checkUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) {
    return { ok: false, reason: 'length', message: `统一社会信用代码应为 18 位，实际为 ${code.length} 位` };
  }
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = USCC_CHARSET.indexOf(code[i] as string);
    if (v < 0) {
      return {
        ok: false,
        reason: 'character',
        message: `统一社会信用代码第 ${i + 1} 位“${code[i]}”不是允许的字符（数字或除 I、O、Z、S、V 外的大写字母）`,
      };
    }
    if (i < 17) sum += v * (USCC_WEIGHTS[i] as number);
  }
  const expected = USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
  return { ok: true, checkValid: expected === code[17], expectedCheck: expected };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character for the first 17 characters of a USCC (used to make demo codes). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i] as string) * (USCC_WEIGHTS[i] as number);
  return USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/** 公民身份号码 (GB 11643): 17 digits + check character, positions 7–14 a real birth date. */
export function checkResidentId(input: string): { ok: true } | { ok: false; message: string } {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '公民身份号码应为 17 位数字加 1 位校验码（数字或 X）' };
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { ok: false, message: '公民身份号码中的出生日期不是有效日期' };
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] as number);
  if (ID_CHECK[sum % 11] !== id[17]) return { ok: false, message: '公民身份号码校验码不正确' };
  return { ok: true };
}

/** Region code (GB/T 2260): 6 digits, or 9 for a township. */
export const isRegionCode = (code: string) => /^\d{6}(\d{3})?$/.test(code);
