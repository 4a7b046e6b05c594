/**
 * CLI: zhifa serve | migrate | verify | help.
 * serve: config → database (PGlite folder with a pid lock, or DATABASE_URL) → migrate → bootstrap → listen.
 */
import { type Config, loadConfig } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { acquireDataDirLock } from './db/lockfile.js';
import { buildApp } from './app.js';
import { verifyAuditChain } from './modules/audit/audit.service.js';
import { systemClock } from './platform/clock.js';
import { bootstrap } from './seed/bootstrap.js';

const HELP = `zhifa — 行政执法监督平台

用法: zhifa <命令>
  serve     迁移数据库、首次启动时初始化数据，然后提供 API 和控制台（默认）
  migrate   只执行数据库迁移
  verify    校验审计日志哈希链，指出第一处断裂
  help      显示本帮助

配置见 README.md（PORT、HOST、DATA_DIR、DATABASE_URL、ZHIFA_* 等环境变量）。`;

async function open(config: Config): Promise<{ database: Database; release: () => void }> {
  const release = config.databaseUrl ? () => {} : acquireDataDirLock(config.dataDir);
  try {
    const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
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
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`[zhifa] 收到 ${signal}，正在关闭…`);
    try {
      await app.close();
      await database.close();
    } finally {
      release();
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: config.host });
  console.log(`[zhifa] 已启动：http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}/ （数据库：${database.driver}）`);
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
      const report = await verifyAuditChain(database.db);
      if (report.ok) {
        console.log(`[zhifa] 审计日志哈希链完整：共校验 ${report.checked} 条。`);
      } else {
        console.error(`[zhifa] 审计日志哈希链断裂：第一处在 seq=${report.brokenSeq}（此前 ${report.checked} 条完好）。原因：${report.reason}`);
        process.exitCode = 2;
      }
    } finally {
      await database.close();
      release();
    }
    return;
  }
  console.error(`未知命令：${command}\n\n${HELP}`);
  process.exitCode = 64;
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(`[zhifa] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
