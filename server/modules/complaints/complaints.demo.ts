/**
 * Demo complaints (ZHIFA_DEMO=1), dated from the seed's `now`: 64 across the four doors and every state, some past
 * their due date, one merged pair, one that opened a penalty case. Each has its steps on the procedure record.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import {
  COMPLAINT_CHANNELS,
  COMPLAINT_KINDS,
  COMPLAINT_RATING_LABELS,
  type ComplaintKind,
  type ComplaintState,
} from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Sealer } from '../../platform/crypto.js';
import { sha256Hex } from '../../platform/crypto.js';
import { maskPersonName } from '../../platform/masking.js';
import type { DemoContext } from '../../platform/module.js';
import { appendEvent } from '../../platform/procedure/store.js';
import { loadWorkdayCalendar } from '../../platform/workdays.js';
import { cases } from '../cases/cases.api.js';
import { itemClaims } from '../catalog/catalog.api.js';
import { handlingDueDate, maskComplainantPhone, trackingNumberOf } from './complaints.rules.js';
import { complaints } from './complaints.schema.js';
import { queryCodeHash } from './complaints.service.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const TEXTS = [
  '小区楼下餐馆油烟直排，影响居民正常生活',
  '某超市销售过期食品，购买后发现已过保质期',
  '夜间施工噪音扰民，持续到凌晨',
  '道路两侧占道经营，行人无法通行',
  '咨询个体工商户营业执照办理需要哪些材料',
  '建议在学校周边增加食品安全检查频次',
  '某培训机构收费后拒不退费',
  '药店无执业药师在岗销售处方药',
];
const NAMES = ['陈大文', '李小红', '王建国', '欧阳娜娜', '张伟'];
/** The steps each demo complaint has gone through (its state follows). */
const SCRIPTS: string[][] = [
  [],
  ['accept'],
  ['accept', 'assign'],
  ['accept', 'reply'],
  ['accept', 'reply', 'close'],
  ['accept', 'reply', 'close', 'rate'],
  ['reject'],
  ['transfer'],
];
const STATE_AFTER: Record<string, ComplaintState | null> = {
  accept: 'accepted',
  assign: null,
  reply: 'replied',
  close: 'closed',
  rate: null,
  reject: 'rejected',
  transfer: 'transferred',
  merge: 'merged',
  open_case: null,
};

interface Target {
  org: string;
  regionCode: string;
  item: boolean;
}
const TARGETS: Target[] = [
  { org: 'th_amr', regionCode: '440106', item: true },
  { org: 'th_zhzf', regionCode: '440106001', item: false },
  { org: 'yx_amr', regionCode: '440104', item: true },
  { org: 'gz_amr', regionCode: '440111', item: true },
  { org: 'sz_amr', regionCode: '440303', item: true },
];

async function claimedItem(tx: Db, orgId: string): Promise<string | null> {
  const [row] = await tx
    .select({ itemId: itemClaims.itemId })
    .from(itemClaims)
    .where(eq(itemClaims.orgId, orgId))
    .orderBy(itemClaims.itemId)
    .limit(1);
  return row?.itemId ?? null;
}

interface DemoComplaint {
  i: number;
  channel: (typeof COMPLAINT_CHANNELS)[number];
  kind: ComplaintKind;
  content: string;
  orgId: string;
  regionCode: string;
  itemId: string | null;
  receivedAt: Date;
  steps: string[];
  extra?: Partial<typeof complaints.$inferInsert>;
  payloads?: Record<string, Record<string, unknown>>;
}

async function insertDemo(tx: Db, sealer: Sealer, d: DemoComplaint, transferTo: string) {
  const cal = loadWorkdayCalendar();
  const id = randomUUID();
  const trackingNumber = trackingNumberOf(d.receivedAt, 100000 + d.i);
  const dueDate = handlingDueDate({ kind: d.kind, receivedAt: d.receivedAt, pausedWorkingDays: 0 }, cal);
  const anonymous = d.i % 3 === 0;
  const name = anonymous ? null : (NAMES[d.i % NAMES.length] as string);
  const phone = anonymous ? null : `139${String(10000000 + d.i * 7919).slice(0, 8)}`;
  let state: ComplaintState = 'received';
  for (const s of d.steps) state = STATE_AFTER[s] ?? state;
  const at = (k: number) => new Date(d.receivedAt.getTime() + (k + 1) * 3 * HOUR);
  const reply = '经现场核查，已责令当事人立即整改，并将持续跟踪。';
  await tx.insert(complaints).values({
    id,
    trackingNumber,
    queryCodeHash: queryCodeHash(trackingNumber, `DEMO${String(d.i).padStart(4, '0')}`),
    channel: d.channel,
    kind: d.kind,
    content: d.content,
    itemId: d.itemId,
    regionCode: d.regionCode,
    address: `演示地址 ${d.i} 号`,
    anonymous,
    reporterNameSealed: name ? sealer.seal(name) : null,
    reporterPhoneSealed: phone ? sealer.seal(phone) : null,
    reporterNameMasked: name ? maskPersonName(name) : null,
    reporterPhoneMasked: phone ? maskComplainantPhone(phone) : null,
    reporterPhoneHash: phone ? sealer.lookupHash(phone) : null,
    handlingOrgId: d.orgId,
    pendingOrgId: state === 'transferred' ? transferTo : null,
    resumeState: state === 'transferred' ? 'received' : null,
    transferredAt: state === 'transferred' ? at(0) : null,
    state,
    receivedAt: d.receivedAt,
    dueDate,
    acceptedAt: d.steps.includes('accept') ? at(0) : null,
    rejectReason: d.steps.includes('reject') ? '反映事项不属于行政执法部门职责，已告知向有关单位反映' : null,
    replyText: d.steps.includes('reply') ? reply : null,
    repliedAt: d.steps.includes('reply') ? at(d.steps.indexOf('reply')) : null,
    closedAt: d.steps.includes('close') ? at(d.steps.indexOf('close')) : null,
    rating: d.steps.includes('rate') ? (d.i % 2 ? 'satisfied' : 'basically_satisfied') : null,
    ratedAt: d.steps.includes('rate') ? at(d.steps.indexOf('rate')) : null,
    hotlineClientId: d.channel === 'hotline' ? 'gd12345' : null,
    externalRef: d.channel === 'hotline' ? `GD12345-DEMO-${d.i}` : null,
    createdAt: d.receivedAt,
    updatedAt: d.receivedAt,
    ...d.extra,
  });
  const subject = { subjectType: 'complaint', subjectId: id };
  let from: ComplaintState = 'received';
  await appendEvent(
    tx,
    subject,
    {
      type: 'receive',
      at: d.receivedAt,
      actorId: null,
      role: d.channel,
      orgId: null,
      payload: {
        kind: d.kind,
        channel: d.channel,
        regionCode: d.regionCode,
        itemId: d.itemId,
        handlingOrgId: d.orgId,
        receivedAt: d.receivedAt.toISOString(),
        dueDate,
        contentSha256: sha256Hex(d.content),
        toState: 'received',
      },
      attachments: [],
    },
    { state: 'received' },
  );
  for (const [k, s] of d.steps.entries()) {
    const to: ComplaintState = STATE_AFTER[s] ?? from;
    const payload: Record<string, unknown> =
      s === 'reply'
        ? { textSha256: sha256Hex(reply) }
        : s === 'reject'
          ? { reason: '反映事项不属于行政执法部门职责，已告知向有关单位反映' }
          : s === 'transfer'
            ? { toOrgId: transferTo, reason: '属其他部门职责' }
            : s === 'rate'
              ? { rating: 'satisfied', ratingLabel: COMPLAINT_RATING_LABELS.satisfied }
              : (d.payloads?.[s] ?? {});
    await appendEvent(
      tx,
      subject,
      {
        type: s,
        at: at(k),
        actorId: null,
        role: s === 'rate' ? 'complainant' : 'officer',
        orgId: s === 'rate' ? null : d.orgId,
        payload: { ...payload, fromState: from, toState: to },
        attachments: [],
      },
      { state: to },
    );
    from = to;
  }
  return { id, trackingNumber };
}

export async function loadDemoComplaints(ctx: DemoContext) {
  const { tx, sealer, now, orgIds } = ctx;
  const items: Record<string, string | null> = {};
  for (const t of TARGETS) items[t.org] = orgIds[t.org] ? await claimedItem(tx, orgIds[t.org] as string) : null;
  const zhzf = orgIds.th_zhzf as string;
  for (let i = 0; i < 60; i++) {
    const t = TARGETS[i % TARGETS.length] as Target;
    const orgId = orgIds[t.org];
    if (!orgId) continue;
    const steps = SCRIPTS[i % SCRIPTS.length] as string[];
    await insertDemo(
      tx,
      sealer,
      {
        i,
        channel: COMPLAINT_CHANNELS[i % COMPLAINT_CHANNELS.length] as (typeof COMPLAINT_CHANNELS)[number],
        kind: COMPLAINT_KINDS[(i * 3) % COMPLAINT_KINDS.length] as ComplaintKind,
        content: TEXTS[i % TEXTS.length] as string,
        orgId,
        regionCode: t.regionCode,
        itemId: t.item ? (items[t.org] ?? null) : null,
        // spread over six weeks: the older open ones are past their due date
        receivedAt: new Date(now.getTime() - (i % 30) * 1.4 * DAY - (i % 7) * HOUR),
        steps,
      },
      orgId === zhzf ? (orgIds.th_amr as string) : zhzf,
    );
  }
  // one merged pair: a repeat of the same matter merged (并单) into the first
  const th = orgIds.th_amr as string;
  const first = await insertDemo(
    tx,
    sealer,
    {
      i: 60,
      channel: 'portal',
      kind: 'complaint',
      content: '天河路某奶茶店使用过期原料，多次反映',
      orgId: th,
      regionCode: '440106',
      itemId: items.th_amr ?? null,
      receivedAt: new Date(now.getTime() - 3 * DAY),
      steps: ['accept'],
    },
    zhzf,
  );
  await insertDemo(
    tx,
    sealer,
    {
      i: 61,
      channel: 'hotline',
      kind: 'complaint',
      content: '天河路某奶茶店使用过期原料（重复反映）',
      orgId: th,
      regionCode: '440106',
      itemId: items.th_amr ?? null,
      receivedAt: new Date(now.getTime() - 2 * DAY),
      steps: ['merge'],
      extra: { mergedIntoId: first.id, closedAt: new Date(now.getTime() - 2 * DAY + 3 * HOUR) },
      payloads: { merge: { intoId: first.id, intoTrackingNumber: first.trackingNumber } },
    },
    zhzf,
  );
  // one that opened a penalty case (source complaint)
  const [c] = await tx
    .select({ id: cases.id, orgId: cases.orgId, itemId: cases.itemId })
    .from(cases)
    .where(and(eq(cases.orgId, orgIds.gz_amr ?? th), sql`true`))
    .limit(1);
  if (c) {
    await insertDemo(
      tx,
      sealer,
      {
        i: 62,
        channel: 'referral',
        kind: 'report',
        content: '举报某食品公司生产不符合安全标准的食品',
        orgId: c.orgId,
        regionCode: '440111',
        itemId: c.itemId,
        receivedAt: new Date(now.getTime() - 20 * DAY),
        steps: ['accept', 'open_case'],
        extra: { caseId: c.id },
        payloads: { open_case: { caseId: c.id } },
      },
      zhzf,
    );
  }
}
