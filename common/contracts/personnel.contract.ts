/**
 * Contract of the personnel register (执法人员、证件、培训、考核、退出机制): `/api/v1/officers`, `/api/v1/certificates`,
 * `/api/v1/training-records`, `/api/v1/reports/{training,rotation,exit-flags}` and the public certificate check
 * `/api/v1/public/certificates/:token`.
 */
import { z } from 'zod';
import {
  ASSESSMENT_GRADES,
  CERTIFICATE_ACTIONS,
  CERTIFICATE_DISPLAY_STATUSES,
  CERTIFICATE_KINDS,
  CERTIFICATE_STATUSES,
  ELIGIBILITY_CODES,
  EXIT_ACTIONS,
  EXIT_BASES,
  SECTORS,
  TRAINING_CATEGORIES,
  TRAINING_MODES,
} from '../enums.js';
import {
  Abilities,
  CivilDate,
  DateString,
  Instant,
  Page,
  PageQuery,
  QueryInstant,
  RegionCode,
  type Wire,
} from './kit.js';

// Requests

const IsoDate = CivilDate();
const Year = z.coerce.number().int().min(2000).max(2100);
/** The reason of a reveal, a certificate change or an exit decision (kept in the audit trail). */
const Reason = z.string().trim().min(2, '请填写原因（至少 2 个字）').max(500);

export const OfficerListQuery = PageQuery.extend({
  q: z.string().max(64).optional().describe('姓名，或完整的身份证号'),
  orgId: z.uuid().optional(),
  regionCode: RegionCode.optional(),
  legalReviewer: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export type OfficerListQuery = z.output<typeof OfficerListQuery>;

export const OfficerCreateBody = z.object({
  name: z.string().trim().min(1).max(50),
  idNumber: z.string().trim().min(1).max(32),
  orgId: z.uuid(),
  position: z.string().trim().max(50).nullish(),
  phone: z.string().trim().max(32).nullish(),
  legalQualification: z.boolean().optional(),
  legalReviewer: z.boolean().optional(),
  userId: z.uuid().nullish(),
});
export type OfficerCreateBody = z.output<typeof OfficerCreateBody>;

export const OfficerPatchBody = OfficerCreateBody.partial();
export type OfficerPatchBody = z.output<typeof OfficerPatchBody>;

export const REVEAL_FIELDS = ['idNumber', 'phone'] as const;
export const RevealBody = z.object({ field: z.enum(REVEAL_FIELDS), reason: Reason });
export type RevealBody = z.output<typeof RevealBody>;

export const EligibilityQuery = z.object({
  sector: z.enum(SECTORS),
  regionCode: RegionCode,
  at: QueryInstant.optional(),
});

export const CertificateListQuery = PageQuery.extend({
  status: z.enum(CERTIFICATE_DISPLAY_STATUSES).optional(),
  q: z.string().max(64).optional(),
  orgId: z.uuid().optional(),
});
export type CertificateListQuery = z.output<typeof CertificateListQuery>;

export const CertificateIssueBody = z.object({
  number: z.string().trim().min(4).max(40),
  kind: z.enum(CERTIFICATE_KINDS),
  issuerOrgId: z.uuid(),
  sectors: z.array(z.enum(SECTORS)).min(1),
  regionCodes: z.array(RegionCode).min(1),
  validFrom: IsoDate,
  validTo: IsoDate,
});
export type CertificateIssueBody = z.output<typeof CertificateIssueBody>;

/** Suspend, reinstate, revoke: with a reason. */
export const CertificateChangeBody = z.object({ reason: Reason });

export const PublicCertificateParams = z.object({ token: z.string().max(128) });

export const TrainingCreateBody = z.object({
  officerId: z.uuid(),
  course: z.string().trim().min(1).max(200),
  category: z.enum(TRAINING_CATEGORIES),
  mode: z.enum(TRAINING_MODES),
  provider: z.string().trim().min(1).max(100),
  date: IsoDate,
  hours: z.number().positive().max(100).optional(),
  minutes: z.number().int().positive().max(6000).optional(),
});
export type TrainingCreateBody = z.output<typeof TrainingCreateBody>;

export const TrainingOfOfficerQuery = z.object({ year: Year.optional() });

/** The body is the CSV text (`text/csv`, UTF-8, header row). */
export const TrainingImportQuery = z.object({
  firstRow: z.coerce.number().int().min(2).default(2).describe('首个数据行在原文件中的行号（分片上传时使用）'),
});

export const TrainingReportQuery = PageQuery.extend({
  year: Year,
  orgId: z.uuid().optional(),
  regionCode: RegionCode.optional(),
  format: z.enum(['json', 'csv']).default('json'),
});
export type TrainingReportQuery = z.output<typeof TrainingReportQuery>;

export const TrainingByOrgQuery = z.object({ year: Year, regionCode: RegionCode.optional() });
export type TrainingByOrgQuery = z.output<typeof TrainingByOrgQuery>;

export const RotationQuery = PageQuery.extend({
  from: IsoDate.optional(),
  deadline: IsoDate.optional(),
  orgId: z.uuid().optional(),
});

export const AssessmentCreateBody = z.object({
  year: Year,
  grade: z.enum(ASSESSMENT_GRADES),
  comments: z.string().max(500).optional(),
});
export type AssessmentCreateBody = z.output<typeof AssessmentCreateBody>;

export const ExitFlagQuery = PageQuery.extend({ year: Year });
export type ExitFlagQuery = z.output<typeof ExitFlagQuery>;

export const ExitDecisionBody = z.object({
  action: z.enum(EXIT_ACTIONS),
  basis: z.enum(EXIT_BASES),
  reason: Reason,
});
export type ExitDecisionBody = z.output<typeof ExitDecisionBody>;

// Answers

/** An officer in a list: the ID number and phone masked (the full ones are sealed and never sent). */
export const OfficerView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** Masked, e.g. "440000********1144". */
  idNumber: z.string(),
  orgId: z.uuid(),
  orgName: z.string(),
  position: z.string().nullable(),
  /** Masked, e.g. "138****3757". */
  phone: z.string().nullable(),
  legalQualification: z.boolean(),
  legalReviewer: z.boolean(),
  userId: z.uuid().nullable(),
  createdAt: Instant,
  updatedAt: Instant,
});
export type Officer = Wire<typeof OfficerView>;
export type OfficerOut = z.output<typeof OfficerView>;
export const OfficerPage = Page(OfficerView);

/** An officer's record (created, changed, read): with what the caller may do with it. */
export const OfficerRecordView = OfficerView.extend({ abilities: Abilities });
export type OfficerRecord = Wire<typeof OfficerRecordView>;
export type OfficerRecordOut = z.output<typeof OfficerRecordView>;

export const CertificateEventView = z.object({
  action: z.enum(CERTIFICATE_ACTIONS),
  fromStatus: z.enum(CERTIFICATE_STATUSES).nullable(),
  toStatus: z.enum(CERTIFICATE_STATUSES),
  reason: z.string().nullable(),
  actorId: z.string().nullable(),
  at: Instant,
});
export type CertificateEvent = Wire<typeof CertificateEventView>;

export const CertificateView = z.object({
  id: z.uuid(),
  officerId: z.uuid(),
  number: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  issuerOrgId: z.uuid(),
  issuerOrgName: z.string(),
  sectors: z.array(z.enum(SECTORS)),
  regionCodes: z.array(z.string()),
  validFrom: DateString,
  validTo: DateString,
  status: z.enum(CERTIFICATE_STATUSES),
  /** `expired` when the stored status is valid but today is past validTo. */
  displayStatus: z.enum(CERTIFICATE_DISPLAY_STATUSES),
  publicToken: z.string(),
  /** The public authenticity page the QR code points to. */
  publicUrl: z.string(),
  history: z.array(CertificateEventView),
  /** What the caller may do with the certificate (present when the view is for a caller). */
  abilities: Abilities.optional(),
});
export type Certificate = Wire<typeof CertificateView>;
export type CertificateOut = z.output<typeof CertificateView>;

export const CertificateListItemView = z.object({
  id: z.uuid(),
  officerId: z.uuid(),
  officerName: z.string(),
  orgName: z.string(),
  number: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  sectors: z.array(z.enum(SECTORS)),
  regionCodes: z.array(z.string()),
  validFrom: DateString,
  validTo: DateString,
  status: z.enum(CERTIFICATE_STATUSES),
  displayStatus: z.enum(CERTIFICATE_DISPLAY_STATUSES),
});
export type CertificateListItem = Wire<typeof CertificateListItemView>;
export type CertificateListItemOut = z.output<typeof CertificateListItemView>;
export const CertificatePage = Page(CertificateListItemView);

/** The public certificate check (扫码验证): no ID number, no phone. */
export const PublicCertificateView = z.object({
  name: z.string(),
  org: z.string(),
  number: z.string(),
  kind: z.enum(CERTIFICATE_KINDS),
  status: z.enum(CERTIFICATE_DISPLAY_STATUSES),
  validFrom: DateString,
  validTo: DateString,
  sectors: z.array(z.object({ code: z.string(), name: z.string() })),
  regions: z.array(z.object({ code: z.string(), name: z.string() })),
  /** The issuing authority's name. */
  issuer: z.string(),
  checkedAt: Instant,
});
export type PublicCertificate = Wire<typeof PublicCertificateView>;
export type PublicCertificateOut = z.output<typeof PublicCertificateView>;

export const AssessmentView = z.object({
  id: z.uuid(),
  year: z.number().int(),
  grade: z.enum(ASSESSMENT_GRADES),
  comments: z.string().nullable(),
  createdAt: Instant,
});
export type Assessment = Wire<typeof AssessmentView>;
export type AssessmentOut = z.output<typeof AssessmentView>;

/** The answer of POST /api/v1/officers/:id/assessments. */
export const AssessmentRecordedView = AssessmentView.omit({ createdAt: true }).extend({ officerId: z.uuid() });
export type AssessmentRecordedOut = z.output<typeof AssessmentRecordedView>;

export const TrainingRecordView = z.object({
  id: z.uuid(),
  officerId: z.uuid(),
  course: z.string(),
  category: z.enum(TRAINING_CATEGORIES),
  mode: z.enum(TRAINING_MODES),
  provider: z.string(),
  date: DateString,
  /** The minutes entered, when the credit was given in minutes (45 minutes = 1 学时). */
  minutes: z.number().int().nullable(),
  /** The credit in 学时 (two decimals). */
  hours: z.number(),
});
export type TrainingRecord = Wire<typeof TrainingRecordView>;
export type TrainingRecordOut = z.output<typeof TrainingRecordView>;
export const TrainingRecordPage = Page(TrainingRecordView);

export const ExitDecisionView = z.object({
  id: z.uuid(),
  action: z.enum(EXIT_ACTIONS),
  basis: z.enum(EXIT_BASES),
  reason: z.string(),
  /** The certificates it suspended or revoked. */
  certificateIds: z.array(z.uuid()),
  at: Instant,
});
export type ExitDecision = Wire<typeof ExitDecisionView>;
export type ExitDecisionOut = z.output<typeof ExitDecisionView>;

/** The answer of POST /api/v1/officers/:id/exit-decisions. */
export const ExitDecisionRecordedView = ExitDecisionView.extend({ officerId: z.uuid() });
export type ExitDecisionRecordedOut = z.output<typeof ExitDecisionRecordedView>;

/** GET /api/v1/officers/:id: the officer with certificates, assessments, training and exit decisions. */
export const OfficerDetailView = OfficerRecordView.extend({
  certificates: z.array(CertificateView),
  assessments: z.array(AssessmentView),
  training: z.array(TrainingRecordView),
  exitDecisions: z.array(ExitDecisionView),
  /** 学时 of the current year (Asia/Shanghai). */
  hoursThisYear: z.number(),
});
export type OfficerDetail = Wire<typeof OfficerDetailView>;

export const RevealView = z.object({ field: z.enum(REVEAL_FIELDS), value: z.string() });
export type RevealResult = Wire<typeof RevealView>;

export const EligibilityView = z.object({
  eligible: z.boolean(),
  /** Why not (empty when eligible). */
  reasons: z.array(z.object({ code: z.enum(ELIGIBILITY_CODES), message: z.string() })),
});
export type Eligibility = Wire<typeof EligibilityView>;

const ImportError = z.object({ field: z.string(), message: z.string() });
/** One data row of an imported CSV file, by the file line its record starts on. */
export const ImportRowView = z.discriminatedUnion('status', [
  z.object({ row: z.number().int(), status: z.literal('created'), officerId: z.uuid(), hours: z.number() }),
  z.object({ row: z.number().int(), status: z.literal('duplicate'), officerId: z.uuid() }),
  z.object({ row: z.number().int(), status: z.literal('error'), errors: z.array(ImportError) }),
]);
export type ImportRow = Wire<typeof ImportRowView>;
export type ImportRowOut = z.output<typeof ImportRowView>;

export const ImportResultView = z.object({
  created: z.number().int(),
  duplicates: z.number().int(),
  errors: z.number().int(),
  rows: z.array(ImportRowView),
});
export type ImportResult = Wire<typeof ImportResultView>;
export type ImportResultOut = z.output<typeof ImportResultView>;

export const TrainingReportRowView = z.object({
  officerId: z.uuid(),
  name: z.string(),
  orgName: z.string(),
  totalHours: z.number(),
  byCategory: z.record(z.enum(TRAINING_CATEGORIES), z.number()),
  /** 学时 missing to ANNUAL_HOURS_REQUIRED (0 when met). */
  shortfallHours: z.number(),
});
export type TrainingReportRow = Wire<typeof TrainingReportRowView>;
export type TrainingReportRowOut = z.output<typeof TrainingReportRowView>;
export const TrainingReportPage = Page(TrainingReportRowView).extend({
  /** Share (0..1) of the officers in scope who met the annual requirement. */
  complianceRate: z.number(),
});
/** Extra fields of GET /api/v1/reports/training besides `{ data, total }`. */
export type TrainingReportMeta = Omit<Wire<typeof TrainingReportPage>, 'data' | 'total'>;

export const TrainingByOrgRowView = z.object({
  orgId: z.uuid(),
  orgName: z.string(),
  officers: z.number().int(),
  compliant: z.number().int(),
  /** 0..1 */
  complianceRate: z.number(),
  averageHours: z.number(),
});
export type TrainingByOrgRow = Wire<typeof TrainingByOrgRowView>;
export const TrainingByOrgPage = Page(TrainingByOrgRowView);

export const RotationRowView = z.object({ officerId: z.uuid(), name: z.string(), orgName: z.string() });
export type RotationRow = Wire<typeof RotationRowView>;
export const RotationPage = Page(RotationRowView).extend({ from: DateString, deadline: DateString });
/** Extra fields of GET /api/v1/reports/rotation besides `{ data, total }`. */
export type RotationMeta = Omit<Wire<typeof RotationPage>, 'data' | 'total'>;

export const ExitFlagRowView = z.object({
  officerId: z.uuid(),
  name: z.string(),
  orgName: z.string(),
  flags: z.array(z.object({ code: z.enum(EXIT_BASES).exclude(['other']), message: z.string() })),
});
export type ExitFlagRow = Wire<typeof ExitFlagRowView>;
export const ExitFlagPage = Page(ExitFlagRowView);
