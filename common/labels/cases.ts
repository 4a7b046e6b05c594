/** zh-CN labels of the penalty-case code lists (common/enums.ts), for the console and the documents. */
import type { CaseSource, DeliveryMethod, PartyKind, PaymentChannel, ReviewFlag, ReviewOutcome } from '../enums.js';

export const CASE_SOURCE_LABELS: Record<CaseSource, string> = {
  inspection: '检查发现',
  complaint: '投诉举报',
  referral: '移送',
  hotline: '12345热线',
  self: '自行发现',
};

export const PARTY_KIND_LABELS: Record<PartyKind, string> = { person: '自然人', organisation: '法人或其他组织' };

export const REVIEW_FLAG_LABELS: Record<ReviewFlag, string> = {
  public_interest: '涉及重大公共利益',
  major_rights: '涉及当事人重大权益',
  complex: '案情复杂或涉及多个法律关系',
  required_by_law: '法律法规规定须审核',
};

/** Legal-review triggers as the server names them in `legal_review_required`. */
export const REVIEW_TRIGGER_LABELS: Record<string, string> = {
  major_item: '重大执法事项',
  hearing_held: '经过听证',
  ...REVIEW_FLAG_LABELS,
};

export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = {
  approve: '同意',
  approve_with_changes: '修改后同意',
  reject: '不同意',
};

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  on_site: '直接送达',
  post: '邮寄',
  electronic: '电子送达',
  public_notice: '公告送达',
  retained: '留置送达',
};

export const PAYMENT_CHANNEL_LABELS: Record<PaymentChannel, string> = {
  bank: '银行',
  online: '网上缴款',
  on_site: '当场收缴',
};
