/**
 * Domain events: how a use case of one module causes a side effect in another without importing it. The emitting
 * module declares its events by merging into `DomainEvents`; a module that reacts lists handlers in its definition
 * (`defineModule({ events: { 'case.decided': … } })`); `emit(tx, event)` runs them synchronously, in order of the
 * module list, inside the emitter's transaction — so a side effect commits or rolls back with the step that caused it.
 */
import type { Db } from '../db/client.js';

/**
 * Every domain event by type → its fields. Empty here; each emitting module adds its own:
 * `declare module '../../platform/events.js' { interface DomainEvents { 'case.decided': CaseDecided } }`.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging in the modules
export interface DomainEvents {}

export type EventType = keyof DomainEvents;
export type DomainEvent<K extends EventType = EventType> = K extends EventType ? { type: K } & DomainEvents[K] : never;
export type EventHandler<K extends EventType> = (tx: Db, event: DomainEvent<K>) => Promise<void>;
/** What a module reacts to: at most one handler per event type. */
export type EventHandlers = { [K in EventType]?: EventHandler<K> };

const handlers = new Map<string, { module: string; handle: (tx: Db, event: unknown) => Promise<void> }[]>();
let installed = false;

/** Called once by the module registry (server/modules/index.ts) with every module's handlers, in module order. */
export function installEventHandlers(modules: readonly { name: string; events?: EventHandlers }[]): void {
  handlers.clear();
  for (const m of modules) {
    for (const [type, handle] of Object.entries(m.events ?? {})) {
      if (!handle) continue;
      const list = handlers.get(type) ?? [];
      list.push({ module: m.name, handle: handle as (tx: Db, event: unknown) => Promise<void> });
      handlers.set(type, list);
    }
  }
  installed = true;
}

/** Runs the handlers of `event` inside `tx`, one after the other; a handler's error aborts the transaction. */
export async function emit<K extends EventType>(tx: Db, event: DomainEvent<K>): Promise<void> {
  // A use case that emits before the registry was loaded would silently skip its side effects: refuse instead.
  if (!installed) throw new Error(`domain event ${event.type} emitted before the module registry was loaded`);
  for (const h of handlers.get(event.type) ?? []) await h.handle(tx, event);
}

/** Which modules handle an event type (for tests and docs). */
export const handlersOf = (type: EventType): string[] => (handlers.get(type) ?? []).map((h) => h.module);
