/**
 * What the public may see of a case, as whitelist specs for the one masking renderer (masking.ts): the public
 * projection of each record event (which is also what the transparency log commits to) and the decision summary.
 * A field not named here is never published.
 */
import { CIRCUMSTANCES, PENALTY_KINDS } from '../../../common/enums.js';
import { definePublicSpec, renderParty, renderPublic } from '../../platform/masking.js';

const circumstance = { kind: 'enum', values: CIRCUMSTANCES } as const;
const nullableNumber = { kind: 'nullable', of: { kind: 'number' } } as const;

/** The decision as published: penalty, amounts, the benchmark applied (id, version, owner), tier and range. */
export const DECISION_SPEC = definePublicSpec({
  kind: 'object',
  fields: {
    circumstance,
    penaltyKinds: { kind: 'array', of: { kind: 'enum', values: PENALTY_KINDS } },
    amountFen: { kind: 'number' },
    illegalIncomeFen: nullableNumber,
    goodsValueFen: nullableNumber,
    benchmark: {
      kind: 'nullable',
      of: {
        kind: 'object',
        fields: { id: { kind: 'string' }, version: { kind: 'number' }, ownerOrgName: { kind: 'string' } },
      },
    },
    tier: { kind: 'nullable', of: circumstance },
    allowed: {
      kind: 'nullable',
      of: {
        kind: 'object',
        fields: {
          circumstance,
          penaltyKinds: { kind: 'array', of: { kind: 'string' } },
          minFen: nullableNumber,
          maxFen: nullableNumber,
        },
      },
    },
    withinRange: { kind: 'boolean' },
  },
});

const EVENT_SPECS: Record<string, Parameters<typeof renderPublic>[0]> = {
  register: { kind: 'object', fields: { party: { kind: 'party' } } },
  decide: DECISION_SPEC,
  simplified_decide: DECISION_SPEC,
  legal_review: {
    kind: 'object',
    fields: { outcome: { kind: 'enum', values: ['approve', 'approve_with_changes', 'reject'] } },
  },
  deliver: {
    kind: 'object',
    fields: { method: { kind: 'enum', values: ['on_site', 'post', 'electronic', 'public_notice', 'retained'] } },
  },
  publicity_withdraw: { kind: 'object', fields: { reason: { kind: 'enum', values: ['revoked', 'corrected'] } } },
  publicity_end: { kind: 'object', fields: { reason: { kind: 'enum', values: ['period', 'credit_repair'] } } },
};

/**
 * The public projection of one record event. Deterministic: the transparency log's leaf is built from it, and the
 * public page rebuilds the leaf from what it shows. A payload that does not fit its spec publishes nothing.
 */
export function publicEventView(type: string, payload: Record<string, unknown>): Record<string, unknown> {
  const spec = EVENT_SPECS[type];
  if (!spec) return {};
  const value =
    type === 'register' ? { party: { kind: payload.partyKind, name: payload.partyName, uscc: null } } : payload;
  try {
    return renderPublic(spec, value) as Record<string, unknown>;
  } catch {
    return {};
  }
}

export const publicParty = renderParty;
