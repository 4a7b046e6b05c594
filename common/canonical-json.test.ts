import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { legacyCanonicalJson } from '../server/test/legacy-encoding.js';
import { NonCanonicalValueError, canonicalJson } from './canonical-json.js';

/** Any well-formed string without NUL: every code point, astral ones as surrogate pairs. */
const storableText = fc.string({ unit: 'binary', maxLength: 20 }).map((s) => s.replaceAll('\u0000', ''));
const storableJson = fc
  .jsonValue({ stringUnit: 'binary', maxDepth: 5 })
  .filter((v) => !JSON.stringify(v).includes('\\u0000'));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

describe('RFC 8785 (JCS)', () => {
  it('the example of RFC 8785 § 3.2.4, byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        '"string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (RFC 8785 § 3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // (JSON.parse would put the integer-like key "1" first again: compare the text)
    const keys = [...canonicalJson(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`));
    expect(keys).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
  });

  it('numbers as ECMAScript writes them (RFC 8785 Appendix B)', () => {
    const vectors: [number, string][] = [
      [0, '0'],
      [-0, '0'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [1e21, '1e+21'],
      [0.000001, '0.000001'],
      [1e-7, '1e-7'],
      [-1.5, '-1.5'],
    ];
    for (const [n, text] of vectors) expect(canonicalJson([n])).toBe(`[${text}]`);
  });

  it('refuses lone surrogates, NUL, NaN and Infinity — in values and in keys', () => {
    for (const bad of [
      'a\ud800',
      '\udc00b',
      { ['k\ud83d']: 1 },
      'a\u0000b',
      { ['\u0000']: 'x' },
      [Number.NaN],
      { n: Number.POSITIVE_INFINITY },
    ])
      expect(() => canonicalJson(bad)).toThrow(NonCanonicalValueError);
    fc.assert(
      fc.property(storableText, loneSurrogate, storableText, (a, s, b) => {
        expect(() => canonicalJson({ v: `${a}${s}${b}` })).toThrow(NonCanonicalValueError);
      }),
      { seed: 8785 },
    );
  });

  it('keeps text that only looks like an escape, and escapes other control characters', () => {
    expect(canonicalJson({ s: '\\u0000' })).toBe('{"s":"\\\\u0000"}');
    expect(canonicalJson({ s: '\\\\u0000' })).toBe('{"s":"\\\\\\\\u0000"}');
    expect(canonicalJson('\u0001\u001f\u2028')).toBe('"\\u0001\\u001f\u2028"');
    expect(canonicalJson({ at: new Date('2026-03-02T01:00:00Z'), gone: undefined })).toBe(
      '{"at":"2026-03-02T01:00:00.000Z"}',
    );
  });
});

describe('what was hashed before still verifies', () => {
  it('the case record and leaf encoding (sorted keys + JSON.stringify) gives the same bytes for any storable value', () => {
    fc.assert(
      fc.property(storableJson, (v) => {
        expect(canonicalJson(v)).toBe(legacyCanonicalJson(v));
      }),
      { seed: 20260302, numRuns: 2000 },
    );
  });

  it('the audit row encoding (JSON.stringify of an array of strings and nulls) gives the same bytes', () => {
    fc.assert(
      fc.property(fc.array(fc.option(storableText), { maxLength: 13 }), (fields) => {
        expect(canonicalJson(fields)).toBe(JSON.stringify(fields));
      }),
      { seed: 20260302, numRuns: 2000 },
    );
  });

  it('values the old encoding wrote differently are exactly the ones the database cannot store', () => {
    // A lone surrogate: JSON.stringify escapes it, PostgreSQL stores U+FFFD — such a row never verified.
    expect(legacyCanonicalJson('x\ud800')).toBe('"x\\ud800"');
    expect(() => canonicalJson('x\ud800')).toThrow(NonCanonicalValueError);
    // NaN became null in the old form; jsonb stores null too, and the stored null encodes the same both ways.
    expect(legacyCanonicalJson([Number.NaN])).toBe(canonicalJson([null]));
  });
});
