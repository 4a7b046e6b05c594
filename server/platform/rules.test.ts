import { describe, expect, it } from 'vitest';
import { checkRoleSet } from '../modules/accounts/accounts.rules.js';
import { checkOrgShape } from '../modules/orgs/orgs.rules.js';
import { checkPasswordPolicy } from './password-policy.js';
import { inScope, regionPrefix, regionWithin, scopeOf } from './scope.js';

describe('password policy', () => {
  it('needs 8 characters: 7 refused, 8 accepted', () => {
    expect(checkPasswordPolicy('Ab1!xyz').ok).toBe(false);
    expect(checkPasswordPolicy('Ab1!xyzw').ok).toBe(true);
  });
  it('needs 3 of 4 classes', () => {
    expect(checkPasswordPolicy('abcdefgh12').ok).toBe(false); // lower + digit
    expect(checkPasswordPolicy('abcdefgh1!').ok).toBe(true); // lower + digit + symbol
    expect(checkPasswordPolicy('ABCDefgh12').ok).toBe(true); // upper + lower + digit
  });
  it('refuses common passwords and their decorated variants', () => {
    for (const p of ['P@ssw0rd', 'Passw0rd!', 'Admin@123', 'Zhifa@123', '1Qaz@wsx'])
      expect([p, checkPasswordPolicy(p).ok]).toEqual([p, false]);
  });
});

describe('scope', () => {
  it('maps region codes to subtree prefixes', () => {
    expect(regionPrefix('440000')).toBe('44');
    expect(regionPrefix('440100')).toBe('4401');
    expect(regionPrefix('440106')).toBe('440106');
    expect(regionPrefix('440106001')).toBe('440106001');
    expect(regionWithin('440106001', '440100')).toBe(true);
    expect(regionWithin('440305', '440100')).toBe(false);
  });
  it('limits a department to its sector line and lets justice see all sectors', () => {
    const dept = scopeOf({ regionCode: '440100', sector: 'market_regulation' });
    expect(inScope(dept, { regionCode: '440106', sector: 'market_regulation' })).toBe(true);
    expect(inScope(dept, { regionCode: '440106', sector: 'ecology_environment' })).toBe(false);
    expect(inScope(dept, { regionCode: '440000', sector: 'market_regulation' })).toBe(false);
    const justice = scopeOf({ regionCode: '440100', sector: 'justice' });
    expect(inScope(justice, { regionCode: '440106', sector: 'ecology_environment' })).toBe(true);
    expect(inScope(justice, { regionCode: '440305', sector: 'ecology_environment' })).toBe(false);
  });
});

describe('role sets (三员分立)', () => {
  it('allows one admin role, refuses two, and keeps the auditor alone', () => {
    expect(checkRoleSet(['sysadmin'])).toBeNull();
    expect(checkRoleSet(['officer', 'legal_reviewer'])).toBeNull();
    expect(checkRoleSet(['sysadmin', 'secadmin'])).not.toBeNull();
    expect(checkRoleSet(['auditor', 'officer'])).not.toBeNull();
    expect(checkRoleSet([])).not.toBeNull();
  });
});

describe('org shape', () => {
  it('ties kinds to sectors and region levels', () => {
    expect(
      checkOrgShape({ kind: 'department', sector: 'market_regulation', regionCode: '440100', regionLevel: 'city' }),
    ).toEqual([]);
    expect(
      checkOrgShape({ kind: 'department', sector: 'general', regionCode: '440100', regionLevel: 'city' })[0]?.path,
    ).toBe('sector');
    expect(
      checkOrgShape({ kind: 'township', sector: 'general', regionCode: '440106', regionLevel: 'county' })[0]?.path,
    ).toBe('regionCode');
    expect(
      checkOrgShape({ kind: 'judicial_office', sector: 'justice', regionCode: '440106001', regionLevel: 'township' }),
    ).toEqual([]);
  });
});
