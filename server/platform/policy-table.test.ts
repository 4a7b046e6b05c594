import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { POLICIES } from '../modules/policies.js';
import { policyTable } from './policy-table.js';

describe('docs/policies.md', () => {
  it('is the policy table the code declares (npm run docs:policies rewrites it)', () => {
    expect(readFileSync(new URL('../../docs/policies.md', import.meta.url), 'utf8')).toBe(policyTable(POLICIES));
  });
});
