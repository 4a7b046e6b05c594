// @vitest-environment jsdom
import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { clearDraft, listDrafts, loadDraft, removeDraftByKey } from './drafts';

afterEach(() => window.localStorage.clear());

const put = (userId: string, name: string, draft: object) =>
  window.localStorage.setItem(`zhifa.draft.${userId}.${name}`, JSON.stringify(draft));

describe('drafts (nothing typed is lost when a dialog closes or a session ends)', () => {
  it('gives back what was kept, dates as dates, per user', () => {
    put('u1', 'register-case', {
      title: '登记案源',
      href: '/cases?register=1',
      savedAt: '2026-12-01T02:00:00.000Z',
      values: { facts: '无证经营', occurredAt: { $date: '2026-11-30T01:00:00.000Z' } },
    });
    const d = loadDraft('u1', 'register-case');
    if (!d) throw new Error('the draft is lost');
    expect(d.values.facts).toBe('无证经营');
    expect(dayjs.isDayjs(d.values.occurredAt)).toBe(true);
    expect((d.values.occurredAt as dayjs.Dayjs).toISOString()).toBe('2026-11-30T01:00:00.000Z');
    // another user of the same browser sees none of it
    expect(loadDraft('u2', 'register-case')).toBeNull();
    expect(listDrafts('u2')).toEqual([]);
  });

  it('lists a user’s drafts newest first, skipping damaged entries', () => {
    put('u1', 'a', { title: '事先告知', href: '/cases/1', savedAt: '2026-12-01T01:00:00.000Z', values: { x: 1 } });
    put('u1', 'b', { title: '作出决定', href: '/cases/2', savedAt: '2026-12-01T03:00:00.000Z', values: { x: 2 } });
    window.localStorage.setItem('zhifa.draft.u1.c', '{not json');
    expect(listDrafts('u1').map((d) => d.title)).toEqual(['作出决定', '事先告知']);
  });

  it('forgets a draft once sent, and removes only its own keys', () => {
    put('u1', 'a', { title: '事先告知', href: '/cases/1', savedAt: '2026-12-01T01:00:00.000Z', values: { x: 1 } });
    window.localStorage.setItem('other.key', 'kept');
    removeDraftByKey('other.key');
    expect(window.localStorage.getItem('other.key')).toBe('kept');
    clearDraft('u1', 'a');
    expect(loadDraft('u1', 'a')).toBeNull();
  });
});
