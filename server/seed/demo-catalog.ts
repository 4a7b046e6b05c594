/**
 * Demo catalogue: 34 items of 市场监管, 生态环境 and 城市管理 with their legal basis (article text abridged from the
 * laws and regulations named), linked inspection/coercion items, benchmarks with 3–5 tiers for 20 penalty items,
 * one county refinement, and one township delegation in each state of the workflow.
 */
import { randomUUID } from 'node:crypto';
import type { BasisLevel, ItemLevel, ItemType, Sector } from '../../common/enums.js';
import type { Db } from '../db/client.js';
import { itemClaims, itemVersions, items } from '../modules/catalog/catalog.schema.js';
import { delegationSteps, delegations } from '../modules/delegation/delegation.schema.js';
import type { Fine, Tier } from '../modules/discretion/discretion.rules.js';
import { benchmarkVersions, benchmarks } from '../modules/discretion/discretion.schema.js';

interface DemoItem {
  code: string;
  name: string;
  law: string;
  article: string;
  type: ItemType;
  sector: Sector;
  levels: ItemLevel[];
  basis?: BasisLevel;
  guiding?: boolean;
  major?: boolean;
  parent?: string;
  /** Legal fine range for a generated benchmark: fixed yuan, or multiples of a basis. */
  range?: { yuan: [number, number] } | { multiple: [number, number]; basis: 'illegal_income' | 'goods_value' };
  kinds?: string[];
}

const FSL = '《中华人民共和国食品安全法》';
const PQL = '《中华人民共和国产品质量法》';
const APL = '《中华人民共和国大气污染防治法》';
const WPL = '《中华人民共和国水污染防治法》';
const CRA = '《城市市容和环境卫生管理条例》';
const ALL: ItemLevel[] = ['province', 'city', 'county'];

export const DEMO_ITEMS: DemoItem[] = [
  {
    code: 'SC-CF-0122',
    name: '对未取得食品生产经营许可从事食品生产经营活动的处罚',
    law: FSL,
    article:
      '第一百二十二条 违反本法规定，未取得食品生产经营许可从事食品生产经营活动……没收违法所得和违法生产经营的食品……违法生产经营的食品货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    major: true,
    range: { multiple: [10, 20], basis: 'goods_value' },
    kinds: ['fine', 'confiscate_income', 'confiscate_property'],
  },
  {
    code: 'SC-CF-0124',
    name: '对生产经营致病性微生物等污染物质含量超过食品安全标准限量的食品的处罚',
    law: FSL,
    article:
      '第一百二十四条 ……货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款；情节严重的，吊销许可证。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    major: true,
    range: { multiple: [10, 20], basis: 'goods_value' },
    kinds: ['fine', 'confiscate_income', 'confiscate_property', 'revoke_license'],
  },
  {
    code: 'SC-JC-0110',
    name: '对食品生产经营者的监督检查',
    law: FSL,
    article:
      '第一百一十条 县级以上人民政府食品安全监督管理部门履行食品安全监督管理职责，有权进入生产经营场所实施现场检查……',
    type: 'inspection',
    sector: 'market_regulation',
    levels: ['province', 'city', 'county', 'township'],
    guiding: true,
    parent: 'SC-CF-0126',
  },
  {
    code: 'SC-QZ-0124',
    name: '查封、扣押不符合食品安全标准的食品',
    law: FSL,
    article:
      '第一百一十条第四项 查封、扣押有证据证明不符合食品安全标准或者有证据证明存在安全隐患以及用于违法生产经营的食品、食品添加剂、食品相关产品。',
    type: 'coercion',
    sector: 'market_regulation',
    levels: ALL,
    parent: 'SC-CF-0124',
  },
  {
    code: 'SC-CF-0126',
    name: '对食品生产经营者未按规定建立并遵守进货查验记录制度的处罚',
    law: FSL,
    article:
      '第一百二十六条 ……由县级以上人民政府食品安全监督管理部门责令改正，给予警告；拒不改正的，处五千元以上五万元以下罚款；情节严重的，责令停产停业，直至吊销许可证。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ['province', 'city', 'county', 'township'],
    guiding: true,
    range: { yuan: [5000, 50000] },
    kinds: ['warning', 'fine', 'suspend_business', 'revoke_license'],
  },
  {
    code: 'SC-CF-0127',
    name: '对食品生产加工小作坊、食品摊贩违法行为的处罚',
    law: '《广东省食品生产加工小作坊和食品摊贩管理条例》',
    article:
      '第三十八条 食品摊贩未办理登记从事食品经营的，由县级人民政府食品安全监督管理部门责令改正，没收违法所得，并处二百元以上二千元以下罚款。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ['county', 'township'],
    basis: 'provincial',
    guiding: true,
    range: { yuan: [200, 2000] },
    kinds: ['fine', 'confiscate_income'],
  },
  {
    code: 'SC-CF-0049',
    name: '对生产、销售不符合保障人体健康和人身、财产安全标准的产品的处罚',
    law: PQL,
    article:
      '第四十九条 ……责令停止生产、销售，没收违法生产、销售的产品，并处违法生产、销售产品（包括已售出和未售出的产品）货值金额等值以上三倍以下的罚款；有违法所得的，并处没收违法所得；情节严重的，吊销营业执照。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    range: { multiple: [1, 3], basis: 'goods_value' },
    kinds: ['fine', 'confiscate_income', 'confiscate_property', 'revoke_license'],
  },
  {
    code: 'SC-CF-0050',
    name: '对在产品中掺杂、掺假，以假充真、以次充好的处罚',
    law: PQL,
    article: '第五十条 ……并处违法生产、销售产品货值金额百分之五十以上三倍以下的罚款；有违法所得的，并处没收违法所得……',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    range: { multiple: [0.5, 3], basis: 'goods_value' },
    kinds: ['fine', 'confiscate_income', 'confiscate_property'],
  },
  {
    code: 'SC-CF-0053',
    name: '对伪造产品产地、伪造或者冒用他人厂名厂址的处罚',
    law: PQL,
    article:
      '第五十三条 ……责令改正，没收违法生产、销售的产品，并处违法生产、销售产品货值金额等值以下的罚款；有违法所得的，并处没收违法所得……',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    range: { multiple: [0, 1], basis: 'goods_value' },
    kinds: ['fine', 'confiscate_income', 'confiscate_property'],
  },
  {
    code: 'SC-CF-JG13',
    name: '对经营者不执行明码标价规定的处罚',
    law: '《中华人民共和国价格法》',
    article: '第四十二条 经营者违反明码标价规定的，责令改正，没收违法所得，可以并处五千元以下的罚款。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ['province', 'city', 'county', 'township'],
    guiding: true,
    range: { yuan: [0, 5000] },
    kinds: ['warning', 'fine', 'confiscate_income'],
  },
  {
    code: 'SC-CF-FBZ8',
    name: '对经营者进行虚假或者引人误解的商业宣传的处罚',
    law: '《中华人民共和国反不正当竞争法》',
    article:
      '第二十条 经营者违反本法第八条规定……处二十万元以上一百万元以下的罚款；情节严重的，处一百万元以上二百万元以下的罚款，可以吊销营业执照。',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    range: { yuan: [200000, 2000000] },
    kinds: ['fine', 'revoke_license'],
  },
  {
    code: 'SC-CF-XQ56',
    name: '对经营者侵害消费者权益行为的处罚',
    law: '《中华人民共和国消费者权益保护法》',
    article:
      '第五十六条 ……可以根据情节单处或者并处警告、没收违法所得、处以违法所得一倍以上十倍以下的罚款，没有违法所得的，处以五十万元以下的罚款……',
    type: 'penalty',
    sector: 'market_regulation',
    levels: ALL,
    range: { multiple: [1, 10], basis: 'illegal_income' },
    kinds: ['warning', 'fine', 'confiscate_income', 'suspend_business'],
  },
  {
    code: 'SC-XK-0035',
    name: '食品经营许可',
    law: FSL,
    article: '第三十五条 国家对食品生产经营实行许可制度。从事食品生产、食品销售、餐饮服务，应当依法取得许可。',
    type: 'permit',
    sector: 'market_regulation',
    levels: ['county'],
  },
  {
    code: 'SC-QR-0001',
    name: '特种设备使用登记',
    law: '《中华人民共和国特种设备安全法》',
    article:
      '第三十三条 特种设备使用单位应当在特种设备投入使用前或者投入使用后三十日内，向负责特种设备安全监督管理的部门办理使用登记。',
    type: 'confirmation',
    sector: 'market_regulation',
    levels: ['city', 'county'],
  },
  {
    code: 'HJ-CF-0099',
    name: '对超过大气污染物排放标准排放大气污染物的处罚',
    law: APL,
    article:
      '第九十九条 ……超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的，由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。',
    type: 'penalty',
    sector: 'ecology_environment',
    levels: ALL,
    major: true,
    range: { yuan: [100000, 1000000] },
    kinds: ['fine', 'restrict_business', 'suspend_business', 'close'],
  },
  {
    code: 'HJ-CF-0108',
    name: '对未采取措施控制挥发性有机物排放的处罚',
    law: APL,
    article:
      '第一百零八条 ……由县级以上人民政府生态环境主管部门责令改正，处二万元以上二十万元以下的罚款；拒不改正的，责令停产整治。',
    type: 'penalty',
    sector: 'ecology_environment',
    levels: ALL,
    range: { yuan: [20000, 200000] },
    kinds: ['fine', 'suspend_business'],
  },
  {
    code: 'HJ-CF-0083',
    name: '对超过水污染物排放标准排放水污染物的处罚',
    law: WPL,
    article:
      '第八十三条 ……由县级以上人民政府环境保护主管部门责令改正或者责令限制生产、停产整治，并处十万元以上一百万元以下的罚款；情节严重的，报经有批准权的人民政府批准，责令停业、关闭。',
    type: 'penalty',
    sector: 'ecology_environment',
    levels: ALL,
    major: true,
    range: { yuan: [100000, 1000000] },
    kinds: ['fine', 'restrict_business', 'suspend_business', 'close'],
  },
  {
    code: 'HJ-CF-HP31',
    name: '对建设项目未依法报批环境影响评价文件擅自开工建设的处罚',
    law: '《中华人民共和国环境影响评价法》',
    article:
      '第三十一条 ……由县级以上生态环境主管部门责令停止建设，根据违法情节和危害后果，处建设项目总投资额百分之一以上百分之五以下的罚款，并可以责令恢复原状。',
    type: 'penalty',
    sector: 'ecology_environment',
    levels: ALL,
    major: true,
  },
  {
    code: 'HJ-CF-GF102',
    name: '对产生工业固体废物的单位未建立固体废物管理台账的处罚',
    law: '《中华人民共和国固体废物污染环境防治法》',
    article: '第一百零二条 ……处十万元以上一百万元以下的罚款。',
    type: 'penalty',
    sector: 'ecology_environment',
    levels: ALL,
    range: { yuan: [100000, 1000000] },
    kinds: ['fine'],
  },
  {
    code: 'HJ-JC-0001',
    name: '对排污单位的现场检查',
    law: '《中华人民共和国环境保护法》',
    article:
      '第二十四条 县级以上人民政府环境保护主管部门及其委托的环境监察机构和其他负有环境保护监督管理职责的部门，有权对排放污染物的企业事业单位和其他生产经营者进行现场检查。',
    type: 'inspection',
    sector: 'ecology_environment',
    levels: ALL,
    parent: 'HJ-CF-0099',
  },
  {
    code: 'HJ-QZ-0025',
    name: '查封、扣押造成污染物排放的设施、设备',
    law: '《中华人民共和国环境保护法》',
    article:
      '第二十五条 企业事业单位和其他生产经营者违反法律法规规定排放污染物，造成或者可能造成严重污染的，县级以上人民政府环境保护主管部门和其他负有环境保护监督管理职责的部门，可以查封、扣押造成污染物排放的设施、设备。',
    type: 'coercion',
    sector: 'ecology_environment',
    levels: ALL,
    parent: 'HJ-CF-0099',
  },
  {
    code: 'HJ-XK-0001',
    name: '排污许可证核发',
    law: '《排污许可管理条例》',
    article:
      '第二条 依照法律规定实行排污许可管理的企业事业单位和其他生产经营者，应当依照本条例规定申请取得排污许可证。',
    type: 'permit',
    sector: 'ecology_environment',
    levels: ['city'],
  },
  {
    code: 'CG-CF-0118',
    name: '对排放油烟的餐饮服务业经营者未安装油烟净化设施的处罚',
    law: APL,
    article:
      '第一百一十八条 ……排放油烟的餐饮服务业经营者未安装油烟净化设施、不正常使用油烟净化设施或者未采取其他油烟净化措施，超过排放标准排放油烟的，由县级以上地方人民政府确定的监督管理部门责令改正，处五千元以上五万元以下的罚款；拒不改正的，责令停业整治。',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['province', 'city', 'county', 'township'],
    guiding: true,
    range: { yuan: [5000, 50000] },
    kinds: ['fine', 'suspend_business'],
  },
  {
    code: 'CG-CF-0115',
    name: '对施工单位未采取有效防尘降尘措施的处罚',
    law: APL,
    article:
      '第一百一十五条 ……施工单位有下列行为之一的，由县级以上人民政府住房城乡建设等主管部门按照职责责令改正，处一万元以上十万元以下的罚款；拒不改正的，责令停工整治。',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['province', 'city', 'county', 'township'],
    guiding: true,
    range: { yuan: [10000, 100000] },
    kinds: ['fine', 'suspend_business'],
  },
  {
    code: 'CG-CF-SR34',
    name: '对随地吐痰、乱扔果皮纸屑等影响市容环境卫生行为的处罚',
    law: CRA,
    article:
      '第三十四条 有下列行为之一者，城市人民政府市容环境卫生行政主管部门或者其委托的单位除责令其纠正违法行为、采取补救措施外，可以并处警告、罚款：（一）随地吐痰、便溺，乱扔果皮、纸屑和烟头等废弃物的……',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['county', 'township'],
    guiding: true,
    range: { yuan: [0, 200] },
    kinds: ['warning', 'fine'],
  },
  {
    code: 'CG-CF-SR36',
    name: '对擅自在街道两侧和公共场地堆放物料、搭建建筑物的处罚',
    law: CRA,
    article:
      '第三十六条 ……未经城市人民政府市容环境卫生行政主管部门同意，擅自在街道两侧和公共场地堆放物料，搭建建筑物、构筑物或者其他设施的，由城市人民政府市容环境卫生行政主管部门或者其委托的单位责令其停止违法行为，限期清理、拆除或者采取其他补救措施，并可处以罚款。',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['county', 'township'],
    guiding: true,
  },
  {
    code: 'CG-CF-DL42',
    name: '对擅自占用或者挖掘城市道路的处罚',
    law: '《城市道路管理条例》',
    article:
      '第四十二条 ……由市政工程行政主管部门或者其他有关部门责令限期改正，可以处以2万元以下的罚款；造成损失的，应当依法承担赔偿责任。',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['county', 'township'],
    guiding: true,
    range: { yuan: [0, 20000] },
    kinds: ['fine'],
  },
  {
    code: 'CG-CF-GH64',
    name: '对未取得建设工程规划许可证进行建设的处罚',
    law: '《中华人民共和国城乡规划法》',
    article:
      '第六十四条 未取得建设工程规划许可证或者未按照建设工程规划许可证的规定进行建设的，由县级以上地方人民政府城乡规划主管部门责令停止建设；尚可采取改正措施消除对规划实施的影响的，限期改正，处建设工程造价百分之五以上百分之十以下的罚款……',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['city', 'county'],
    major: true,
  },
  {
    code: 'CG-CF-LJ45',
    name: '对未按规定分类投放生活垃圾的处罚',
    law: '《广东省城乡生活垃圾管理条例》',
    article:
      '第七十九条 ……个人未按照规定分类投放生活垃圾的，由县级以上人民政府环境卫生主管部门责令改正；拒不改正的，处五十元以上二百元以下罚款。',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['county', 'township'],
    basis: 'provincial',
    guiding: true,
    range: { yuan: [50, 200] },
    kinds: ['fine'],
  },
  {
    code: 'CG-CF-GZ21',
    name: '对在城市道路上违规设置户外广告的处罚（广州）',
    law: '《广州市户外广告和招牌设置管理办法》',
    article:
      '第三十八条 违反本办法规定，擅自设置户外广告设施的，由城市管理综合执法机关责令限期拆除，逾期未拆除的，依法强制拆除，并处五千元以上五万元以下罚款。',
    type: 'penalty',
    sector: 'urban_management',
    levels: ['city', 'county'],
    basis: 'city',
    range: { yuan: [5000, 50000] },
    kinds: ['fine'],
  },
  {
    code: 'CG-JC-0001',
    name: '对施工工地扬尘污染防治的检查',
    law: APL,
    article:
      '第二十九条 生态环境主管部门及其环境执法机构和其他负有大气环境保护监督管理职责的部门，有权通过现场检查监测……对排放大气污染物的企业事业单位和其他生产经营者进行监督检查。',
    type: 'inspection',
    sector: 'urban_management',
    levels: ['county', 'township'],
    guiding: true,
    parent: 'CG-CF-0115',
  },
  {
    code: 'CG-QZ-0001',
    name: '暂扣违法经营的工具和物品',
    law: '《广东省城乡规划条例》',
    article: '第七十五条 城市管理综合执法部门依法查处违法建设时，可以查封施工现场，暂扣用于违法建设的施工工具和材料。',
    type: 'coercion',
    sector: 'urban_management',
    levels: ['county', 'township'],
    basis: 'provincial',
    parent: 'CG-CF-SR36',
  },
  {
    code: 'CG-QT-0001',
    name: '城市管理领域投诉举报受理',
    law: '《广东省城市管理综合执法条例》',
    article: '第四十条 城市管理综合执法部门应当建立投诉举报制度，公开投诉举报方式，及时受理并处理投诉举报。',
    type: 'other',
    sector: 'urban_management',
    levels: ['city', 'county', 'township'],
    basis: 'provincial',
  },
];

/** Tiers for a legal range: 减轻 below the minimum, 从轻 the lower third, 一般 the middle, 从重 the upper third. */
export function tiersForRange(range: NonNullable<DemoItem['range']>, kinds: string[]): Tier[] {
  const fineKinds = kinds.filter((k) => k !== 'revoke_license' && k !== 'close');
  if ('yuan' in range) {
    const [lo, hi] = range.yuan.map((y) => y * 100) as [number, number];
    const a = lo + Math.round((hi - lo) * 0.3);
    const b = lo + Math.round((hi - lo) * 0.7);
    const fine = (min: number, max: number): Fine => ({ minFen: min, maxFen: max });
    const tiers: Tier[] = [
      {
        circumstance: 'lighter',
        conditions: '初次违法、危害后果轻微、主动改正',
        penaltyKinds: fineKinds.filter((k) => k !== 'suspend_business'),
        fine: fine(lo, a),
        timeLimitDays: 15,
      },
      {
        circumstance: 'general',
        conditions: '不具有从轻、从重情节',
        penaltyKinds: fineKinds,
        fine: fine(a, b),
        timeLimitDays: 15,
      },
      {
        circumstance: 'heavier',
        conditions: '造成较大社会影响、拒不改正或再次违法',
        penaltyKinds: kinds,
        fine: fine(b, hi),
        timeLimitDays: 15,
      },
    ];
    if (lo > 0)
      tiers.unshift({
        circumstance: 'mitigated',
        conditions: '主动消除或减轻违法行为危害后果，受他人胁迫或诱骗',
        penaltyKinds: ['fine'],
        fine: fine(0, lo),
        timeLimitDays: 15,
      });
    tiers.unshift({
      circumstance: 'none',
      conditions: '首次违法且危害后果轻微并及时改正（首违不罚，须同时教育）',
      penaltyKinds: [],
    });
    return tiers;
  }
  const [lo, hi] = range.multiple;
  const a = Math.round((lo + (hi - lo) * 0.3) * 10) / 10;
  const b = Math.round((lo + (hi - lo) * 0.7) * 10) / 10;
  const fine = (min: number, max: number): Fine => ({ minMultiple: min, maxMultiple: max, basis: range.basis });
  return [
    {
      circumstance: 'lighter',
      conditions: '初次违法、货值金额较小、主动召回',
      penaltyKinds: fineKinds,
      fine: fine(lo, a),
      timeLimitDays: 30,
    },
    {
      circumstance: 'general',
      conditions: '不具有从轻、从重情节',
      penaltyKinds: fineKinds,
      fine: fine(a, b),
      timeLimitDays: 30,
    },
    {
      circumstance: 'heavier',
      conditions: '涉及婴幼儿等特定人群食品、造成危害后果或再次违法',
      penaltyKinds: kinds,
      fine: fine(b, hi),
      timeLimitDays: 30,
    },
  ];
}

const OWNER_BY_SECTOR: Record<string, string> = {
  market_regulation: 'gd_amr',
  ecology_environment: 'gd_eee',
  urban_management: 'gd_zjt',
};

export async function loadDemoCatalog(db: Db, orgIds: Record<string, string>, now: Date): Promise<void> {
  const ids: Record<string, string> = {};
  for (const d of DEMO_ITEMS) ids[d.code] = randomUUID();
  // parents first so that the foreign key holds
  const ordered = [...DEMO_ITEMS.filter((d) => !d.parent), ...DEMO_ITEMS.filter((d) => d.parent)];
  for (const d of ordered) {
    const row = {
      id: ids[d.code] as string,
      baseCode: d.code,
      name: d.name,
      legalBasis: { law: d.law, article: d.article },
      type: d.type,
      sector: d.sector,
      levels: d.levels,
      basisLevel: d.basis ?? 'national',
      status: 'active',
      version: 1,
      townshipGuiding: d.guiding ?? false,
      major: d.major ?? false,
      parentItemId: d.parent ? (ids[d.parent] ?? null) : null,
      createdAt: now,
      updatedAt: now,
    };
    await db.insert(items).values(row);
    const { createdAt: _c, updatedAt: _u, ...snap } = row;
    await db
      .insert(itemVersions)
      .values({ itemId: row.id, version: 1, snapshot: snap, changedBy: null, changedAt: now });
  }
  // claims (认领): each enforcement department takes the items of its sector at its level — the competence its cases
  // are registered under (a township acts only by delegation in force)
  const CLAIMS: [org: string, sector: string, level: string][] = [
    ['gz_amr', 'market_regulation', 'city'],
    ['sz_amr', 'market_regulation', 'city'],
    ['th_amr', 'market_regulation', 'county'],
    ['yx_amr', 'market_regulation', 'county'],
    ['ns_amr', 'market_regulation', 'county'],
    ['gz_eee', 'ecology_environment', 'city'],
    ['sz_eee', 'ecology_environment', 'city'],
    ['gz_cgj', 'urban_management', 'city'],
    ['th_zhzf', 'urban_management', 'county'],
  ];
  for (const [org, sector, level] of CLAIMS) {
    for (const d of DEMO_ITEMS.filter((x) => x.sector === sector && x.levels.includes(level as never))) {
      if (!orgIds[org]) continue;
      await db
        .insert(itemClaims)
        .values({ itemId: ids[d.code] as string, orgId: orgIds[org] as string, claimedBy: null, claimedAt: now });
    }
  }
  // benchmarks: every item with a legal range (12 national/provincial by the province, one city item by 广州)
  const benchmarkIds: Record<string, string> = {};
  for (const d of DEMO_ITEMS.filter((x) => x.range && x.type === 'penalty')) {
    const owner = d.basis === 'city' ? orgIds.gz_cgj : orgIds[OWNER_BY_SECTOR[d.sector] as string];
    if (!owner) continue;
    const id = randomUUID();
    benchmarkIds[d.code] = id;
    await db.insert(benchmarks).values({
      id,
      itemId: ids[d.code] as string,
      ownerOrgId: owner,
      parentId: null,
      currentVersion: 1,
      createdAt: now,
      createdBy: null,
    });
    await db.insert(benchmarkVersions).values({
      benchmarkId: id,
      version: 1,
      effectiveFrom: '2024-01-01',
      tiers: tiersForRange(d.range as NonNullable<DemoItem['range']>, d.kinds ?? ['fine']),
      createdAt: now,
      createdBy: null,
    });
  }
  // one county refinement: 天河区市场监督管理局 narrows 进货查验 (SC-CF-0126) to half of each fine range, no 吊销 in 从重
  const parentId = benchmarkIds['SC-CF-0126'] as string;
  const parentTiers = tiersForRange({ yuan: [5000, 50000] }, ['warning', 'fine', 'suspend_business', 'revoke_license']);
  const refined: Tier[] = parentTiers
    .filter((t) => t.circumstance !== 'none')
    .map((t) => {
      const f = t.fine as { minFen: number; maxFen: number } | undefined;
      return {
        ...t,
        conditions: `${t.conditions}（天河区细化）`,
        penaltyKinds: t.penaltyKinds.filter((k) => k !== 'revoke_license'),
        fine: f ? { minFen: f.minFen, maxFen: f.minFen + Math.round((f.maxFen - f.minFen) / 2) } : null,
        timeLimitDays: 10,
      };
    });
  const refinementId = randomUUID();
  await db.insert(benchmarks).values({
    id: refinementId,
    itemId: ids['SC-CF-0126'] as string,
    ownerOrgId: orgIds.th_amr as string,
    parentId,
    currentVersion: 1,
    createdAt: now,
    createdBy: null,
  });
  await db.insert(benchmarkVersions).values({
    benchmarkId: refinementId,
    version: 1,
    effectiveFrom: '2024-07-01',
    tiers: refined,
    createdAt: now,
    createdBy: null,
  });

  // delegations in 天河区, one in each state
  const guiding = (codes: string[]) =>
    codes.flatMap((c) => [
      ids[c] as string,
      ...DEMO_ITEMS.filter((x) => x.parent === c).map((x) => ids[x.code] as string),
    ]);
  const sp = orgIds.sp_zfb as string;
  const ws = orgIds.ws_zfb as string;
  const th = orgIds.th_gov as string;
  const gz = orgIds.gz_gov as string;
  const plan: {
    status: string;
    codes: string[];
    townships: string[];
    effective?: string;
    steps: [string, string, Record<string, string>, string][];
  }[] = [
    { status: 'proposed', codes: ['CG-CF-LJ45'], townships: [ws], steps: [] },
    {
      status: 'county_approved',
      codes: ['SC-CF-JG13'],
      townships: [sp, ws],
      steps: [
        [
          'county_approve',
          'county_approved',
          { meetingDate: '2026-09-18', meetingNumber: '天河区政府2026年第21次常务会议' },
          th,
        ],
      ],
    },
    {
      status: 'city_decided',
      codes: ['CG-CF-DL42'],
      townships: [ws],
      steps: [
        [
          'county_approve',
          'county_approved',
          { meetingDate: '2026-06-12', meetingNumber: '天河区政府2026年第14次常务会议' },
          th,
        ],
        [
          'city_decide',
          'city_decided',
          { meetingDate: '2026-08-05', meetingNumber: '广州市政府2026年第九次常务会议' },
          gz,
        ],
      ],
    },
    {
      status: 'announced',
      codes: ['CG-CF-SR34', 'CG-CF-SR36'],
      townships: [sp, ws],
      effective: '2024-03-01',
      steps: [
        [
          'county_approve',
          'county_approved',
          { meetingDate: '2023-10-20', meetingNumber: '天河区政府2023年第25次常务会议' },
          th,
        ],
        [
          'city_decide',
          'city_decided',
          { meetingDate: '2023-12-15', meetingNumber: '广州市政府2023年第十二次常务会议' },
          gz,
        ],
        ['announce', 'announced', { announcementNumber: '天河府告〔2024〕2号', effectiveDate: '2024-03-01' }, th],
      ],
    },
    {
      status: 'evaluated',
      codes: ['CG-CF-0118', 'CG-CF-0115'],
      townships: [sp],
      effective: '2024-01-01',
      steps: [
        [
          'county_approve',
          'county_approved',
          { meetingDate: '2023-09-01', meetingNumber: '天河区政府2023年第20次常务会议' },
          th,
        ],
        [
          'city_decide',
          'city_decided',
          { meetingDate: '2023-11-10', meetingNumber: '广州市政府2023年第十一次常务会议' },
          gz,
        ],
        ['announce', 'announced', { announcementNumber: '天河府告〔2023〕9号', effectiveDate: '2024-01-01' }, th],
        [
          'evaluate',
          'evaluated',
          { date: '2024-11-20', result: 'capable', comments: '街道承接到位，案件办理规范' },
          th,
        ],
      ],
    },
    {
      status: 'recalled',
      codes: ['SC-CF-0127'],
      townships: [ws],
      effective: '2024-01-01',
      steps: [
        [
          'county_approve',
          'county_approved',
          { meetingDate: '2023-09-01', meetingNumber: '天河区政府2023年第20次常务会议' },
          th,
        ],
        [
          'city_decide',
          'city_decided',
          { meetingDate: '2023-11-10', meetingNumber: '广州市政府2023年第十一次常务会议' },
          gz,
        ],
        ['announce', 'announced', { announcementNumber: '天河府告〔2023〕10号', effectiveDate: '2024-01-01' }, th],
        [
          'evaluate',
          'evaluated',
          { date: '2024-12-10', result: 'not_capable', comments: '街道缺乏食品安全专业执法力量，接不住' },
          th,
        ],
        [
          'recall',
          'recalled',
          { announcementNumber: '天河府告〔2025〕3号', date: '2025-03-01', reason: '评估认为街道承接能力不足' },
          th,
        ],
      ],
    },
  ];
  for (const p of plan) {
    const id = randomUUID();
    await db.insert(delegations).values({
      id,
      itemIds: guiding(p.codes),
      townshipOrgIds: p.townships,
      countyRegionCode: '440106',
      reason: '推进行政执法权限和力量向基层延伸和下沉，街道具备承接条件',
      status: p.status,
      effectiveDate: p.effective ?? null,
      proposerOrgId: th,
      createdAt: now,
      updatedAt: now,
    });
    // each step is dated by its meeting, announcement or evaluation; the proposal three weeks before the first
    const stepAt = (payload: Record<string, string>) =>
      new Date(`${payload.meetingDate ?? payload.date ?? payload.effectiveDate}T10:00:00+08:00`);
    const first = p.steps[0];
    const proposedAt = first
      ? new Date(stepAt(first[2]).getTime() - 21 * 86_400_000)
      : new Date(now.getTime() - 10 * 86_400_000);
    let from = 'proposed';
    await db.insert(delegationSteps).values({
      delegationId: id,
      action: 'propose',
      fromStatus: null,
      toStatus: 'proposed',
      payload: { reason: '推进行政执法权限和力量向基层延伸和下沉' },
      actorId: null,
      orgId: th,
      at: proposedAt,
    });
    for (const [action, to, payload, org] of p.steps) {
      await db.insert(delegationSteps).values({
        delegationId: id,
        action,
        fromStatus: from,
        toStatus: to,
        payload,
        actorId: null,
        orgId: org,
        at: stepAt(payload),
      });
      from = to;
    }
  }
}
