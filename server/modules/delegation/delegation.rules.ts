/** The delegation workflow (DOMAIN.md §2) as a table: which action moves which state. */
import type { DelegationAction, DelegationStatus } from '../../../common/enums.js';

export const DELEGATION_FLOW: Record<DelegationAction, { from: DelegationStatus[]; to: DelegationStatus }> = {
  county_approve: { from: ['proposed'], to: 'county_approved' },
  city_decide: { from: ['county_approved'], to: 'city_decided' },
  announce: { from: ['city_decided'], to: 'announced' },
  evaluate: { from: ['announced', 'evaluated'], to: 'evaluated' },
  recall: { from: ['announced', 'evaluated'], to: 'recalled' },
};

export function nextDelegationStatus(from: DelegationStatus, action: DelegationAction): DelegationStatus | null {
  const step = DELEGATION_FLOW[action];
  return step.from.includes(from) ? step.to : null;
}

/** In force on a date: announced (or evaluated), effective date reached, not recalled. */
export const delegationInForce = (d: { status: string; effectiveDate: string | null }, date: string) =>
  (d.status === 'announced' || d.status === 'evaluated') && d.effectiveDate !== null && d.effectiveDate <= date;
