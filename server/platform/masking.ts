/**
 * Masking for published decisions (DOMAIN.md §5): natural persons' names are shown partially (张*三); ID numbers,
 * phone numbers, home addresses and bank accounts are never shown; organisations' names and USCC stay.
 *
 * The main defence is a whitelist renderer: `renderPublic` copies only the fields a declarative spec names, so a
 * new column on a record is private until someone adds it to the spec. As defence in depth, every free-text string
 * it copies goes through `scrubText`, which masks ID, phone and bank-card numbers found in the text. Addresses and
 * names inside free text cannot be recognised and must not be published as free text. Pure functions, no I/O.
 */
import { checkUscc } from '../../common/identifiers.js';

// ---------------------------------------------------------------------------------------------------------------
// Names and parties

/**
 * Partially masks a natural person's name, on Unicode code points: 张 → *, 张三 → 张*, 张小三 → 张*三,
 * 欧阳娜娜 → 欧**娜. Leading and trailing spaces are dropped.
 */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/** A party as stored. Any other fields (idNumber, phone, address, bankAccount…) are accepted and never copied. */
export type PublicParty = {
  kind: 'person' | 'organisation';
  name: string;
  uscc?: string | null;
  readonly [other: string]: unknown;
};

/** What may be published about a party. */
export type RenderedParty =
  | { kind: 'person'; name: string }
  | { kind: 'organisation'; name: string; uscc: string | null };

/**
 * A person → kind and masked name only. An organisation → kind, name and USCC (its address is not output either).
 * Throws a TypeError for anything else.
 */
export function renderParty(p: PublicParty): RenderedParty {
  return renderPartyAt(p, '$');
}

function renderPartyAt(p: unknown, path: string): RenderedParty {
  if (!isRecord(p)) throw renderError(path, 'a party object');
  const name = ownField(p, 'name');
  if (typeof name !== 'string') throw renderError(`${path}.name`, 'a string');
  const kind = ownField(p, 'kind');
  if (kind === 'person') return { kind: 'person', name: maskPersonName(name) };
  if (kind === 'organisation') {
    const uscc = ownField(p, 'uscc') ?? null;
    if (uscc !== null && typeof uscc !== 'string') throw renderError(`${path}.uscc`, 'a string or null');
    return { kind: 'organisation', name, uscc };
  }
  throw renderError(`${path}.kind`, "'person' or 'organisation'");
}

// ---------------------------------------------------------------------------------------------------------------
// Free text

/** 18-character alphanumeric tokens: possible USCCs (kept when they are genuine) or ID numbers (masked). */
const TOKEN18 = /(?<![0-9A-Za-z])([0-9A-Za-z]{18})(?![0-9A-Za-z])/;
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const RESIDENT_ID_SHAPE = /^\d{17}[\dXx]$/;

/**
 * Personal numbers in free text, tried in this order at each position (digit runs are matched whole):
 * 18-digit resident ID (last character may be X), 15-digit old ID, bank card (16 or more digits, or four groups of
 * four separated by one space or hyphen, optionally followed by 1–3 more digits), mainland mobile (optionally +86 /
 * 0086 / 86, optionally split 3-4-4), landline with an area code (020-12345678, (0755)1234567, or 10–12 digits
 * starting with 0).
 */
const PERSONAL_NUMBER = new RegExp(
  [
    String.raw`(?<id18>(?<!\d)\d{17}[\dXx](?!\d))`,
    String.raw`(?<id15>(?<!\d)\d{15}(?!\d))`,
    String.raw`(?<card>(?<!\d)(?:\d{16,}|\d{4} \d{4} \d{4} \d{4}(?: \d{1,3})?|\d{4}-\d{4}-\d{4}-\d{4}(?:-\d{1,3})?)(?!\d))`,
    String.raw`(?<mobile>(?<!\d)(?<mobilePrefix>(?:\+|00)?86[ -]?)?(?<mobileNumber>1[3-9]\d(?:[ -]?\d{4}){2})(?!\d))`,
    String.raw`(?<landline>(?<!\d)(?<area>0\d{2,3}[ -]|\(0\d{2,3}\) ?|（0\d{2,3}）)(?<local>\d{7,8})(?!\d))`,
    String.raw`(?<landlineRun>(?<!\d)0\d{9,11}(?!\d))`,
  ].join('|'),
  'g',
);

const keepEnds = (s: string, head: number, tail: number) =>
  `${s.slice(0, head)}${'*'.repeat(Math.max(0, s.length - head - tail))}${s.slice(-tail)}`;

function maskNumber(match: string, groups: Record<string, string | undefined>): string {
  if (groups['id18'] !== undefined || groups['id15'] !== undefined) return keepEnds(match, 3, 4);
  if (groups['card'] !== undefined) return `**** **** **** ${match.replace(/\D/g, '').slice(-4)}`;
  if (groups['mobile'] !== undefined) {
    const digits = (groups['mobileNumber'] ?? '').replace(/\D/g, '');
    return `${groups['mobilePrefix'] ?? ''}${digits.slice(0, 3)}****${digits.slice(-4)}`;
  }
  if (groups['landline'] !== undefined) return `${groups['area'] ?? ''}${keepEnds(groups['local'] ?? '', 0, 4)}`;
  return keepEnds(match, 3, 4);
}

function scrubNumbers(s: string): string {
  return s.replace(PERSONAL_NUMBER, (match: string, ...rest: unknown[]) =>
    maskNumber(match, rest[rest.length - 1] as Record<string, string | undefined>),
  );
}

/**
 * A genuine USCC written in the text: the USCC alphabet, not shaped like a resident ID, and a valid check
 * character. All-digit USCCs cannot be told from ID numbers or 18-digit accounts and are masked like them.
 */
function isGenuineUscc(token: string): boolean {
  if (!USCC_SHAPE.test(token) || RESIDENT_ID_SHAPE.test(token)) return false;
  const check = checkUscc(token);
  return check.ok && check.checkValid;
}

/**
 * Masks personal numbers in free text: resident IDs (18 and 15 digits → 440***********1234), mobiles
 * (138****5678), landlines (020-****5678) and bank cards (**** **** **** 1234). Leaves alone amounts (5000,
 * 12,000.00), ISO dates, case numbers (穗天市监罚〔2026〕12号) and USCCs that contain letters and pass the check
 * (91440300708461136T).
 */
export function scrubText(s: string): string {
  // split with a capturing group: odd indices are the 18-character tokens.
  return s
    .split(TOKEN18)
    .map((part, i) => (i % 2 === 1 && isGenuineUscc(part) ? part : scrubNumbers(part)))
    .join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Whitelist renderer

/** A declarative description of what may be published. Anything not named is dropped. */
export type PublicSpec =
  /** string: scrubbed by scrubText · date: a Date (→ ISO string) or an ISO date/date-time string · personName: masked. */
  | { readonly kind: 'string' | 'number' | 'boolean' | 'date' | 'personName' | 'party' }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  | { readonly kind: 'object'; readonly fields: { readonly [field: string]: PublicSpec } }
  | { readonly kind: 'array'; readonly of: PublicSpec }
  /** null or a missing field → null. */
  | { readonly kind: 'nullable'; readonly of: PublicSpec };

/** The TypeScript type of what `renderPublic` returns for a spec (unknown for a spec typed only as PublicSpec). */
export type PublicOf<S> = PublicSpec extends S
  ? unknown
  : S extends { kind: 'string' | 'date' | 'personName' }
    ? string
    : S extends { kind: 'number' }
      ? number
      : S extends { kind: 'boolean' }
        ? boolean
        : S extends { kind: 'party' }
          ? RenderedParty
          : S extends { kind: 'enum'; values: readonly (infer V)[] }
            ? V
            : S extends { kind: 'object'; fields: infer F }
              ? { -readonly [K in keyof F]: PublicOf<F[K]> }
              : S extends { kind: 'array'; of: infer O }
                ? PublicOf<O>[]
                : S extends { kind: 'nullable'; of: infer O }
                  ? PublicOf<O> | null
                  : never;

/** Declares a spec, keeping its literal types (enum values, field names) for `PublicOf`. */
export function definePublicSpec<const S extends PublicSpec>(spec: S): S {
  return spec;
}

const ISO_DATE_OR_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * Copies from `value` only what `spec` names, masking as it goes. Throws a TypeError naming the path (never the
 * value, which may be personal) when the value does not fit the spec: nothing half-checked is published.
 */
export function renderPublic<const S extends PublicSpec>(spec: S, value: unknown): PublicOf<S> {
  return renderAt(spec, value, '$') as PublicOf<S>;
}

function renderAt(spec: PublicSpec, value: unknown, path: string): unknown {
  switch (spec.kind) {
    case 'string':
      if (typeof value !== 'string') throw renderError(path, 'a string');
      return scrubText(value);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw renderError(path, 'a finite number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw renderError(path, 'a boolean');
      return value;
    case 'date':
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      if (typeof value === 'string' && ISO_DATE_OR_DATETIME.test(value)) return value;
      throw renderError(path, 'a valid Date or an ISO date string');
    case 'personName':
      if (typeof value !== 'string') throw renderError(path, 'a string');
      return maskPersonName(value);
    case 'party':
      return renderPartyAt(value, path);
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value))
        throw renderError(path, `one of ${spec.values.join(', ')}`);
      return value;
    case 'object': {
      if (!isRecord(value)) throw renderError(path, 'an object');
      // Object.fromEntries defines own properties, so a field named __proto__ cannot change the prototype.
      return Object.fromEntries(
        Object.entries(spec.fields).map(([field, fieldSpec]) => [
          field,
          renderAt(fieldSpec, ownField(value, field), `${path}.${field}`),
        ]),
      );
    }
    case 'array':
      if (!Array.isArray(value)) throw renderError(path, 'an array');
      return value.map((item, i) => renderAt(spec.of, item, `${path}[${i}]`));
    case 'nullable':
      return value === null || value === undefined ? null : renderAt(spec.of, value, path);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Own fields only: nothing is read from the prototype chain (toString, constructor…). */
function ownField(o: Record<string, unknown>, field: string): unknown {
  return Object.hasOwn(o, field) ? o[field] : undefined;
}

function renderError(path: string, expected: string): TypeError {
  return new TypeError(`renderPublic: ${path} must be ${expected}`);
}

// ---------------------------------------------------------------------------------------------------------------
// Leak check

export type PersonalDataKind = 'name' | 'idNumber' | 'phone' | 'address' | 'bankAccount';

export interface PersonalSecrets {
  names?: string[];
  idNumbers?: string[];
  phones?: string[];
  addresses?: string[];
  bankAccounts?: string[];
}

/** Spaces, hyphens and brackets removed, so 138 1234 5678 and 138-1234-5678 are found as 13812345678. */
const compact = (s: string) => s.replace(/[\s\-()（）]/g, '');
const digitsOnly = (s: string) => s.replace(/\D/g, '');
/** A mobile without its country code: +86 138… → 138…. */
const nationalPhone = (s: string) => digitsOnly(s).replace(/^(?:0086|86)(?=1\d{10}$)/, '');

/**
 * Which kind of secret occurs literally in `text` (e.g. a JSON response), or null. Names and addresses are
 * looked for in full; ID numbers case-insensitively; ID numbers, phones and bank accounts also when the text
 * writes them with spaces or hyphens. Empty secrets are ignored. For property tests over public output.
 */
export function containsPersonalData(text: string, secrets: PersonalSecrets): PersonalDataKind | null {
  const squeezed = compact(text).toLowerCase();
  const found = (list: string[] | undefined, inText: (s: string) => boolean) =>
    (list ?? []).some((s) => s.trim() !== '' && inText(s));
  if (found(secrets.names, (n) => text.includes(n.trim()))) return 'name';
  if (found(secrets.idNumbers, (id) => squeezed.includes(compact(id).toLowerCase()))) return 'idNumber';
  if (found(secrets.phones, (p) => nationalPhone(p) !== '' && squeezed.includes(nationalPhone(p)))) return 'phone';
  if (found(secrets.addresses, (a) => text.includes(a.trim()))) return 'address';
  if (found(secrets.bankAccounts, (b) => digitsOnly(b) !== '' && squeezed.includes(digitsOnly(b))))
    return 'bankAccount';
  return null;
}
