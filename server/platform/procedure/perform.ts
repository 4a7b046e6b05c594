/**
 * The one path a procedure's step takes: in ONE transaction (runAudited) the subject's head is locked, the flow
 * table and the module's policy decide whether the action may be taken, the module's handler applies its rules,
 * the hash-chained event is appended to the subject's record, and the audit row is written. The transparency log's
 * leaf is queued by the event itself: the sequencer takes every event of every registered store that the log does
 * not hold yet (transparency.service.ts), so a step never waits for the log.
 *
 * `performStep` runs this for procedures kept in the generic store (state on the head row). The penalty cases run
 * the same sequence with their own row lock and one fused statement (cases.service.ts `performAction`), calling
 * `flowRefusal` and `nextEvent` from here and record.ts.
 */
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Actor, RequestContext } from '../context.js';
import { AppError } from '../errors.js';
import { type Policy, type Subject, authorize } from '../policy.js';
import type { ProcedureDefinition } from './registry.js';
import type { Attachment } from './record.js';
import { appendEvent, lockHead } from './store.js';

/** 409 `action_not_allowed` when the flow table does not lead from `state` by `action`, else null. */
export function flowRefusal<S extends string, A extends string>(
  p: Pick<ProcedureDefinition<S, A>, 'flow' | 'label' | 'stateLabels' | 'actionLabels'>,
  state: S,
  action: A,
): AppError | null {
  const step = p.flow[action];
  if (step?.from.includes(state)) return null;
  return new AppError(
    409,
    'action_not_allowed',
    `${p.label}处于“${p.stateLabels[state] ?? state}”阶段，不能“${p.actionLabels[action] ?? action}”`,
  );
}

/** The state after `action` from `state`: the handler's, else the flow table's, else unchanged. */
export const nextState = <S extends string, A extends string>(
  p: Pick<ProcedureDefinition<S, A>, 'flow'>,
  state: S,
  action: A,
  fromHandler?: S,
): S => fromHandler ?? p.flow[action]?.to ?? state;

export interface StepContext<S extends string> {
  tx: Db;
  actor: Actor;
  subjectId: string;
  state: S;
  body: Record<string, unknown>;
  now: Date;
}

/** What a handler decides: the event's payload (default: the body), attachments, and a state other than the flow's. */
export interface StepOutcome<S extends string> {
  payload?: Record<string, unknown>;
  attachments?: Attachment[];
  state?: S;
}

/** A procedure kept in the generic store: its handlers, its policy and the state a new subject starts in. */
export interface GenericProcedure<S extends string = string, A extends string = string>
  extends ProcedureDefinition<S, A> {
  initialState: S;
  handlers: Partial<Record<A, (c: StepContext<S>) => Promise<StepOutcome<S>>>>;
  /**
   * The module's policy (platform/policy.ts), with one record ability per action: whether this actor may take the
   * action on this subject (404 when it may not read the subject, 403 naming the rule). Its `load` gives the facts.
   */
  policy: Policy<Subject>;
}

/**
 * The audit module's `runAudited` (one transaction with its audit row), handed in by the caller: the platform imports
 * no module.
 */
export type AuditedRunner = <T>(
  db: Db,
  clock: Clock,
  ctx: RequestContext,
  meta: { action: string; resourceType: string; resourceId?: string },
  fn: (tx: Db) => Promise<{ value: T; resourceId?: string }>,
) => Promise<T>;

export interface StepResult<S extends string> {
  subjectType: string;
  subjectId: string;
  seq: number;
  hash: string;
  state: S;
}

/**
 * One step of a generic procedure: lock, flow, policy, handler, event, head, audit — one transaction; a refusal
 * rolls everything back and is audited as a failure (runAudited).
 */
export async function performStep<S extends string, A extends string>(
  deps: { db: Db; clock: Clock; runAudited: AuditedRunner },
  ctx: RequestContext,
  actor: Actor,
  p: GenericProcedure<S, A>,
  subjectId: string,
  action: A,
  body: Record<string, unknown>,
): Promise<StepResult<S>> {
  return deps.runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `${p.subjectType}.${action}`, resourceType: p.subjectType, resourceId: subjectId },
    async (tx) => {
      const subject = { subjectType: p.subjectType, subjectId };
      const head = await lockHead(tx, subject);
      const state = (head.state ?? p.initialState) as S;
      const refusal = flowRefusal(p, state, action);
      if (refusal) throw refusal;
      authorize(p.policy, action, actor, (await p.policy.load?.(tx, subjectId)) ?? null);
      const now = deps.clock.now();
      const out = (await p.handlers[action]?.({ tx, actor, subjectId, state, body, now })) ?? {};
      const to = nextState(p, state, action, out.state);
      const event = await appendEvent(
        tx,
        subject,
        {
          type: action,
          at: now,
          actorId: actor.userId,
          role: actor.roles.join(','),
          orgId: actor.org.id,
          payload: { ...(out.payload ?? body), fromState: state, toState: to },
          attachments: out.attachments ?? [],
          location: (body.location as Record<string, unknown> | undefined) ?? null,
        },
        { state: to },
      );
      return { value: { subjectType: p.subjectType, subjectId, seq: event.seq, hash: event.hash, state: to } };
    },
  );
}
