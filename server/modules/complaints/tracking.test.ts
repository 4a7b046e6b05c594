/**
 * 受理编号 from a per-day counter: 200 intakes at once through the public form all get a number (no 503
 * `try_again`), all distinct, TS + the Beijing date + 6 digits, and consecutive (the day's sequence, not random
 * digits); a number given out before the counter (the random ones of earlier versions) is skipped, not refused.
 */
import { eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDate } from '../../platform/clock.js';
import { type TestEnv, createTestEnv } from '../../test/harness.js';
import { complaintNumberCounters, complaints } from './complaints.schema.js';

let env: TestEnv;

function form(fields: Record<string, string>) {
  const boundary = '----zhifa-tracking';
  const body = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, origin: 'http://localhost:3000' },
    payload: `${body}--${boundary}--\r\n`,
  };
}

const submit = (i: number) =>
  env.app.inject({
    method: 'POST',
    url: '/public/complaints/new',
    ...form({
      kind: 'report',
      content: `并发受理测试第 ${i} 件：某店铺销售过期食品`,
      regionCode: '440106001',
      subjectName: '某店铺',
    }),
  });
const numberOf = (body: string) => /data-testid="tracking-number">([^<]+)</.exec(body)?.[1] as string;

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(() => env.close());

describe('tracking numbers', () => {
  it('200 concurrent intakes get 200 distinct, consecutive numbers of the day, none refused', async () => {
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => submit(i)));
    const statuses = answers.map((a) => a.statusCode);
    expect(
      statuses.filter((s) => s !== 200),
      answers.find((a) => a.statusCode !== 200)?.body,
    ).toEqual([]);
    const numbers = answers.map((a) => numberOf(a.body));
    const day = shanghaiDate(env.clock.now()).replace(/-/g, '');
    for (const n of numbers) expect(n).toMatch(new RegExp(`^TS${day}\\d{6}$`));
    expect(new Set(numbers).size).toBe(200);
    const seq = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b);
    expect((seq.at(-1) as number) - (seq[0] as number)).toBe(199);
    const stored = await env.database.db
      .select({ no: complaints.trackingNumber })
      .from(complaints)
      .where(like(complaints.trackingNumber, `TS${day}%`));
    expect(stored.map((r) => r.no).filter((n) => numbers.includes(n))).toHaveLength(200);
  });

  it('skips a number given out before the counter instead of refusing', async () => {
    const day = shanghaiDate(env.clock.now());
    const [counter] = await env.database.db.select().from(complaintNumberCounters);
    expect(counter?.day).toBe(day);
    const next = (counter?.last ?? 0) + 1;
    // the next number is already taken (as a random number of an earlier version could be)
    const first = await submit(1000);
    const taken = numberOf(first.body);
    expect(Number(taken.slice(-6))).toBe(next);
    await env.database.db
      .update(complaintNumberCounters)
      .set({ last: next - 1 })
      .where(eq(complaintNumberCounters.day, day));
    const again = await submit(1001);
    expect(again.statusCode, again.body).toBe(200);
    expect(Number(numberOf(again.body).slice(-6))).toBe(next + 1);
  });
});
