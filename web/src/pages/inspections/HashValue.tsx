/** A public proof value on the draw screen: its Chinese name and meaning, the value in monospace, copyable. */
import { Typography } from 'antd';
import type { ReactNode } from 'react';

export function HashValue({
  label,
  value,
  explain,
  testId,
}: {
  label: string;
  value: string;
  explain: ReactNode;
  testId?: string;
}) {
  return (
    <div style={{ marginBottom: 12 }}>
      <div style={{ fontWeight: 600 }}>{label}</div>
      <Typography.Paragraph
        copyable={{ text: value, tooltips: ['复制', '已复制'] }}
        data-testid={testId}
        style={{
          fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
          fontSize: 'clamp(13px, 1.6vw, 20px)',
          wordBreak: 'break-all',
          margin: '2px 0',
          lineHeight: 1.5,
        }}
      >
        {value}
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {explain}
      </Typography.Text>
    </div>
  );
}
