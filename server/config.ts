/**
 * Environment → validated configuration. Every number that is a rule (lockout, session timeouts) is held here,
 * never as a literal in the code that applies it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { PenaltyKind } from '../common/enums.js';
import { type CaseThresholds, DEFAULT_THRESHOLDS } from './modules/cases/cases.rules.js';
import { parsePublicityMonths } from './modules/publicity/publicity.rules.js';
import { DEFAULT_RETRY, type RetrySchedule } from './platform/outbox/worker.js';
import { DEFAULT_PUBLIC_SITE, type PublicSite } from './platform/public-html.js';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /** Streaming replicas for reads (DATABASE_READ_URL, comma-separated; needs DATABASE_URL). */
  databaseReadUrls: string[];
  adminPassword: string | null;
  demo: boolean;
  demoPassword: string | null;
  publicBaseUrl: string;
  /** 32 bytes: AES-256-GCM for personal identifiers and HMAC for lookups. */
  secretKey: Buffer;
  secretKeySource: 'env' | 'file';
  /**
   * Failed logins counted per username and client address: from `threshold` failures on, each failure pauses login
   * for that pair, `firstMinutes` then doubling up to `minutes`; `accountThreshold` failures across all clients do
   * the same for the username everywhere.
   */
  lockout: { threshold: number; minutes: number; firstMinutes: number; accountThreshold: number };
  session: { idleMinutes: number; absoluteHours: number };
  loginRateLimitPerMinute: number;
  training: {
    /** A shortfall of the previous year's 学时 makes an officer ineligible (reason `training_shortfall`). */
    shortfallBlocks: boolean;
    /** 全员轮训: training dated from `rotationFrom` to `rotationDeadline` (inclusive) counts as rotation training. */
    rotationFrom: string;
    rotationDeadline: string;
  };
  /** Each township delegation is evaluated at least once by this date (Guangdong: end of 2024). */
  delegationEvaluationDeadline: string;
  publicity: {
    /** Months a published decision stays public, per penalty kind. */
    months: Record<PenaltyKind, number>;
    /** Seconds a public case page may be served from memory. */
    cacheSeconds: number;
  };
  /** The penalty procedure's amounts (DOMAIN.md §4), per party kind, in fen. */
  cases: CaseThresholds;
  /** The frame of the public pages: who publishes them and how to reach them. */
  publicSite: PublicSite;
  /**
   * The outbox worker (docs/exchange.md): whether `zhifa serve` runs one in its own process (`zhifa worker` runs one
   * beside it on PostgreSQL), how often it looks for due messages, and the retry schedule of a failed delivery.
   */
  outbox: { inProcess: boolean; intervalMs: number; retry: RetrySchedule };
  bodyLimitBytes: number;
  /** Largest import file (entities import streams it; the JSON body limit does not apply). */
  importMaxBytes: number;
  cookieSecure: boolean;
  version: string;
}

const intFrom = (fallback: number, min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

const EnvSchema = z.object({
  PORT: intFrom(3000, 0, 65535),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL 必须以 postgres:// 开头')
    .optional(),
  DATABASE_READ_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\/[^,\s]+(,postgres(ql)?:\/\/[^,\s]+)*$/,
      'DATABASE_READ_URL 必须是以逗号分隔的 postgres:// 地址',
    )
    .optional(),
  ZHIFA_ADMIN_PASSWORD: z.string().min(1).optional(),
  ZHIFA_DEMO: z.enum(['0', '1']).default('1'),
  ZHIFA_DEMO_PASSWORD: z.string().min(1).optional(),
  PUBLIC_BASE_URL: z.url().optional(),
  ZHIFA_SECRET_KEY: z.string().optional(),
  ZHIFA_LOCKOUT_THRESHOLD: intFrom(5, 1, 100),
  ZHIFA_LOCKOUT_MINUTES: intFrom(30, 1, 24 * 60),
  ZHIFA_LOCKOUT_FIRST_MINUTES: intFrom(1, 1, 24 * 60),
  ZHIFA_LOCKOUT_ACCOUNT_THRESHOLD: intFrom(20, 1, 1000),
  ZHIFA_SESSION_IDLE_MINUTES: intFrom(30, 1, 24 * 60),
  ZHIFA_SESSION_ABSOLUTE_HOURS: intFrom(12, 1, 24 * 7),
  ZHIFA_LOGIN_RATE_LIMIT: intFrom(30, 1, 10000),
  ZHIFA_TRAINING_SHORTFALL_BLOCKS: z.enum(['0', '1']).default('0'),
  ZHIFA_ROTATION_FROM: z.iso.date().default('2023-01-01'),
  ZHIFA_ROTATION_DEADLINE: z.iso.date().default('2024-06-30'),
  ZHIFA_DELEGATION_EVALUATION_DEADLINE: z.iso.date().default('2024-12-31'),
  ZHIFA_BODY_LIMIT_BYTES: intFrom(1024 * 1024, 1024, 100 * 1024 * 1024),
  ZHIFA_IMPORT_MAX_BYTES: intFrom(1024 * 1024 * 1024, 1024, 16 * 1024 * 1024 * 1024),
  ZHIFA_SIMPLIFIED_MAX_FEN_PERSON: intFrom(DEFAULT_THRESHOLDS.simplifiedMaxFen.person, 0, 1e12),
  ZHIFA_SIMPLIFIED_MAX_FEN_ORGANISATION: intFrom(DEFAULT_THRESHOLDS.simplifiedMaxFen.organisation, 0, 1e12),
  ZHIFA_HEARING_MIN_FEN_PERSON: intFrom(DEFAULT_THRESHOLDS.hearingMinFen.person, 1, 1e12),
  ZHIFA_HEARING_MIN_FEN_ORGANISATION: intFrom(DEFAULT_THRESHOLDS.hearingMinFen.organisation, 1, 1e12),
  ZHIFA_PUBLICITY_MONTHS: z.string().optional(),
  ZHIFA_PUBLIC_CACHE_SECONDS: intFrom(5, 0, 3600),
  ZHIFA_PUBLIC_SITE_NAME: z.string().trim().min(1).max(60).default(DEFAULT_PUBLIC_SITE.platformName),
  ZHIFA_PUBLIC_AUTHORITY: z.string().trim().min(1).max(60).default(DEFAULT_PUBLIC_SITE.authority),
  ZHIFA_PUBLIC_HOST_ORG: z.string().trim().min(1).max(60).optional(),
  ZHIFA_PUBLIC_CONTACT: z.string().trim().min(1).max(120).default(DEFAULT_PUBLIC_SITE.contact),
  ZHIFA_WORKER: z.enum(['0', '1']).default('1'),
  ZHIFA_WORKER_INTERVAL_MS: intFrom(1000, 50, 3_600_000),
  ZHIFA_OUTBOX_RETRY_BASE_SECONDS: intFrom(DEFAULT_RETRY.baseMs / 1000, 1, 86_400),
  ZHIFA_OUTBOX_RETRY_CAP_SECONDS: intFrom(DEFAULT_RETRY.capMs / 1000, 1, 7 * 86_400),
  ZHIFA_OUTBOX_MAX_ATTEMPTS: intFrom(DEFAULT_RETRY.maxAttempts, 1, 1000),
});

export function parseSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) {
    throw new Error('ZHIFA_SECRET_KEY 必须是 32 字节的密钥（64 位十六进制或 base64）');
  }
  return key;
}

/** The key from ZHIFA_SECRET_KEY, else from DATA_DIR/secret.key, generated (mode 600) on first start. */
function loadSecretKey(envValue: string | undefined, dataDir: string): { key: Buffer; source: 'env' | 'file' } {
  if (envValue) return { key: parseSecretKey(envValue), source: 'env' };
  mkdirSync(dataDir, { recursive: true });
  const file = resolve(dataDir, 'secret.key');
  if (!existsSync(file)) {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  return { key: parseSecretKey(readFileSync(file, 'utf8')), source: 'file' };
}

export function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`配置有误：\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.DATABASE_READ_URL && !e.DATABASE_URL)
    throw new Error('配置有误：\n  DATABASE_READ_URL: 需要同时设置 DATABASE_URL（只读副本用于 PostgreSQL）');
  const dataDir = resolve(e.DATA_DIR);
  const { key, source } = loadSecretKey(e.ZHIFA_SECRET_KEY, dataDir);
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL ?? null,
    databaseReadUrls: e.DATABASE_READ_URL ? e.DATABASE_READ_URL.split(',') : [],
    adminPassword: e.ZHIFA_ADMIN_PASSWORD ?? null,
    demo: e.ZHIFA_DEMO === '1',
    demoPassword: e.ZHIFA_DEMO_PASSWORD ?? null,
    publicBaseUrl,
    secretKey: key,
    secretKeySource: source,
    lockout: {
      threshold: e.ZHIFA_LOCKOUT_THRESHOLD,
      minutes: e.ZHIFA_LOCKOUT_MINUTES,
      firstMinutes: e.ZHIFA_LOCKOUT_FIRST_MINUTES,
      accountThreshold: e.ZHIFA_LOCKOUT_ACCOUNT_THRESHOLD,
    },
    session: { idleMinutes: e.ZHIFA_SESSION_IDLE_MINUTES, absoluteHours: e.ZHIFA_SESSION_ABSOLUTE_HOURS },
    loginRateLimitPerMinute: e.ZHIFA_LOGIN_RATE_LIMIT,
    training: {
      shortfallBlocks: e.ZHIFA_TRAINING_SHORTFALL_BLOCKS === '1',
      rotationFrom: e.ZHIFA_ROTATION_FROM,
      rotationDeadline: e.ZHIFA_ROTATION_DEADLINE,
    },
    delegationEvaluationDeadline: e.ZHIFA_DELEGATION_EVALUATION_DEADLINE,
    publicity: { months: parsePublicityMonths(e.ZHIFA_PUBLICITY_MONTHS), cacheSeconds: e.ZHIFA_PUBLIC_CACHE_SECONDS },
    cases: {
      ...DEFAULT_THRESHOLDS,
      simplifiedMaxFen: {
        person: e.ZHIFA_SIMPLIFIED_MAX_FEN_PERSON,
        organisation: e.ZHIFA_SIMPLIFIED_MAX_FEN_ORGANISATION,
      },
      hearingMinFen: { person: e.ZHIFA_HEARING_MIN_FEN_PERSON, organisation: e.ZHIFA_HEARING_MIN_FEN_ORGANISATION },
    },
    publicSite: {
      platformName: e.ZHIFA_PUBLIC_SITE_NAME,
      authority: e.ZHIFA_PUBLIC_AUTHORITY,
      hostOrg: e.ZHIFA_PUBLIC_HOST_ORG ?? e.ZHIFA_PUBLIC_AUTHORITY,
      contact: e.ZHIFA_PUBLIC_CONTACT,
    },
    outbox: {
      inProcess: e.ZHIFA_WORKER === '1',
      intervalMs: e.ZHIFA_WORKER_INTERVAL_MS,
      retry: {
        baseMs: e.ZHIFA_OUTBOX_RETRY_BASE_SECONDS * 1000,
        capMs: e.ZHIFA_OUTBOX_RETRY_CAP_SECONDS * 1000,
        maxAttempts: e.ZHIFA_OUTBOX_MAX_ATTEMPTS,
      },
    },
    bodyLimitBytes: e.ZHIFA_BODY_LIMIT_BYTES,
    importMaxBytes: e.ZHIFA_IMPORT_MAX_BYTES,
    cookieSecure: publicBaseUrl.startsWith('https://'),
    version: readVersion(),
  };
}
