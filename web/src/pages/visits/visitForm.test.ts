// @vitest-environment jsdom
import dayjs from 'dayjs';
import { afterEach, describe, expect, it } from 'vitest';
import { VisitCreateBody } from '../../../../common/contracts/visits.contract.js';
import { dequeue, enqueue, loadQueue, queuedBody, tokenFrom, visitBody } from './visitForm';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUvWx';
const O1 = '00000000-0000-4000-8000-000000000001';

afterEach(() => localStorage.clear());

describe('the code scanned or typed', () => {
  it('is the bare token or the sign’s whole address', () => {
    expect(tokenFrom(TOKEN)).toBe(TOKEN);
    expect(tokenFrom(` https://zhifa.example.gov.cn/e/${TOKEN}?from=sign `)).toBe(TOKEN);
    expect(tokenFrom('http://localhost:3000/e/short')).toBeNull();
    expect(tokenFrom('不是入企码')).toBeNull();
  });
});

describe('the request body', () => {
  it('fits the contract, optional parts left out', () => {
    const body = visitBody({
      entityToken: `https://x/e/${TOKEN}`,
      officerIds: [O1],
      purpose: 'random_inspection',
      taskId: null,
      startedAt: dayjs('2026-06-01T09:30:00+08:00'),
    });
    expect(body).toEqual({
      entityToken: TOKEN,
      officerIds: [O1],
      purpose: 'random_inspection',
      startedAt: '2026-06-01T01:30:00.000Z',
    });
    expect(VisitCreateBody.safeParse(body).success).toBe(true);
  });
});

describe('the offline queue', () => {
  it('keeps visits per user across reloads and sends them marked offline with the reason', () => {
    const body = visitBody({ entityToken: TOKEN, officerIds: [O1], purpose: 'special', startedAt: dayjs() });
    const q = enqueue('u1', { body, label: TOKEN, capturedAt: new Date().toISOString(), offlineReason: '无信号' });
    expect(q).toHaveLength(1);
    expect(loadQueue('u1')).toHaveLength(1);
    expect(loadQueue('u2')).toHaveLength(0);
    const sent = queuedBody(loadQueue('u1')[0] as (typeof q)[number]);
    expect(sent).toMatchObject({ capturedOffline: true, offlineReason: '无信号', entityToken: TOKEN });
    expect(VisitCreateBody.safeParse(sent).success).toBe(true);
    expect(dequeue('u1', q[0]?.id as string)).toEqual([]);
    expect(localStorage.length).toBe(0);
  });
});
