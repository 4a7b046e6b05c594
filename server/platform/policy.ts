/**
 * Policies: the one place where roles and scope decide what an actor may do (docs/policies.md is the table).
 *
 * Each module declares a policy per subject (`org`, `user`, `case`…) in its `<module>.policy.ts`: for every ability
 * (`read`, `update`, `create`, each action…) the roles that grant it, whether it concerns one record, and the
 * condition the record must meet (own org, region subtree and sector line, …) with the Chinese refusal that names the
 * rule. Routes declare the ability they need (`config: { ability: 'org.update' }`); a request hook loads the record
 * named by the route's id parameter and refuses before the use case runs: 404 when the actor may not even read it (so
 * an out-of-scope record is indistinguishable from a missing one), 403 naming the rule otherwise. Services ask the same
 * policy (`authorize`, `can`) for decisions that depend on the input, and lists filter with the policy's SQL
 * condition. Record views carry `abilities`, so the console shows only what the server will accept.
 *
 * Plain data and functions: no Fastify here (the hook lives in app.ts), and the conditions are pure.
 */
import type { SQL } from 'drizzle-orm';
import { BUSINESS_ROLES, type Role } from '../../common/enums.js';
import type { Db } from '../db/client.js';
import type { Actor } from './context.js';
import { AppError } from './errors.js';
import { inScope } from './scope.js';

/** Every account except the security auditor (who reads the audit trail only). */
export const STAFF_ROLES: readonly Role[] = ['sysadmin', 'secadmin', ...BUSINESS_ROLES];
/** The business roles (三员分立: the administrators neither read nor handle business data). */
export { BUSINESS_ROLES };

/** Facts of a record a policy decides on: at least where it lies and who owns it. */
export interface Subject {
  id: string;
  /** The org the record belongs to (own-org rules; the role × scope sweep test classifies records by it). */
  orgId?: string;
  /** Where the record lies (scope rules). */
  regionCode?: string;
  /** Its sector line, when it has one. */
  sector?: string | null;
}

/** A refusal that depends on the actor and record (method-typed, so that a policy of a narrower subject still fits). */
type Refusal<R> = { naming(actor: Actor, record?: R): string }['naming'];

export interface AbilityRule<R> {
  /** Any of these roles grants the ability (subject to `when`). */
  roles: readonly Role[];
  /** The ability concerns one record (loaded by the route's id parameter); false for create, list and reports. */
  record: boolean;
  /** Further condition on the actor (and the record when `record`): true when it holds. */
  when?(actor: Actor, record: R): boolean;
  /**
   * What a refused actor is told: the rule, in Chinese. A function names the one rule this actor breaks on this record
   * (the record is absent when the actor lacks the role or the ability concerns no record).
   */
  refusal: string | Refusal<R>;
}

export interface Policy<R extends Subject = Subject> {
  /** Subject type, the first part of an ability name (`org` in `org.update`). */
  subject: string;
  /** Chinese name of the record, for "不存在或不在本单位的管辖范围内". */
  label: string;
  /** The route parameter that names the record (default `id`). */
  param?: string;
  /** Loads the facts the rules need; null when there is no such record. */
  load?(db: Db, id: string): Promise<R | null>;
  abilities: Record<string, AbilityRule<R>>;
  /** SQL condition selecting the records the actor may read (lists); undefined: every record. */
  readable?(actor: Actor): SQL | undefined;
}

export const definePolicy = <R extends Subject>(p: Policy<R>): Policy<R> => p;

const holdsRole = (actor: Actor, roles: readonly Role[]) => roles.some((r) => actor.roles.includes(r));

/** Whether the ability holds for the actor (on the record, for record abilities). */
export function can<R extends Subject>(policy: Policy<R>, ability: string, actor: Actor, record?: R): boolean {
  const rule = policy.abilities[ability];
  if (!rule) throw new Error(`policy ${policy.subject} has no ability ${ability}`);
  if (!holdsRole(actor, rule.roles)) return false;
  if (!rule.when) return true;
  if (rule.record && !record) throw new Error(`ability ${policy.subject}.${ability} needs a record`);
  return rule.when(actor, record as R);
}

/**
 * Throws the policy's refusal. For a record ability: 404 when the record is missing (`null`) or the actor may not even
 * read it — whatever the actor's roles, so that an out-of-scope record is indistinguishable from a missing one; then
 * 403 naming the rule when the actor holds none of the ability's roles or the condition fails. For an ability that
 * concerns no record (create, list, reports): 403 naming the rule; the facts the input describes (the org a case is
 * registered for…) may be passed to its condition.
 */
export function authorize<R extends Subject>(
  policy: Policy<R>,
  ability: string,
  actor: Actor,
  record?: R | null,
): void {
  const rule = policy.abilities[ability];
  if (!rule) throw new Error(`policy ${policy.subject} has no ability ${ability}`);
  const refused = () =>
    new AppError(
      403,
      'forbidden',
      typeof rule.refusal === 'string' ? rule.refusal : rule.refusal(actor, record ?? undefined),
    );
  if (!rule.record) {
    if (!holdsRole(actor, rule.roles) || (rule.when && !rule.when(actor, record as R))) throw refused();
    return;
  }
  if (record === undefined) throw new Error(`ability ${policy.subject}.${ability} needs a record`);
  if (!record) throw notReadable(policy);
  const readRule = policy.abilities.read;
  if (readRule && !can(policy, 'read', actor, record)) throw notReadable(policy);
  if (!can(policy, ability, actor, record)) throw ability === 'read' ? notReadable(policy) : refused();
}

/**
 * The record's facts if the actor may read it: 404 (the policy's 「…不存在或不在本单位的管辖范围内」) when it is missing
 * or out of the actor's reach — the one `loadInScope` every service uses before it reads a record.
 */
export async function loadReadable<R extends Subject>(policy: Policy<R>, db: Db, actor: Actor, id: string): Promise<R> {
  if (!policy.load) throw new Error(`policy ${policy.subject} loads no records`);
  const record = await policy.load(db, id);
  authorize(policy, 'read', actor, record);
  return record as R;
}

export const notReadable = (policy: { label: string }) =>
  new AppError(404, 'not_found', `${policy.label}不存在或不在本单位的管辖范围内`);

/** The record abilities that hold for the actor on the record: what a record view carries as `abilities`. */
export function abilitiesOf<R extends Subject>(policy: Policy<R>, actor: Actor, record: R): string[] {
  return Object.entries(policy.abilities)
    .filter(([, rule]) => rule.record)
    .map(([name]) => name)
    .filter((name) => can(policy, name, actor, record));
}

/** The record-less abilities (create, list, reports…) of every policy that hold for the actor, as `subject.ability`. */
export function actorAbilities(policies: Iterable<Policy<Subject>>, actor: Actor): string[] {
  const out: string[] = [];
  for (const p of policies) {
    for (const [name, rule] of Object.entries(p.abilities)) {
      if (!rule.record && can(p, name, actor)) out.push(`${p.subject}.${name}`);
    }
  }
  return out.sort();
}

// ---- conditions shared by the policies ----

/** The record lies in the actor's region subtree and, for a department, its sector line. */
export const withinScope = (actor: Actor, record: { regionCode: string; sector?: string | null }) =>
  inScope(actor.scope, record);

/** The record belongs to the actor's own org. */
export const ownOrg = (actor: Actor, record: { orgId: string }) => record.orgId === actor.org.id;

// ---- the registry ----

const registry = new Map<string, Policy<Subject>>();

/** Registers policies (each module's `<module>.policy.ts`); a second policy for one subject is a programming error. */
export function registerPolicies(...policies: Policy<Subject>[]) {
  for (const p of policies) {
    const existing = registry.get(p.subject);
    if (existing && existing !== p) throw new Error(`two policies for subject ${p.subject}`);
    registry.set(p.subject, p);
  }
}

export const registeredPolicies = (): Policy<Subject>[] => [...registry.values()];

/**
 * Resolves a route's declared ability: `case.:action` takes the action from the route parameter. Returns the policy,
 * the ability and its rule, or throws for a declaration that names no ability (a programming error found by tests).
 */
export function resolveAbility(declared: string, params: Record<string, unknown>) {
  const dot = declared.indexOf('.');
  const subject = declared.slice(0, dot);
  let ability = declared.slice(dot + 1);
  if (ability.startsWith(':')) ability = String(params[ability.slice(1)] ?? '');
  const policy = registry.get(subject);
  if (!policy) throw new Error(`no policy for subject ${subject} (ability ${declared})`);
  return { policy, ability, rule: policy.abilities[ability] as AbilityRule<Subject> | undefined };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The request-time check of a route's declared ability, before validation and before the use case: for a record
 * ability the record named by the route's parameter is loaded (a malformed id is left to validation's 400).
 * Returns the loaded facts (handlers may reuse them).
 */
export async function checkDeclaredAbility(
  db: Db,
  actor: Actor,
  declared: string,
  params: Record<string, unknown>,
): Promise<Subject | null> {
  const { policy, ability, rule } = resolveAbility(declared, params);
  // An unknown action name: the route's own validation answers (400 naming the field).
  if (!rule) return null;
  if (!rule.record) {
    authorize(policy, ability, actor);
    return null;
  }
  const id = params[policy.param ?? 'id'];
  if (typeof id !== 'string' || !UUID.test(id) || !policy.load) return null;
  const record = await policy.load(db, id.toLowerCase());
  authorize(policy, ability, actor, record);
  return record;
}
