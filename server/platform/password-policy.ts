/**
 * Password policy: ≥ 8 characters, ≥ 3 of 4 classes (upper, lower, digit, symbol), not a common password.
 * Pure; the numbers are parameters with the defaults.
 */

// Common passwords; capitalised variants and trailing digits/symbols are caught by the normalisation below.
const COMMON = new Set([
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'password1',
  'password123',
  'qwerty123',
  'qwertyuiop',
  'admin123',
  'admin@123',
  'administrator',
  'abc123456',
  'abcd1234',
  'abc@1234',
  'a1234567',
  'aa123456',
  'iloveyou',
  'welcome1',
  'letmein1',
  'changeme',
  'zhifa123',
  'zhifa@123',
  '1qaz2wsx',
  '1qaz@wsx',
  'qwe123!@#',
  'woaini1314',
  'root1234',
  'test1234',
  'user1234',
  'guest123',
  'china123',
  'gd123456',
  'asdf1234',
  'zxcvbnm1',
  '123qwe!@#',
  'q1w2e3r4',
  '1q2w3e4r',
  'huawei123',
  'sa123456',
  'system123',
]);

export interface PolicyResult {
  ok: boolean;
  message?: string;
}

export function checkPasswordPolicy(password: string, opts: { minLength?: number } = {}): PolicyResult {
  const minLength = opts.minLength ?? 8;
  if (password.length < minLength) return { ok: false, message: `密码至少需要 ${minLength} 个字符` };
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) {
    return { ok: false, message: '密码须包含大写字母、小写字母、数字、符号中的至少 3 类' };
  }
  const lowered = password.toLowerCase();
  if (
    COMMON.has(lowered) ||
    COMMON.has(lowered.replace(/[^a-z0-9]+$/, '')) ||
    COMMON.has(lowered.replace(/[^a-z]+$/, ''))
  ) {
    return { ok: false, message: '该密码过于常见，请换一个' };
  }
  return { ok: true };
}
