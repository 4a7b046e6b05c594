/**
 * Reads on streaming replicas (DATABASE_READ_URL), writes on the primary.
 *
 * The pool handed to drizzle is a `RoutingPool`: a pg.Pool on the primary that sends a statement to a replica only
 * when all of these hold — the request opened a read scope (platform/read-routing.ts: GET and HEAD), the statement is
 * sent outside a transaction (transactions take a client of the primary with `connect()`), and it only reads
 * (`readOnlyStatement`). Read-your-writes: a write answers with the primary's WAL position (cookie `zhifa_lsn`); a
 * read that carries it goes to a replica only once that replica has replayed that far, otherwise to the primary. A
 * replica that fails (down, recovery conflict) is left out for a few seconds and the statement runs on the primary:
 * a replica never makes a read fail.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

export interface ReadScope {
  /** The WAL position the reader's own last write reached (null: none known; any replica will do). */
  minLsn: bigint | null;
}

const scopes = new AsyncLocalStorage<ReadScope>();

/** Runs `fn` (and everything it starts) in a read scope: its read-only statements may go to a replica. */
export function inReadScope<T>(scope: ReadScope, fn: () => T): T {
  return scopes.run(scope, fn);
}

/** A WAL position `X/Y` (hex halves) as a number, or null when the text is not one. */
export function parseLsn(text: unknown): bigint | null {
  if (typeof text !== 'string' || text.length > 17) return null;
  const m = /^([0-9A-Fa-f]{1,8})\/([0-9A-Fa-f]{1,8})$/.exec(text);
  if (!m) return null;
  return (BigInt(`0x${m[1]}`) << 32n) | BigInt(`0x${m[2]}`);
}

const WRITES =
  /\b(insert|update|delete|merge|truncate|copy|call|do|lock|nextval|setval|set_config|pg_advisory\w*|txid_current|pg_current_xact_id)\b|\bfor\s+(no\s+key\s+)?(update|share|key\s+share)\b/i;

/** Whether a statement only reads: a SELECT or WITH … SELECT that names no write, lock or sequence function. */
export function readOnlyStatement(text: unknown): boolean {
  if (typeof text !== 'string') return false;
  const head = text.trimStart().slice(0, 6).toLowerCase();
  if (head !== 'select' && !head.startsWith('with')) return false;
  return !WRITES.test(text);
}

interface Replica {
  url: string;
  pool: pg.Pool;
  /** The replayed WAL position last read, and when. */
  replayed: bigint;
  readAt: number;
  /** Left out until then after a failure (ms since epoch). */
  downUntil: number;
}

export interface RoutingStats {
  replica: number;
  primary: number;
  /** Reads in a scope that went to the primary: the replica was behind the reader's own write, or failed. */
  behind: number;
  failed: number;
}

const DOWN_MS = 5_000;
/** How long a replayed position read from a replica is trusted before it is read again. */
const REPLAY_FRESH_MS = 50;

type QueryArgs = [unknown, ...unknown[]];

/**
 * Whether an error is the replica's rather than the statement's: no SQLSTATE (the connection failed), connection
 * exceptions (08…), operator intervention (57…: shutdown, cannot connect now), a recovery conflict (40001), or a
 * standby that cannot serve it (55000, 25006).
 */
export function replicaFault(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'string' || !/^[0-9A-Z]{5}$/.test(code)) return true;
  return code.startsWith('08') || code.startsWith('57') || ['40001', '55000', '25006'].includes(code);
}

export class RoutingPool extends pg.Pool {
  readonly replicas: Replica[];
  readonly stats: RoutingStats = { replica: 0, primary: 0, behind: 0, failed: 0 };
  private next = 0;

  constructor(primary: pg.PoolConfig, replicaUrls: string[], replicaPoolSize: number) {
    super(primary);
    this.replicas = replicaUrls.map((url) => {
      const pool = new pg.Pool({ connectionString: url, max: replicaPoolSize, pipeline: true } as pg.PoolConfig);
      pool.on('error', (err) => console.error('[db] idle replica client error:', err.message));
      return { url, pool, replayed: -1n, readAt: 0, downUntil: 0 };
    });
  }

  // biome-ignore lint/suspicious/noExplicitAny: pg.Pool.query's overloads are re-dispatched as they came
  override query(...args: any[]): any {
    const scope = scopes.getStore();
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === 'string' ? first : first?.text;
    const callback = typeof args[args.length - 1] === 'function';
    if (!scope || this.replicas.length === 0 || callback || !readOnlyStatement(text)) {
      if (scope) this.stats.primary++;
      return (super.query as (...a: unknown[]) => unknown)(...args);
    }
    return this.routeRead(scope, args as QueryArgs);
  }

  private primaryQuery(args: QueryArgs): Promise<unknown> {
    return (pg.Pool.prototype.query as (...a: unknown[]) => Promise<unknown>).apply(this, args);
  }

  private async routeRead(scope: ReadScope, args: QueryArgs): Promise<unknown> {
    const replica = await this.pick(scope);
    if (!replica) {
      this.stats.primary++;
      return this.primaryQuery(args);
    }
    try {
      const result = await (replica.pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
      this.stats.replica++;
      return result;
    } catch (err) {
      // a wrong statement fails on the primary too: its error is the answer
      if (!replicaFault(err)) throw err;
      replica.downUntil = Date.now() + DOWN_MS;
      this.stats.failed++;
      this.stats.primary++;
      return this.primaryQuery(args);
    }
  }

  /** A replica that is up and has replayed the reader's own last write, or null for the primary. */
  private async pick(scope: ReadScope): Promise<Replica | null> {
    const now = Date.now();
    for (let i = 0; i < this.replicas.length; i++) {
      const replica = this.replicas[(this.next + i) % this.replicas.length] as Replica;
      if (replica.downUntil > now) continue;
      if (scope.minLsn !== null && replica.replayed < scope.minLsn) {
        if (now - replica.readAt >= REPLAY_FRESH_MS || replica.replayed < 0n) {
          try {
            const { rows } = await replica.pool.query<{ lsn: string | null }>(
              'select pg_last_wal_replay_lsn()::text as lsn',
            );
            replica.replayed = parseLsn(rows[0]?.lsn) ?? -1n;
            replica.readAt = Date.now();
          } catch {
            replica.downUntil = Date.now() + DOWN_MS;
            this.stats.failed++;
            continue;
          }
        }
        if (replica.replayed < scope.minLsn) {
          this.stats.behind++;
          continue;
        }
      }
      this.next = (this.next + i + 1) % this.replicas.length;
      return replica;
    }
    return null;
  }

  override async end(): Promise<void> {
    await Promise.all(this.replicas.map((r) => r.pool.end()));
    await super.end();
  }
}

/** The primary's WAL position now, as `X/Y` (after a write committed: at least that write's). */
export async function primaryLsn(pool: pg.Pool): Promise<string | null> {
  const { rows } = await (pg.Pool.prototype.query as (text: string) => Promise<{ rows: { lsn: string }[] }>).call(
    pool,
    'select pg_current_wal_lsn()::text as lsn',
  );
  return rows[0]?.lsn ?? null;
}
