/**
 * One schema, two drivers: PGlite (embedded, in-process; the default) or a PostgreSQL server (DATABASE_URL).
 * Both run the same committed SQL migrations from drizzle/.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { NodePgSession, NodePgTransaction, drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { RoutingPool } from './replica.js';
/**
 * The tables live in their modules (`server/modules/<m>/<m>.schema.ts`, globbed by drizzle.config.ts); queries name them
 * directly, so the client carries no schema (no relational `db.query.*` API is used).
 */
export type Schema = Record<string, never>;
/** A database handle or a transaction: everything that can run a query. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
export type DriverName = 'pglite' | 'postgresql';

export interface Database {
  db: Db;
  driver: DriverName;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** PGlite only: the data folder as a tarball (tests migrate once and load the dump per file). */
  dump?(): Promise<Blob>;
  /** PostgreSQL with read replicas (DATABASE_READ_URL): the pool that routes reads (db/replica.ts). */
  routing?: RoutingPool;
}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export interface OpenOptions {
  databaseUrl?: string | null;
  /** PGlite data folder; undefined → in-memory. */
  dataDir?: string;
  /** PGlite: start from a dump made by `dump()`. */
  loadDataDir?: Blob;
  poolSize?: number;
  /** PostgreSQL only: streaming replicas for the reads of a read scope (db/replica.ts). */
  readUrls?: string[];
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    // pipelined connections: see transactionThen
    const primary = { connectionString: opts.databaseUrl, max: opts.poolSize ?? 10, pipeline: true } as pg.PoolConfig;
    const readUrls = opts.readUrls ?? [];
    const routing = readUrls.length > 0 ? new RoutingPool(primary, readUrls, opts.poolSize ?? 10) : undefined;
    const pool = routing ?? new pg.Pool(primary);
    pool.on('error', (err) => console.error('[db] idle client error:', err.message));
    const db = drizzleNodePg({ client: pool }) as unknown as Db;
    return {
      db,
      driver: 'postgresql',
      migrate: () => migrateNodePg(drizzleNodePg({ client: pool }), { migrationsFolder: MIGRATIONS_FOLDER }),
      close: () => pool.end(),
      ...(routing ? { routing } : {}),
    };
  }
  if (opts.dataDir) mkdirSync(opts.dataDir, { recursive: true });
  const client = new PGlite({
    extensions: { pg_trgm },
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
  });
  await client.waitReady;
  // Reports aggregate millions of rows in one process: give sorts and hash aggregates room before they spill.
  await client.exec(`set work_mem = '64MB'`);
  const pgliteDb = drizzlePglite({ client });
  return {
    db: pgliteDb as unknown as Db,
    driver: 'pglite',
    migrate: () => migratePglite(pgliteDb, { migrationsFolder: MIGRATIONS_FOLDER }),
    close: () => client.close(),
    dump: async () => (await client.dumpDataDir('gzip')) as Blob,
  };
}

/** Rows of a raw `db.execute(sql...)` result: both drivers answer `{ rows }`. */
export async function queryRows<T>(db: Db, query: Parameters<Db['execute']>[0]): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

type PgStream = { cork?(): void; uncork?(): void };

/**
 * Coalesces what a pipelined client sends until the current chain of promise callbacks has run into one write (one
 * syscall, one packet): the first statement corks the socket, a process tick later it is uncorked. Statements sent
 * together — BEGIN and the first statement, those sent without awaiting each other, the last one and COMMIT — go
 * out together.
 */
function writesBatcher(client: pg.PoolClient) {
  const stream = (client as unknown as { connection?: { stream?: PgStream } }).connection?.stream;
  let corked = false;
  const uncork = () => {
    corked = false;
    stream?.uncork?.();
  };
  return () => {
    if (corked || !stream?.cork || !stream.uncork) return;
    corked = true;
    stream.cork();
    process.nextTick(uncork);
  };
}

/** On PostgreSQL, a pipelined client per transaction (see transactionThen); reused with its connection. */
interface PipelinedTx {
  tx: Db;
  /** Per transaction: BEGIN sent (with the first statement), and its error should it have failed. */
  begun: Promise<unknown> | null;
  beginError: unknown;
  /** Per transaction: statements sent; COMMIT sent (no statement may follow it). */
  sent: number;
  closed: boolean;
  batch: () => void;
}
const pipelinedTxs = new WeakMap<pg.PoolClient, PipelinedTx>();

function pipelinedTx(db: Db, client: pg.PoolClient): PipelinedTx {
  let p = pipelinedTxs.get(client);
  if (p) return p;
  const state: PipelinedTx = {
    tx: null as unknown as Db,
    begun: null,
    beginError: null,
    sent: 0,
    closed: true,
    batch: writesBatcher(client),
  };
  // BEGIN is sent with the transaction's first statement; should it fail, that statement ran outside a transaction
  // (its answer comes after BEGIN's), so every later one is refused and the caller's work stops there
  const guarded = {
    query: (...args: unknown[]) => {
      if (state.beginError) return Promise.reject(state.beginError);
      if (state.closed) return Promise.reject(new Error('a statement after its transaction ended'));
      state.sent++;
      state.batch();
      state.begun ??= client.query('begin').catch((err: unknown) => {
        state.beginError = err;
      });
      return (client.query as (...a: unknown[]) => Promise<unknown>)(...args);
    },
  };
  const root = db._.session as unknown as { dialect: never; schema: never; options: never };
  const session = new NodePgSession(guarded as never, root.dialect, root.schema, root.options);
  state.tx = new NodePgTransaction(root.dialect, session, root.schema) as unknown as Db;
  p = state;
  pipelinedTxs.set(client, p);
  return p;
}

/** Whether transactionThen pipelines on this database (PostgreSQL) or not (PGlite). */
export const pipelines = (db: Db) => (db as unknown as { $client?: unknown }).$client instanceof pg.Pool;

/**
 * Runs `fn` in a transaction, then `last` — the transaction's final statement, which must send its one query
 * before its first await (e.g. a compiled statement's `run`), or null for none — then commits. On PostgreSQL the
 * pool's connections are pipelined: BEGIN goes out with the transaction's first statement and COMMIT right behind
 * the final one (and behind any statement `fn` sent without awaiting it), so neither costs a round trip of its own,
 * and a lock the final statement takes (the audit chain's head) is held only while the server executes it and
 * commits. A failed final statement aborts the transaction (the COMMIT behind it then rolls back) and its error is
 * thrown; a COMMIT that rolled back (a statement sent without awaiting failed) throws too. On PGlite: drizzle's
 * transaction.
 */
export async function transactionThen<T>(
  db: Db,
  fn: (tx: Db) => Promise<T>,
  last: (tx: Db, value: T) => Promise<unknown> | null,
): Promise<T> {
  const pool = (db as unknown as { $client?: unknown }).$client;
  if (!(pool instanceof pg.Pool)) {
    return db.transaction(async (tx) => {
      const value = await fn(tx as unknown as Db);
      await last(tx as unknown as Db, value);
      return value;
    });
  }
  const client = await pool.connect();
  const p = pipelinedTx(db, client);
  Object.assign(p, { begun: null, beginError: null, sent: 0, closed: false });
  try {
    const value = await fn(p.tx);
    const sent = p.sent;
    const final = last(p.tx, value);
    final?.catch(() => {}); // awaited below, after the COMMIT was queued
    // a final statement not sent yet is awaited before COMMIT (correct, one round trip slower)
    if (final && p.sent === sent) await final;
    p.batch();
    p.closed = true;
    const commit = p.begun ? client.query('commit') : null;
    const [finalOutcome, commitOutcome] = await Promise.allSettled([final, commit]);
    if (p.beginError) throw p.beginError;
    if (finalOutcome.status === 'rejected') throw finalOutcome.reason;
    if (commitOutcome.status === 'rejected') throw commitOutcome.reason;
    if (commitOutcome.value?.command === 'ROLLBACK')
      throw new Error('the transaction was rolled back: one of its statements failed');
    return value;
  } catch (err) {
    // after a failed final statement or COMMIT the transaction is over already; ROLLBACK then only warns
    if (p.begun) await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    Object.assign(p, { begun: null, closed: true });
    client.release();
  }
}
