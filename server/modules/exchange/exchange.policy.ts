/**
 * Who sees and resends the outbox's deliveries: the system administrator, who configures the receivers (the 12345
 * clients) and sees no business data (三员分立) — the list names the record by its 受理编号 and the status told, never
 * the content or the reply.
 */
import { definePolicy } from '../../platform/policy.js';

export const deliveryPolicy = definePolicy<{ id: string }>({
  subject: 'exchange_delivery',
  label: '对外投递',
  abilities: {
    list: { roles: ['sysadmin'], record: false, refusal: '只有系统管理员可以查看对外投递情况' },
    resend: { roles: ['sysadmin'], record: false, refusal: '只有系统管理员可以重新投递' },
  },
});
