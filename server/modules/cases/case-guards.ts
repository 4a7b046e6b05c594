/**
 * What a case waits for and which steps its rules refuse right now, from the case row alone (no query): the same
 * rules the action handlers apply, so the console can show a refused step disabled with its reason instead of
 * offering it, and the 工作台 can list the cases that wait for the caller.
 */
import type { CaseAction, CaseState, StepRole } from '../../../common/case-flow.js';
import { fullDateTime } from '../../platform/clock.js';
import {
  type AmountOwed,
  LEGAL_REVIEW_TRIGGER_LABELS,
  type CaseThresholds,
  amountOwed,
  legalReviewTriggers,
  periodEnd,
} from './cases.rules.js';
import type { cases } from './cases.schema.js';

type CaseRow = typeof cases.$inferSelect;

export interface GuardInput {
  c: CaseRow;
  item: { major: boolean } | null;
  thresholds: CaseThresholds;
  now: Date;
  /** How many officers are assigned to the case. */
  officerCount: number;
}

export interface Refusal {
  code: string;
  detail: string;
}

/** 2026年12月2日 05:58 (Asia/Shanghai). */
export { fullDateTime };

/** What the party owes now under the decision's fine (fine, 加处罚款, paid, outstanding); null without a fine. */
export function caseAmountOwed(c: CaseRow, now: Date): AmountOwed | null {
  const fineFen = Number((c.decision as { amountFen?: number } | null)?.amountFen ?? 0);
  if (!c.decidedAt || fineFen <= 0) return null;
  const payments = c.payments.map((p) => ({ amountFen: p.amountFen, paidAt: new Date(p.paidAt) }));
  return amountOwed(fineFen, c.deliveredAt, payments, now);
}

/** The statement period and the hearing-request period after prior notice: still open, and until when. */
export function openPeriods(c: CaseRow, t: CaseThresholds, now: Date) {
  if (!c.notifiedAt) return { statementOpen: false, hearingOpen: false, until: null as Date | null };
  const statementEnd = periodEnd(c.notifiedAt, t.statementDays);
  const hearingEnd = periodEnd(c.notifiedAt, t.hearingRequestDays);
  const statementOpen = !c.statementWaived && now <= statementEnd;
  const hearingOpen = c.hearingRights && !c.hearingWaived && !c.hearingRequestedAt && now <= hearingEnd;
  const ends = [statementOpen ? statementEnd : null, hearingOpen ? hearingEnd : null].filter((d): d is Date => !!d);
  const until = ends.length ? new Date(Math.max(...ends.map((d) => d.getTime()))) : null;
  return { statementOpen, hearingOpen, until };
}

/** 法制审核 required and not (yet) approved: the triggers that require it. */
function reviewMissing(c: CaseRow, item: { major: boolean } | null): string[] {
  const triggers = legalReviewTriggers({
    itemMajor: item?.major ?? false,
    hearingHeld: c.hearingHeld,
    flags: c.reviewFlags,
  });
  if (triggers.length === 0 || ['approve', 'approve_with_changes'].includes(c.legalReviewOutcome ?? '')) return [];
  return triggers.map((t) => LEGAL_REVIEW_TRIGGER_LABELS[t]);
}

/**
 * The refusal the rules give this step now (before its body is looked at), or null. `decide` uses it as its first
 * check, so the console's disabled button and the server's 422 say the same thing.
 */
export function stateRefusal(action: CaseAction, g: GuardInput): Refusal | null {
  const { c, thresholds: t, now } = g;
  switch (action) {
    case 'submit_review':
      return g.officerCount < 2 ? { code: 'too_few_officers', detail: '尚未指派两名以上执法人员' } : null;
    case 'decide': {
      if (!c.notifiedAt) return { code: 'no_prior_notice', detail: '作出处罚决定前须事先告知（行政处罚法第四十四条）' };
      if (c.hearingRequestedAt && !c.hearingHeld)
        return { code: 'hearing_pending', detail: '当事人已申请听证，听证前不得作出决定' };
      const p = openPeriods(c, t, now);
      if (p.statementOpen || p.hearingOpen)
        return {
          code: 'statement_period_open',
          detail: `陈述申辩期或听证申请期尚未届满，当事人也未放弃（${fullDateTime(p.until as Date)} 届满）`,
        };
      const missing = reviewMissing(c, g.item);
      if (missing.length > 0)
        return { code: 'legal_review_required', detail: `须经法制审核同意后方可决定（${missing.join('、')}）` };
      return null;
    }
    case 'request_hearing':
      if (c.notifiedAt && now > periodEnd(c.notifiedAt, t.hearingRequestDays))
        return { code: 'hearing_request_late', detail: `听证申请须在告知后 ${t.hearingRequestDays} 日内提出` };
      return null;
    default:
      return null;
  }
}

export interface WaitingFor {
  action: CaseAction;
  role: StepRole;
  /** In plain words: what the case waits for, and from whom. */
  reason: string;
}

const wait = (action: CaseAction, role: StepRole, reason: string): WaitingFor => ({ action, role, reason });

/** The next step the procedure expects, who takes it and why; null once nothing more is due (归档). */
export function waitingFor(g: GuardInput): WaitingFor | null {
  const { c } = g;
  const state = c.state as CaseState;
  const paidUp = (caseAmountOwed(c, g.now)?.outstandingFen ?? 0) <= 0;
  switch (state) {
    case 'registered':
      return wait('file', 'department_head', '等待负责人审查案源，决定是否立案');
    case 'filed':
      return wait('assign', 'department_head', '等待负责人指派两名以上承办人员');
    case 'investigating':
      return g.officerCount < 2
        ? wait('assign', 'department_head', '承办人员不足两名，等待负责人指派')
        : wait('submit_review', 'officer', '调查取证中；取证完毕由承办人员提交案件审查');
    case 'reviewing':
      return wait('notify', 'officer', '等待承办人员制作事先告知书，告知拟作出的处罚');
    case 'notified':
    case 'legal_review':
    case 'collective_discussion': {
      const p = openPeriods(c, g.thresholds, g.now);
      if (p.statementOpen || p.hearingOpen)
        return wait(
          'record_statement',
          'officer',
          `陈述申辩期${p.hearingOpen ? '和听证申请期' : ''}至 ${fullDateTime(p.until as Date)} 届满；当事人陈述申辩或放弃的，由承办人员记录`,
        );
      const missing = reviewMissing(c, g.item);
      if (missing.length > 0) return wait('legal_review', 'legal_reviewer', `等待法制审核（${missing.join('、')}）`);
      return wait('decide', 'department_head', '等待负责人作出处罚决定');
    }
    case 'hearing':
      return wait('hold_hearing', 'officer', '当事人已申请听证，等待举行听证');
    case 'decided':
      return wait('deliver', 'officer', `等待承办人员送达决定书（决定后 ${g.thresholds.deliveryDays} 日内）`);
    case 'delivered':
    case 'executing':
      return paidUp
        ? wait('close', 'officer', '决定已执行，等待承办人员结案')
        : wait('record_payment', 'officer', '等待当事人缴纳罚款，由承办人员登记缴款');
    case 'no_penalty':
      return wait('close', 'officer', '不予处罚决定已作出，等待结案');
    case 'suspended':
      return wait('resume', 'department_head', '案件中止中，中止原因消除后由负责人恢复');
    case 'closed':
    case 'not_filed':
    case 'transferred':
    case 'terminated':
      return wait('archive', 'officer', '等待归档');
    case 'archived':
      return null;
  }
}

/** A step the caller may take by state and role but the rules refuse now, with the reason (shown disabled). */
export interface BlockedAction {
  action: CaseAction;
  code: string;
  reason: string;
}

/** Splits the caller's steps into those the rules allow now and those they refuse, with the refusal. */
export function splitByRules(actions: CaseAction[], g: GuardInput) {
  const allowed: CaseAction[] = [];
  const blocked: BlockedAction[] = [];
  for (const action of actions) {
    const r = stateRefusal(action, g);
    if (r) blocked.push({ action, code: r.code, reason: r.detail });
    else allowed.push(action);
  }
  return { allowed, blocked };
}
