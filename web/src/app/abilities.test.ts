import { describe, expect, it } from 'vitest';
import { allows, mayDo } from './abilities';

describe('abilities in the console', () => {
  it('shows a record-less action only when /auth/me lists it, by its full name', () => {
    const me = { abilities: ['case.create', 'entity.import'] };
    expect(mayDo(me, 'case.create')).toBe(true);
    expect(mayDo(me, 'entity.create')).toBe(false);
    // `create` alone is not `case.create`
    expect(mayDo({ abilities: ['create'] }, 'case.create')).toBe(false);
  });
  it('shows a record action only when the record’s view lists it; a view without abilities allows nothing', () => {
    expect(allows({ abilities: ['read', 'update'] }, 'update')).toBe(true);
    expect(allows({ abilities: ['read'] }, 'update')).toBe(false);
    expect(allows({ id: 'x' }, 'update')).toBe(false);
    expect(allows({ abilities: 'update' }, 'update')).toBe(false);
    expect(allows(null, 'read')).toBe(false);
    expect(allows(undefined, 'read')).toBe(false);
  });
});
