/**
 * CLI: zhifa serve | migrate | verify | redraw | worker | help.
 * serve: config → database (PGlite folder with a pid lock, or DATABASE_URL) → migrate → bootstrap → listen, with the
 * transparency sequencer and (ZHIFA_WORKER=1) the outbox worker on timers.
 * worker: the outbox worker alone, beside the server, on PostgreSQL.
 */
import { type Config, loadConfig } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { acquireDataDirLock } from './db/lockfile.js';
import { buildApp } from './app.js';
import { backfillPublications } from './modules/publicity/publicity.service.js';
import { createSequencer } from './modules/transparency/sequencer.js';
import { MAX_LINES, runVerify } from './verify.js';
import { runRedraw } from './modules/inspections/redraw.js';
import { createSealer } from './platform/crypto.js';
import { systemClock } from './platform/clock.js';
import { type OutboxWorker, createOutboxWorker } from './platform/outbox/worker.js';
import { bootstrap } from './seed/bootstrap.js';

const HELP = `zhifa — 行政执法监督平台

用法: zhifa <命令>
  serve     迁移数据库、首次启动时初始化数据，然后提供 API 和控制台（默认）
  migrate   只执行数据库迁移
  verify    校验审计日志和每个案件全过程记录的哈希链、案件数据与全过程记录是否一致、审计链是否仍到达签名检查点
            锚定的链头，重新计算透明日志并核对签名检查点；列出每一处问题（每类最多 ${MAX_LINES} 行）并汇总，有问题时退出码 2
  redraw <任务 id>
            按公开的抽取记录重新计算双随机抽查任务的抽取，与保存的结果和抽取前公布的承诺比对；一致退出码 0，不一致 2
  worker    只运行对外投递（发件箱）工作进程，与 zhifa serve 并行（需要 DATABASE_URL，PostgreSQL）；可同时运行多个
  help      显示本帮助

配置见 README.md（PORT、HOST、DATA_DIR、DATABASE_URL、ZHIFA_* 等环境变量）。`;

async function open(config: Config): Promise<{ database: Database; release: () => void }> {
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: `${config.dataDir}/pglite`,
      readUrls: config.databaseReadUrls,
    });
    await database.migrate();
    return { database, release };
  } catch (err) {
    release();
    throw err;
  }
}

async function serve(config: Config) {
  const { database, release } = await open(config);
  const result = await bootstrap(database.db, systemClock, config);
  if (!process.env.PUBLIC_BASE_URL) {
    console.warn(
      `[zhifa] 未设置 PUBLIC_BASE_URL：决定书上的二维码将指向 ${config.publicBaseUrl}，正式部署前请设置为公众可访问的地址。`,
    );
  }
  if (result.created) {
    console.log(`[zhifa] 已初始化空数据库${result.demoLoaded ? '并载入演示省份数据' : ''}。`);
    if (result.generatedAdminPassword) {
      console.log(`[zhifa] admin 的初始密码（只显示这一次）：${result.generatedAdminPassword}`);
    }
    if (result.generatedDemoPassword) {
      console.log(`[zhifa] 演示账号的共同初始密码（只显示这一次）：${result.generatedDemoPassword}`);
    }
  }
  const app = await buildApp({
    config,
    database,
    logger: { level: process.env.LOG_LEVEL ?? 'info', redact: ['req.headers.cookie', 'req.headers.authorization'] },
  });
  let closing = false;
  let sequencer: NodeJS.Timeout | undefined;
  let outbox: OutboxWorker | undefined;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    clearInterval(sequencer);
    console.log(`[zhifa] 收到 ${signal}，正在关闭…`);
    try {
      await outbox?.stop();
      await app.close();
      await database.close();
    } finally {
      release();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  // the transparency log takes new case-record events and signs a checkpoint (tree and audit head) every few
  // seconds, on this schedule only; a full pass at start-up. A log that disagrees with the events stops it.
  const logDeps = { db: database.db, clock: systemClock, sealer: createSealer(config.secretKey) };
  const log = createSequencer(logDeps, app.log);
  await backfillPublications(database.db);
  const first = await log.tick({ full: true });
  if (first.status === 'halted')
    console.error(
      `[zhifa] 透明日志与全过程记录不一致，序列器已停止（不再登记、不再签署）：${first.problems.join('；')}`,
    );
  let running = false;
  sequencer = setInterval(() => {
    if (running) return;
    running = true;
    log
      .tick()
      .catch((err: unknown) => app.log.error({ err }, 'transparency sequencer failed'))
      .finally(() => {
        running = false;
      });
  }, 3000);
  sequencer.unref();
  // the outbox worker sends what committed writes appended (docs/exchange.md); ZHIFA_WORKER=0 leaves it to
  // `zhifa worker` processes beside this one
  if (config.outbox.inProcess) {
    outbox = createOutboxWorker({ ...logDeps, retry: config.outbox.retry, log: app.log });
    outbox.start(config.outbox.intervalMs);
  }
  await app.listen({ port: config.port, host: config.host });
  console.log(
    `[zhifa] 已启动：http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ （数据库：${database.driver}）`,
  );
}

/** `zhifa worker`: the outbox worker alone, until SIGINT/SIGTERM; several may run at once (FOR UPDATE SKIP LOCKED). */
async function worker(config: Config) {
  if (!config.databaseUrl) {
    console.error(
      '[zhifa] zhifa worker 需要 DATABASE_URL（PostgreSQL）；使用内嵌数据库时由 zhifa serve 进程自己投递（ZHIFA_WORKER=1）。',
    );
    process.exitCode = 64;
    return;
  }
  const { database } = await open(config);
  const log = { error: (obj: object, msg: string) => console.error(`[zhifa worker] ${msg}`, obj) };
  const w = createOutboxWorker({
    db: database.db,
    clock: systemClock,
    sealer: createSealer(config.secretKey),
    retry: config.outbox.retry,
    log,
  });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    await w.stop();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
  w.start(config.outbox.intervalMs);
  // the timer is unref'd (it must not hold a server open): this process has nothing else, so keep it alive
  setInterval(() => {}, 1 << 30);
  console.log(`[zhifa] 投递工作进程 ${w.owner} 已启动（每 ${config.outbox.intervalMs} 毫秒检查一次）。`);
}

async function main(argv: string[]) {
  const command = argv[0] ?? 'serve';
  if (command === 'help' || command === '--help' || command === '-h') {
    console.log(HELP);
    return;
  }
  const config = loadConfig();
  if (command === 'serve') return serve(config);
  if (command === 'migrate') {
    const { database, release } = await open(config);
    await database.close();
    release();
    console.log('[zhifa] 数据库迁移完成。');
    return;
  }
  if (command === 'verify') {
    const { database, release } = await open(config);
    try {
      process.exitCode = await runVerify(database.db, config.secretKey);
    } finally {
      await database.close();
      release();
    }
    return;
  }
  if (command === 'redraw') {
    const taskId = argv[1];
    if (!taskId || !/^[0-9a-f-]{36}$/i.test(taskId)) {
      console.error('用法：zhifa redraw <抽查任务 id>');
      process.exitCode = 64;
      return;
    }
    const { database, release } = await open(config);
    try {
      process.exitCode = await runRedraw(database.db, taskId, { info: console.log, error: console.error });
    } finally {
      await database.close();
      release();
    }
    return;
  }
  if (command === 'worker') return worker(config);
  console.error(`未知命令：${command}\n\n${HELP}`);
  process.exitCode = 64;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`[zhifa] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
