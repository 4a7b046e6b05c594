/**
 * What the console shows is what the server's policies allow (server/platform/policy.ts): `/auth/me` carries the
 * abilities that concern no one record (`case.create`, `org.create`…), and every record view its own (`update`,
 * `claim`, `publish`…). The console never decides from roles; web/src/app/access.ts keeps only the menu.
 */
import type { Me } from '../../../common/api-types.js';

/** Whether the signed-in account may do `ability` (`<subject>.<ability>`, e.g. `officer.create`). */
export function mayDo(me: Pick<Me, 'abilities'>, ability: string): boolean {
  return me.abilities.includes(ability);
}

/** Whether the record's view says the caller may do `ability` with it (`update`, `claim`…). */
export function allows(record: object | null | undefined, ability: string): boolean {
  const abilities = (record as { abilities?: unknown } | null | undefined)?.abilities;
  return Array.isArray(abilities) && abilities.includes(ability);
}
