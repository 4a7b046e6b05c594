/**
 * 案卷评查 against the real database: rubrics as versioned data, a campaign of 广州市司法局 committed and drawn with
 * the verifiable sampler (re-run from the public JSON), two reviewers per file never from the file's org, scores per
 * the rubric (veto → 不合格, grade bands at their boundaries), the > 10 point flag, results per org; a non-supervisor
 * refused with nothing written; another city's campaign invisible.
 */
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  Campaign,
  CampaignResults,
  PublicCampaignDraw,
  Rubric,
  Sheet,
} from '../../../common/contracts/review.contract.js';
import { type PublicReviewSample, drawReviewSample, verifyReviewSample } from '../../../common/review-sample.js';
import { users } from '../accounts/accounts.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import {
  DEFAULT_RUBRIC,
  assignReviewers,
  checkRubric,
  fileOutcome,
  gradeOf,
  needsThirdReview,
  scoreSheet,
} from './review.rules.js';
import { reviewCampaigns, reviewRubrics } from './review.schema.js';

let env: TestEnv;
const cookies: Record<string, string> = {};
const orgId: Record<string, string> = {};
const userId: Record<string, string> = {};
const USERS = [
  'gz_sfj_supervisor',
  'th_sfj_supervisor',
  'gz_reviewer',
  'gz_cgj_reviewer',
  'sft_supervisor',
  'gz_head',
  'gz_admin',
];

const call = (method: 'GET' | 'POST' | 'PUT', url: string, who: string, payload?: object) =>
  env.app.inject({ method, url, headers: { cookie: cookies[who] as string }, ...(payload ? { payload } : {}) });
const campaignCount = async () => Number((await env.database.db.select({ n: count() }).from(reviewCampaigns))[0]?.n);

beforeAll(async () => {
  env = await createTestEnv();
  for (const r of await env.database.db.select({ id: orgs.id, name: orgs.name }).from(orgs)) orgId[r.name] = r.id;
  for (const u of USERS) {
    cookies[u] = await env.login(u);
    const [row] = await env.database.db.select({ id: users.id }).from(users).where(eq(users.username, u));
    userId[u] = row?.id as string;
  }
  const [sz] = await env.database.db.select({ id: users.id }).from(users).where(eq(users.username, 'sz_reviewer'));
  userId.sz_reviewer = sz?.id as string;
});
afterAll(() => env.close());

const GZ_ORGS = [
  '广州市市场监督管理局',
  '广州市天河区市场监督管理局',
  '广州市生态环境局',
  '广州市天河区综合行政执法局',
];
const REVIEWERS = ['gz_sfj_supervisor', 'th_sfj_supervisor', 'gz_reviewer', 'gz_cgj_reviewer'];

/** A rubric with a half-point deduction, so the flag boundary can be hit exactly. */
const HALF_RUBRIC = {
  name: '半分测试评查标准',
  // veto items without a linked check: only the reviewer's finding vetoes
  vetoItems: [
    { key: 'insufficient_evidence', label: '证据不足' },
    { key: 'wrong_law', label: '适用法律错误' },
  ],
  criteria: [
    {
      key: 'form',
      group: 'form',
      title: '卷面',
      points: 20,
      deductions: [
        { key: 'half', title: '半分扣分项', points: 0.5 },
        { key: 'one', title: '一分扣分项', points: 1 },
      ],
    },
    {
      key: 'content',
      group: 'content',
      title: '内容',
      points: 80,
      deductions: [{ key: 'one', title: '一分扣分项', points: 1 }],
    },
  ],
};

describe('the rules', () => {
  it('grades at the band boundaries, vetoes to 不合格, flags only more than 10 points apart', () => {
    const g = DEFAULT_RUBRIC.grades;
    expect([gradeOf(g, 90, false), gradeOf(g, 89.5, false), gradeOf(g, 70, false), gradeOf(g, 69.5, false)]).toEqual([
      '优秀',
      '合格',
      '合格',
      '不合格',
    ]);
    expect(gradeOf(g, 100, true)).toBe('不合格');
    expect([needsThirdReview(100, 90), needsThirdReview(100, 89.5), needsThirdReview(89, 100)]).toEqual([
      false,
      true,
      true,
    ]);
    const none = new Map();
    const vetoed = scoreSheet(DEFAULT_RUBRIC, { vetoes: ['wrong_law'], deductions: [] }, none);
    expect([vetoed.total, vetoed.grade, vetoed.veto]).toEqual([0, '不合格', true]);
    // a failed check sets its veto (two_officers → too_few_officers) and its deduction (deadline_kept → overdue)
    const failed = scoreSheet(
      DEFAULT_RUBRIC,
      { vetoes: [], deductions: [] },
      new Map([['deadline_kept', 'fail']]) as never,
    );
    expect([failed.total, failed.grade]).toEqual([95, '优秀']);
    const officers = scoreSheet(
      DEFAULT_RUBRIC,
      { vetoes: [], deductions: [] },
      new Map([['two_officers', 'fail']]) as never,
    );
    expect(officers.vetoes).toEqual(['too_few_officers']);
    expect(
      fileOutcome(g, [
        { round: 1, total: 100, veto: false },
        { round: 2, total: 90, veto: false },
      ]),
    ).toMatchObject({
      flagged: false,
      finalScore: 95,
      finalGrade: '优秀',
    });
    expect(checkRubric({ ...DEFAULT_RUBRIC, criteria: DEFAULT_RUBRIC.criteria.slice(1) }).map((e) => e.path)).toEqual([
      'criteria',
    ]);
  });
  it('never gives a file to a reviewer of its own org and spreads the load', () => {
    const reviewers = [
      { id: 'a', orgId: 'x' },
      { id: 'b', orgId: 'y' },
      { id: 'c', orgId: 'z' },
    ];
    const pairs = assignReviewers([{ orgId: 'x' }, { orgId: 'y' }, { orgId: 'x' }], reviewers);
    expect(pairs.map((p) => p?.map((r) => r.id))).toEqual([
      ['b', 'c'],
      ['a', 'c'],
      ['b', 'c'],
    ]);
    expect(assignReviewers([{ orgId: 'x' }], reviewers.slice(0, 2))).toEqual([null]);
  });
});

describe('rubrics', () => {
  it('makes the default rubric, edits it until used, then versions it', async () => {
    const res = await call('POST', '/api/v1/reviews/rubrics', 'gz_sfj_supervisor', { name: '测试评查标准' });
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json<Rubric>();
    expect([r.version, r.totalPoints, r.vetoItems.length, r.grades.map((g) => g.label)]).toEqual([
      1,
      100,
      9,
      ['优秀', '合格'],
    ]);
    expect(r.criteria.filter((c) => c.group === 'form').reduce((a, c) => a + c.points, 0)).toBe(20);
    const bad = await call('POST', '/api/v1/reviews/rubrics', 'gz_sfj_supervisor', {
      name: '残缺标准',
      criteria: [HALF_RUBRIC.criteria[0]],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].message).toContain('合计应为 100 分');
    const edit = await call('PUT', `/api/v1/reviews/rubrics/${r.id}`, 'gz_sfj_supervisor', {
      name: '测试评查标准（修订）',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const next = await call('POST', '/api/v1/reviews/rubrics', 'gz_sfj_supervisor', {
      name: '测试评查标准',
      basedOnId: r.id,
    });
    expect([next.json<Rubric>().version, next.json<Rubric>().familyId]).toEqual([2, r.familyId]);
    const refused = await call('POST', '/api/v1/reviews/rubrics', 'gz_head', { name: '部门自定标准' });
    expect(refused.statusCode).toBe(403);
  });
});

describe('a campaign', () => {
  let rubricId: string;
  let campaign: Campaign;
  const body = () => ({
    year: 2026,
    name: '测试案卷评查',
    orgIds: GZ_ORGS.map((n) => orgId[n]),
    sample: { perOrg: 10 },
    caseFilter: { kinds: ['penalty'], closedFrom: '2020-01-01', closedTo: '2099-12-31' },
    rubricId,
    reviewerIds: REVIEWERS.map((u) => userId[u]),
  });

  beforeAll(async () => {
    const res = await call('POST', '/api/v1/reviews/rubrics', 'gz_sfj_supervisor', HALF_RUBRIC);
    expect(res.statusCode, res.body).toBe(201);
    rubricId = res.json<Rubric>().id;
  });

  it('is refused to a non-supervisor and to orgs outside the body’s region, writing nothing', async () => {
    const before = await campaignCount();
    for (const who of ['gz_head', 'gz_admin', 'gz_reviewer']) {
      const res = await call('POST', '/api/v1/reviews/campaigns', who, body());
      expect(res.statusCode, who).toBe(403);
    }
    expect((await call('POST', '/api/v1/reviews/campaigns', 'gz_head', body())).json().detail).toBe(
      '只有县级以上司法行政部门的执法监督人员可以组织案卷评查',
    );
    const far = await call('POST', '/api/v1/reviews/campaigns', 'gz_sfj_supervisor', {
      ...body(),
      orgIds: [orgId['深圳市市场监督管理局']],
    });
    expect(far.statusCode).toBe(422);
    expect(far.json().code).toBe('target_out_of_scope');
    const sz = await call('POST', '/api/v1/reviews/campaigns', 'gz_sfj_supervisor', {
      ...body(),
      reviewerIds: [...body().reviewerIds, userId.sz_reviewer],
    });
    expect(sz.json().code).toBe('reviewer_invalid');
    const both = await call('POST', '/api/v1/reviews/campaigns', 'gz_sfj_supervisor', {
      ...body(),
      sample: { perOrg: 2, fraction: 0.5 },
    });
    expect(both.statusCode).toBe(400);
    expect(await campaignCount()).toBe(before);
  });

  it('commits, draws, and publishes a record anyone re-runs', async () => {
    const res = await call('POST', '/api/v1/reviews/campaigns', 'gz_sfj_supervisor', body());
    expect(res.statusCode, res.body).toBe(201);
    campaign = res.json<Campaign>();
    expect(campaign.state).toBe('draft');
    expect(campaign.abilities).toContain('commit');
    const notYet = await env.app.inject({ method: 'GET', url: `/api/v1/public/review-campaigns/${campaign.id}/draw` });
    expect(notYet.statusCode).toBe(404);
    const committed = await call('POST', `/api/v1/reviews/campaigns/${campaign.id}/commit`, 'gz_sfj_supervisor');
    expect(committed.statusCode, committed.body).toBe(200);
    const c = committed.json<Campaign>();
    expect(c.commitment?.seedCommitment).toMatch(/^[0-9a-f]{64}$/);
    expect(c.commitment?.populationSize).toBeGreaterThanOrEqual(3);
    const early = (
      await env.app.inject({ method: 'GET', url: `/api/v1/public/review-campaigns/${campaign.id}/draw` })
    ).json<PublicCampaignDraw>();
    expect([early.seedCommitment, early.record]).toEqual([c.commitment?.seedCommitment, null]);
    // the district supervisor reads the campaign (a reviewer) but does not draw it
    const notBody = await call('POST', `/api/v1/reviews/campaigns/${campaign.id}/draw`, 'th_sfj_supervisor', {
      publicSeed: '1',
    });
    expect(notBody.statusCode).toBe(403);
    const drawn = await call('POST', `/api/v1/reviews/campaigns/${campaign.id}/draw`, 'gz_sfj_supervisor', {
      publicSeed: '  3 1 4 1 5 9 ',
    });
    expect(drawn.statusCode, drawn.body).toBe(200);
    campaign = drawn.json<Campaign>();
    expect(campaign.draw?.publicSeed).toBe('3 1 4 1 5 9');
    expect(campaign.files.length).toBe(c.commitment?.populationSize);

    const pub = (
      await env.app.inject({ method: 'GET', url: `/api/v1/public/review-campaigns/${campaign.id}/draw` })
    ).json<PublicCampaignDraw>();
    const record = pub.record as PublicReviewSample;
    expect(verifyReviewSample(record)).toEqual({ ok: true });
    const again = drawReviewSample(record);
    expect(again.orgs.flatMap((o) => o.picks.map((p) => p.caseNumber))).toEqual(
      campaign.files.map((f) => f.caseNumber),
    );
    expect(again.seedCommitment).toBe(c.commitment?.seedCommitment);
    // a changed public seed or a swapped file does not verify
    expect(verifyReviewSample({ ...record, publicSeed: '3 1 4 1 5 8' })).toMatchObject({ ok: false });
    const swapped = structuredClone(record);
    const withPicks = swapped.orgs.find((o) => o.picks.length > 1);
    if (withPicks) {
      withPicks.picks.reverse();
      expect(verifyReviewSample(swapped)).toEqual({ ok: false, field: 'orgs' });
    }
  });

  it('samples ceil(fraction × n) per org with the same sampler', () => {
    const population = Array.from({ length: 7 }, (_, i) => ({ orgId: 'o1', caseNumber: `440100-2026-${i}` }));
    const seed = 'a'.repeat(64);
    const r = drawReviewSample({
      sample: { fraction: '0.3' },
      orgIds: ['o1'],
      population,
      serverSeed: seed,
      publicSeed: 'x',
    });
    expect(r.orgs[0]?.count).toBe(3);
    expect(new Set(r.orgs[0]?.picks.map((p) => p.caseNumber)).size).toBe(3);
  });

  it('gives each file to two reviewers, never one of the file’s own org', async () => {
    const orgOf = new Map<string, string>();
    for (const u of REVIEWERS) {
      const [row] = await env.database.db.select({ orgId: users.orgId }).from(users).where(eq(users.username, u));
      orgOf.set(userId[u] as string, row?.orgId as string);
    }
    for (const f of campaign.files) {
      expect(f.sheets.map((s) => s.round)).toEqual([1, 2]);
      expect(new Set(f.sheets.map((s) => s.reviewer.id)).size).toBe(2);
      for (const s of f.sheets) expect(orgOf.get(s.reviewer.id)).not.toBe(f.org.id);
    }
  });

  const cookieOf = (reviewerId: string) => REVIEWERS.find((u) => userId[u] === reviewerId) as string;
  async function submit(sheetId: string, reviewerId: string, extra: object = {}) {
    const who = cookieOf(reviewerId);
    const sheet = (await call('GET', `/api/v1/reviews/sheets/${sheetId}`, who)).json<Sheet>();
    return call('POST', `/api/v1/reviews/sheets/${sheetId}/submit`, who, {
      checks: sheet.prefills.map((p) => ({ check: p.check, agree: true })),
      ...extra,
    });
  }

  it('pre-fills each sheet from the record, with the event that proves it', async () => {
    const f = campaign.files[0] as Campaign['files'][number];
    const s = f.sheets[0] as Campaign['files'][number]['sheets'][number];
    const sheet = (await call('GET', `/api/v1/reviews/sheets/${s.id}`, cookieOf(s.reviewer.id))).json<Sheet>();
    expect(sheet.prefills.map((p) => p.check)).toEqual([
      'deadline_kept',
      'two_officers',
      'officers_certified',
      'legal_review',
      'benchmark',
      'periods_kept',
      'delivered',
      'published_on_time',
    ]);
    const two = sheet.prefills.find((p) => p.check === 'two_officers');
    expect(two?.result).toBe('pass');
    expect(two?.eventType).toBe('assign');
    expect(two?.eventSeq).toBeGreaterThan(0);
    // the other reviewer of the file cannot submit this sheet; an override needs a note
    const other = f.sheets[1] as typeof s;
    const notMine = await call('POST', `/api/v1/reviews/sheets/${s.id}/submit`, cookieOf(other.reviewer.id), {
      checks: [],
    });
    // 403 to a supervisor who oversees the campaign, 404 to a reviewer who may not even read the sheet
    expect([403, 404]).toContain(notMine.statusCode);
    const noNote = await call('POST', `/api/v1/reviews/sheets/${s.id}/submit`, cookieOf(s.reviewer.id), {
      checks: [{ check: 'two_officers', agree: false, result: 'fail' }],
    });
    expect(noNote.statusCode).toBe(400);
  });

  it('flags files more than 10 points apart (10 not, 10.5 and 11 flagged), vetoes to 不合格, counts per org', async () => {
    const [a, b, c] = campaign.files;
    if (!a || !b || !c) throw new Error('fewer than three files');
    const ones = (n: number) => [{ criterion: 'content', deduction: 'one', times: n }];
    const pairs: [typeof a, object, object][] = [
      [a, {}, { deductions: ones(10) }],
      [b, {}, { deductions: [...ones(10), { criterion: 'form', deduction: 'half', times: 1 }] }],
      [c, {}, { deductions: ones(11) }],
    ];
    for (const [f, first, second] of pairs) {
      const [s1, s2] = f.sheets as [(typeof f.sheets)[number], (typeof f.sheets)[number]];
      expect((await submit(s1.id, s1.reviewer.id, first)).statusCode).toBe(200);
      const res = await submit(s2.id, s2.reviewer.id, second);
      expect(res.statusCode, res.body).toBe(200);
    }
    const again = await submit(a.sheets[0]?.id as string, a.sheets[0]?.reviewer.id as string);
    expect(again.statusCode).toBe(403);
    expect(again.json().detail).toBe('评查表已提交，不能再修改');
    let view = (await call('GET', `/api/v1/reviews/campaigns/${campaign.id}`, 'gz_sfj_supervisor')).json<Campaign>();
    const byId = (id: string) => view.files.find((f) => f.id === id) as Campaign['files'][number];
    expect([byId(a.id).flagged, byId(a.id).finalScore, byId(a.id).finalGrade]).toEqual([false, 95, '优秀']);
    expect(byId(b.id).flagged).toBe(true);
    expect(byId(b.id).finalScore).toBeNull();
    expect(byId(c.id).flagged).toBe(true);

    // a third review of the flagged file decides; it is a campaign reviewer outside the file's org and not yet on it
    const used = byId(c.id).sheets.map((s) => s.reviewer.id);
    const orgOfUser = new Map(
      (await env.database.db.select({ id: users.id, orgId: users.orgId }).from(users)).map((u) => [u.id, u.orgId]),
    );
    const free = REVIEWERS.map((u) => userId[u] as string).filter((id) => !used.includes(id));
    const thirdId = free.find((id) => orgOfUser.get(id) !== c.org.id) as string;
    const notFlagged = await call(
      'POST',
      `/api/v1/reviews/campaigns/${campaign.id}/third-reviews`,
      'gz_sfj_supervisor',
      {
        fileId: a.id,
        reviewerId: thirdId,
      },
    );
    expect(notFlagged.json().code).toBe('not_flagged');
    const sameOrg = free.find((id) => orgOfUser.get(id) === c.org.id);
    if (sameOrg) {
      const own = await call('POST', `/api/v1/reviews/campaigns/${campaign.id}/third-reviews`, 'gz_sfj_supervisor', {
        fileId: c.id,
        reviewerId: sameOrg,
      });
      expect(own.json().code).toBe('reviewer_own_org');
    }
    const third = await call('POST', `/api/v1/reviews/campaigns/${campaign.id}/third-reviews`, 'gz_sfj_supervisor', {
      fileId: c.id,
      reviewerId: thirdId,
    });
    expect(third.statusCode, third.body).toBe(200);
    view = third.json<Campaign>();
    const s3 = byId(c.id).sheets.find((s) => s.round === 3) as Campaign['files'][number]['sheets'][number];
    expect((await submit(s3.id, s3.reviewer.id, { vetoes: ['insufficient_evidence'] })).statusCode).toBe(200);
    view = (await call('GET', `/api/v1/reviews/campaigns/${campaign.id}`, 'gz_sfj_supervisor')).json<Campaign>();
    expect([byId(c.id).finalScore, byId(c.id).finalGrade, byId(c.id).finalVeto]).toEqual([0, '不合格', true]);

    const results = (
      await call('GET', `/api/v1/reviews/campaigns/${campaign.id}/results`, 'gz_sfj_supervisor')
    ).json<CampaignResults>();
    expect(results.grades).toEqual(['优秀', '合格', '不合格']);
    const total = results.orgs.reduce((n, o) => n + o.sampled, 0);
    expect(total).toBe(view.files.length);
    const aOrg = results.orgs.find((o) => o.org.id === a.org.id);
    expect(aOrg?.gradeCounts['优秀']).toBeGreaterThanOrEqual(1);
    expect(results.orgs.reduce((n, o) => n + o.flagged, 0)).toBe(2);
    expect(results.orgs.reduce((n, o) => n + o.vetoCount, 0)).toBe(1);
  });

  it('stays invisible to another city and to departments', async () => {
    const sz = await env.login('sz_reviewer');
    cookies.sz = sz;
    const list = await call('GET', '/api/v1/reviews/campaigns', 'sz');
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toEqual([]);
    expect((await call('GET', `/api/v1/reviews/campaigns/${campaign.id}`, 'sz')).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/reviews/campaigns/${campaign.id}/results`, 'sz')).statusCode).toBe(404);
    expect((await call('GET', '/api/v1/reviews/campaigns', 'gz_head')).statusCode).toBe(403);
    // the province sees it; the reviewer from 广州市市场监管局 sees it but not its results
    expect((await call('GET', `/api/v1/reviews/campaigns/${campaign.id}`, 'sft_supervisor')).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/reviews/campaigns/${campaign.id}`, 'gz_reviewer')).statusCode).toBe(200);
    expect((await call('GET', `/api/v1/reviews/campaigns/${campaign.id}/results`, 'gz_reviewer')).statusCode).toBe(403);
  });

  it('keeps a used rubric from edits', async () => {
    const res = await call('PUT', `/api/v1/reviews/rubrics/${rubricId}`, 'gz_sfj_supervisor', HALF_RUBRIC);
    expect(res.statusCode).toBe(403);
    expect(res.json().detail).toBe('该评查标准已被评查活动使用，不能修改，请制定新版本');
    const [row] = await env.database.db.select().from(reviewRubrics).where(eq(reviewRubrics.id, rubricId));
    expect(row?.name).toBe('半分测试评查标准');
  });
});

describe('the demo campaign', () => {
  it('is drawn in 广州 with some sheets scored', async () => {
    const list = (await call('GET', '/api/v1/reviews/campaigns', 'gz_sfj_supervisor')).json<{ data: Campaign[] }>();
    const demo = list.data.find((c) => c.name === '行政处罚案卷评查（演示）');
    expect(demo?.state).toBe('drawn');
    const view = (await call('GET', `/api/v1/reviews/campaigns/${demo?.id}`, 'gz_sfj_supervisor')).json<Campaign>();
    expect(view.files.length).toBeGreaterThanOrEqual(3);
    // three files reviewed by both: each has its final score or waits for a third review
    const reviewed = view.files.filter((f) => f.sheets.every((s) => s.submittedAt !== null));
    expect(reviewed.length).toBe(3);
    for (const f of reviewed) expect(f.finalScore !== null || f.flagged).toBe(true);
  });
});
