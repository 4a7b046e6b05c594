/** Demo data: this year's supervision work plans of 广州市司法局 and of the provincial 司法厅, partly under way. */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { shanghaiDate } from '../../platform/clock.js';
import type { DemoContext } from '../../platform/module.js';
import { users } from '../accounts/accounts.api.js';
import { supervisionPlanItems, supervisionPlans, supervisionProgress } from './supervision.schema.js';

interface DemoItem {
  title: string;
  kind: string;
  targets: string[];
  /** Month and day within the plan's year. */
  due: string;
  progress?: { status: string; note: string; daysAgo: number };
}

const PLANS: { body: string; by: string; username: string; items: DemoItem[] }[] = [
  {
    body: 'gz_sfj',
    by: '梁监督',
    username: 'gz_sfj_supervisor',
    items: [
      {
        title: '市场监管领域行政处罚案卷评查',
        kind: 'file_review',
        targets: ['gz_amr', 'th_amr'],
        due: '06-30',
        progress: { status: 'done', note: '抽查案卷 40 宗，评查结果已书面反馈被评查单位。', daysAgo: 150 },
      },
      {
        title: '涉企行政检查专项监督',
        kind: 'special_inspection',
        targets: ['gz_amr', 'gz_eee'],
        due: '09-30',
        progress: { status: 'in_progress', note: '已完成市场监管局的现场检查，生态环境局待安排。', daysAgo: 40 },
      },
      { title: '行政执法突出问题专项整治', kind: 'rectification', targets: ['th_zhzf'], due: '12-31' },
    ],
  },
  {
    body: 'gd_sft',
    by: '陈监督',
    username: 'sft_supervisor',
    items: [
      { title: '全省行政执法评议考核', kind: 'evaluation', targets: ['gz_sfj', 'sz_sfj'], due: '12-31' },
      { title: '行政执法监督人员业务培训', kind: 'training', targets: ['gz_sfj', 'sz_sfj'], due: '11-30' },
    ],
  },
];

export async function loadDemoPlans({ tx, now, orgIds }: DemoContext) {
  const year = Number(shanghaiDate(now).slice(0, 4));
  for (const p of PLANS) {
    const bodyOrgId = orgIds[p.body];
    if (!bodyOrgId) throw new Error(`demo org ${p.body} missing`);
    const [creator] = await tx.select({ id: users.id }).from(users).where(eq(users.username, p.username)).limit(1);
    if (!creator) throw new Error(`demo account ${p.username} missing`);
    const planId = randomUUID();
    await tx
      .insert(supervisionPlans)
      .values({ id: planId, bodyOrgId, year, createdAt: now, updatedAt: now, createdBy: creator.id });
    for (const [position, item] of p.items.entries()) {
      const itemId = randomUUID();
      await tx.insert(supervisionPlanItems).values({
        id: itemId,
        planId,
        position,
        title: item.title,
        kind: item.kind,
        targetOrgIds: item.targets.map((k) => orgIds[k] as string),
        due: `${year}-${item.due}`,
        status: item.progress?.status ?? 'planned',
        updatedAt: now,
      });
      if (item.progress)
        await tx.insert(supervisionProgress).values({
          id: randomUUID(),
          itemId,
          seq: 1,
          at: new Date(now.getTime() - item.progress.daysAgo * 86_400_000),
          status: item.progress.status,
          note: item.progress.note,
          byUserId: creator.id,
          byName: p.by,
        });
    }
  }
}
