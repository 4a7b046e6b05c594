/**
 * A module is one capability (orgs, personnel, cases…) that plugs into the platform by declaring what it brings:
 * its HTTP routes, its tables, its console pages, its demo data, its policies and its event handlers. The one list
 * of modules is server/modules/index.ts; the app, the seed and the tests loop over it, so adding a module edits
 * neither server/app.ts nor a schema index nor the console's router (docs/architecture.md, "Modules").
 */
import type { Config } from '../config.js';
import type { Database, Db } from '../db/client.js';
import type { Clock } from './clock.js';
import type { Sealer } from './crypto.js';
import { type EventHandlers, installEventHandlers } from './events.js';
import type { App } from './http.js';
import type { Policy, Subject } from './policy.js';

/** The same dependencies for every module; each routes function picks what it needs. */
export interface ModuleDeps {
  db: Db;
  database: Database;
  clock: Clock;
  sealer: Sealer;
  config: Config;
}

/** What a module's demo step gets: the seed transaction and what earlier steps made (the demo orgs by key). */
export interface DemoContext {
  tx: Db;
  sealer: Sealer;
  now: Date;
  /** The password of every demo account. */
  password: string;
  /** The existing root org (广东省司法厅). */
  rootOrgId: string;
  /** Demo org ids by key (gd_sft, gz_amr…), filled by the orgs step. */
  orgIds: Record<string, string>;
}

export interface ModuleDefinition {
  /** Unique, the folder name under server/modules. */
  name: string;
  /** Registers the module's HTTP routes. */
  routes?: (app: App, deps: ModuleDeps) => void;
  /** The module's tables (its `<name>.schema.ts` namespace): drizzle-kit reads the same files by glob. */
  schema?: Record<string, unknown>;
  /** The keys of the console pages the module contributes (listed with their routes in web/src/app/modules.ts). */
  menu?: readonly string[];
  /** Loads the module's part of the demo province (ZHIFA_DEMO=1), in module order, inside the seed transaction. */
  demo?: (ctx: DemoContext) => Promise<void>;
  /** The module's policies (platform/policy.ts): who may do what on its records; registered when the app is built. */
  policies?: readonly Policy<Subject>[];
  /** Domain events the module reacts to (server/platform/events.ts), inside the emitter's transaction. */
  events?: EventHandlers;
}

export function defineModule(module: ModuleDefinition): ModuleDefinition {
  return module;
}

/** Checks the list (unique names) and installs the event handlers; called once by server/modules/index.ts. */
export function registerModules(modules: readonly ModuleDefinition[]): readonly ModuleDefinition[] {
  const seen = new Set<string>();
  for (const m of modules) {
    if (seen.has(m.name)) throw new Error(`module ${m.name} is listed twice`);
    seen.add(m.name);
  }
  installEventHandlers(modules);
  return modules;
}
