/**
 * Values for the OpenAPI fuzz test (server/platform/openapi-fuzz.test.ts): mostly shaped like the schema says,
 * often hostile — NUL, lone surrogates, huge strings, deep nesting, absurd numbers and dates, wrong types — and
 * whole bodies that are not what the route takes (broken JSON, wrong media types, broken multipart, too large).
 */
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
};
export interface Pools {
  /** Ids of real records (cases, orgs, items) and a random one. */
  ids: string[];
}
type Gen = fc.GeneratorValue;

const HOSTILE_STRINGS = [
  '',
  ' ',
  'a\u0000b',
  '\u0000',
  'x\ud800',
  '\udc00y',
  '\ud83d',
  '\ufffd\ufeff\u200b',
  '\u2028\u2029',
  "' or 1=1 --",
  '"; drop table cases; --',
  '%00',
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '广州某某食品贸易有限公司'.repeat(500),
  '😀'.repeat(3000),
  'nan',
  'Infinity',
  'true',
  'null',
  '__proto__',
];
const ABSURD_TIMES = [
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59Z',
  '2999-01-01T00:00:00Z',
  '1969-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-03-02',
  '2026-13-01',
  '2026-03-02T25:00:00Z',
  '20260302',
];
const ABSURD_NUMBERS = [0, -1, -0, 1.5, 1e308, -1e308, -8.64e15, 8.64e15 + 1, 2 ** 53 + 1, 5e-324, 1e21, -2147483649];

function hostile(g: Gen, depth = 0): unknown {
  switch (g(fc.integer, { min: 0, max: 9 })) {
    case 0:
    case 1:
    case 2:
      return g(fc.constantFrom, ...HOSTILE_STRINGS);
    case 3:
      return g(fc.constantFrom, ...ABSURD_TIMES);
    case 4:
      return g(fc.constantFrom, ...ABSURD_NUMBERS);
    case 5:
      return g(fc.constantFrom, true, false, null);
    case 6:
      return 'x'.repeat(g(fc.constantFrom, 101, 1_001, 10_001, 100_001));
    case 7:
      return nest(g(fc.integer, { min: 2, max: 60 }), g(fc.boolean));
    case 8:
      return depth > 2 ? [] : [hostile(g, depth + 1), hostile(g, depth + 1)];
    default:
      return g(fc.string, { unit: 'binary', maxLength: 30 });
  }
}

const nest = (depth: number, arrays: boolean): unknown => {
  let v: unknown = 'leaf';
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { a: v };
  return v;
};

const variants = (s: JsonSchema): JsonSchema[] => s.anyOf ?? s.oneOf ?? s.allOf ?? [];

/** A value for `schema`: three times in four of its shape, otherwise hostile. */
export function fuzzValue(g: Gen, schema: JsonSchema | undefined, pools: Pools, depth = 0): unknown {
  if (!schema || depth > 6 || g(fc.integer, { min: 0, max: 3 }) === 0) return hostile(g, depth);
  const alts = variants(schema);
  if (alts.length > 0) return fuzzValue(g, g(fc.constantFrom, ...alts), pools, depth);
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return g(fc.constantFrom, ...schema.enum);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string':
      if (schema.format === 'uuid') return g(fc.constantFrom, ...pools.ids);
      if (schema.format === 'date-time')
        return g(fc.date, {
          min: new Date('1990-01-01'),
          max: new Date('2030-01-01'),
          noInvalidDate: true,
        }).toISOString();
      if (schema.format === 'date') return g(fc.constantFrom, '2026-03-02', '2000-01-01', '2099-12-31', '1950-01-01');
      return g(fc.string, {
        unit: g(fc.constantFrom, 'grapheme', 'binary'),
        minLength: Math.min(schema.minLength ?? 0, 50),
        maxLength: Math.min(schema.maxLength ?? 40, 60),
      });
    case 'integer':
    case 'number':
      return g(fc.integer, { min: Math.max(schema.minimum ?? -1000, -1e9), max: Math.min(schema.maximum ?? 1e9, 1e9) });
    case 'boolean':
      return g(fc.boolean);
    case 'array':
      return Array.from({ length: g(fc.integer, { min: 0, max: 4 }) }, () =>
        fuzzValue(g, schema.items, pools, depth + 1),
      );
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {}))
        if (schema.required?.includes(k) ? g(fc.integer, { min: 0, max: 9 }) > 0 : g(fc.boolean))
          out[k] = fuzzValue(g, s, pools, depth + 1);
      if (g(fc.integer, { min: 0, max: 9 }) === 0) out[String(hostile(g)).slice(0, 20)] = hostile(g);
      return out;
    }
    default:
      return hostile(g, depth);
  }
}

/** A query or path value, percent-encoded; some of it not valid UTF-8 or not valid percent-encoding at all. */
export function fuzzParam(g: Gen, schema: JsonSchema, pools: Pools): string {
  switch (g(fc.integer, { min: 0, max: 11 })) {
    case 0:
      return '%00';
    case 1:
      return g(fc.constantFrom, '%ED%A0%80', '%ED%B0%80x', '%C0%80', '%FF', '%c0', '%', '%zz', '%E4%B8');
    case 2:
      return 'a'.repeat(g(fc.constantFrom, 101, 2_001, 8_001));
    case 3:
      return encodeURIComponent(g(fc.constantFrom, ...ABSURD_TIMES));
    case 4:
      return encodeURIComponent(String(g(fc.constantFrom, ...ABSURD_NUMBERS)));
    default: {
      const v = fuzzValue(g, schema, pools);
      const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
      // a lone surrogate cannot be percent-encoded as UTF-8: send its (invalid) three bytes instead
      return text
        .slice(0, 4000)
        .replace(/[\ud800-\udfff]/g, '\ufffd')
        .split('\ufffd')
        .map(encodeURIComponent)
        .join('%ED%A0%80');
    }
  }
}

/** JSON text for `value`, with lone surrogates written as the escapes JSON.stringify gives them. */
const jsonText = (value: unknown) => JSON.stringify(value) ?? 'null';

/** A body: usually JSON from the schema; sometimes broken, of another media type, multipart, or too large. */
export function fuzzBody(
  g: Gen,
  schema: JsonSchema | undefined,
  pools: Pools,
): { contentType: string; payload: string } {
  const json = (payload: string) => ({ contentType: 'application/json', payload });
  switch (g(fc.integer, { min: 0, max: 19 })) {
    case 0:
      return json(g(fc.constantFrom, '{', '{"a":', '[1,]', "{'a':1}", 'nul', '"\\ud800"', '{"a":"\\u0000"}', '1e400'));
    case 1:
      return json(g(fc.constantFrom, '', ' ', 'null', '[]', '"text"', '42', 'true'));
    case 2:
      return json(`${'['.repeat(5000)}${']'.repeat(5000)}`);
    case 3:
      return json(
        g(fc.constantFrom, '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '{"a":1,"a":2}'),
      );
    case 4:
      return json(`{"x":"${'y'.repeat(1024 * 1024 + 10)}"}`);
    case 5:
      return {
        contentType: g(
          fc.constantFrom,
          'text/plain',
          'application/xml',
          'text/csv',
          'application/x-www-form-urlencoded',
        ),
        payload: g(fc.constantFrom, 'a,b\n1,2', 'a=1&b=2', '<a/>', 'x\u0000y', ''),
      };
    case 6: {
      const b = 'fuzzboundary';
      const name = g(fc.constantFrom, 'a.txt', 'a\u0000.txt', '证据.pdf', 'x\ud800.txt', '../../x');
      const parts = g(fc.constantFrom, 'complete', 'truncated', 'no-boundary');
      const file = `--${b}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${g(fc.constantFrom, '', 'abc', 'x'.repeat(10_000))}\r\n`;
      const field = `--${b}\r\nContent-Disposition: form-data; name="description"\r\n\r\n${g(fc.constantFrom, ...HOSTILE_STRINGS.slice(0, 8))}\r\n`;
      return {
        contentType: parts === 'no-boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${b}`,
        payload: parts === 'truncated' ? file.slice(0, 60) : `${field}${file}--${b}--\r\n`,
      };
    }
    default:
      return json(jsonText(fuzzValue(g, schema, pools)));
  }
}
