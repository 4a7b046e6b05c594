/**
 * The procedures of the platform, one per subject type. A module declares its procedure once (its flow, labels,
 * where its events are stored, what of an event is public, how its subjects are verified) and registers it; the
 * transparency log takes leaves of every registered subject type and `zhifa verify` checks every one
 * (server/procedures.ts lists them).
 */
import type { Db } from '../../db/client.js';
import type { EventStore } from './store.js';

/** One transition of a flow table: the states it may be taken from and the state it leads to (null: unchanged). */
export interface FlowStep<S extends string> {
  from: readonly S[];
  to: S | null;
}

/** A problem one procedure's verification found, by subject. */
export interface ChainBreak {
  subjectId: string;
  /** How people name the subject (a case number), else its id. */
  name: string;
  seq: number;
}

export interface RowMismatch {
  subjectId: string;
  name: string;
  column: string;
  label: string;
  stored: string;
  recorded: string;
}

export interface RecordsReport {
  /** Subjects checked. */
  subjects: number;
  broken: ChainBreak[];
  /** The subject's stored data (or its chain head) against what its record says. */
  mismatches: RowMismatch[];
}

export interface ProcedureDefinition<S extends string = string, A extends string = string> {
  /** The subject type: `case`, `inspection`, … (lowercase ASCII, stored in every leaf and generic event). */
  subjectType: string;
  /** What one subject is called in zh-CN messages: 案件, 检查任务… */
  label: string;
  /** Where its events are kept. */
  store: EventStore;
  /** The procedure as data: which action leads from which states to which (common/case-flow.ts for cases). */
  flow: Readonly<Record<A, FlowStep<S>>>;
  stateLabels: Readonly<Record<S, string>>;
  actionLabels: Readonly<Record<A, string>>;
  /** The masked, whitelisted public part of an event's payload: what its transparency-log leaf shows. */
  publicView(type: string, payload: Record<string, unknown>): Record<string, unknown>;
  /** Every subject's chain and head (and whatever else the module checks against its record) for zhifa verify. */
  verifyRecords(db: Db): Promise<RecordsReport>;
}

const registered = new Map<string, ProcedureDefinition>();

/** Registers a procedure (idempotent for the same definition; a second definition of a subject type throws). */
export function registerProcedure<S extends string, A extends string>(
  p: ProcedureDefinition<S, A>,
): ProcedureDefinition<S, A> {
  if (!/^[a-z][a-z0-9_]{0,39}$/.test(p.subjectType)) throw new Error(`invalid subject type ${p.subjectType}`);
  const known = registered.get(p.subjectType);
  if (known && known !== (p as unknown as ProcedureDefinition))
    throw new Error(`procedure ${p.subjectType} registered twice`);
  registered.set(p.subjectType, p as unknown as ProcedureDefinition);
  return p;
}

/** For tests: removes a test-only procedure again. */
export function unregisterProcedure(subjectType: string) {
  registered.delete(subjectType);
}

/** Every registered procedure, by subject type (cases first: registered first). */
export const procedures = (): ProcedureDefinition[] => [...registered.values()];

/** The procedure of a subject type, or undefined when none is registered. */
export const procedureOf = (subjectType: string): ProcedureDefinition | undefined => registered.get(subjectType);
