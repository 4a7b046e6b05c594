/**
 * The sequencer: on its own schedule (every few seconds in `zhifa serve`, and a full pass at start-up) it appends
 * new case-record events to the log and signs a checkpoint over the tree and the audit chain's head when either
 * moved. Nothing else signs: reads never write.
 *
 * When the log no longer agrees with the events (an event outside the log whose leaf the log holds), it stops:
 * no leaf and no checkpoint is written until an operator has dealt with it, and it says so in the server log on
 * every change of what it found (and `zhifa verify` fails on the same).
 */
import type { Checkpoint } from '../../../common/transparency-leaf.js';
import { LogIntegrityError, type TransparencyDeps, sequencePending, signCheckpoint } from './transparency.service.js';

export type TickResult =
  | { status: 'ok'; treeSize: number; checkpoint: Checkpoint | null }
  | { status: 'halted'; problems: string[] };

export interface SequencerLog {
  error(obj: object, msg: string): void;
  info?(obj: object, msg: string): void;
}

export interface Sequencer {
  /** One round: sequence what is pending (`full`: every event, as at start-up), then sign if anything moved. */
  tick(opts?: { full?: boolean }): Promise<TickResult>;
  /** What stopped it, or null while it runs. */
  readonly halted: string[] | null;
}

export function createSequencer(deps: TransparencyDeps, log: SequencerLog): Sequencer {
  let halted: string[] | null = null;
  return {
    get halted() {
      return halted;
    },
    async tick(opts = {}) {
      try {
        // while stopped, every round looks at every event (a tampered log may hide events from the window)
        const treeSize = await sequencePending(deps, { full: opts.full || halted !== null });
        const checkpoint = await signCheckpoint(deps);
        if (halted) log.info?.({}, 'transparency sequencer resumed');
        halted = null;
        return { status: 'ok', treeSize, checkpoint };
      } catch (err) {
        if (!(err instanceof LogIntegrityError)) throw err;
        if (halted?.join('\n') !== err.problems.join('\n'))
          log.error({ problems: err.problems }, `transparency sequencer stopped: ${err.message}`);
        halted = err.problems;
        return { status: 'halted', problems: err.problems };
      }
    },
  };
}
