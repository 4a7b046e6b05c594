/**
 * The one encoding of every hashed or signed JSON structure (audit rows, case-record events, transparency leaves):
 * RFC 8785 JSON Canonicalization Scheme (JCS) through `canonicalize`, the RFC authors' implementation — object keys
 * sorted by UTF-16 code units at every depth, no whitespace, strings escaped as ECMAScript's JSON.stringify does,
 * numbers as ECMAScript's Number-to-string. `undefined` object fields are left out and dates become ISO strings
 * (toJSON), as before.
 *
 * Refused, because a database cannot store them and a hash over them would not be a hash over the stored bytes:
 * lone surrogates (JCS requires I-JSON; `canonicalize` throws), NUL (PostgreSQL text and jsonb reject U+0000),
 * NaN and ±Infinity (not JSON). Input reaching the server is checked at the edge (server/platform/safe-input.ts),
 * so these refusals are a backstop, never an answer.
 *
 * For every value the previous encoding (sorted keys + JSON.stringify) accepted and the database could store —
 * well-formed strings without NUL, finite numbers — both give the same bytes (common/canonical-json.test.ts proves
 * it by property), so records hashed before the switch still verify.
 */
import canonicalize from 'canonicalize';

export class NonCanonicalValueError extends Error {
  override name = 'NonCanonicalValueError';
}

/** `\u0000` as an escape of its own, i.e. not the tail of an escaped backslash (`\\u0000` is the text "\u0000"). */
const NUL_ESCAPE = /(?:^|[^\\])(?:\\\\)*\\u0000/;

export function canonicalJson(value: unknown): string {
  let out: string | undefined;
  try {
    out = canonicalize(value ?? null);
  } catch (err) {
    throw new NonCanonicalValueError(`not canonical JSON: ${(err as Error).message}`);
  }
  if (out === undefined) throw new NonCanonicalValueError('not canonical JSON: no JSON representation');
  if (out.includes('\\u0000') && NUL_ESCAPE.test(out))
    throw new NonCanonicalValueError('not canonical JSON: NUL is not allowed');
  return out;
}
