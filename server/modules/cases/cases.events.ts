/** The domain events of penalty cases (server/platform/events.ts); emitted inside the step's transaction. */

/** A decision was made: 行政处罚决定 (`penalty`) or 不予处罚 (`no_penalty`). Publicity opens its publication. */
export interface CaseDecided {
  caseId: string;
  outcome: 'penalty' | 'no_penalty';
  decidedAt: Date;
}

declare module '../../platform/events.js' {
  interface DomainEvents {
    'case.decided': CaseDecided;
  }
}
