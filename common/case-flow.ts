/**
 * The penalty case procedure (行政处罚法 2021, DOMAIN.md §4) as one table of states and actions, used by the
 * server (which action is allowed now), the console (which buttons to show) and the docs.
 */

export const CASE_STATES = [
  'registered',
  'filed',
  'investigating',
  'reviewing',
  'notified',
  'hearing',
  'legal_review',
  'collective_discussion',
  'decided',
  'delivered',
  'executing',
  'closed',
  'archived',
  'not_filed',
  'no_penalty',
  'transferred',
  'suspended',
  'terminated',
] as const;
export type CaseState = (typeof CASE_STATES)[number];

export const CASE_STATE_LABELS: Record<CaseState, string> = {
  registered: '案源登记',
  filed: '立案',
  investigating: '调查取证',
  reviewing: '案件审查',
  notified: '事先告知',
  hearing: '听证',
  legal_review: '法制审核',
  collective_discussion: '集体讨论',
  decided: '决定',
  delivered: '送达',
  executing: '执行',
  closed: '结案',
  archived: '归档',
  not_filed: '不予立案',
  no_penalty: '不予处罚',
  transferred: '移送',
  suspended: '中止',
  terminated: '终止',
};

export const CASE_ACTIONS = [
  'file',
  'not_file',
  'assign',
  'add_evidence',
  'submit_review',
  'notify',
  'record_statement',
  'request_hearing',
  'hold_hearing',
  'legal_review',
  'collective_discussion',
  'decide',
  'no_penalty',
  'deliver',
  'record_payment',
  'close',
  'archive',
  'transfer',
  'suspend',
  'resume',
  'extend',
  'terminate',
  'simplified_decide',
  'request_recusal',
  'decide_recusal',
] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const CASE_ACTION_LABELS: Record<CaseAction, string> = {
  file: '立案',
  not_file: '不予立案',
  assign: '指派承办人员',
  add_evidence: '调查取证',
  submit_review: '提交案件审查',
  notify: '事先告知',
  record_statement: '记录陈述申辩',
  request_hearing: '申请听证',
  hold_hearing: '举行听证',
  legal_review: '法制审核',
  collective_discussion: '集体讨论',
  decide: '作出决定',
  no_penalty: '不予处罚',
  deliver: '送达',
  record_payment: '登记缴款',
  close: '结案',
  archive: '归档',
  transfer: '移送',
  suspend: '中止',
  resume: '恢复',
  extend: '延期',
  terminate: '终止',
  simplified_decide: '简易程序当场处罚',
  request_recusal: '申请回避',
  decide_recusal: '回避决定',
};

/** States in which the procedure is still running toward a decision (the 90-day limit counts). */
export const PRE_DECISION_STATES: readonly CaseState[] = [
  'filed',
  'investigating',
  'reviewing',
  'notified',
  'hearing',
  'legal_review',
  'collective_discussion',
];

/** `to: null` keeps the state (the action only adds to the record); 'resume' returns to the state before suspension. */
export const CASE_FLOW: Record<CaseAction, { from: readonly CaseState[]; to: CaseState | null }> = {
  file: { from: ['registered'], to: 'filed' },
  not_file: { from: ['registered'], to: 'not_filed' },
  assign: { from: ['filed', 'investigating'], to: 'investigating' },
  add_evidence: { from: ['investigating', 'reviewing', 'notified', 'hearing'], to: null },
  submit_review: { from: ['investigating'], to: 'reviewing' },
  notify: { from: ['reviewing'], to: 'notified' },
  record_statement: { from: ['notified'], to: null },
  request_hearing: { from: ['notified'], to: 'hearing' },
  hold_hearing: { from: ['hearing'], to: 'notified' },
  legal_review: { from: ['notified', 'legal_review'], to: 'legal_review' },
  collective_discussion: { from: ['notified', 'legal_review'], to: 'collective_discussion' },
  decide: { from: ['notified', 'legal_review', 'collective_discussion'], to: 'decided' },
  no_penalty: { from: ['reviewing', 'notified', 'legal_review', 'collective_discussion'], to: 'no_penalty' },
  deliver: { from: ['decided'], to: 'delivered' },
  record_payment: { from: ['delivered', 'executing'], to: 'executing' },
  close: { from: ['delivered', 'executing', 'no_penalty'], to: 'closed' },
  archive: { from: ['closed', 'not_filed', 'transferred', 'terminated'], to: 'archived' },
  transfer: { from: ['registered', 'filed', 'investigating', 'reviewing'], to: 'transferred' },
  suspend: { from: PRE_DECISION_STATES, to: 'suspended' },
  resume: { from: ['suspended'], to: null },
  extend: { from: PRE_DECISION_STATES, to: null },
  terminate: { from: [...PRE_DECISION_STATES, 'suspended'], to: 'terminated' },
  // 简易程序 (art. 51–52): decided on the spot and the decision handed over at once — no 立案, no prior-notice period.
  simplified_decide: { from: ['registered'], to: 'delivered' },
  // 回避 (art. 43): a party's application or an officer's own declaration, decided by the head; the case goes on meanwhile.
  request_recusal: { from: ['registered', ...PRE_DECISION_STATES, 'suspended'], to: null },
  decide_recusal: { from: ['registered', ...PRE_DECISION_STATES, 'suspended'], to: null },
};

export const actionsFrom = (state: CaseState): CaseAction[] =>
  CASE_ACTIONS.filter((a) => CASE_FLOW[a].from.includes(state));

/** Who takes a step: the department head (负责人), an officer in charge (承办人员) or a legal reviewer (法制审核人员). */
export const STEP_ROLES = ['department_head', 'officer', 'legal_reviewer'] as const;
export type StepRole = (typeof STEP_ROLES)[number];
export const STEP_ROLE_LABELS: Record<StepRole, string> = {
  department_head: '负责人',
  officer: '承办人员',
  legal_reviewer: '法制审核人员',
};
