/**
 * Demo data of 双随机、一公开 (dated from the seed's now): a joint plan of 广州市市场监督管理局 and 广州市生态环境局,
 * published; its first task drawn three weeks ago with results (no_issue, rectify with its follow-up, case_opened
 * with its penalty case), published; its second task committed yesterday (commitment public) and not yet drawn.
 * Everything goes through the module's own services, so the procedure record, the transparency leaves and the audit
 * log hold the same as for a real run, and `zhifa verify` / `zhifa redraw` pass.
 */
import { and, eq } from 'drizzle-orm';
import { manualClock } from '../../platform/clock.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { DemoContext } from '../../platform/module.js';
import { scopeOf } from '../../platform/scope.js';
import { users } from '../accounts/accounts.api.js';
import { DEFAULT_THRESHOLDS } from '../cases/cases.api.js';
import { items, itemClaims } from '../catalog/catalog.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { createPlan, publishPlan } from './plans.service.js';
import { publishResults, recordResult } from './results.service.js';
import { createTask, taskStep } from './tasks.service.js';

const DAY = 86_400_000;

/** A seeded account as the services' actor (the demo and bench/draw.ts act through the real services). */
export async function demoActor(tx: DemoContext['tx'], username: string): Promise<Actor> {
  const [row] = await tx
    .select({ u: users, o: orgs })
    .from(users)
    .innerJoin(orgs, eq(orgs.id, users.orgId))
    .where(eq(users.username, username))
    .limit(1);
  if (!row) throw new Error(`demo account ${username} missing`);
  const { u, o } = row;
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles as Actor['roles'],
    sessionId: 'demo-seed',
    mustChangePassword: false,
    org: { id: o.id, name: o.name, regionCode: o.regionCode, sector: o.sector, kind: o.kind },
    scope: scopeOf(o),
  };
}

async function claimedItem(tx: DemoContext['tx'], orgId: string, type: 'inspection' | 'penalty') {
  const [row] = await tx
    .select({ id: items.id })
    .from(items)
    .innerJoin(itemClaims, eq(itemClaims.itemId, items.id))
    .where(and(eq(items.type, type), eq(items.status, 'active'), eq(itemClaims.orgId, orgId)))
    .orderBy(items.baseCode)
    .limit(1);
  if (!row) throw new Error(`no ${type} item claimed by the demo org`);
  return row.id;
}

export async function loadDemoInspections({ tx, sealer, now, orgIds }: DemoContext) {
  const amr = orgIds.gz_amr;
  const eee = orgIds.gz_eee;
  if (!amr || !eee) throw new Error('demo orgs gz_amr / gz_eee missing');
  const clock = manualClock(new Date(now.getTime() - 22 * DAY));
  const deps = {
    db: tx,
    clock,
    sealer,
    cases: {
      db: tx,
      clock,
      sealer,
      thresholds: DEFAULT_THRESHOLDS,
      publicBaseUrl: 'http://localhost:3000',
      training: { shortfallBlocks: false },
    },
  };
  const head = await demoActor(tx, 'gz_head');
  const ctx = (actor: Actor): RequestContext => ({ actor, ip: null, userAgent: 'zhifa-demo', audited: false });
  const year = Number(new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 4));
  const plan = await createPlan(deps, ctx(head), head, {
    year,
    name: `${year} 年度市场监管与生态环境联合双随机抽查计划`,
    orgIds: [amr, eee],
    itemIds: [await claimedItem(tx, amr, 'inspection')],
    targetFilter: { regionCodes: ['440100'], sectors: ['market_regulation', 'ecology_environment'], kinds: [] },
    ratios: { A: 0.01, B: 0.02, C: 0.03, D: 0.05 },
    inspectorsPerTarget: 2,
    from: `${year}-01-01`,
    to: `${year}-12-31`,
  });
  await publishPlan(deps, ctx(head), head, plan.id);

  clock.advance(DAY);
  const first = await createTask(deps, ctx(head), head, {
    planId: plan.id,
    name: '第一批次联合抽查',
    deadline: new Date(now.getTime() + 60 * DAY).toISOString().slice(0, 10),
  });
  clock.advance(3_600_000);
  await taskStep(deps, ctx(head), head, first.id, 'commit', {});
  clock.advance(2 * 3_600_000);
  const drawn = await taskStep(deps, ctx(head), head, first.id, 'draw', { publicSeed: '3 6 2 5 1 4' });

  // results a week after the draw: no issue, a rectification order, a case opened
  clock.advance(7 * DAY);
  const filled = drawn.targets.filter((t) => !t.unfilled && t.inspectors.length >= 2);
  const inspectedAt = new Date(clock.now().getTime() - 3_600_000).toISOString();
  const outcomes = [
    { outcome: 'no_issue' as const, findings: '查验营业执照、进货查验记录和排污许可，未发现问题。' },
    {
      outcome: 'rectify' as const,
      findings: '食品贮存区温湿度记录不全，责令限期整改。',
      rectifyBy: new Date(clock.now().getTime() + 10 * DAY).toISOString().slice(0, 10),
    },
    {
      outcome: 'case_opened' as const,
      findings: '发现销售超过保质期的食品，涉嫌违法，移送立案查处。',
      caseItemId: await claimedItem(tx, amr, 'penalty'),
    },
    { outcome: 'no_issue' as const, findings: '现场核查经营情况，未发现问题。' },
  ];
  for (const [i, o] of outcomes.entries()) {
    const t = filled[i];
    if (!t) break;
    await recordResult(
      deps,
      ctx(head),
      head,
      first.id,
      t.entityId,
      { inspectedAt, mode: 'desk', inspectorIds: t.inspectors.map((x) => x.officerId), ...o },
      null,
    );
    clock.advance(600_000);
  }
  clock.advance(2 * DAY);
  await publishResults(deps, ctx(head), head, first.id);

  // the second task: committed yesterday, drawn at a ceremony still to come
  clock.set(new Date(now.getTime() - DAY));
  const second = await createTask(deps, ctx(head), head, {
    planId: plan.id,
    name: '第二批次联合抽查',
    deadline: new Date(now.getTime() + 90 * DAY).toISOString().slice(0, 10),
  });
  clock.advance(600_000);
  await taskStep(deps, ctx(head), head, second.id, 'commit', {});
}
