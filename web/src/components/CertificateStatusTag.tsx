import { Tag } from 'antd';
import {
  CERTIFICATE_STATUS_LABELS,
  type CertificateDisplayStatus,
  SECTOR_LABELS,
  type Sector,
} from '../../../common/enums.js';

const STATUS_COLORS: Record<CertificateDisplayStatus, string> = {
  valid: 'green',
  suspended: 'orange',
  revoked: 'red',
  expired: 'default',
};

/** 有效 green, 暂扣 orange, 吊销/注销 red, 已过期 grey — from the certificate's `displayStatus`. */
export function CertificateStatusTag({ status }: { status: CertificateDisplayStatus }) {
  return (
    <Tag color={STATUS_COLORS[status] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {CERTIFICATE_STATUS_LABELS[status] ?? status}
    </Tag>
  );
}

/** Sector codes → "市场监管、生态环境". */
export function sectorsText(sectors: readonly string[]): string {
  return sectors.length ? sectors.map((s) => SECTOR_LABELS[s as Sector] ?? s).join('、') : '—';
}

/** "2024-01-01 至 2029-12-31". */
export function validityText(validFrom: string, validTo: string): string {
  return `${validFrom} 至 ${validTo}`;
}
