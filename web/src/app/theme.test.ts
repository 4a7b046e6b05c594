/** The console theme's colours against WCAG 2.1 AA: 4.5:1 for text (1.4.3), 3:1 for input borders (1.4.11). */
import { theme } from 'antd';
import { describe, expect, it } from 'vitest';
import { BORDER_TOKENS, consoleTheme, TAG_TOKENS, TEXT_TOKENS } from './theme';

type Rgb = [number, number, number];

function parse(color: string, over: Rgb = [255, 255, 255]): Rgb {
  const hex = /^#([0-9a-f]{6})$/i.exec(color);
  if (hex?.[1]) {
    const n = Number.parseInt(hex[1], 16);
    return [n >> 16, (n >> 8) & 255, n & 255];
  }
  const rgba = /^rgba?\(([^)]+)\)$/.exec(color);
  if (!rgba?.[1]) throw new Error(`unreadable colour ${color}`);
  const [r = 0, g = 0, b = 0, a = 1] = rgba[1].split(',').map((x) => Number(x.trim()));
  // an alpha colour as painted over the background
  return [r * a + over[0] * (1 - a), g * a + over[1] * (1 - a), b * a + over[2] * (1 - a)];
}

const luminance = ([r, g, b]: Rgb) => {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
};

function contrast(fg: string, bg: string): number {
  const back = parse(bg);
  const [a, b] = [luminance(parse(fg, back)), luminance(back)].sort((x, y) => y - x) as [number, number];
  return (a + 0.05) / (b + 0.05);
}

const WHITE = '#ffffff';
const TABLE_HEADER = '#fafafa';
const DISABLED_FIELD = '#f5f5f5';
const token = theme.getDesignToken(consoleTheme) as unknown as Record<string, string>;
const tagToken = theme.getDesignToken({
  ...consoleTheme,
  token: { ...consoleTheme.token, ...TAG_TOKENS },
}) as unknown as Record<string, string>;

describe('console theme contrast', () => {
  it('the helper agrees with known ratios (antd defaults fail)', () => {
    expect(contrast('#bfbfbf', WHITE)).toBeCloseTo(1.83, 1);
    expect(contrast('#8c8c8c', WHITE)).toBeCloseTo(3.36, 1);
    expect(contrast('#1677ff', WHITE)).toBeCloseTo(4.1, 1);
    expect(contrast('rgba(0, 0, 0, 0.45)', WHITE)).toBeLessThan(4.5);
  });

  it.each(Object.keys(TEXT_TOKENS))('%s: text reaches 4.5:1 on white, table headers and disabled fields', (key) => {
    const value = token[key];
    expect(value).toBeDefined();
    for (const bg of [WHITE, TABLE_HEADER, DISABLED_FIELD])
      expect(contrast(value ?? '', bg), `${key} ${value} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it('the theme really sets them (antd does not derive them from something else)', () => {
    for (const [key, value] of Object.entries({ ...TEXT_TOKENS, ...BORDER_TOKENS }))
      expect(token[key]?.replace(/\s/g, ''), key).toBe(value.replace(/\s/g, ''));
  });

  it('input borders reach 3:1 against white and the table header', () => {
    for (const bg of [WHITE, TABLE_HEADER]) expect(contrast(token.colorBorder ?? '', bg)).toBeGreaterThanOrEqual(3);
  });

  it.each([
    'red',
    'volcano',
    'orange',
    'gold',
    'yellow',
    'lime',
    'green',
    'cyan',
    'blue',
    'geekblue',
    'purple',
    'magenta',
  ])('Tag color="%s": shade 7 on shade 1 reaches 4.5:1', (preset) => {
    const text = tagToken[`${preset}7`] ?? '';
    const bg = tagToken[`${preset}1`] ?? '';
    expect(contrast(text, bg), `${preset}: ${text} on ${bg}`).toBeGreaterThanOrEqual(4.5);
  });

  it.each([
    ['success', 'colorSuccess', 'colorSuccessBg'],
    ['processing', 'colorInfo', 'colorInfoBg'],
    ['warning', 'colorWarning', 'colorWarningBg'],
    ['error', 'colorError', 'colorErrorBg'],
  ])('Tag color="%s": reaches 4.5:1', (_status, fg, bg) => {
    const text = tagToken[fg] ?? '';
    // the Bg stays the one of the global theme (component tokens do not derive new ones)
    const back = token[bg] ?? '';
    expect(contrast(text, back), `${text} on ${back}`).toBeGreaterThanOrEqual(4.5);
  });

  it('white text on primary and danger buttons reaches 4.5:1', () => {
    expect(contrast(WHITE, token.colorPrimary ?? '')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(WHITE, token.colorError ?? '')).toBeGreaterThanOrEqual(4.5);
    expect(contrast(token.colorError ?? '', WHITE)).toBeGreaterThanOrEqual(4.5);
  });
});
