/**
 * Rules of 案卷评查 (DOMAIN.md §7), pure: the default rubric (veto items; 卷面 20 + 内容 80), what a rubric must
 * satisfy, the score and grade of a sheet, the third-review flag (> 10 points apart), the final outcome of a file,
 * the assignment of two reviewers from outside the file's org, and what the record of a case proves (pre-fills).
 */
import type {
  CheckAnswer,
  CriterionInput,
  GradeBandInput,
  PrefillOut,
  VetoItemInput,
} from '../../../common/contracts/review.contract.js';
import { THIRD_REVIEW_GAP } from '../../../common/contracts/review.contract.js';
import {
  REVIEW_CHECK_LABELS,
  REVIEW_VETO_LABELS,
  type ReviewCheck,
  type ReviewCheckResult,
  type ReviewVetoKey,
} from '../../../common/enums.js';
import { shanghaiDate } from '../../platform/clock.js';
import { periodEnd, runningDeadline } from '../../platform/deadlines.js';
import type { FieldError } from '../../platform/errors.js';

export const FAIL_GRADE = '不合格';

const veto = (key: ReviewVetoKey, check?: ReviewCheck): VetoItemInput => ({
  key,
  label: REVIEW_VETO_LABELS[key],
  ...(check ? { check } : {}),
});

/** The default rubric: nine veto items, 卷面 20 and 内容 80 with deduction steps, 优秀 ≥ 90 and 合格 ≥ 70. */
export const DEFAULT_RUBRIC: { vetoItems: VetoItemInput[]; criteria: CriterionInput[]; grades: GradeBandInput[] } = {
  vetoItems: [
    veto('unlawful_subject'),
    veto('unqualified_officer', 'officers_certified'),
    veto('too_few_officers', 'two_officers'),
    veto('unclear_facts'),
    veto('insufficient_evidence'),
    veto('wrong_characterisation'),
    veto('wrong_law'),
    veto('unlawful_procedure', 'periods_kept'),
    veto('should_transfer'),
  ],
  criteria: [
    {
      key: 'binding',
      group: 'form',
      title: '案卷装订、目录与页码',
      points: 5,
      deductions: [{ key: 'order', title: '卷内文书排列顺序混乱或缺目录、页码', points: 1 }],
    },
    {
      key: 'documents',
      group: 'form',
      title: '文书制作规范',
      points: 10,
      deductions: [
        { key: 'blank', title: '文书栏目填写不全或涂改未签认', points: 1 },
        { key: 'signature', title: '缺当事人或执法人员签名', points: 2 },
      ],
    },
    {
      key: 'delivery',
      group: 'form',
      title: '送达回证',
      points: 5,
      deductions: [{ key: 'late_delivery', title: '未依法送达或送达回证不全', points: 5, check: 'delivered' }],
    },
    {
      key: 'facts',
      group: 'content',
      title: '事实认定',
      points: 15,
      deductions: [{ key: 'vague', title: '违法事实表述不具体（时间、地点、情节）', points: 3 }],
    },
    {
      key: 'evidence',
      group: 'content',
      title: '证据',
      points: 15,
      deductions: [
        { key: 'source', title: '证据来源不明或未注明出处', points: 2 },
        { key: 'record', title: '现场笔录、询问笔录不规范', points: 2 },
      ],
    },
    {
      key: 'law',
      group: 'content',
      title: '法律适用',
      points: 15,
      deductions: [{ key: 'article', title: '引用条款不具体（条、款、项）', points: 3 }],
    },
    {
      key: 'procedure',
      group: 'content',
      title: '程序',
      points: 15,
      deductions: [
        { key: 'overdue', title: '超过法定期限作出决定', points: 5, check: 'deadline_kept' },
        { key: 'no_legal_review', title: '应当法制审核而未审核', points: 10, check: 'legal_review' },
      ],
    },
    {
      key: 'discretion',
      group: 'content',
      title: '自由裁量',
      points: 10,
      deductions: [{ key: 'no_reason', title: '偏离裁量基准未说明理由', points: 10, check: 'benchmark' }],
    },
    {
      key: 'closure',
      group: 'content',
      title: '执行、公示与结案',
      points: 10,
      deductions: [
        { key: 'late_publication', title: '未按期公示', points: 5, check: 'published_on_time' },
        { key: 'execution', title: '执行情况记录不全', points: 2 },
      ],
    },
  ],
  grades: [
    { label: '优秀', min: 90 },
    { label: '合格', min: 70 },
  ],
};

/** Keys once each, deductions within their criterion's points, 100 points in all, distinct grade bands. */
export function checkRubric(r: {
  vetoItems: readonly VetoItemInput[];
  criteria: readonly CriterionInput[];
  grades: readonly GradeBandInput[];
}): FieldError[] {
  const errors: FieldError[] = [];
  const seen = (list: readonly { key: string }[], path: string) => {
    const keys = new Set<string>();
    list.forEach((x, i) => {
      if (keys.has(x.key)) errors.push({ path: `${path}.${i}.key`, message: `标识“${x.key}”重复` });
      keys.add(x.key);
    });
  };
  seen(r.vetoItems, 'vetoItems');
  seen(r.criteria, 'criteria');
  r.criteria.forEach((c, i) => {
    seen(c.deductions, `criteria.${i}.deductions`);
    c.deductions.forEach((d, j) => {
      if (d.points > c.points)
        errors.push({ path: `criteria.${i}.deductions.${j}.points`, message: `扣分不能超过该项目的 ${c.points} 分` });
    });
  });
  const total = r.criteria.reduce((a, c) => a + c.points, 0);
  if (total !== 100) errors.push({ path: 'criteria', message: `各评查项目分值合计应为 100 分（现为 ${total} 分）` });
  const labels = new Set<string>();
  const mins = new Set<number>();
  r.grades.forEach((g, i) => {
    if (labels.has(g.label) || g.label === FAIL_GRADE)
      errors.push({ path: `grades.${i}.label`, message: `等次“${g.label}”重复或与“不合格”相同` });
    if (mins.has(g.min)) errors.push({ path: `grades.${i}.min`, message: `分数线 ${g.min} 重复` });
    labels.add(g.label);
    mins.add(g.min);
  });
  return errors;
}

export const totalPoints = (criteria: readonly { points: number }[]) => criteria.reduce((a, c) => a + c.points, 0);

/** The grade of a score: 不合格 when vetoed, else the highest band whose minimum it reaches, else 不合格. */
export function gradeOf(grades: readonly GradeBandInput[], score: number, vetoed: boolean): string {
  if (vetoed) return FAIL_GRADE;
  const band = [...grades].sort((a, b) => b.min - a.min).find((g) => score >= g.min);
  return band?.label ?? FAIL_GRADE;
}

/** The final result of each check: the pre-fill where the reviewer agrees (or did not answer), else the override. */
export function finalChecks(prefills: readonly PrefillOut[], answers: readonly CheckAnswer[]) {
  const byCheck = new Map(answers.map((a) => [a.check, a]));
  return new Map<ReviewCheck, ReviewCheckResult>(
    prefills.map((p) => {
      const a = byCheck.get(p.check);
      return [p.check, a && !a.agree && a.result ? a.result : p.result];
    }),
  );
}

export interface SheetScore {
  vetoes: ReviewVetoKey[];
  criterionScores: { criterion: string; score: number }[];
  total: number;
  veto: boolean;
  grade: string;
}

/**
 * A sheet's score: each criterion its points less its deductions (each deduction × times, and once for a deduction
 * whose check failed), never below 0; a veto (the reviewer's, or one whose check failed) makes the file 0 and 不合格.
 */
export function scoreSheet(
  rubric: {
    vetoItems: readonly VetoItemInput[];
    criteria: readonly CriterionInput[];
    grades: readonly GradeBandInput[];
  },
  answer: { vetoes: readonly string[]; deductions: readonly { criterion: string; deduction: string; times: number }[] },
  checks: ReadonlyMap<ReviewCheck, ReviewCheckResult>,
): SheetScore {
  const failed = (c?: ReviewCheck) => c !== undefined && checks.get(c) === 'fail';
  const vetoes = rubric.vetoItems
    .filter((v) => answer.vetoes.includes(v.key) || failed(v.check))
    .map((v) => v.key as ReviewVetoKey);
  const criterionScores = rubric.criteria.map((c) => {
    const deducted = c.deductions.reduce((sum, d) => {
      const given = answer.deductions
        .filter((x) => x.criterion === c.key && x.deduction === d.key)
        .reduce((a, x) => a + x.times, 0);
      return sum + d.points * Math.max(given, failed(d.check) ? 1 : 0);
    }, 0);
    return { criterion: c.key, score: Math.max(0, c.points - deducted) };
  });
  const veto = vetoes.length > 0;
  const total = veto ? 0 : criterionScores.reduce((a, c) => a + c.score, 0);
  return { vetoes, criterionScores, total, veto, grade: gradeOf(rubric.grades, total, veto) };
}

/** Deductions naming a criterion or deduction the rubric does not have. */
export function unknownDeductions(
  criteria: readonly CriterionInput[],
  deductions: readonly { criterion: string; deduction: string }[],
): FieldError[] {
  return deductions.flatMap((d, i) =>
    criteria.find((c) => c.key === d.criterion)?.deductions.some((x) => x.key === d.deduction)
      ? []
      : [{ path: `deductions.${i}`, message: `评查标准中没有扣分项 ${d.criterion}.${d.deduction}` }],
  );
}

/** Two scores more than 10 points apart need a third review (10 exactly does not). */
export const needsThirdReview = (a: number, b: number) => Math.abs(a - b) > THIRD_REVIEW_GAP;

export interface SubmittedSheet {
  round: number;
  total: number;
  veto: boolean;
}

/**
 * The outcome of a file from its submitted sheets: none until both reviews are in; flagged when they differ by more
 * than 10 points, then the third review decides; otherwise the mean, vetoed only when both reviewers vetoed (a
 * single veto scores 0 and is therefore always flagged).
 */
export function fileOutcome(
  grades: readonly GradeBandInput[],
  sheets: readonly SubmittedSheet[],
): { flagged: boolean; finalScore: number | null; finalGrade: string | null; finalVeto: boolean | null } {
  const first = sheets.find((s) => s.round === 1);
  const second = sheets.find((s) => s.round === 2);
  if (!first || !second) return { flagged: false, finalScore: null, finalGrade: null, finalVeto: null };
  if (needsThirdReview(first.total, second.total)) {
    const third = sheets.find((s) => s.round === 3);
    if (!third) return { flagged: true, finalScore: null, finalGrade: null, finalVeto: null };
    return {
      flagged: true,
      finalScore: third.total,
      finalGrade: gradeOf(grades, third.total, third.veto),
      finalVeto: third.veto,
    };
  }
  const vetoed = first.veto && second.veto;
  const score = vetoed ? 0 : (first.total + second.total) / 2;
  return { flagged: false, finalScore: score, finalGrade: gradeOf(grades, score, vetoed), finalVeto: vetoed };
}

/**
 * Two reviewers per file, in file order, never from the file's org: the two eligible reviewers with the fewest files
 * so far (ties: the order given). Null for a file with fewer than two eligible reviewers.
 */
export function assignReviewers<R extends { id: string; orgId: string }>(
  files: readonly { orgId: string }[],
  reviewers: readonly R[],
): ([R, R] | null)[] {
  const load = new Map(reviewers.map((r) => [r.id, 0]));
  return files.map((f) => {
    const eligible = reviewers
      .filter((r) => r.orgId !== f.orgId)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => (load.get(a.r.id) ?? 0) - (load.get(b.r.id) ?? 0) || a.i - b.i);
    const [a, b] = eligible;
    if (!a || !b) return null;
    for (const x of [a, b]) load.set(x.r.id, (load.get(x.r.id) ?? 0) + 1);
    return [a.r, b.r];
  });
}

// ── Pre-fills: what the record of a closed case proves

export interface RecordEvent {
  id: number;
  seq: number;
  type: string;
  at: Date;
  payload: Record<string, unknown>;
}

export interface CaseRecordFacts {
  procedure: string;
  filedAt: Date | null;
  extensionDays: number[];
  suspensions: { from: string; to: string | null }[];
  hearingRights: boolean;
  /** The 法制审核 triggers that hold (cases.api legalReviewTriggers), as labels. */
  legalReviewTriggers: string[];
  events: RecordEvent[];
  /** Enforcement certificates of the case's officers: valid from / to (civil dates) by officer. */
  certificates: ReadonlyMap<string, { validFrom: string; validTo: string }[]>;
  publication: { publishBy: string; publishedAt: Date | null; publishedLate: boolean } | null;
}

export interface PeriodRules {
  decisionLimitDays: number;
  statementDays: number;
  hearingRequestDays: number;
  deliveryDays: number;
}

const day = (d: Date) => shanghaiDate(d);
const last = (events: readonly RecordEvent[], ...types: string[]) =>
  [...events].reverse().find((e) => types.includes(e.type));

function prefill(check: ReviewCheck, result: ReviewCheckResult, detail: string, event?: RecordEvent): PrefillOut {
  return {
    check,
    label: REVIEW_CHECK_LABELS[check],
    result,
    detail,
    eventId: event?.id ?? null,
    eventSeq: event?.seq ?? null,
    eventType: event?.type ?? null,
  };
}

const officerIdsOf = (e?: RecordEvent) => [
  ...new Set(Array.isArray(e?.payload.officerIds) ? (e.payload.officerIds as string[]) : []),
];

/** The eight checks of the record of a closed case, each linked to the event that shows it. */
export function evaluateRecord(c: CaseRecordFacts, rules: PeriodRules): PrefillOut[] {
  const ev = c.events;
  const simplified = c.procedure === 'simplified';
  const decide = last(ev, 'decide', 'simplified_decide');
  const team = simplified ? decide : last(ev, 'assign');
  const out: PrefillOut[] = [];

  if (simplified) out.push(prefill('deadline_kept', 'na', '简易程序，当场作出决定', decide));
  else if (!decide || !c.filedAt) out.push(prefill('deadline_kept', 'na', '记录中没有立案或处罚决定'));
  else {
    const { dueAt } = runningDeadline({
      start: c.filedAt,
      extensionDays: c.extensionDays,
      suspensions: c.suspensions.map((s) => ({ from: new Date(s.from), to: s.to ? new Date(s.to) : null })),
      limitDays: rules.decisionLimitDays,
      now: decide.at,
    });
    const kept = decide.at <= dueAt;
    out.push(
      prefill(
        'deadline_kept',
        kept ? 'pass' : 'fail',
        `立案 ${day(c.filedAt)}，决定 ${day(decide.at)}，期限至 ${day(dueAt)}`,
        decide,
      ),
    );
  }

  const officerIds = officerIdsOf(team);
  out.push(
    prefill('two_officers', officerIds.length >= 2 ? 'pass' : 'fail', `承办执法人员 ${officerIds.length} 人`, team),
  );

  const actedOn = [...new Set([team, decide].filter((e): e is RecordEvent => !!e).map((e) => day(e.at)))];
  const uncertified = officerIds.filter(
    (o) => !actedOn.every((d) => (c.certificates.get(o) ?? []).some((x) => x.validFrom <= d && d <= x.validTo)),
  );
  out.push(
    officerIds.length === 0
      ? prefill('officers_certified', 'fail', '记录中没有承办执法人员', team)
      : prefill(
          'officers_certified',
          uncertified.length === 0 ? 'pass' : 'fail',
          uncertified.length === 0
            ? `${officerIds.length} 名执法人员在 ${actedOn.join('、')} 均持有有效执法证件`
            : `${uncertified.length} 名执法人员在 ${actedOn.join('、')} 未持有有效执法证件`,
          team,
        ),
  );

  if (c.legalReviewTriggers.length === 0) out.push(prefill('legal_review', 'na', '不属于应当法制审核的情形', decide));
  else {
    const review = ev.find(
      (e) =>
        e.type === 'legal_review' &&
        ['approve', 'approve_with_changes'].includes(String(e.payload.outcome)) &&
        (!decide || e.seq < decide.seq),
    );
    out.push(
      review
        ? prefill('legal_review', 'pass', `应当审核（${c.legalReviewTriggers.join('、')}），决定前已审核通过`, review)
        : prefill(
            'legal_review',
            'fail',
            `应当审核（${c.legalReviewTriggers.join('、')}），决定前未经审核通过`,
            decide,
          ),
    );
  }

  const p = decide?.payload ?? {};
  if (!decide || p.withinRange === undefined) out.push(prefill('benchmark', 'na', '记录中没有裁量基准比对', decide));
  else if (p.withinRange === true) out.push(prefill('benchmark', 'pass', '处罚在裁量基准范围内', decide));
  else if (typeof p.deviationReason === 'string' && p.deviationReason.trim().length > 0)
    out.push(prefill('benchmark', 'pass', `偏离裁量基准，已说明理由：${p.deviationReason}`, decide));
  else out.push(prefill('benchmark', 'fail', '偏离裁量基准而未说明理由', decide));

  const notify = last(ev, 'notify');
  if (simplified) out.push(prefill('periods_kept', 'na', '简易程序，当场告知并听取陈述申辩', decide));
  else if (!notify || !decide) out.push(prefill('periods_kept', 'fail', '决定前没有事先告知的记录', decide));
  else {
    const statement = ev.find((e) => e.type === 'record_statement' && e.seq < decide.seq);
    const waivedStatement = statement?.payload.waivesStatement === true;
    const waivedHearing = statement?.payload.waivesHearing === true;
    const problems: string[] = [];
    if (!waivedStatement && decide.at < periodEnd(notify.at, rules.statementDays))
      problems.push(`陈述申辩期（${rules.statementDays} 日）未满即作决定`);
    if (c.hearingRights) {
      const requested = ev.some((e) => e.type === 'request_hearing' && e.seq < decide.seq);
      const held = ev.some((e) => e.type === 'hold_hearing' && e.seq < decide.seq);
      if (requested && !held) problems.push('当事人申请听证而未举行');
      if (!requested && !waivedHearing && decide.at < periodEnd(notify.at, rules.hearingRequestDays))
        problems.push(`听证申请期（${rules.hearingRequestDays} 日）未满即作决定`);
    }
    out.push(
      prefill(
        'periods_kept',
        problems.length === 0 ? 'pass' : 'fail',
        problems.length === 0
          ? `告知 ${day(notify.at)}，决定 ${day(decide.at)}${waivedStatement ? '（当事人放弃陈述申辩）' : ''}`
          : problems.join('；'),
        notify,
      ),
    );
  }

  const deliver = simplified ? decide : last(ev, 'deliver');
  if (!decide) out.push(prefill('delivered', 'na', '记录中没有处罚决定'));
  else if (!deliver) out.push(prefill('delivered', 'fail', '记录中没有送达', decide));
  else {
    const late = deliver.at.getTime() - decide.at.getTime() > rules.deliveryDays * 86_400_000;
    out.push(
      prefill(
        'delivered',
        late ? 'fail' : 'pass',
        simplified
          ? '当场交付决定书'
          : `决定 ${day(decide.at)}，送达 ${day(deliver.at)}（${rules.deliveryDays} 日内${late ? '未' : '已'}送达）`,
        deliver,
      ),
    );
  }

  const pub = c.publication;
  const published = last(ev, 'publicity_publish');
  if (!pub) out.push(prefill('published_on_time', 'na', '平台没有该决定的公示记录'));
  else if (!pub.publishedAt) out.push(prefill('published_on_time', 'fail', `应于 ${pub.publishBy} 前公示，未公示`));
  else
    out.push(
      prefill(
        'published_on_time',
        pub.publishedLate ? 'fail' : 'pass',
        `应于 ${pub.publishBy} 前公示，${day(pub.publishedAt)} 公示`,
        published,
      ),
    );
  return out;
}
