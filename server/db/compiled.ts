/**
 * Queries built once and run many times, in any transaction. Drizzle's `.prepare()` binds a query to the session
 * it was built on (the pool, or one transaction); `compile` builds the SQL once, with placeholders, on a session
 * that runs nothing, and `run` executes it through the session of whatever db or transaction it is given — with
 * drizzle's own parameter encoding and row mapping, on either driver. Building a wide select or update costs
 * ~0.3 ms of CPU each time; a compiled one only fills in its parameters. For the hot paths (case steps).
 */
import { createHash } from 'node:crypto';
import { type Column, type Query, type SQL, sql } from 'drizzle-orm';
import { PgDatabase, PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from './client.js';

interface Recording {
  query: Query;
  fields: unknown;
  isResponseInArrayMode: boolean;
  customResultMapper: unknown;
  joinsNotNullableMap?: unknown;
}

/** A session that runs nothing: preparing a query on it records what drizzle built. */
const recordingSession = {
  prepareQuery: (
    query: Query,
    fields: unknown,
    _name: unknown,
    isResponseInArrayMode: boolean,
    customResultMapper: unknown,
  ): Recording & { setToken(): unknown } => ({
    query,
    fields,
    isResponseInArrayMode,
    customResultMapper,
    setToken() {
      return this;
    },
  }),
};
const dialect = new PgDialect();
const recorder = new PgDatabase(dialect, recordingSession as never, undefined) as unknown as Db;

type Prepared = { joinsNotNullableMap?: unknown; execute(values: Record<string, unknown>): Promise<unknown> };
type RunnableSession = { prepareQuery(...args: unknown[]): Prepared };

export interface Compiled<T> {
  /** The SQL text. */
  readonly text: string;
  run(db: Db, values?: Record<string, unknown>): Promise<T>;
}

type Preparable<T> = { prepare(name?: string): { execute(placeholderValues?: Record<string, unknown>): Promise<T> } };

/**
 * The server-side prepared statement's name (node-postgres parses a named statement once per connection): from
 * the SQL text, so that one name never stands for two texts.
 */
const statementName = (text: string) => `zhifa_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`;

/** Prepared queries by session (a pooled connection's pipelined transaction is reused with it; see client.ts). */
const preparedBySession = new WeakMap<object, Map<string, Prepared>>();

function preparedFor(db: Db, name: string, prepare: (session: RunnableSession) => Prepared): Prepared {
  const session = db._.session as unknown as RunnableSession;
  let bySession = preparedBySession.get(session);
  if (!bySession) {
    bySession = new Map();
    preparedBySession.set(session, bySession);
  }
  let prepared = bySession.get(name);
  if (!prepared) {
    prepared = prepare(session);
    bySession.set(name, prepared);
  }
  return prepared;
}

/** `build` receives a db to build on; use `sql.placeholder(name)` (or `param(name)`) for what varies. */
export function compile<T>(build: (db: Db) => Preparable<T>): Compiled<T> {
  const rec = build(recorder).prepare() as unknown as Recording;
  const name = statementName(rec.query.sql);
  const prepare = (session: RunnableSession) => {
    const prepared = session.prepareQuery(
      rec.query,
      rec.fields,
      name,
      rec.isResponseInArrayMode,
      rec.customResultMapper,
    );
    if (rec.joinsNotNullableMap) prepared.joinsNotNullableMap = rec.joinsNotNullableMap;
    return prepared;
  };
  return {
    text: rec.query.sql,
    run: (db, values = {}) => preparedFor(db, name, prepare).execute(values) as Promise<T>,
  };
}

/** A raw SQL statement compiled once; `run` answers its rows (both drivers answer `{ rows }`). */
export function compileSql<T>(query: SQL): Compiled<T[]> {
  const q = dialect.sqlToQuery(query);
  const name = statementName(q.sql);
  const prepare = (session: RunnableSession) => session.prepareQuery(q, undefined, name, false);
  return {
    text: q.sql,
    run: async (db, values = {}) => ((await preparedFor(db, name, prepare).execute(values)) as { rows: T[] }).rows,
  };
}

/**
 * A placeholder passed to the driver as given: pair it with `encode` (a column's own `mapToDriverValue`, with null
 * kept as SQL NULL — drizzle's placeholders would encode null too, e.g. a jsonb null as the JSON text 'null').
 */
export const param = (name: string): SQL => sql`${sql.placeholder(name)}`;

export function encode(column: Column, value: unknown): unknown {
  return value === null || value === undefined ? null : column.mapToDriverValue(value);
}

/** Compiled queries by shape (e.g. which columns an update sets), built on first use. */
export function compiledByShape<T>(build: (db: Db, shape: string) => Preparable<T>) {
  const cache = new Map<string, Compiled<T>>();
  return (shape: string): Compiled<T> => {
    let c = cache.get(shape);
    if (!c) {
      c = compile((db) => build(db, shape));
      cache.set(shape, c);
    }
    return c;
  };
}
