/**
 * Shapes of the personnel API (执法人员、证件、培训、考核、退出机制) as the console sees them, and the labels of the
 * codes that are not in common/enums.ts.
 */
import type {
  AssessmentGrade,
  CertificateDisplayStatus,
  CertificateKind,
  CertificateStatus,
  TrainingCategory,
  TrainingMode,
} from '../../../common/enums.js';

export interface Officer {
  id: string;
  name: string;
  /** Masked, e.g. "440000********1144". */
  idNumber: string;
  orgId: string;
  orgName: string;
  position: string | null;
  /** Masked, e.g. "138****3757". */
  phone: string | null;
  legalQualification: boolean;
  legalReviewer: boolean;
  userId: string | null;
  createdAt: string;
  updatedAt: string;
}

export type CertificateAction = 'issue' | 'suspend' | 'reinstate' | 'revoke';

export interface CertificateEvent {
  action: CertificateAction;
  fromStatus: CertificateStatus | null;
  toStatus: CertificateStatus;
  reason: string | null;
  actorId: string | null;
  at: string;
}

export interface Certificate {
  id: string;
  officerId: string;
  number: string;
  kind: CertificateKind;
  issuerOrgId: string;
  issuerOrgName: string;
  sectors: string[];
  regionCodes: string[];
  validFrom: string;
  validTo: string;
  status: CertificateStatus;
  displayStatus: CertificateDisplayStatus;
  publicToken: string;
  publicUrl: string;
  history: CertificateEvent[];
}

export interface CertificateListItem {
  id: string;
  officerId: string;
  officerName: string;
  orgName: string;
  number: string;
  kind: CertificateKind;
  sectors: string[];
  regionCodes: string[];
  validFrom: string;
  validTo: string;
  status: CertificateStatus;
  displayStatus: CertificateDisplayStatus;
}

export interface Assessment {
  id: string;
  year: number;
  grade: AssessmentGrade;
  comments: string | null;
  createdAt: string;
}

export interface TrainingRecord {
  id: string;
  officerId: string;
  course: string;
  category: TrainingCategory;
  mode: TrainingMode;
  provider: string;
  date: string;
  minutes: number | null;
  hours: number;
}

export type ExitAction = 'suspend' | 'revoke';
export type ExitBasis = 'assessment_incompetent' | 'training_shortfall_two_years' | 'other';

export interface ExitDecision {
  id: string;
  action: ExitAction;
  basis: ExitBasis;
  reason: string;
  certificateIds: string[];
  at: string;
}

export interface OfficerDetail extends Officer {
  certificates: Certificate[];
  assessments: Assessment[];
  training: TrainingRecord[];
  exitDecisions: ExitDecision[];
  hoursThisYear: number;
}

export interface RevealResult {
  field: 'idNumber' | 'phone';
  value: string;
}

export interface CodeMessage {
  code: string;
  message: string;
}

export interface Eligibility {
  eligible: boolean;
  reasons: CodeMessage[];
}

export type ImportRow =
  | { row: number; status: 'created'; officerId: string; hours: number }
  | { row: number; status: 'duplicate'; officerId: string }
  | { row: number; status: 'error'; errors: { field: string; message: string }[] };

export interface ImportResult {
  created: number;
  duplicates: number;
  errors: number;
  rows: ImportRow[];
}

export interface TrainingReportRow {
  officerId: string;
  name: string;
  orgName: string;
  totalHours: number;
  byCategory: Record<TrainingCategory, number>;
  shortfallHours: number;
}

/** Extra fields of GET /api/v1/reports/training besides `{ data, total }`. */
export interface TrainingReportMeta {
  /** 0..1 */
  complianceRate: number;
}

export interface TrainingByOrgRow {
  orgId: string;
  orgName: string;
  officers: number;
  compliant: number;
  /** 0..1 */
  complianceRate: number;
  averageHours: number;
}

export interface RotationRow {
  officerId: string;
  name: string;
  orgName: string;
}

/** Extra fields of GET /api/v1/reports/rotation besides `{ data, total }`. */
export interface RotationMeta {
  from: string;
  deadline: string;
}

export interface ExitFlagRow {
  officerId: string;
  name: string;
  orgName: string;
  flags: CodeMessage[];
}

/** Annual training requirement (学时). */
export const ANNUAL_HOURS_REQUIRED = 60;

export const CERTIFICATE_ACTION_LABELS: Record<CertificateAction, string> = {
  issue: '发证',
  suspend: '暂扣',
  reinstate: '恢复',
  revoke: '吊销/注销',
};

export const EXIT_ACTION_LABELS: Record<ExitAction, string> = {
  suspend: '暂扣证件',
  revoke: '吊销证件',
};

export const EXIT_BASIS_LABELS: Record<ExitBasis, string> = {
  assessment_incompetent: '年度考核不称职',
  training_shortfall_two_years: `连续两年培训不足 ${ANNUAL_HOURS_REQUIRED} 学时`,
  other: '其他',
};
