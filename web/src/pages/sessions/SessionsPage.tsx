import { Card, Typography } from 'antd';
import { SessionList } from './SessionList';

export default function SessionsPage() {
  return (
    <Card size="small">
      <Typography.Title level={2} style={{ marginTop: 0, fontSize: 18 }}>
        会话管理
      </Typography.Title>
      <Typography.Paragraph type="secondary">当前有效的登录会话。强制下线后，该会话需重新登录。</Typography.Paragraph>
      <SessionList />
    </Card>
  );
}
