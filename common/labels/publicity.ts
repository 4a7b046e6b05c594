/** zh-CN labels of the publicity code lists (common/enums.ts). */
import type { PublicityStatus, WithdrawReason } from '../enums.js';

export const PUBLICITY_STATUS_LABELS: Record<PublicityStatus, string> = {
  unpublished: '待公示',
  published: '已公示',
  withdrawn: '已撤回',
  ended: '已结束',
};

export const WITHDRAW_REASON_LABELS: Record<WithdrawReason, string> = { revoked: '撤销', corrected: '更正' };
