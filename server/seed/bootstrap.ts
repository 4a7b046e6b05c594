/**
 * Start-up data: region codes on every start; on an empty database the root org and the `admin` sysadmin,
 * then (ZHIFA_DEMO=1) the demo province. Generated passwords are returned so that the caller prints them once.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config.js';
import type { Db } from '../db/client.js';
import { users } from '../modules/accounts/accounts.schema.js';
import { appendAudit } from '../modules/audit/audit.service.js';
import { MODULES } from '../modules/index.js';
import type { Clock } from '../platform/clock.js';
import { createSealer, hashPassword, randomPassword } from '../platform/crypto.js';
import type { DemoContext } from '../platform/module.js';
import { checkPasswordPolicy } from '../platform/password-policy.js';
import { ensureRootOrg, isEmpty, readRegionsCsv, upsertRegions } from './reference.js';

export interface BootstrapResult {
  created: boolean;
  demoLoaded: boolean;
  /** Present only when generated here (the environment did not set it). */
  generatedAdminPassword?: string;
  generatedDemoPassword?: string;
}

function checkGivenPassword(name: string, value: string) {
  const policy = checkPasswordPolicy(value);
  if (!policy.ok) throw new Error(`${name} 不符合密码策略：${policy.message}`);
}

export async function bootstrap(
  db: Db,
  clock: Clock,
  config: Pick<Config, 'adminPassword' | 'demo' | 'demoPassword' | 'secretKey'>,
): Promise<BootstrapResult> {
  if (config.adminPassword) checkGivenPassword('ZHIFA_ADMIN_PASSWORD', config.adminPassword);
  if (config.demo && config.demoPassword) checkGivenPassword('ZHIFA_DEMO_PASSWORD', config.demoPassword);
  return db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    await upsertRegions(tx, readRegionsCsv());
    if (!(await isEmpty(tx))) return { created: false, demoLoaded: false };
    const now = clock.now();
    const rootOrgId = await ensureRootOrg(tx, now);
    const adminPassword = config.adminPassword ?? randomPassword();
    await tx.insert(users).values({
      id: randomUUID(),
      username: 'admin',
      displayName: '系统管理员',
      passwordHash: await hashPassword(adminPassword),
      orgId: rootOrgId,
      roles: ['sysadmin'],
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
    let demoPassword: string | undefined;
    if (config.demo) {
      demoPassword = config.demoPassword ?? randomPassword();
      // each module's part of the demo province, in module order (orgs, accounts, personnel, catalog, cases,
      // publicity, entities): later steps use what earlier ones made
      const demo: DemoContext = {
        tx,
        sealer: createSealer(config.secretKey),
        now,
        password: demoPassword,
        rootOrgId,
        orgIds: {},
      };
      for (const m of MODULES) await m.demo?.(demo);
    }
    const ctx = { actor: null, ip: null, userAgent: 'zhifa bootstrap', audited: false };
    await appendAudit(tx, clock, ctx, {
      action: 'system.bootstrap',
      resourceType: 'system',
      outcome: 'success',
      code: config.demo ? 'demo_loaded' : null,
    });
    return {
      created: true,
      demoLoaded: config.demo,
      ...(config.adminPassword ? {} : { generatedAdminPassword: adminPassword }),
      ...(config.demo && !config.demoPassword ? { generatedDemoPassword: demoPassword } : {}),
    };
  });
}
