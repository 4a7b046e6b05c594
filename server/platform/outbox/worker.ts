/**
 * The outbox worker (docs/exchange.md): claims due messages with `FOR UPDATE SKIP LOCKED` and a lease, so that
 * several workers (the server's own, `zhifa worker` beside it) never take the same message; keeps the order per
 * record (a message waits while an earlier one of its record is not delivered); posts each body with its topic's
 * headers; a 2xx acknowledges it, anything else is retried with exponential back-off up to a cap, then `dead`.
 * Time comes from the clock (tests move it instead of waiting).
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.js';
import type { Clock } from '../clock.js';
import type { Sealer } from '../crypto.js';
import { type OutboxMessage, topicOf } from './outbox.js';
import { outboxMessages } from './outbox.schema.js';

export interface RetrySchedule {
  /** Delay after the first failure; each further failure doubles it. */
  baseMs: number;
  /** The longest delay. */
  capMs: number;
  /** After this many failed attempts the message is `dead` (listed in the console, resent by hand). */
  maxAttempts: number;
}

export const DEFAULT_RETRY: RetrySchedule = { baseMs: 10_000, capMs: 3_600_000, maxAttempts: 12 };

/** The wait after the `attempts`-th failed attempt (1-based): base · 2^(attempts−1), at most the cap. */
export const retryDelayMs = (attempts: number, s: RetrySchedule = DEFAULT_RETRY) =>
  Math.min(s.capMs, s.baseMs * 2 ** Math.max(0, attempts - 1));

export interface WorkerOptions {
  db: Db;
  clock: Clock;
  sealer: Sealer;
  retry?: RetrySchedule;
  /** Messages claimed per pass (sent in parallel: at most one per record). */
  batch?: number;
  /** How long a claim holds; longer than the request timeout. */
  leaseMs?: number;
  /** The receiver must answer within this. */
  timeoutMs?: number;
  /** A name for the claims (logs, lease owner). */
  owner?: string;
  log?: { error(obj: object, msg: string): void };
}

export interface PassResult {
  claimed: number;
  delivered: number;
  failed: number;
  dead: number;
}

const ERROR_MAX = 2000;

const NETWORK_ERRORS: Record<string, string> = {
  ECONNREFUSED: '接收方拒绝连接',
  ECONNRESET: '连接被接收方重置',
  UND_ERR_SOCKET: '连接被接收方关闭',
  ENOTFOUND: '接收方域名无法解析',
  EAI_AGAIN: '接收方域名暂时无法解析',
  EHOSTUNREACH: '无法到达接收方',
};

/** Why no answer came, in Chinese with the system's code (the console shows it). */
function networkError(err: unknown, timeoutMs: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError') return `接收方 ${timeoutMs / 1000} 秒内未应答`;
  const code = e.cause?.code;
  if (code) return `${NETWORK_ERRORS[code] ?? '网络错误'}（${code}）`;
  return e.cause?.message ?? e.message;
}

export function createOutboxWorker(opts: WorkerOptions) {
  const retry = opts.retry ?? DEFAULT_RETRY;
  const batch = opts.batch ?? 20;
  const leaseMs = opts.leaseMs ?? 60_000;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const owner = opts.owner ?? `worker-${randomUUID().slice(0, 8)}`;
  const { db, clock } = opts;

  /** One statement: the due messages, first of their record, not leased by another worker; now leased by this one. */
  async function claim(now: Date): Promise<OutboxMessage[]> {
    const at = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const rows = await queryRows<{ seq: string | number }>(
      db,
      sql`update outbox_messages m set lease_owner = ${owner}, lease_until = ${until}::timestamptz
          where m.seq in (
            select o.seq from outbox_messages o
            where o.state = 'pending' and o.next_attempt_at <= ${at}::timestamptz
              and (o.lease_until is null or o.lease_until < ${at}::timestamptz)
              and not exists (
                select 1 from outbox_messages p
                where p.record_key = o.record_key and p.seq < o.seq and p.state <> 'delivered')
            order by o.seq
            limit ${batch}
            for update skip locked)
          returning m.seq`,
    );
    if (rows.length === 0) return [];
    const seqs = rows.map((r) => Number(r.seq));
    return db
      .select()
      .from(outboxMessages)
      .where(
        and(sql`${outboxMessages.seq} = any(${`{${seqs.join(',')}}`}::bigint[])`, eq(outboxMessages.leaseOwner, owner)),
      )
      .orderBy(outboxMessages.seq);
  }

  async function post(
    m: OutboxMessage,
    now: Date,
  ): Promise<{ ok: boolean; status: number | null; error: string | null }> {
    try {
      const topic = topicOf(m.topic);
      if (!topic) throw new Error(`主题 ${m.topic} 未注册`);
      const headers = await topic.headers({ db, sealer: opts.sealer }, m, now);
      const res = await fetch(m.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-zhifa-delivery': m.id, ...headers },
        body: m.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      const text = (await res.text()).slice(0, ERROR_MAX);
      if (res.status >= 200 && res.status < 300) return { ok: true, status: res.status, error: null };
      return { ok: false, status: res.status, error: text || `HTTP ${res.status}` };
    } catch (err) {
      return { ok: false, status: null, error: networkError(err, timeoutMs).slice(0, ERROR_MAX) };
    }
  }

  async function settle(
    m: OutboxMessage,
    r: Awaited<ReturnType<typeof post>>,
  ): Promise<'delivered' | 'failed' | 'dead'> {
    const now = clock.now();
    const attempts = m.attempts + 1;
    const mine = and(eq(outboxMessages.seq, m.seq), eq(outboxMessages.leaseOwner, owner));
    if (r.ok) {
      await db
        .update(outboxMessages)
        .set({
          state: 'delivered',
          attempts,
          deliveredAt: now,
          lastAttemptAt: now,
          lastStatus: r.status,
          leaseOwner: null,
          leaseUntil: null,
        })
        .where(mine);
      return 'delivered';
    }
    const dead = attempts >= retry.maxAttempts;
    await db
      .update(outboxMessages)
      .set({
        state: dead ? 'dead' : 'pending',
        attempts,
        lastAttemptAt: now,
        lastStatus: r.status,
        lastError: r.error,
        nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, retry)),
        leaseOwner: null,
        leaseUntil: null,
      })
      .where(mine);
    return dead ? 'dead' : 'failed';
  }

  /** One pass: claim, post in parallel (one per record), settle each; again until nothing is due. */
  async function tick(): Promise<PassResult> {
    const out: PassResult = { claimed: 0, delivered: 0, failed: 0, dead: 0 };
    // again while it finds work: a delivered message lets the next one of its record go in the same pass
    for (let round = 0; round < 100; round++) {
      const now = clock.now();
      const claimed = await claim(now);
      if (claimed.length === 0) break;
      out.claimed += claimed.length;
      const results = await Promise.all(claimed.map(async (m) => settle(m, await post(m, now))));
      for (const r of results) out[r] += 1;
    }
    return out;
  }

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | null = null;
  return {
    owner,
    tick,
    /** Runs `tick` every `intervalMs` (never two at once), until `stop`. */
    start(intervalMs: number) {
      timer = setInterval(() => {
        if (running) return;
        running = tick()
          .catch((err: unknown) => opts.log?.error({ err }, 'outbox worker failed'))
          .finally(() => {
            running = null;
          });
      }, intervalMs);
      timer.unref();
    },
    /** Stops the timer and waits for the pass under way. */
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type OutboxWorker = ReturnType<typeof createOutboxWorker>;
