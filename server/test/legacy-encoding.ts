/**
 * The encodings records were hashed with before RFC 8785 (kept for tests that prove old databases still verify):
 * case events and leaves as sorted keys + JSON.stringify, audit rows as JSON.stringify of an array.
 */
export function legacyCanonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(legacyCanonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${legacyCanonicalJson(v)}`).join(',')}}`;
}

/** The audit row's old hash input: `JSON.stringify([...fields, prevHash])`. */
export const legacyAuditJson = (fields: (string | null)[], prevHash: string) => JSON.stringify([...fields, prevHash]);
