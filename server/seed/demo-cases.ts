/**
 * Demo cases: 71 penalty cases (three by the simplified procedure, one with a recusal application pending) across five orgs in every state of the procedure, each with a chained
 * whole-process record; some past their 90-day limit, some decided outside the benchmark with a written reason.
 * Fictional parties (organisations with made-up USCCs, persons without ID numbers).
 */
import { createHash, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { CaseState } from '../../common/case-flow.js';
import { usccCheckChar } from '../../common/identifiers.js';
import type { Db } from '../db/client.js';
import { items } from '../modules/catalog/catalog.schema.js';
import { newCaseCode } from '../modules/cases/case-actions.js';
import { appendCaseEvent } from '../modules/cases/case-record.js';
import { caseOfficers, cases, evidenceBlobs, paymentReferences } from '../modules/cases/cases.schema.js';
import { effectiveBenchmark, evaluateAgainstBenchmark } from '../modules/discretion/discretion.service.js';
import { officers } from '../modules/personnel/personnel.schema.js';

const DAY = 86_400_000;

/** The steps of a full case, in order, with the state each leads to. */
const PATH: [string, CaseState][] = [
  ['register', 'registered'],
  ['file', 'filed'],
  ['assign', 'investigating'],
  ['add_evidence', 'investigating'],
  ['submit_review', 'reviewing'],
  ['notify', 'notified'],
  ['record_statement', 'notified'],
  ['decide', 'decided'],
  ['deliver', 'delivered'],
  ['record_payment', 'executing'],
  ['close', 'closed'],
  ['archive', 'archived'],
];

/** Final states and how many cases end there; side branches after the step named. */
const PLAN: { state: CaseState; count: number; branchAfter?: string; branch?: [string, CaseState][] }[] = [
  { state: 'registered', count: 4 },
  { state: 'filed', count: 4 },
  { state: 'investigating', count: 8 },
  { state: 'reviewing', count: 4 },
  { state: 'notified', count: 5 },
  { state: 'decided', count: 5 },
  { state: 'delivered', count: 5 },
  { state: 'executing', count: 4 },
  { state: 'closed', count: 5 },
  { state: 'archived', count: 6 },
  { state: 'not_filed', count: 2, branchAfter: 'register', branch: [['not_file', 'not_filed']] },
  { state: 'no_penalty', count: 3, branchAfter: 'submit_review', branch: [['no_penalty', 'no_penalty']] },
  { state: 'transferred', count: 2, branchAfter: 'assign', branch: [['transfer', 'transferred']] },
  { state: 'suspended', count: 3, branchAfter: 'assign', branch: [['suspend', 'suspended']] },
  { state: 'terminated', count: 2, branchAfter: 'file', branch: [['terminate', 'terminated']] },
  { state: 'hearing', count: 2, branchAfter: 'notify', branch: [['request_hearing', 'hearing']] },
  { state: 'legal_review', count: 2, branchAfter: 'record_statement', branch: [['legal_review', 'legal_review']] },
  {
    state: 'collective_discussion',
    count: 1,
    branchAfter: 'record_statement',
    branch: [
      ['legal_review', 'legal_review'],
      ['collective_discussion', 'collective_discussion'],
    ],
  },
  // 简易程序: decided and handed over on the spot, then paid
  {
    state: 'executing',
    count: 3,
    branchAfter: 'register',
    branch: [
      ['simplified_decide', 'delivered'],
      ['record_payment', 'executing'],
    ],
  },
  // a party's recusal application waiting for the head's decision
  { state: 'filed', count: 1, branchAfter: 'file', branch: [['request_recusal', 'filed']] },
];

const ORGS: { key: string; items: string[] }[] = [
  { key: 'gz_amr', items: ['SC-CF-0126', 'SC-CF-JG13'] },
  { key: 'th_amr', items: ['SC-CF-0126', 'SC-CF-JG13', 'SC-CF-0127'] },
  { key: 'sz_amr', items: ['SC-CF-0126', 'SC-CF-JG13'] },
  { key: 'gz_eee', items: ['HJ-CF-0108', 'HJ-CF-0099'] },
  { key: 'th_zhzf', items: ['CG-CF-0118', 'CG-CF-0115', 'CG-CF-DL42'] },
];

/** Steps a department head takes (the others are officers'). */
const HEAD_STEPS = [
  'file',
  'not_file',
  'assign',
  'decide',
  'no_penalty',
  'transfer',
  'suspend',
  'terminate',
  'collective_discussion',
];

const PARTIES = [
  '广州市某某餐饮管理有限公司',
  '深圳市某某贸易有限公司',
  '广州某某食品商行',
  '某某便利店',
  '广州某某建筑工程有限公司',
  '某某烟火小吃店',
  '广东某某化工有限公司',
  '某某超市有限公司',
];

export async function loadDemoCases(db: Db, orgIds: Record<string, string>, now: Date): Promise<number> {
  let n = 0;
  for (const plan of PLAN) {
    for (let k = 0; k < plan.count; k++, n++) {
      const orgPlan = ORGS[n % ORGS.length] as (typeof ORGS)[number];
      const orgId = orgIds[orgPlan.key] as string;
      const [item] = await db
        .select()
        .from(items)
        .where(eq(items.baseCode, orgPlan.items[n % orgPlan.items.length] as string));
      if (!item) continue;
      const staff = await db.select().from(officers).where(eq(officers.orgId, orgId));
      const team = staff.slice(0, 2);
      // overdue: every third investigating/reviewing/notified case was filed 100+ days ago
      const overdue = ['investigating', 'reviewing', 'notified'].includes(plan.state) && n % 3 === 0;
      let t = new Date(now.getTime() - (overdue ? 120 : 50 + (n % 30)) * DAY);
      const id = randomUUID();
      const party = PARTIES[n % PARTIES.length] as string;
      const first17 = `91440${String(100 + (n % 800)).padStart(3, '0')}MA5D${String(1000 + n).padStart(4, '0')}0`.slice(
        0,
        17,
      );
      // the intended fine: the middle of the 一般 tier that applies to the org
      const general = (await effectiveBenchmark(db, item.id, orgId, t))?.tiers.find(
        (x) => x.circumstance === 'general',
      )?.fine;
      const amountFen =
        general && 'minFen' in general ? Math.round((general.minFen + general.maxFen) / 2 / 100) * 100 : 200_000;
      const deviating = plan.state !== 'decided' ? false : k % 2 === 0;
      const [registered] = await db
        .insert(cases)
        .values({
          id,
          number: `${orgId === orgIds.th_amr || orgId === orgIds.th_zhzf ? '440106' : orgId === orgIds.sz_amr ? '440300' : '440100'}-${now.getUTCFullYear()}-D${String(n + 1).padStart(4, '0')}`,
          orgId,
          itemId: item.id,
          source: (['inspection', 'complaint', 'hotline', 'referral', 'self'] as const)[n % 5] as string,
          partyKind: 'organisation',
          partyName: party,
          partyUscc: first17 + usccCheckChar(first17),
          facts: `${item.name.replace(/^对/, '').replace(/的处罚$/, '')}（演示案例 ${n + 1}）`,
          occurredAt: new Date(t.getTime() - 5 * DAY),
          location: '广东省',
          state: 'registered',
          createdAt: t,
          updatedAt: t,
        })
        .returning();
      if (!registered) continue;
      const steps = plan.branchAfter
        ? [...PATH.slice(0, PATH.findIndex(([s]) => s === plan.branchAfter) + 1), ...(plan.branch ?? [])]
        : PATH.slice(0, PATH.findIndex(([, s]) => s === plan.state) + (plan.state === 'investigating' ? 2 : 1));
      let state: CaseState = 'registered';
      const paymentRefs: (typeof paymentReferences.$inferInsert)[] = [];
      const set: Partial<typeof cases.$inferInsert> = {};
      for (const [action, to] of steps) {
        const payload: Record<string, unknown> = { fromState: state, toState: to };
        const attachments: { name: string; mime: string; size: number; sha256: string }[] = [];
        // the registration records what was registered, as a registered case's does (the row is its projection)
        if (action === 'register')
          Object.assign(payload, {
            source: registered.source,
            itemId: item.id,
            partyKind: registered.partyKind,
            partyName: registered.partyName,
            facts: registered.facts,
            occurredAt: registered.occurredAt.toISOString(),
          });
        if (action === 'file') set.filedAt = t;
        if (action === 'assign') {
          payload.officerIds = team.map((o) => o.id);
          for (const o of team)
            await db.insert(caseOfficers).values({ caseId: id, officerId: o.id, assignedAt: t }).onConflictDoNothing();
        }
        if (action === 'add_evidence') {
          // a real (small) file: the record's hash is the SHA-256 of the stored bytes, and it downloads
          const content = Buffer.from(demoInspectionRecord(n + 1, item.name, party, t), 'utf8');
          const sha256 = createHash('sha256').update(content).digest('hex');
          await db
            .insert(evidenceBlobs)
            .values({ sha256, mime: 'text/plain; charset=utf-8', size: content.length, content, createdAt: t })
            .onConflictDoNothing();
          attachments.push({
            name: '现场检查笔录.txt',
            mime: 'text/plain; charset=utf-8',
            size: content.length,
            sha256,
          });
          payload.description = '现场检查笔录';
        }
        if (action === 'notify') {
          Object.assign(payload, { circumstance: 'general', penaltyKinds: ['fine'], amountFen });
          set.notifiedAt = t;
          set.intended = { circumstance: 'general', penaltyKinds: ['fine'], amountFen };
        }
        if (action === 'record_statement') {
          Object.assign(payload, { waivesStatement: true, waivesHearing: true });
          Object.assign(set, { statementRecorded: true, statementWaived: true, hearingWaived: true });
        }
        if (action === 'request_hearing') set.hearingRequestedAt = t;
        if (action === 'legal_review') {
          Object.assign(payload, { outcome: 'approve', opinion: '事实清楚，证据确凿，同意' });
          set.legalReviewOutcome = 'approve';
        }
        if (action === 'simplified_decide') {
          const onSpot = Math.min(amountFen, 200_000);
          const evaluation = await evaluateAgainstBenchmark(db, {
            itemId: item.id,
            orgId,
            at: t,
            circumstance: 'general',
            penaltyKinds: ['fine'],
            amountFen: onSpot,
          });
          const decision = {
            circumstance: 'general',
            penaltyKinds: ['fine'],
            amountFen: onSpot,
            ...(evaluation.withinRange ? {} : { deviationReason: '违法情节轻微，当场从轻处罚' }),
            benchmark: evaluation.benchmark,
            tier: evaluation.tier,
            allowed: evaluation.allowed,
            withinRange: evaluation.withinRange,
          };
          payload.officerIds = team.map((o) => o.id);
          Object.assign(payload, decision, { statement: '当事人对违法事实无异议', delivery: 'on_site' });
          for (const o of team)
            await db.insert(caseOfficers).values({ caseId: id, officerId: o.id, assignedAt: t }).onConflictDoNothing();
          Object.assign(set, {
            procedure: 'simplified',
            intended: { circumstance: 'general', penaltyKinds: ['fine'], amountFen: onSpot },
            notifiedAt: t,
            statementRecorded: true,
            decision,
            decidedAt: t,
            deliveredAt: t,
            deviation: !evaluation.withinRange,
            caseCode: newCaseCode(),
          });
        }
        if (action === 'request_recusal' && team[0]) {
          Object.assign(payload, {
            officerId: team[0].id,
            officer: team[0].name,
            applicant: 'party',
            reason: '演示：当事人称该执法人员与其存在利害关系',
          });
          set.recusals = [
            {
              officerId: team[0].id,
              officerName: team[0].name,
              applicant: 'party',
              reason: String(payload.reason),
              requestedAt: t.toISOString(),
              outcome: null,
              decidedAt: null,
              opinion: null,
            },
          ];
        }
        if (action === 'decide') {
          const decideAmount = deviating ? amountFen * 4 : amountFen;
          const evaluation = await evaluateAgainstBenchmark(db, {
            itemId: item.id,
            orgId,
            at: t,
            circumstance: 'general',
            penaltyKinds: ['fine'],
            amountFen: decideAmount,
          });
          const decision = {
            circumstance: 'general',
            penaltyKinds: ['fine'],
            amountFen: decideAmount,
            ...(evaluation.withinRange ? {} : { deviationReason: '当事人多次违法且拒不改正，依法从严处罚' }),
            benchmark: evaluation.benchmark,
            tier: evaluation.tier,
            allowed: evaluation.allowed,
            withinRange: evaluation.withinRange,
          };
          Object.assign(payload, decision);
          Object.assign(set, { decision, decidedAt: t, deviation: !evaluation.withinRange, caseCode: newCaseCode() });
        }
        if (action === 'deliver') {
          payload.method = 'on_site';
          set.deliveredAt = t;
        }
        if (action === 'record_payment') {
          const payment = {
            channel: 'bank' as const,
            reference: `ICBC-DEMO-${n}`,
            amountFen: (set.decision as { amountFen: number } | undefined)?.amountFen ?? 0,
            paidAt: t.toISOString(),
            receiptNumber: null,
          };
          Object.assign(payload, { ...payment, lateFeeFen: 0 });
          set.paidFen = payment.amountFen;
          set.payments = [payment];
          paymentRefs.push({ orgId, reference: payment.reference, caseId: id, recordedAt: t });
        }
        if (action === 'suspend')
          Object.assign(set, { suspensions: [{ from: t.toISOString(), to: null }], stateBeforeSuspension: state });
        if (['not_file', 'no_penalty', 'transfer', 'suspend', 'terminate'].includes(action))
          payload.reason = '演示：依法处理';
        if (action === 'transfer') payload.to = '广州市公安局';
        const role =
          action === 'legal_review' ? 'legal_reviewer' : HEAD_STEPS.includes(action) ? 'department_head' : 'officer';
        await appendCaseEvent(db, id, { type: action, at: t, actorId: null, role, orgId, payload, attachments });
        state = to;
        t = new Date(t.getTime() + (1 + (n % 3)) * DAY);
      }
      await db
        .update(cases)
        .set({ ...set, state, updatedAt: new Date(Math.min(t.getTime(), now.getTime())) })
        .where(eq(cases.id, id));
      if (paymentRefs.length) await db.insert(paymentReferences).values(paymentRefs);
    }
  }
  return n;
}

/** The text of a demo 现场检查笔录 (fictional). */
function demoInspectionRecord(n: number, itemName: string, party: string, at: Date): string {
  return [
    '现场检查笔录（演示）',
    `演示案例：${n}`,
    `检查时间：${at.toISOString().slice(0, 10)}`,
    `被检查单位：${party}`,
    `涉及事项：${itemName}`,
    '检查情况：执法人员两人出示执法证件，说明来意，当事人在场，现场检查情况如实记录。',
    '当事人签名：（演示）    执法人员签名：（演示）',
    '',
  ].join('\n');
}
