/**
 * Money: amounts are kept and sent in fen (分, integers) and read by people in yuan (元). One helper each way, used by
 * the server's documents and public pages, its refusals, and the console.
 */
const YUAN = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 });
const YUAN_EXACT = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** 500000 → "5,000" (thousands separators, up to 2 decimals, no 元). */
export const yuanNumber = (fen: number) => YUAN.format(fen / 100);

/** 500000 → "5,000 元": how the console and the rules' messages state an amount. */
export const yuanText = (fen: number) => `${yuanNumber(fen)} 元`;

/** 500000 → "5,000.00" (always 2 decimals, no 元): amounts in documents and refusals. */
export const yuanExactNumber = (fen: number) => YUAN_EXACT.format(fen / 100);

/** 500000 → "5,000.00 元": how a decision document and the public case page state an amount. */
export const yuanExact = (fen: number) => `${yuanExactNumber(fen)} 元`;

/** A yuan amount typed into a form (e.g. 12.34) → fen; undefined for anything that is not a number. */
export const fenOfYuan = (yuan: unknown) => (typeof yuan === 'number' ? Math.round(yuan * 100) : undefined);
