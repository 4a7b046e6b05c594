import { describe, expect, it } from 'vitest';
import { fenOfYuan, yuanExact, yuanExactNumber, yuanNumber, yuanText } from './money';

describe('money (fen kept, yuan read)', () => {
  it('states amounts for the console and rules, and for documents and the public page', () => {
    expect(yuanText(2_000_000)).toBe('20,000 元');
    expect(yuanText(1_234_550)).toBe('12,345.5 元');
    expect(yuanNumber(50)).toBe('0.5');
    expect(yuanExact(2_000_000)).toBe('20,000.00 元');
    expect(yuanExactNumber(1)).toBe('0.01');
    expect(yuanExact(0)).toBe('0.00 元');
  });
  it('turns a typed yuan amount into whole fen, and nothing else into an amount', () => {
    expect(fenOfYuan(12.34)).toBe(1234);
    // every amount of up to two decimals comes back to its fen, float error notwithstanding
    for (let fen = 0; fen <= 1_000_000; fen += 7) expect(fenOfYuan(Number((fen / 100).toFixed(2)))).toBe(fen);
    expect(fenOfYuan(19.99)).toBe(1999);
    expect(fenOfYuan('12')).toBeUndefined();
    expect(fenOfYuan(null)).toBeUndefined();
  });
});
