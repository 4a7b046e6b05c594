/**
 * Demo personnel: 48 fictional officers across the demo orgs, certificates in every state (valid, suspended,
 * revoked, expired), two years of training that leaves some officers compliant and some short, and assessments
 * including one 不称职. ID numbers are generated with valid check characters and belong to nobody.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Sector, TrainingCategory } from '../../common/enums.js';
import type { Db } from '../db/client.js';
import { users } from '../modules/accounts/accounts.schema.js';
import { courseKey, creditMilli, maskIdNumber, maskPhone } from '../modules/personnel/personnel.rules.js';
import {
  assessments,
  certificateEvents,
  certificates,
  officers,
  trainingRecords,
} from '../modules/personnel/personnel.schema.js';
import type { Sealer } from '../platform/crypto.js';

const SURNAMES =
  '李王张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜';
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '洋',
  '艳',
  '勇',
  '军',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '华',
  '慧',
  '建国',
  '志强',
  '晓东',
  '丽华',
  '海燕',
];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
export function demoIdNumber(region6: string, n: number): string {
  const year = 1970 + (n % 30);
  const month = String((n % 12) + 1).padStart(2, '0');
  const day = String((n % 28) + 1).padStart(2, '0');
  const first17 = `${region6}${year}${month}${day}${String(100 + (n % 900)).padStart(3, '0')}`;
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (ID_WEIGHTS[i] as number), 0);
  return first17 + ('10X98765432'[sum % 11] as string);
}

/** How many officers each demo org gets, and which sector their certificates cover. */
const PLAN: { org: string; count: number; sector: Sector; region: string }[] = [
  { org: 'gd_amr', count: 4, sector: 'market_regulation', region: '440000' },
  { org: 'gd_eee', count: 3, sector: 'ecology_environment', region: '440000' },
  { org: 'gz_amr', count: 8, sector: 'market_regulation', region: '440100' },
  { org: 'gz_eee', count: 4, sector: 'ecology_environment', region: '440100' },
  { org: 'sz_amr', count: 6, sector: 'market_regulation', region: '440300' },
  { org: 'sz_eee', count: 3, sector: 'ecology_environment', region: '440300' },
  { org: 'th_amr', count: 6, sector: 'market_regulation', region: '440106' },
  { org: 'th_zhzf', count: 5, sector: 'urban_management', region: '440106' },
  { org: 'yx_amr', count: 4, sector: 'market_regulation', region: '440104' },
  { org: 'ns_amr', count: 3, sector: 'market_regulation', region: '440305' },
  { org: 'sp_zfb', count: 2, sector: 'urban_management', region: '440106001' },
];

/** Demo accounts that are officers themselves, linked to the first officers of their org. */
const LINKED: Record<string, string[]> = {
  gz_amr: ['gz_officer1', 'gz_officer2', 'gz_reviewer'],
  th_amr: ['th_officer1'],
  th_zhzf: ['th_zf_officer'],
  sp_zfb: ['sp_officer'],
  sz_amr: ['sz_officer1', 'sz_reviewer'],
};

const COURSES: { course: string; category: TrainingCategory; provider: string }[] = [
  { course: '行政处罚法专题解读', category: 'public_law', provider: '广东省行政执法人员网络培训平台' },
  { course: '行政执法三项制度实务', category: 'business', provider: '广东省行政执法人员网络培训平台' },
  { course: '执法文书制作规范', category: 'skills', provider: '市司法局线下集中培训' },
  { course: '行政执法职业道德与廉政', category: 'ethics', provider: '学习强国' },
  { course: '行政裁量权基准适用', category: 'business', provider: '广东省行政执法人员网络培训平台' },
  { course: '执法记录仪使用与证据固定', category: 'skills', provider: '市司法局线下集中培训' },
];

export async function loadDemoPersonnel(
  db: Db,
  sealer: Sealer,
  orgIds: Record<string, string>,
  now: Date,
): Promise<number> {
  const issuer = orgIds.gd_sft as string;
  let n = 0;
  for (const plan of PLAN) {
    const orgId = orgIds[plan.org] as string;
    for (let i = 0; i < plan.count; i++, n++) {
      const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`;
      const idNumber = demoIdNumber(plan.region.slice(0, 6), n + 11);
      const phone = `13${String(800000000 + n * 7919).padStart(9, '0')}`;
      const username = LINKED[plan.org]?.[i];
      const userId = username
        ? (await db.select({ id: users.id }).from(users).where(eq(users.username, username)))[0]?.id
        : undefined;
      const officerId = randomUUID();
      await db.insert(officers).values({
        id: officerId,
        name,
        idNumberSealed: sealer.seal(idNumber),
        idNumberHash: sealer.lookupHash(idNumber),
        idNumberMasked: maskIdNumber(idNumber),
        orgId,
        position: i === 0 ? '科长' : '科员',
        phoneSealed: sealer.seal(phone),
        phoneMasked: maskPhone(phone),
        legalQualification: username?.includes('reviewer') ?? false,
        legalReviewer: username?.includes('reviewer') ?? false,
        userId: userId ?? null,
        createdAt: now,
        updatedAt: now,
      });

      // Certificates: most valid; every 9th suspended, every 13th revoked, every 11th expired, every 17th none.
      if (n % 17 !== 16) {
        const expired = n % 11 === 10;
        const certId = randomUUID();
        const status = n % 13 === 12 ? 'revoked' : n % 9 === 8 ? 'suspended' : 'valid';
        await db.insert(certificates).values({
          id: certId,
          officerId,
          number: `${plan.region.slice(0, 4)}${expired ? '21' : '24'}${String(100001 + n).padStart(6, '0')}`,
          kind: 'enforcement',
          issuerOrgId: issuer,
          sectors: [plan.sector],
          regionCodes: [plan.region],
          validFrom: expired ? '2021-01-01' : '2024-01-01',
          validTo: expired ? '2025-12-31' : '2029-12-31',
          status,
          publicToken: randomBytes(24).toString('base64url'),
          createdAt: now,
          updatedAt: now,
        });
        const issuedAt = new Date(expired ? '2021-01-01T00:00:00+08:00' : '2024-01-01T00:00:00+08:00');
        await db.insert(certificateEvents).values({
          certificateId: certId,
          action: 'issue',
          fromStatus: null,
          toStatus: 'valid',
          actorId: null,
          at: issuedAt,
        });
        if (status !== 'valid') {
          await db.insert(certificateEvents).values({
            certificateId: certId,
            action: status === 'revoked' ? 'revoke' : 'suspend',
            fromStatus: 'valid',
            toStatus: status,
            reason: status === 'revoked' ? '调离执法岗位，注销证件' : '涉嫌违规执法，暂扣证件待核查',
            actorId: null,
            at: new Date('2026-03-15T10:00:00+08:00'),
          });
        }
      }

      // Training: 2025 and 2026. Every 5th officer stays short (48 学时), the rest reach 64 (4 × 10 学时 + 4 × 270
      // minutes). Rotation training (全员轮训) in spring 2024 for all but every 7th officer.
      const short = n % 5 === 4;
      if (n % 7 !== 3) {
        await db.insert(trainingRecords).values({
          id: randomUUID(),
          officerId,
          course: '全员轮训：行政执法基础知识',
          courseKey: courseKey('全员轮训：行政执法基础知识'),
          category: 'public_law',
          mode: 'offline',
          provider: '省司法厅线下集中培训',
          date: `2024-05-${String(6 + (n % 20)).padStart(2, '0')}`,
          minutes: null,
          creditMilli: creditMilli({ hours: 16 }),
          createdAt: now,
          createdBy: null,
        });
      }
      for (const year of [2025, 2026]) {
        const sessions = short ? 6 : 8;
        for (let k = 0; k < sessions; k++) {
          const c = COURSES[k % COURSES.length] as (typeof COURSES)[number];
          const course = k >= COURSES.length ? `${c.course}（进阶）` : c.course;
          const date = `${year}-${String(2 + k).padStart(2, '0')}-${String(10 + (n % 15)).padStart(2, '0')}`;
          const minutes = k % 2 === 1 ? 270 : undefined; // 270 min = 6 学时
          await db.insert(trainingRecords).values({
            id: randomUUID(),
            officerId,
            course,
            courseKey: courseKey(course),
            category: c.category,
            mode: c.provider.includes('线下') ? 'offline' : 'online',
            provider: c.provider,
            date,
            minutes: minutes ?? null,
            creditMilli: creditMilli(minutes ? { minutes } : { hours: 10 }),
            createdAt: now,
            createdBy: null,
          });
        }
      }

      await db.insert(assessments).values({
        id: randomUUID(),
        officerId,
        year: 2025,
        grade:
          n === 20 ? 'incompetent' : n % 6 === 0 ? 'excellent' : n % 10 === 7 ? 'basically_competent' : 'competent',
        comments: null,
        assessorId: null,
        createdAt: now,
      });
    }
  }
  return n;
}
