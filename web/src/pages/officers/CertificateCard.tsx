import { ExportOutlined, PauseCircleOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Timeline, Typography } from 'antd';
import type { Certificate, CertificateEvent } from '../../../../common/contracts/personnel.contract.js';
import {
  CERTIFICATE_ACTION_LABELS,
  CERTIFICATE_KIND_LABELS,
  CERTIFICATE_STATUS_LABELS,
} from '../../../../common/enums.js';
import { CertificateStatusTag, sectorsText, validityText } from '../../components/CertificateStatusTag';
import { formatDateTime } from '../../components/format';
import { RegionNames } from '../../components/RegionNames';
import { allows } from '../../app/abilities';

export type CertificateChange = 'suspend' | 'reinstate' | 'revoke';

export const CERTIFICATE_CHANGE_LABELS: Record<CertificateChange, string> = {
  suspend: '暂扣',
  reinstate: '恢复',
  revoke: '吊销',
};

const HISTORY_COLORS: Record<string, string> = { issue: 'green', suspend: 'orange', reinstate: 'blue', revoke: 'red' };

function historyItem(e: CertificateEvent, i: number) {
  const change =
    e.fromStatus && e.fromStatus !== e.toStatus
      ? `（${CERTIFICATE_STATUS_LABELS[e.fromStatus] ?? e.fromStatus} → ${CERTIFICATE_STATUS_LABELS[e.toStatus] ?? e.toStatus}）`
      : '';
  return {
    key: `${e.at}-${i}`,
    color: HISTORY_COLORS[e.action] ?? 'gray',
    content: (
      <div>
        <Typography.Text type="secondary" style={{ marginInlineEnd: 8, whiteSpace: 'nowrap' }}>
          {formatDateTime(e.at)}
        </Typography.Text>
        <Typography.Text strong>{CERTIFICATE_ACTION_LABELS[e.action] ?? e.action}</Typography.Text>
        <Typography.Text type="secondary">{change}</Typography.Text>
        {e.reason ? <div style={{ wordBreak: 'break-all' }}>原因：{e.reason}</div> : null}
      </div>
    ),
  };
}

export interface CertificateCardProps {
  certificate: Certificate;
  /** 暂扣 / 恢复 / 吊销, offered as far as the certificate's `abilities` allow. */
  onChange: (certificate: Certificate, action: CertificateChange) => void;
}

/** One certificate of an officer: details, the QR code of its public authenticity page, state actions and history. */
export function CertificateCard({ certificate: c, onChange }: CertificateCardProps) {
  // what the certificate's status allows, and of that what its policy lets the caller do
  const actions: CertificateChange[] = [];
  if (c.status === 'valid') actions.push('suspend');
  if (c.status === 'suspended') actions.push('reinstate');
  if (c.status !== 'revoked') actions.push('revoke');
  const allowed = actions.filter((a) => allows(c, a));

  return (
    <Card
      size="small"
      data-testid="certificate-card"
      title={
        <Flex wrap gap={8} align="center" style={{ whiteSpace: 'normal' }}>
          <span style={{ wordBreak: 'break-all' }}>{c.number}</span>
          <CertificateStatusTag status={c.displayStatus} />
        </Flex>
      }
    >
      <Row gutter={[16, 12]}>
        <Col xs={24} md={16} xl={17}>
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 1, md: 1, lg: 2 }}
            items={[
              { key: 'kind', label: '证件类型', children: CERTIFICATE_KIND_LABELS[c.kind] ?? c.kind },
              { key: 'validity', label: '有效期', children: validityText(c.validFrom, c.validTo) },
              { key: 'issuer', label: '发证机关', children: c.issuerOrgName },
              { key: 'sectors', label: '执法领域', children: sectorsText(c.sectors) },
              { key: 'regions', label: '执法区域', children: <RegionNames codes={c.regionCodes} /> },
            ]}
          />
          {allowed.length > 0 ? (
            <Space wrap style={{ marginTop: 8 }}>
              {allowed.includes('suspend') ? (
                <Button icon={<PauseCircleOutlined />} onClick={() => onChange(c, 'suspend')}>
                  暂扣
                </Button>
              ) : null}
              {allowed.includes('reinstate') ? (
                <Button icon={<PlayCircleOutlined />} onClick={() => onChange(c, 'reinstate')}>
                  恢复
                </Button>
              ) : null}
              {allowed.includes('revoke') ? (
                <Button danger icon={<StopOutlined />} onClick={() => onChange(c, 'revoke')}>
                  吊销
                </Button>
              ) : null}
            </Space>
          ) : null}
        </Col>
        <Col xs={24} md={8} xl={7}>
          <Flex vertical align="center" gap={4}>
            <img
              src={`/api/v1/certificates/${encodeURIComponent(c.id)}/qr.svg`}
              alt="证件查验二维码"
              width={144}
              height={144}
              style={{ display: 'block', border: '1px solid #f0f0f0', borderRadius: 4 }}
            />
            <Typography.Link href={c.publicUrl} target="_blank" rel="noopener noreferrer">
              公开查验页面 <ExportOutlined />
            </Typography.Link>
          </Flex>
        </Col>
      </Row>
      <Typography.Title level={3} style={{ fontSize: 14, margin: '12px 0 12px' }}>
        证件履历
      </Typography.Title>
      {c.history.length > 0 ? (
        <Timeline items={c.history.map(historyItem)} />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无履历" />
      )}
    </Card>
  );
}
