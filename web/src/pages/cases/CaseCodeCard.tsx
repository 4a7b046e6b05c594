import { ExportOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Alert, Card, Flex, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';

const QR_SIZE = 168;

/**
 * 一案一码: the case code given at decision, its QR code (drawn in the browser) and the public case page it
 * points to. The same code is printed on the decision document.
 */
export function CaseCodeCard({ caseCode, publicUrl }: { caseCode: string; publicUrl: string }) {
  const [qr, setQr] = useState<{ url: string; dataUrl: string } | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setFailed(false);
    // Loaded on demand: only decided cases need the encoder.
    import('qrcode')
      .then((mod) => mod.default.toDataURL(publicUrl, { errorCorrectionLevel: 'M', margin: 1, width: QR_SIZE * 2 }))
      .then((dataUrl) => {
        if (!cancelled) setQr({ url: publicUrl, dataUrl });
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
    };
  }, [publicUrl]);

  const image = qr?.url === publicUrl ? qr.dataUrl : null;

  return (
    <Card
      size="small"
      title={
        <span>
          <QrcodeOutlined aria-hidden /> 一案一码
        </span>
      }
    >
      <section aria-label="一案一码" data-testid="case-code-section">
        <Flex wrap gap={16} align="center" style={{ minWidth: 0 }}>
          <div style={{ width: QR_SIZE, height: QR_SIZE, flex: '0 0 auto', display: 'grid', placeItems: 'center' }}>
            {image ? (
              <img
                src={image}
                alt="一案一码二维码"
                width={QR_SIZE}
                height={QR_SIZE}
                data-testid="case-qr"
                style={{ display: 'block' }}
              />
            ) : failed ? (
              <Alert type="warning" showIcon title="二维码生成失败" />
            ) : (
              <Spin description="生成二维码…" />
            )}
          </div>
          <Flex vertical gap={6} style={{ flex: '1 1 200px', minWidth: 0 }}>
            <div>
              <Typography.Text type="secondary">案件码</Typography.Text>{' '}
              <Typography.Text
                strong
                copyable={{ text: caseCode, tooltips: ['复制案件码', '已复制'] }}
                style={{ fontFamily: 'monospace', wordBreak: 'break-all' }}
              >
                <span data-testid="case-code">{caseCode}</span>
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              决定书上印有此二维码。公众扫码可查看已隐去个人信息的决定和办理过程，并在本机核验记录未被改动。
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-all' }}>
              {publicUrl}
            </Typography.Text>
            <div>
              <a href={publicUrl} target="_blank" rel="noopener noreferrer" data-testid="public-link">
                <ExportOutlined aria-hidden /> 打开公开页面
              </a>
            </div>
          </Flex>
        </Flex>
      </section>
    </Card>
  );
}
