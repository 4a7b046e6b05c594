/**
 * Code lists shared by the server, the console and the docs. Codes are English; labels are zh-CN.
 */

export const ORG_KINDS = [
  'government',
  'justice',
  'department',
  'comprehensive',
  'township',
  'judicial_office',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  government: '人民政府',
  justice: '司法行政部门',
  department: '执法部门',
  comprehensive: '综合行政执法部门',
  township: '乡镇街道',
  judicial_office: '司法所',
};

/** 行业领域. `general` is used by governments, justice departments, townships and judicial offices. */
export const SECTORS = [
  'general',
  'justice',
  'market_regulation',
  'ecology_environment',
  'transport',
  'emergency_management',
  'urban_management',
  'agriculture',
  'culture_tourism',
  'health',
  'natural_resources',
  'housing_construction',
  'water_resources',
  'public_security',
] as const;
export type Sector = (typeof SECTORS)[number];
export const SECTOR_LABELS: Record<Sector, string> = {
  general: '综合（政府/乡镇）',
  justice: '司法行政',
  market_regulation: '市场监管',
  ecology_environment: '生态环境',
  transport: '交通运输',
  emergency_management: '应急管理',
  urban_management: '城市管理（综合执法）',
  agriculture: '农业农村',
  culture_tourism: '文化旅游',
  health: '卫生健康',
  natural_resources: '自然资源',
  housing_construction: '住房城乡建设',
  water_resources: '水利',
  public_security: '公安（行政）',
};

/** Sectors whose orgs see every sector of their region (a government, a justice department, a township). */
export const CROSS_SECTOR_SECTORS: readonly Sector[] = ['general', 'justice'];

export const ADMIN_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const;
export const BUSINESS_ROLES = ['officer', 'legal_reviewer', 'department_head', 'supervisor', 'org_admin'] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '安全审计员',
  officer: '执法人员',
  legal_reviewer: '法制审核人员',
  department_head: '部门负责人',
  supervisor: '执法监督人员',
  org_admin: '单位管理员',
};

export const REGION_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const REGION_LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '地级以上市',
  county: '县（市、区）',
  township: '乡镇（街道）',
};

export const ORG_STATUSES = ['active', 'inactive'] as const;
export type OrgStatus = (typeof ORG_STATUSES)[number];
export const ORG_STATUS_LABELS: Record<OrgStatus, string> = { active: '正常', inactive: '停用' };

export const AUDIT_OUTCOMES = ['success', 'failure'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

// ── Personnel ──────────────────────────────────────────────────────────────────────────────────────────────

export const CERTIFICATE_KINDS = ['enforcement', 'supervision'] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];
export const CERTIFICATE_KIND_LABELS: Record<CertificateKind, string> = {
  enforcement: '行政执法证',
  supervision: '行政执法监督证',
};

/** Stored states; `expired` is derived from the validity dates. */
export const CERTIFICATE_STATUSES = ['valid', 'suspended', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];
/** What the console shows: a stored state, or `expired` when valid but past its end date. */
export const CERTIFICATE_DISPLAY_STATUSES = [...CERTIFICATE_STATUSES, 'expired'] as const;
export type CertificateDisplayStatus = (typeof CERTIFICATE_DISPLAY_STATUSES)[number];
export const CERTIFICATE_STATUS_LABELS: Record<CertificateDisplayStatus, string> = {
  valid: '有效',
  suspended: '暂扣',
  revoked: '吊销/注销',
  expired: '已过期',
};

/** The changes of a certificate's history (certificate_events.action). */
export const CERTIFICATE_ACTIONS = ['issue', 'suspend', 'reinstate', 'revoke'] as const;
export type CertificateAction = (typeof CERTIFICATE_ACTIONS)[number];
export const CERTIFICATE_ACTION_LABELS: Record<CertificateAction, string> = {
  issue: '发证',
  suspend: '暂扣',
  reinstate: '恢复',
  revoke: '吊销/注销',
};

export const TRAINING_CATEGORIES = ['public_law', 'business', 'skills', 'ethics'] as const;
export type TrainingCategory = (typeof TRAINING_CATEGORIES)[number];
export const TRAINING_CATEGORY_LABELS: Record<TrainingCategory, string> = {
  public_law: '公共法律知识',
  business: '业务知识',
  skills: '执法技能',
  ethics: '职业道德',
};

export const TRAINING_MODES = ['online', 'offline'] as const;
export type TrainingMode = (typeof TRAINING_MODES)[number];
export const TRAINING_MODE_LABELS: Record<TrainingMode, string> = { online: '线上', offline: '线下' };

export const ASSESSMENT_GRADES = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];
export const ASSESSMENT_GRADE_LABELS: Record<AssessmentGrade, string> = {
  excellent: '优秀',
  competent: '称职',
  basically_competent: '基本称职',
  incompetent: '不称职',
};

/** Annual training requirement (学时) of every officer. */
export const ANNUAL_HOURS_REQUIRED = 60;

/** 退出机制: what an exit decision does to the officer's certificates, and on what ground. */
export const EXIT_ACTIONS = ['suspend', 'revoke'] as const;
export type ExitAction = (typeof EXIT_ACTIONS)[number];
export const EXIT_ACTION_LABELS: Record<ExitAction, string> = {
  suspend: '暂扣证件',
  revoke: '吊销证件',
};
export const EXIT_BASES = ['assessment_incompetent', 'training_shortfall_two_years', 'other'] as const;
export type ExitBasis = (typeof EXIT_BASES)[number];
export const EXIT_BASIS_LABELS: Record<ExitBasis, string> = {
  assessment_incompetent: '年度考核不称职',
  training_shortfall_two_years: `连续两年培训不足 ${ANNUAL_HOURS_REQUIRED} 学时`,
  other: '其他',
};

export const ELIGIBILITY_CODES = [
  'no_certificate',
  'certificate_not_yet_valid',
  'certificate_suspended',
  'certificate_revoked',
  'certificate_expired',
  'sector_not_covered',
  'region_not_covered',
  'assessment_unfit',
  'training_shortfall',
] as const;
export type EligibilityCode = (typeof ELIGIBILITY_CODES)[number];

// ── Catalogue, discretion benchmarks, delegation ─────────────────────────────────────────────────────────────

export const ITEM_TYPES = [
  'penalty',
  'permit',
  'expropriation',
  'confirmation',
  'benefit',
  'coercion',
  'inspection',
  'other',
] as const;
export type ItemType = (typeof ITEM_TYPES)[number];
export const ITEM_TYPE_LABELS: Record<ItemType, string> = {
  penalty: '行政处罚',
  permit: '行政许可',
  expropriation: '行政征收征用',
  confirmation: '行政确认',
  benefit: '行政给付',
  coercion: '行政强制',
  inspection: '行政检查',
  other: '其他',
};

export const ITEM_LEVELS = ['province', 'city', 'county', 'township'] as const;
export type ItemLevel = (typeof ITEM_LEVELS)[number];
export const ITEM_LEVEL_LABELS: Record<ItemLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县级',
  township: '乡镇（街道）',
};

/** Where the item's legal basis comes from: who may set its discretion benchmark (DOMAIN.md §3). */
export const BASIS_LEVELS = ['national', 'provincial', 'city'] as const;
export type BasisLevel = (typeof BASIS_LEVELS)[number];
export const BASIS_LEVEL_LABELS: Record<BasisLevel, string> = {
  national: '法律、行政法规、部门规章',
  provincial: '省地方性法规、省政府规章',
  city: '设区的市地方性法规、市政府规章',
};

export const ITEM_STATUSES = ['active', 'abolished'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = { active: '有效', abolished: '已废止' };
/** What the import did with one row of an item import. */
export const ITEM_IMPORT_STATUSES = ['created', 'updated', 'unchanged', 'error'] as const;
export type ItemImportStatus = (typeof ITEM_IMPORT_STATUSES)[number];

export const CIRCUMSTANCES = ['none', 'mitigated', 'lighter', 'general', 'heavier'] as const;
export type Circumstance = (typeof CIRCUMSTANCES)[number];
export const CIRCUMSTANCE_LABELS: Record<Circumstance, string> = {
  none: '不予处罚',
  mitigated: '减轻',
  lighter: '从轻',
  general: '一般',
  heavier: '从重',
};

export const PENALTY_KINDS = [
  'warning',
  'criticism',
  'fine',
  'confiscate_income',
  'confiscate_property',
  'suspend_license',
  'revoke_license',
  'lower_qualification',
  'restrict_business',
  'suspend_business',
  'close',
  'restrict_practice',
  'detention',
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];
export const PENALTY_KIND_LABELS: Record<PenaltyKind, string> = {
  warning: '警告',
  criticism: '通报批评',
  fine: '罚款',
  confiscate_income: '没收违法所得',
  confiscate_property: '没收非法财物',
  suspend_license: '暂扣许可证件',
  revoke_license: '吊销许可证件',
  lower_qualification: '降低资质等级',
  restrict_business: '限制开展生产经营活动',
  suspend_business: '责令停产停业',
  close: '责令关闭',
  restrict_practice: '限制从业',
  detention: '行政拘留',
};

export const FINE_BASES = ['illegal_income', 'goods_value'] as const;
export type FineBasis = (typeof FINE_BASES)[number];
export const FINE_BASIS_LABELS: Record<FineBasis, string> = { illegal_income: '违法所得', goods_value: '货值金额' };

// ── Penalty cases (labels: common/labels/cases.ts) ──────────────────────────────────────────────────────────

export const CASE_SOURCES = ['inspection', 'complaint', 'referral', 'hotline', 'self'] as const;
export type CaseSource = (typeof CASE_SOURCES)[number];

export const PARTY_KINDS = ['person', 'organisation'] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/** Legal-review triggers the registration may flag (besides a major item and a hearing held). */
export const REVIEW_FLAGS = ['public_interest', 'major_rights', 'complex', 'required_by_law'] as const;
export type ReviewFlag = (typeof REVIEW_FLAGS)[number];

export const REVIEW_OUTCOMES = ['approve', 'approve_with_changes', 'reject'] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];

export const DELIVERY_METHODS = ['on_site', 'post', 'electronic', 'public_notice', 'retained'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const PAYMENT_CHANNELS = ['bank', 'online', 'on_site'] as const;
export type PaymentChannel = (typeof PAYMENT_CHANNELS)[number];

/** 普通程序 or 简易程序 (decided and delivered on the spot, art. 51). */
export const CASE_PROCEDURES = ['general', 'simplified'] as const;
export type CaseProcedure = (typeof CASE_PROCEDURES)[number];

export const RECUSAL_APPLICANTS = ['party', 'officer'] as const;
export type RecusalApplicant = (typeof RECUSAL_APPLICANTS)[number];

/** 文书 generated from a case: 立案审批表, 事先告知书, 行政处罚决定书, 送达回证 (PDF). */
export const DOCUMENT_KINDS = ['filing_approval', 'prior_notice', 'decision', 'delivery_receipt'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

// ── Publicity of decisions (labels: common/labels/publicity.ts) ─────────────────────────────────────────────

/** What a publication is of: a penalty decision, a permit, anything else (不予处罚…). */
export const PUBLISH_KINDS = ['penalty', 'permit', 'other'] as const;
export const PUBLICITY_STATUSES = ['unpublished', 'published', 'withdrawn', 'ended'] as const;
export type PublicityStatus = (typeof PUBLICITY_STATUSES)[number];
export const WITHDRAW_REASONS = ['revoked', 'corrected'] as const;
export type WithdrawReason = (typeof WITHDRAW_REASONS)[number];

export const DELEGATION_STATUSES = [
  'proposed',
  'county_approved',
  'city_decided',
  'announced',
  'evaluated',
  'recalled',
] as const;
export type DelegationStatus = (typeof DELEGATION_STATUSES)[number];
export const DELEGATION_STATUS_LABELS: Record<DelegationStatus, string> = {
  proposed: '已提出',
  county_approved: '县政府常务会议通过',
  city_decided: '市政府常务会议决定',
  announced: '已公告',
  evaluated: '已评估',
  recalled: '已收回',
};
export const DELEGATION_ACTIONS = ['county_approve', 'city_decide', 'announce', 'evaluate', 'recall'] as const;
export type DelegationAction = (typeof DELEGATION_ACTIONS)[number];
export const DELEGATION_ACTION_LABELS: Record<DelegationAction, string> = {
  county_approve: '县政府常务会议审议',
  city_decide: '市政府常务会议决定',
  announce: '向社会公告',
  evaluate: '评估',
  recall: '收回',
};
/** The result of the evaluation of a delegation (承接能力评估). */
export const DELEGATION_EVALUATION_RESULTS = ['capable', 'partly_capable', 'not_capable'] as const;
export type DelegationEvaluationResult = (typeof DELEGATION_EVALUATION_RESULTS)[number];
export const DELEGATION_EVALUATION_RESULT_LABELS: Record<DelegationEvaluationResult, string> = {
  capable: '能够承接',
  partly_capable: '基本能够承接',
  not_capable: '不能承接',
};

// ── Target library (检查对象名录库) ─────────────────────────────────────────────────────────────────────────

export const ENTITY_KINDS = ['enterprise', 'individual_business', 'public_institution', 'other'] as const;
export type EntityKind = (typeof ENTITY_KINDS)[number];
export const ENTITY_KIND_LABELS: Record<EntityKind, string> = {
  enterprise: '企业',
  individual_business: '个体工商户',
  public_institution: '事业单位',
  other: '其他组织',
};

export const ENTITY_STATUSES = ['active', 'deregistered', 'revoked', 'abnormal'] as const;
export type EntityStatus = (typeof ENTITY_STATUSES)[number];
export const ENTITY_STATUS_LABELS: Record<EntityStatus, string> = {
  active: '存续',
  deregistered: '注销',
  revoked: '吊销',
  abnormal: '经营异常',
};

/** Risk class (风险等级), A the lowest risk; credit class (信用等级), A the best. */
export const GRADE_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type GradeClass = (typeof GRADE_CLASSES)[number];
export const RISK_CLASS_LABELS: Record<GradeClass, string> = {
  A: 'A 级（低风险）',
  B: 'B 级（较低风险）',
  C: 'C 级（较高风险）',
  D: 'D 级（高风险）',
};
export const CREDIT_CLASS_LABELS: Record<GradeClass, string> = {
  A: 'A 级（守信）',
  B: 'B 级（基本守信）',
  C: 'C 级（失信）',
  D: 'D 级（严重失信）',
};

/** Sectors an entity may fall under: every sector but `general` (a government's or township's own). */
export const ENTITY_SECTORS = SECTORS.filter((s) => s !== 'general') as Exclude<Sector, 'general'>[];

/** Kinds of the items of an annual supervision work plan (行政执法监督工作计划, 《行政执法监督条例》). */
export const SUPERVISION_ITEM_KINDS = [
  'file_review',
  'special_inspection',
  'rectification',
  'training',
  'evaluation',
  'other',
] as const;
export type SupervisionItemKind = (typeof SUPERVISION_ITEM_KINDS)[number];
export const SUPERVISION_ITEM_KIND_LABELS: Record<SupervisionItemKind, string> = {
  file_review: '案卷评查',
  special_inspection: '专项监督检查',
  rectification: '突出问题整治',
  training: '业务培训',
  evaluation: '执法评议考核',
  other: '其他',
};

/** Progress of a plan item: planned → in progress → done. */
export const SUPERVISION_ITEM_STATUSES = ['planned', 'in_progress', 'done'] as const;
export type SupervisionItemStatus = (typeof SUPERVISION_ITEM_STATUSES)[number];
export const SUPERVISION_ITEM_STATUS_LABELS: Record<SupervisionItemStatus, string> = {
  planned: '未开始',
  in_progress: '进行中',
  done: '已完成',
};

// ── Random inspections (双随机、一公开, module inspections) ──────────────────────────────────────────────────

/** An inspection plan (抽查计划): drafted, then published (/public/inspections) before any task draws from it. */
export const INSPECTION_PLAN_STATUSES = ['draft', 'published'] as const;
export type InspectionPlanStatus = (typeof INSPECTION_PLAN_STATUSES)[number];
export const INSPECTION_PLAN_STATUS_LABELS: Record<InspectionPlanStatus, string> = {
  draft: '未公布',
  published: '已公布',
};

/** An inspection task (抽查任务): draft → committed (population, pool and seed committed) → drawn → closed. */
export const INSPECTION_TASK_STATES = ['draft', 'committed', 'drawn', 'closed'] as const;
export type InspectionTaskState = (typeof INSPECTION_TASK_STATES)[number];
export const INSPECTION_TASK_STATE_LABELS: Record<InspectionTaskState, string> = {
  draft: '待承诺',
  committed: '已承诺待抽取',
  drawn: '已抽取',
  closed: '已办结',
};

/** The steps of a task's procedure record (subject type `inspection`). */
export const INSPECTION_TASK_ACTIONS = [
  'create',
  'commit',
  'draw',
  'record_result',
  'publish_results',
  'close',
] as const;
export type InspectionTaskAction = (typeof INSPECTION_TASK_ACTIONS)[number];
export const INSPECTION_TASK_ACTION_LABELS: Record<InspectionTaskAction, string> = {
  create: '创建任务',
  commit: '冻结名录并承诺种子',
  draw: '公开抽取',
  record_result: '录入检查结果',
  publish_results: '公示检查结果',
  close: '办结任务',
};

/** How an inspection was done: on the premises (needs the inspectors' entry scans) or by documents. */
export const INSPECTION_MODES = ['on_site', 'desk'] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];
export const INSPECTION_MODE_LABELS: Record<InspectionMode, string> = { on_site: '现场检查', desk: '书面检查' };

/** 抽查结果 (the outcome published for each target). */
export const INSPECTION_OUTCOMES = ['no_issue', 'rectify', 'case_opened', 'not_found', 'closed'] as const;
export type InspectionOutcome = (typeof INSPECTION_OUTCOMES)[number];
export const INSPECTION_OUTCOME_LABELS: Record<InspectionOutcome, string> = {
  no_issue: '未发现问题',
  rectify: '发现问题，已责令整改',
  case_opened: '发现问题，已立案查处',
  not_found: '通过登记的住所（经营场所）无法联系',
  closed: '已关闭停业或正在组织清算',
};

/** A target's result: the drawn inspection, or the re-inspection (个案检查) after a rectification order. */
export const INSPECTION_RESULT_KINDS = ['initial', 'follow_up'] as const;
export type InspectionResultKind = (typeof INSPECTION_RESULT_KINDS)[number];
export const INSPECTION_RESULT_KIND_LABELS: Record<InspectionResultKind, string> = {
  initial: '抽查',
  follow_up: '整改复查',
};

/** A follow-up re-inspection after `rectify`: open until its result is recorded. */
export const FOLLOW_UP_STATUSES = ['open', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];
export const FOLLOW_UP_STATUS_LABELS: Record<FollowUpStatus, string> = { open: '待复查', done: '已复查' };

/** Why a drawn target got no inspectors (common/draw.ts `unfilled.code`). */
export const DRAW_UNFILLED_CODES = ['not_enough_inspectors', 'department_uncovered', 'sampler_limit'] as const;
export type DrawUnfilledCode = (typeof DRAW_UNFILLED_CODES)[number];
export const DRAW_UNFILLED_LABELS: Record<DrawUnfilledCode, string> = {
  not_enough_inspectors: '可选检查人员不足',
  department_uncovered: '联合抽查的某一部门没有可选检查人员',
  sampler_limit: '抽取次数达到上限',
};

/** 扫码入企: why officers entered an enterprise (issue 13, docs/visits.md). */
export const VISIT_PURPOSES = [
  'random_inspection',
  'complaint',
  'referral',
  'follow_up',
  'special',
  'permit',
  'non_enforcement',
] as const;
export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export const VISIT_PURPOSE_LABELS: Record<VisitPurpose, string> = {
  random_inspection: '双随机抽查',
  complaint: '投诉举报核查',
  referral: '转办交办',
  follow_up: '整改复查',
  special: '专项检查',
  permit: '许可核查（企业申请）',
  non_enforcement: '非执法事项（服务、调研等）',
};

/** What the platform flags on a visit for the supervisors. */
export const VISIT_FLAGS = [
  'no_task',
  'over_cap',
  'uncertified_officer',
  'single_officer',
  'late_backfill',
  'joint_possible',
] as const;
export type VisitFlag = (typeof VISIT_FLAGS)[number];
export const VISIT_FLAG_LABELS: Record<VisitFlag, string> = {
  no_task: '无任务入企',
  over_cap: '超过检查频次上限',
  uncertified_officer: '有人员无有效执法证件',
  single_officer: '执法人员不足 2 人',
  late_backfill: '超过 10 日补录',
  joint_possible: '可联合检查',
};

// ── Case-file review (案卷评查, module review) ──────────────────────────────────────────────────────────────

/** A review campaign: drafted, population frozen and seed committed, sample drawn, closed. */
export const REVIEW_CAMPAIGN_STATES = ['draft', 'committed', 'drawn', 'closed'] as const;
export type ReviewCampaignState = (typeof REVIEW_CAMPAIGN_STATES)[number];
export const REVIEW_CAMPAIGN_STATE_LABELS: Record<ReviewCampaignState, string> = {
  draft: '待抽取',
  committed: '已承诺种子',
  drawn: '已抽取',
  closed: '已办结',
};
export const REVIEW_CAMPAIGN_ACTIONS = ['create', 'commit', 'draw', 'close'] as const;
export type ReviewCampaignAction = (typeof REVIEW_CAMPAIGN_ACTIONS)[number];
export const REVIEW_CAMPAIGN_ACTION_LABELS: Record<ReviewCampaignAction, string> = {
  create: '创建评查活动',
  commit: '冻结案卷名录并承诺种子',
  draw: '公开抽取',
  close: '办结',
};

/** Veto items (否决项): any one makes a file 不合格 outright (DOMAIN.md §7). */
export const REVIEW_VETO_KEYS = [
  'unlawful_subject',
  'unqualified_officer',
  'too_few_officers',
  'unclear_facts',
  'insufficient_evidence',
  'wrong_characterisation',
  'wrong_law',
  'unlawful_procedure',
  'should_transfer',
] as const;
export type ReviewVetoKey = (typeof REVIEW_VETO_KEYS)[number];
export const REVIEW_VETO_LABELS: Record<ReviewVetoKey, string> = {
  unlawful_subject: '执法主体不合法',
  unqualified_officer: '执法人员不具备执法资格',
  too_few_officers: '执法人员少于 2 人',
  unclear_facts: '事实不清',
  insufficient_evidence: '证据不足',
  wrong_characterisation: '定性错误',
  wrong_law: '适用法律错误',
  unlawful_procedure: '程序违法',
  should_transfer: '应移送而未移送',
};

/** What the platform checks in the record of a sampled file (预填), each linked to the event that proves it. */
export const REVIEW_CHECKS = [
  'deadline_kept',
  'two_officers',
  'officers_certified',
  'legal_review',
  'benchmark',
  'periods_kept',
  'delivered',
  'published_on_time',
] as const;
export type ReviewCheck = (typeof REVIEW_CHECKS)[number];
export const REVIEW_CHECK_LABELS: Record<ReviewCheck, string> = {
  deadline_kept: '在法定期限内作出决定',
  two_officers: '执法人员不少于 2 人',
  officers_certified: '执法人员在执法之日持有有效执法证件',
  legal_review: '应当法制审核的已经审核',
  benchmark: '适用裁量基准或说明偏离理由',
  periods_kept: '告知、陈述申辩、听证期限已保障',
  delivered: '决定书依法送达',
  published_on_time: '按期公示',
};
export const REVIEW_CHECK_RESULTS = ['pass', 'fail', 'na'] as const;
export type ReviewCheckResult = (typeof REVIEW_CHECK_RESULTS)[number];
export const REVIEW_CHECK_RESULT_LABELS: Record<ReviewCheckResult, string> = {
  pass: '符合',
  fail: '不符合',
  na: '不适用',
};

/** Criterion groups of a rubric: 卷面 (the file's form) and 内容 (its substance). */
export const REVIEW_CRITERION_GROUPS = ['form', 'content'] as const;
export type ReviewCriterionGroup = (typeof REVIEW_CRITERION_GROUPS)[number];
export const REVIEW_CRITERION_GROUP_LABELS: Record<ReviewCriterionGroup, string> = { form: '卷面', content: '内容' };

// ── 投诉举报 (complaints, issue 14) ──

/** What a complainant asks for (广东省12345热线: 咨询、求助、建议、投诉、举报). */
export const COMPLAINT_KINDS = ['consultation', 'help', 'suggestion', 'complaint', 'report'] as const;
export type ComplaintKind = (typeof COMPLAINT_KINDS)[number];
export const COMPLAINT_KIND_LABELS: Record<ComplaintKind, string> = {
  consultation: '咨询',
  help: '求助',
  suggestion: '建议',
  complaint: '投诉',
  report: '举报',
};

/** Where a complaint came in: the four doors of one record. */
export const COMPLAINT_CHANNELS = ['portal', 'hotline', 'open311', 'referral'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
export const COMPLAINT_CHANNEL_LABELS: Record<ComplaintChannel, string> = {
  portal: '网上投诉',
  hotline: '12345热线',
  open311: 'Open311 接口',
  referral: '转办移送',
};

export const COMPLAINT_STATES = [
  'received',
  'accepted',
  'transferred',
  'disputed',
  'replied',
  'closed',
  'rejected',
  'merged',
] as const;
export type ComplaintState = (typeof COMPLAINT_STATES)[number];
export const COMPLAINT_STATE_LABELS: Record<ComplaintState, string> = {
  received: '待受理',
  accepted: '办理中',
  transferred: '转办中',
  disputed: '派单异议中',
  replied: '已答复',
  closed: '已办结',
  rejected: '不予受理',
  merged: '已并单',
};

export const COMPLAINT_ACTIONS = [
  'receive',
  'accept',
  'reject',
  'assign',
  'transfer',
  'accept_transfer',
  'decline_transfer',
  'reply',
  'close',
  'rate',
  'reopen',
  'merge',
  'open_case',
  'dispute',
  'decide_dispute',
] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];
export const COMPLAINT_ACTION_LABELS: Record<ComplaintAction, string> = {
  receive: '登记',
  accept: '受理',
  reject: '不予受理',
  assign: '指派承办人',
  transfer: '转办',
  accept_transfer: '接收转办',
  decline_transfer: '退回转办',
  reply: '答复',
  close: '办结',
  rate: '评价',
  reopen: '重新办理',
  merge: '并单',
  open_case: '立案查处',
  dispute: '派单异议',
  decide_dispute: '异议裁定',
};

/** The complainant's rating of the handling (回访评价). */
export const COMPLAINT_RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type ComplaintRating = (typeof COMPLAINT_RATINGS)[number];
export const COMPLAINT_RATING_LABELS: Record<ComplaintRating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

// ── Data exchange: the outbox's deliveries (module exchange) ──────────────────────────────────────────────────

export const DELIVERY_STATES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];
export const DELIVERY_STATE_LABELS: Record<DeliveryState, string> = {
  pending: '待投递',
  delivered: '已送达',
  dead: '已停止重试',
};
