/**
 * Starts the real zhifa server (node bin/zhifa.mjs serve) on a free port with a fresh data dir,
 * for browser tests. The server serves the built console from dist/web.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const ADMIN_PASSWORD = 'Admin#2026zf';
export const DEMO_PASSWORD = 'Demo#2026zf';

export interface RunningServer {
  url: string;
  dataDir: string;
  /** SIGTERM, wait for exit; removes the data folder unless it was given. Resolves to the exit code. */
  stop: () => Promise<number | null>;
  /** kill -9 (no shutdown of any kind), wait until the process is gone; keeps the data folder. */
  kill: () => Promise<void>;
  /** What the server printed so far (the last 20,000 characters of each stream). */
  output: () => { stdout: string; stderr: string };
}

export interface StartOptions {
  /** Extra environment (e.g. DATABASE_URL to run on PostgreSQL). */
  env?: NodeJS.ProcessEnv;
  /** Use this data folder and keep it after stop. */
  dataDir?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      if (addr && typeof addr === 'object') {
        const { port } = addr;
        srv.close(() => resolvePort(port));
      } else {
        srv.close(() => reject(new Error('could not allocate a port')));
      }
    });
  });
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const port = await freePort();
  const ownDir = !opts.dataDir;
  const dataDir = opts.dataDir ?? (await mkdtemp(join(tmpdir(), 'zhifa-e2e-')));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ZHIFA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    ZHIFA_DEMO: '1',
    ZHIFA_DEMO_PASSWORD: DEMO_PASSWORD,
    ZHIFA_SECRET_KEY: randomBytes(32).toString('hex'),
  };
  delete env.DATABASE_URL;
  Object.assign(env, opts.env ?? {});

  const child = spawn(process.execPath, ['bin/zhifa.mjs', 'serve'], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout = (stdout + chunk.toString()).slice(-20_000);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-20_000);
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await waitForExit(child, 15_000);
    }
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
    return child.exitCode;
  };

  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await gone;
    }
  };
  const output = () => ({ stdout, stderr });

  const deadline = Date.now() + 120_000;
  let lastError = '';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
      throw new Error(
        `zhifa server exited early (code ${child.exitCode}, signal ${child.signalCode}).\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout.slice(-4000)}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) {
        await res.body?.cancel();
        return { url, dataDir, stop, kill, output };
      }
      lastError = `HTTP ${res.status}`;
      await res.body?.cancel();
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await sleep(250);
  }
  await stop();
  throw new Error(
    `zhifa server did not become healthy within 120 s (last: ${lastError}).\n--- stderr ---\n${stderr}\n--- stdout ---\n${stdout.slice(-4000)}`,
  );
}
