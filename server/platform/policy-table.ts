/**
 * The policy table as Markdown (docs/policies.md): every subject, every ability, the roles that grant it, whether it
 * concerns one record, and what a refused actor is told. `npm run docs:policies` writes it; a test keeps it current.
 */
import { ROLE_LABELS } from '../../common/enums.js';
import type { Policy, Subject } from './policy.js';

const cell = (s: string) => s.replace(/\|/g, '\\|');

export function policyTable(policies: readonly Policy<Subject>[]): string {
  const out = [
    '# Policies (generated)',
    '',
    'Who may do what, as `server/modules/*/*.policy.ts` declare it — written by `npm run docs:policies`, checked by',
    '`server/platform/policy-table.test.ts`. A record ability is refused with 404 when the caller may not read the',
    'record, then with 403 and the refusal below; a condition (own org, region subtree and sector line…) is part of',
    'the rule its refusal names. 三员分立 and the one-time password come first (`routeRefusal`).',
    '',
  ];
  for (const p of [...policies].sort((a, b) => a.subject.localeCompare(b.subject))) {
    out.push(`## \`${p.subject}\` — ${p.label}`, '');
    out.push(
      p.readable ? 'Lists show only the records the caller may read (SQL condition).' : 'Lists are not filtered.',
    );
    out.push('', '| ability | roles | record | condition | refusal |', '|---|---|---|---|---|');
    for (const [name, rule] of Object.entries(p.abilities)) {
      const roles = rule.roles.map((r) => ROLE_LABELS[r]).join('、');
      const refusal = typeof rule.refusal === 'string' ? rule.refusal : '（依记录说明违反的规则）';
      out.push(
        `| \`${name}\` | ${roles} | ${rule.record ? 'yes' : 'no'} | ${rule.when ? 'yes' : '—'} | ${cell(refusal)} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}
