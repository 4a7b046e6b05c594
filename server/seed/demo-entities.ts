/**
 * Demo target library: 2,200 fictional entities in the districts of 广州 (and the two demo townships under 天河) and
 * 深圳, with varied kinds, sectors, risk and credit classes and states — deterministic (a fixed linear congruential
 * sequence), so every test database and demo start holds the same library. The parties of the demo cases are
 * in it too, so their entity pages list their cases; every 400th code carries a wrong check character, as some
 * early codes do. Names and people are made up.
 */
import { randomUUID } from 'node:crypto';
import type { EntityKind, EntityStatus, GradeClass, Sector } from '../../common/enums.js';
import { usccCheckChar } from '../../common/identifiers.js';
import { type Db, queryRows } from '../db/client.js';
import { legalRepColumns } from '../modules/entities/entities.service.js';
import { entities } from '../modules/entities/entities.schema.js';
import type { Sealer } from '../platform/crypto.js';
import { sql } from 'drizzle-orm';

const GZ = [
  '440103',
  '440104',
  '440105',
  '440106',
  '440106001',
  '440106002',
  '440111',
  '440112',
  '440113',
  '440114',
  '440115',
  '440117',
  '440118',
];
const SZ = ['440303', '440304', '440305', '440306', '440307', '440308', '440309', '440310', '440311'];
export const DEMO_ENTITY_COUNT = { guangzhou: 1400, shenzhen: 800 };

const BRAND = '华丰泰和金信瑞达宏盛兴隆安顺嘉禾鸿运永福恒通康美佳裕源博新中天海星光明德正美联创立诚益祥云'.split('');
const TRADE: { word: string; sectors: Sector[] }[] = [
  { word: '餐饮管理', sectors: ['market_regulation', 'health'] },
  { word: '食品', sectors: ['market_regulation'] },
  { word: '贸易', sectors: ['market_regulation'] },
  { word: '化工', sectors: ['ecology_environment', 'emergency_management'] },
  { word: '建筑工程', sectors: ['housing_construction', 'emergency_management'] },
  { word: '物流', sectors: ['transport'] },
  { word: '电子科技', sectors: ['market_regulation', 'ecology_environment'] },
  { word: '医药', sectors: ['market_regulation', 'health'] },
  { word: '文化传播', sectors: ['culture_tourism'] },
  { word: '旅行社', sectors: ['culture_tourism'] },
  { word: '环保科技', sectors: ['ecology_environment'] },
  { word: '物业管理', sectors: ['urban_management', 'housing_construction'] },
  { word: '农业发展', sectors: ['agriculture'] },
  { word: '五金制品', sectors: ['market_regulation', 'emergency_management'] },
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁宋郑谢韩唐冯'.split('');
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀英华慧建国志红平'.split('');
const ROADS = [
  '天河路',
  '中山大道',
  '黄埔大道',
  '解放北路',
  '深南大道',
  '滨海大道',
  '宝安大道',
  '龙华大道',
  '广州大道',
  '工业大道',
];

/** A fixed LCG (Numerical Recipes constants): the same sequence on every run. */
function sequence(seed: number) {
  let s = seed >>> 0;
  return (n: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
}

const pickWeighted = <T>(r: number, table: [T, number][]): T => {
  let acc = 0;
  for (const [v, w] of table) {
    acc += w;
    if (r < acc) return v;
  }
  return (table[table.length - 1] as [T, number])[0];
};

const USCC_SERIAL = '0123456789ABCDEFGHJKLMNPQRTUWXY';

export async function loadDemoEntities(db: Db, sealer: Sealer, now: Date): Promise<number> {
  const rnd = sequence(20260302);
  const parties = await queryRows<{ uscc: string; name: string; region: string }>(
    db,
    sql`select distinct on (c.party_uscc) c.party_uscc as uscc, c.party_name as name, o.region_code as region
        from cases c join orgs o on o.id = c.org_id where c.party_uscc is not null order by c.party_uscc`,
  );
  const rows: (typeof entities.$inferInsert)[] = [];
  const seen = new Set<string>();
  const add = (e: {
    uscc: string;
    name: string;
    kind: EntityKind;
    region: string;
    sectors: Sector[];
    checkValid: boolean;
  }) => {
    if (seen.has(e.uscc)) return;
    seen.add(e.uscc);
    const person = `${SURNAMES[rnd(SURNAMES.length)]}${GIVEN[rnd(GIVEN.length)]}${rnd(2) ? GIVEN[rnd(GIVEN.length)] : ''}`;
    rows.push({
      id: randomUUID(),
      uscc: e.uscc,
      usccCheckValid: e.checkValid,
      name: e.name,
      kind: e.kind,
      regionCode: e.region,
      sectors: e.sectors,
      address: `${ROADS[rnd(ROADS.length)]}${1 + rnd(999)}号${rnd(3) ? `${1 + rnd(30)}楼` : ''}`,
      ...legalRepColumns(sealer, person),
      riskClass: pickWeighted<GradeClass>(rnd(100), [
        ['A', 40],
        ['B', 35],
        ['C', 18],
        ['D', 7],
      ]),
      creditClass: pickWeighted<GradeClass>(rnd(100), [
        ['A', 50],
        ['B', 30],
        ['C', 15],
        ['D', 5],
      ]),
      status: pickWeighted<EntityStatus>(rnd(100), [
        ['active', 90],
        ['abnormal', 5],
        ['deregistered', 3],
        ['revoked', 2],
      ]),
      createdAt: now,
      updatedAt: now,
    });
  };
  for (const p of parties) {
    const region = p.region.endsWith('00') ? (p.region.startsWith('4403') ? '440304' : '440106') : p.region;
    add({ uscc: p.uscc, name: p.name, kind: 'enterprise', region, sectors: ['market_regulation'], checkValid: true });
  }
  const cities: [string, string[], number][] = [
    ['广州', GZ, DEMO_ENTITY_COUNT.guangzhou],
    ['深圳', SZ, DEMO_ENTITY_COUNT.shenzhen],
  ];
  let n = 0;
  for (const [city, districts, total] of cities) {
    for (let i = 0; i < total; i++, n++) {
      const region = districts[i % districts.length] as string;
      const trade = TRADE[rnd(TRADE.length)] as (typeof TRADE)[number];
      const brand = `${BRAND[rnd(BRAND.length)]}${BRAND[rnd(BRAND.length)]}`;
      const kind = pickWeighted<EntityKind>(rnd(100), [
        ['enterprise', 75],
        ['individual_business', 18],
        ['public_institution', 4],
        ['other', 3],
      ]);
      const name =
        kind === 'individual_business'
          ? `${city}市${brand}${trade.word.slice(0, 2)}店`
          : kind === 'public_institution'
            ? `${city}市${brand}${trade.word.slice(0, 2)}服务中心`
            : kind === 'other'
              ? `${city}市${trade.word.slice(0, 2)}行业协会（${brand}）`
              : `${city}${brand}${trade.word}有限公司`;
      const head = { enterprise: '91', individual_business: '92', public_institution: '12', other: '51' }[kind];
      let serial = '';
      for (let k = 0, v = n + 7919; k < 7; k++, v = Math.floor(v / 31)) serial = USCC_SERIAL[v % 31] + serial;
      const first17 = `${head}${region.slice(0, 6)}MA${serial}`;
      const check = usccCheckChar(first17);
      const wrong = n % 400 === 399;
      const uscc = first17 + (wrong ? (USCC_SERIAL[(USCC_SERIAL.indexOf(check) + 1) % 31] as string) : check);
      const sectors = rnd(4) === 0 ? [...trade.sectors, 'market_regulation' as Sector] : trade.sectors;
      add({ uscc, name, kind, region, sectors: [...new Set(sectors)], checkValid: !wrong });
    }
  }
  for (let i = 0; i < rows.length; i += 500) await db.insert(entities).values(rows.slice(i, i + 500));
  return rows.length;
}
