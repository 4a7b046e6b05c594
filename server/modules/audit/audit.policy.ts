/** The audit trail is read by the security auditor only (三员分立). */
import { definePolicy } from '../../platform/policy.js';

export const auditPolicy = definePolicy({
  subject: 'audit',
  label: '审计日志',
  abilities: {
    list: { roles: ['auditor'], record: false, refusal: '只有安全审计员可以查看审计日志' },
  },
});
