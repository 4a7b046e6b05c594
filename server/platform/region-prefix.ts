/**
 * Region codes as prefixes of their subtrees, pure (no I/O, so *.rules.ts files may use them): the prefix a region's
 * records share, and the prefix a supervision org oversees.
 */

/**
 * The prefix shared by a region and its whole subtree: 440000 → "44", 440100 → "4401", 440106 → "440106",
 * 440106001 → "440106001".
 */
export function regionPrefix(code: string): string {
  if (code.length !== 6) return code;
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/**
 * The region prefix a supervision org oversees, else null: a justice department (司法行政部门) its region subtree
 * (440100 → 4401, 440000 → 44, a county its own code); a township 司法所 assists its county, so it sees the county's
 * (440106001 → 440106). 《行政执法监督条例》 (国务院令第825号).
 */
export function overseenPrefix(org: { kind: string; regionCode: string }): string | null {
  if (org.kind === 'judicial_office') return org.regionCode.slice(0, 6);
  if (org.kind !== 'justice') return null;
  return regionPrefix(org.regionCode);
}
