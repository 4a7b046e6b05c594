/**
 * The console's antd theme. antd's defaults fail WCAG 2.1 AA contrast (placeholder #bfbfbf 1.83:1, secondary text
 * #8c8c8c 3.36:1, link #1677ff 4.1:1, pale tag texts such as lime 2.5:1, input borders #d9d9d9 1.4:1): every text
 * colour here reaches 4.5:1 on white, on the table header (#fafafa) and on disabled fields (#f5f5f5); input borders
 * reach 3:1 (non-text contrast, 1.4.11). theme.test.ts checks each pair.
 */
import type { ThemeConfig } from 'antd';

export const BRAND = '#1f4e9c';

/** Greys as black with an alpha, as antd writes them, so that they darken on grey backgrounds too. */
export const TEXT_TOKENS = {
  colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
  colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
  colorTextDescription: 'rgba(0, 0, 0, 0.6)',
  colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
  colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
  colorTextDisabled: 'rgba(0, 0, 0, 0.56)',
  colorLink: BRAND,
  colorLinkHover: '#2c63c2',
  colorLinkActive: '#163a78',
  colorSuccessText: '#237804',
  colorWarningText: '#ad4e00',
  colorErrorText: '#cf1322',
  colorErrorTextHover: '#a8071a',
  colorErrorTextActive: '#820014',
} as const;

/** Borders of inputs, selects and default buttons: 3:1 against white. */
export const BORDER_TOKENS = { colorBorder: '#8c8c8c' } as const;

/**
 * Tag texts. A preset tag (color="green") writes shade 7 of its palette on shade 1; where shade 7 is too pale the
 * darker shade 8 or 9 is used. Status tags (success, processing, warning, error) use the status colour on its Bg.
 */
export const TAG_TOKENS = {
  volcano7: '#ad2102',
  orange7: '#ad4e00',
  gold7: '#874d00',
  yellow7: '#876800',
  lime7: '#3f6600',
  green7: '#237804',
  cyan7: '#006d75',
  colorSuccess: '#237804',
  colorWarning: '#ad4e00',
  colorError: '#cf1322',
  colorInfo: '#0958d9',
} as const;

export const consoleTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND,
    colorInfo: '#0958d9',
    colorError: '#cf1322',
    borderRadius: 6,
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'WenQuanYi Micro Hei', sans-serif",
    ...TEXT_TOKENS,
    ...BORDER_TOKENS,
  },
  components: {
    Tag: { ...TAG_TOKENS },
  },
};
