/**
 * Text a database can store as it is: no NUL (PostgreSQL text and jsonb reject U+0000) and no lone surrogate (a
 * driver would store U+FFFD instead, so a hash over the string would not be a hash over what was stored).
 */

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const LONE_SURROGATE_TEST = new RegExp(LONE_SURROGATE.source);

export type UnsafeChar = 'nul' | 'lone_surrogate';

/** What makes `s` unstorable, or null when it is fine. */
export function unsafeCharIn(s: string): UnsafeChar | null {
  if (s.includes('\u0000')) return 'nul';
  if (LONE_SURROGATE_TEST.test(s)) return 'lone_surrogate';
  return null;
}

/** `s` with every NUL and lone surrogate replaced by U+FFFD: what the database would store, made explicit. */
export function toStorableText(s: string): string {
  return s.replaceAll('\u0000', '\ufffd').replace(LONE_SURROGATE, '\ufffd');
}
