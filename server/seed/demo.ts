/**
 * The demo province: orgs at province, city, county and township level in three sectors, and one account per
 * role in several orgs. Fictional people; USCCs are made-up codes with valid check characters.
 */
import { randomUUID } from 'node:crypto';
import type { OrgKind, Role, Sector } from '../../common/enums.js';
import { usccCheckChar } from '../../common/identifiers.js';
import type { Db } from '../db/client.js';
import { users } from '../modules/accounts/accounts.schema.js';
import { orgs } from '../modules/orgs/orgs.schema.js';
import { hashPassword } from '../platform/crypto.js';
import { ROOT_ORG, type RegionRow, upsertRegions } from './reference.js';

/** Illustrative township codes under 天河区 (not official GB/T 2260 township codes). */
export const DEMO_TOWNSHIPS: RegionRow[] = [
  { code: '440106001', name: '石牌街道', level: 'township', parentCode: '440106', source: 'demo-illustrative' },
  { code: '440106002', name: '五山街道', level: 'township', parentCode: '440106', source: 'demo-illustrative' },
];

interface DemoOrg {
  key: string;
  name: string;
  kind: OrgKind;
  sector: Sector;
  regionCode: string;
  parent?: string;
  usccSerial?: string;
}

export const DEMO_ORGS: DemoOrg[] = [
  { key: 'gd_sft', name: ROOT_ORG.name, kind: 'justice', sector: 'justice', regionCode: '440000' },
  {
    key: 'gd_amr',
    name: '广东省市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440000',
    usccSerial: 'MB2C9604',
  },
  {
    key: 'gd_eee',
    name: '广东省生态环境厅',
    kind: 'department',
    sector: 'ecology_environment',
    regionCode: '440000',
    usccSerial: '00638752',
  },
  {
    key: 'gz_sfj',
    name: '广州市司法局',
    kind: 'justice',
    sector: 'justice',
    regionCode: '440100',
    parent: 'gd_sft',
    usccSerial: '00743218',
  },
  {
    key: 'gz_amr',
    name: '广州市市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440100',
    parent: 'gd_amr',
    usccSerial: 'MB2D1273',
  },
  {
    key: 'gz_eee',
    name: '广州市生态环境局',
    kind: 'department',
    sector: 'ecology_environment',
    regionCode: '440100',
    parent: 'gd_eee',
    usccSerial: 'MB2D0558',
  },
  {
    key: 'sz_sfj',
    name: '深圳市司法局',
    kind: 'justice',
    sector: 'justice',
    regionCode: '440300',
    parent: 'gd_sft',
    usccSerial: '00755091',
  },
  {
    key: 'sz_amr',
    name: '深圳市市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440300',
    parent: 'gd_amr',
    usccSerial: 'MB2E0316',
  },
  {
    key: 'sz_eee',
    name: '深圳市生态环境局',
    kind: 'department',
    sector: 'ecology_environment',
    regionCode: '440300',
    parent: 'gd_eee',
    usccSerial: 'MB2E0422',
  },
  {
    key: 'th_sfj',
    name: '广州市天河区司法局',
    kind: 'justice',
    sector: 'justice',
    regionCode: '440106',
    parent: 'gz_sfj',
    usccSerial: '00745561',
  },
  {
    key: 'th_amr',
    name: '广州市天河区市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440106',
    parent: 'gz_amr',
    usccSerial: 'MB2F1107',
  },
  {
    key: 'th_zhzf',
    name: '广州市天河区综合行政执法局',
    kind: 'comprehensive',
    sector: 'urban_management',
    regionCode: '440106',
    usccSerial: 'MB2F1285',
  },
  {
    key: 'yx_amr',
    name: '广州市越秀区市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440104',
    parent: 'gz_amr',
    usccSerial: 'MB2F0733',
  },
  {
    key: 'ns_amr',
    name: '深圳市南山区市场监督管理局',
    kind: 'department',
    sector: 'market_regulation',
    regionCode: '440305',
    parent: 'sz_amr',
    usccSerial: 'MB2G0091',
  },
  {
    key: 'sp_zfb',
    name: '广州市天河区石牌街道综合行政执法办',
    kind: 'township',
    sector: 'general',
    regionCode: '440106001',
    usccSerial: 'MB2F3301',
  },
  {
    key: 'sp_sfs',
    name: '广州市天河区石牌街道司法所',
    kind: 'judicial_office',
    sector: 'justice',
    regionCode: '440106001',
    parent: 'th_sfj',
  },
  {
    key: 'gd_zjt',
    name: '广东省住房和城乡建设厅',
    kind: 'department',
    sector: 'urban_management',
    regionCode: '440000',
    usccSerial: '00638711',
  },
  {
    key: 'gz_cgj',
    name: '广州市城市管理和综合执法局',
    kind: 'department',
    sector: 'urban_management',
    regionCode: '440100',
    usccSerial: 'MB2D0902',
  },
  {
    key: 'gz_gov',
    name: '广州市人民政府',
    kind: 'government',
    sector: 'general',
    regionCode: '440100',
    usccSerial: '00749001',
  },
  {
    key: 'th_gov',
    name: '广州市天河区人民政府',
    kind: 'government',
    sector: 'general',
    regionCode: '440106',
    usccSerial: '00745501',
  },
  {
    key: 'ws_zfb',
    name: '广州市天河区五山街道综合行政执法办',
    kind: 'township',
    sector: 'general',
    regionCode: '440106002',
    usccSerial: 'MB2F3302',
  },
];

export const DEMO_ACCOUNTS: { username: string; displayName: string; org: string; roles: Role[] }[] = [
  { username: 'secadmin', displayName: '安全管理员', org: 'gd_sft', roles: ['secadmin'] },
  { username: 'auditor', displayName: '安全审计员', org: 'gd_sft', roles: ['auditor'] },
  { username: 'sft_supervisor', displayName: '陈监督', org: 'gd_sft', roles: ['supervisor'] },
  { username: 'sft_admin', displayName: '省司法厅单位管理员', org: 'gd_sft', roles: ['org_admin'] },
  { username: 'gz_sfj_admin', displayName: '广州市司法局单位管理员', org: 'gz_sfj', roles: ['org_admin'] },
  { username: 'gd_amr_head', displayName: '黄处长', org: 'gd_amr', roles: ['department_head'] },
  { username: 'gd_amr_admin', displayName: '省市场监管局单位管理员', org: 'gd_amr', roles: ['org_admin'] },
  { username: 'gd_eee_admin', displayName: '省生态环境厅单位管理员', org: 'gd_eee', roles: ['org_admin'] },
  { username: 'gd_zjt_admin', displayName: '省住建厅单位管理员', org: 'gd_zjt', roles: ['org_admin'] },
  { username: 'gz_cgj_admin', displayName: '广州市城管局单位管理员', org: 'gz_cgj', roles: ['org_admin'] },
  { username: 'gz_gov_admin', displayName: '广州市政府单位管理员', org: 'gz_gov', roles: ['org_admin'] },
  { username: 'th_gov_admin', displayName: '天河区政府单位管理员', org: 'th_gov', roles: ['org_admin'] },
  { username: 'th_amr_admin', displayName: '天河区市场监管局单位管理员', org: 'th_amr', roles: ['org_admin'] },
  { username: 'th_zhzf_admin', displayName: '天河区综合执法局单位管理员', org: 'th_zhzf', roles: ['org_admin'] },
  { username: 'sp_admin', displayName: '石牌街道单位管理员', org: 'sp_zfb', roles: ['org_admin'] },
  { username: 'gz_sysadmin', displayName: '广州市系统管理员', org: 'gz_sfj', roles: ['sysadmin'] },
  { username: 'gz_sfj_supervisor', displayName: '梁监督', org: 'gz_sfj', roles: ['supervisor'] },
  { username: 'gz_admin', displayName: '何管理', org: 'gz_amr', roles: ['org_admin'] },
  { username: 'gz_officer1', displayName: '李执法', org: 'gz_amr', roles: ['officer'] },
  { username: 'gz_officer2', displayName: '王执法', org: 'gz_amr', roles: ['officer'] },
  { username: 'gz_reviewer', displayName: '张审核', org: 'gz_amr', roles: ['legal_reviewer'] },
  { username: 'gz_head', displayName: '刘局长', org: 'gz_amr', roles: ['department_head'] },
  { username: 'th_officer1', displayName: '周执法', org: 'th_amr', roles: ['officer'] },
  { username: 'th_zf_officer', displayName: '吴执法', org: 'th_zhzf', roles: ['officer'] },
  { username: 'sp_officer', displayName: '郑执法', org: 'sp_zfb', roles: ['officer'] },
  { username: 'sz_officer1', displayName: '孙执法', org: 'sz_amr', roles: ['officer'] },
  { username: 'sz_reviewer', displayName: '林审核', org: 'sz_amr', roles: ['legal_reviewer'] },
];

/** The demo orgs (and the township codes they sit in), under the existing root org; returns the org ids by key. */
export async function loadDemoOrgs(db: Db, rootOrgId: string, now: Date): Promise<Record<string, string>> {
  await upsertRegions(db, DEMO_TOWNSHIPS);
  const ids: Record<string, string> = { gd_sft: rootOrgId };
  for (const o of DEMO_ORGS) {
    if (o.key === 'gd_sft') continue;
    const id = randomUUID();
    ids[o.key] = id;
    const first17 = o.usccSerial ? `11${o.regionCode.slice(0, 6)}${o.usccSerial}0` : null;
    await db.insert(orgs).values({
      id,
      name: o.name,
      kind: o.kind,
      sector: o.sector,
      regionCode: o.regionCode,
      parentId: o.parent ? (ids[o.parent] ?? null) : null,
      uscc: first17 && first17.length === 17 ? first17 + usccCheckChar(first17) : null,
      createdAt: now,
      updatedAt: now,
    });
  }
  return ids;
}

/** One account per role in several demo orgs, all with `password`. */
export async function loadDemoAccounts(
  db: Db,
  orgIds: Record<string, string>,
  password: string,
  now: Date,
): Promise<void> {
  for (const a of DEMO_ACCOUNTS) {
    await db.insert(users).values({
      id: randomUUID(),
      username: a.username,
      displayName: a.displayName,
      passwordHash: await hashPassword(password),
      orgId: orgIds[a.org] as string,
      roles: a.roles,
      passwordChangedAt: now,
      createdAt: now,
      updatedAt: now,
    });
  }
}

/** Loads the demo orgs and accounts. `rootOrgId` is the existing 广东省司法厅. Returns the org ids by key. */
export async function loadDemo(
  db: Db,
  rootOrgId: string,
  password: string,
  now: Date,
): Promise<Record<string, string>> {
  const ids = await loadDemoOrgs(db, rootOrgId, now);
  await loadDemoAccounts(db, ids, password, now);
  return ids;
}
