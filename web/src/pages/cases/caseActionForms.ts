/**
 * The bodies of the case actions as form fields: which fields each action takes, how a filled form becomes the
 * JSON body (元 → fen, dates → ISO), the initial values, and the case org's officers for 指派/听证.
 */
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { CaseAction } from '../../../../common/case-flow.js';
import type { CaseDetail, OfficerCandidate } from '../../../../common/contracts/cases.contract.js';
import { api } from '../../api/client';
import { casePath } from './caseApi';
import { fenOfYuan } from '../../../../common/money.js';

/** Every action but 调查取证 (a multipart upload with its own dialog) takes a JSON body. */
export type JsonCaseAction = Exclude<CaseAction, 'add_evidence'>;

export const PENALTY_FIELDS = [
  'circumstance',
  'penaltyKinds',
  'amountFen',
  'illegalIncomeFen',
  'goodsValueFen',
] as const;

/** Form fields of each action's body (amounts are entered in 元 under the body's *Fen names). */
export const FIELDS: Record<JsonCaseAction, readonly string[]> = {
  file: ['opinion'],
  not_file: ['reason'],
  assign: ['officerIds'],
  submit_review: ['summary'],
  notify: [...PENALTY_FIELDS, 'deviationReason'],
  record_statement: ['statement', 'waivesStatement', 'waivesHearing'],
  request_hearing: [],
  hold_hearing: ['heldAt', 'chairOfficerId', 'summary'],
  legal_review: ['outcome', 'opinion'],
  collective_discussion: ['heldAt', 'participants', 'conclusion'],
  decide: [...PENALTY_FIELDS, 'deviationReason'],
  no_penalty: ['reason', 'education'],
  deliver: ['method', 'deliveredAt', 'consentRef'],
  record_payment: ['channel', 'reference', 'amountFen', 'paidAt', 'receiptNumber'],
  close: ['summary'],
  archive: ['archiveNumber'],
  transfer: ['to', 'reason'],
  suspend: ['reason'],
  resume: ['reason'],
  extend: ['days', 'approvalRef', 'reason'],
  terminate: ['reason'],
  simplified_decide: [
    'officerIds',
    'circumstance',
    'penaltyKinds',
    'amountFen',
    'statement',
    'waivesStatement',
    'deviationReason',
  ],
  request_recusal: ['officerId', 'applicant', 'reason'],
  decide_recusal: ['officerId', 'outcome', 'opinion'],
};

export const YUAN_FIELDS = new Set(['amountFen', 'illegalIncomeFen', 'goodsValueFen']);
export const DATE_FIELDS = new Set(['heldAt', 'deliveredAt', 'paidAt']);

/** Problem codes that belong to a field even without an `errors[].path`. */
export const CODE_TO_FIELD: Record<string, string> = {
  too_few_officers: 'officerIds',
  officer_not_eligible: 'officerIds',
  officer_not_in_org: 'officerIds',
  hearing_chair_conflict: 'chairOfficerId',
  electronic_without_consent: 'consentRef',
  payment_reference_required: 'reference',
  duplicate_payment_reference: 'reference',
  overpayment: 'amountFen',
  paid_at_in_future: 'paidAt',
  paid_before_decision: 'paidAt',
  on_site_not_allowed: 'channel',
  outside_benchmark: 'deviationReason',
  officer_conflict: 'officerIds',
  simplified_not_allowed: 'amountFen',
  statement_not_heard: 'statement',
  recusal_pending: 'officerId',
  no_recusal_request: 'officerId',
};

export const INTRO: Partial<Record<JsonCaseAction, string>> = {
  file: '对案源审查后决定立案，自立案之日起计算九十日办案期限。',
  assign: '调查取证须由两名以上具有执法资格的本单位执法人员进行（行政处罚法第四十二条）。',
  notify: '作出行政处罚决定前，告知当事人拟作出的处罚内容及事实、理由、依据，并告知其陈述、申辩（及听证）权利。',
  record_statement: '记录当事人的陈述、申辩；当事人明确放弃的，可不待期限届满即作出决定。',
  request_hearing: '当事人在告知后五日内提出听证申请的，在听证前不得作出决定。',
  decide: '陈述申辩期和听证申请期届满（或当事人放弃），依法须法制审核的已经审核同意，方可作出决定。',
  deliver: '处罚决定书应在宣告后当场交付当事人；当事人不在场的，在七日内送达。',
  record_payment: '罚缴分离：登记当事人经银行或网上缴款的流水号。',
  legal_review: '审核执法主体、程序、事实证据、适用依据及裁量基准。',
  simplified_decide:
    '违法事实确凿并有法定依据，对公民处 200 元以下、对法人或其他组织处 3000 元以下罚款或者警告的，可以当场作出处罚决定（行政处罚法第五十一条）。须出示执法证件、听取陈述申辩，决定书当场交付当事人。',
  request_recusal:
    '执法人员与案件有直接利害关系或者有其他关系可能影响公正执法的，应当回避；当事人认为执法人员应当回避的，有权申请回避（行政处罚法第四十三条）。',
  decide_recusal: '执法人员的回避，由行政机关负责人决定。决定作出之前，不停止调查。',
};

export const DANGER: ReadonlySet<JsonCaseAction> = new Set(['not_file', 'terminate', 'transfer']);

export const fenOf = fenOfYuan;
const trimmed = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Form values → the action's JSON body (empty optional fields left out, 元 → integer 分, dates → ISO). */
export function toBody(action: JsonCaseAction, v: Record<string, unknown>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const f of FIELDS[action]) {
    const value = v[f];
    if (value === undefined || value === null) continue;
    if (YUAN_FIELDS.has(f)) body[f] = fenOf(value);
    else if (DATE_FIELDS.has(f)) body[f] = dayjs.isDayjs(value) ? (value as Dayjs).toISOString() : value;
    else if (typeof value === 'string') {
      const t = trimmed(value);
      if (t !== undefined) body[f] = t;
    } else if (typeof value === 'boolean') {
      if (value) body[f] = true;
    } else body[f] = value;
  }
  // A penalty without a fine (警告 only, 不予处罚) still states its amount: 0.
  if ((action === 'notify' || action === 'decide' || action === 'simplified_decide') && body.amountFen === undefined)
    body.amountFen = 0;
  return body;
}

/** Initial values: now for dates, the intended penalty for a decision, the outstanding amount for a payment. */
export function initialValues(action: JsonCaseAction, c: CaseDetail): Record<string, unknown> {
  const now = dayjs().second(0).millisecond(0);
  const out: Record<string, unknown> = {};
  for (const f of FIELDS[action]) if (DATE_FIELDS.has(f)) out[f] = now;
  if (action === 'assign') out.officerIds = c.officers.map((o) => o.id);
  if (action === 'notify') out.penaltyKinds = ['fine'];
  if (action === 'decide' && c.intended) {
    out.circumstance = c.intended.circumstance;
    out.penaltyKinds = c.intended.penaltyKinds;
    out.amountFen = c.intended.amountFen / 100;
    if (c.intended.illegalIncomeFen !== undefined) out.illegalIncomeFen = c.intended.illegalIncomeFen / 100;
    if (c.intended.goodsValueFen !== undefined) out.goodsValueFen = c.intended.goodsValueFen / 100;
  }
  if (action === 'legal_review') out.outcome = 'approve';
  if (action === 'simplified_decide') {
    out.circumstance = 'general';
    out.penaltyKinds = ['fine'];
  }
  if (action === 'request_recusal') out.applicant = 'party';
  if (action === 'decide_recusal') {
    out.officerId = c.recusals.find((r) => r.outcome === null)?.officerId;
    out.outcome = 'grant';
  }
  if (action === 'deliver') out.method = 'on_site';
  if (action === 'record_payment') {
    out.channel = 'bank';
    const due = (c.decision?.amountFen ?? 0) - c.paidFen;
    if (due > 0) out.amountFen = due / 100;
  }
  return out;
}

export interface OfficerOption {
  value: string;
  label: string;
  /** Not eligible to take the case today (指派, 简易程序): listed greyed with the reason. */
  disabled?: boolean;
}

/**
 * Officers of the case's org, for 指派, 简易程序, 回避 and 听证主持人 (GET …/officer-candidates); for 指派 and 简易程序
 * those the step would refuse today are greyed with the reason (certificate, assessment, training, recusal).
 */
export function useOrgOfficers(
  c: CaseDetail,
  action: JsonCaseAction | null,
): { options: OfficerOption[]; loading: boolean } {
  const [options, setOptions] = useState<OfficerOption[]>([]);
  const [loading, setLoading] = useState(false);
  const wanted =
    action === 'assign' || action === 'hold_hearing' || action === 'simplified_decide' || action === 'request_recusal';
  const checkEligibility = action === 'assign' || action === 'simplified_decide';

  useEffect(() => {
    if (!wanted) return;
    const ctrl = new AbortController();
    setLoading(true);
    api
      .get<{ data: OfficerCandidate[] }>(`${casePath(c.id)}/officer-candidates`, undefined, ctrl.signal)
      .then((res) => {
        if (ctrl.signal.aborted) return;
        setOptions(
          res.data.map((o) => {
            const name = o.position ? `${o.name}（${o.position}）` : o.name;
            return checkEligibility && !o.eligible
              ? { value: o.id, label: `${name} — 不能承办：${o.reasons.join('；')}`, disabled: true }
              : { value: o.id, label: name };
          }),
        );
      })
      .catch(() => {
        /* the list stays empty; the server checks eligibility anyway */
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, [wanted, checkEligibility, c.id]);

  return { options, loading };
}
