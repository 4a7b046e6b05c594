/**
 * The frame of every detail page: what shows while its record loads or when it could not be loaded, and the head with
 * the way back, the title, its tags and the actions.
 */
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Flex, Spin, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { LoadFailed } from './NotFound';
import type { LoadError } from './useDetail';

export interface BackTo {
  to: string;
  label: string;
}

/** No record yet: a spinner while `loading`, otherwise why it failed (LoadFailed) with the way back. */
export function DetailPending({
  loading,
  error,
  back,
  onRetry,
}: {
  loading: boolean | null | undefined;
  error: LoadError | null;
  back: BackTo;
  onRetry?: () => void;
}) {
  if (loading)
    return (
      <Flex align="center" justify="center" style={{ minHeight: '40vh' }}>
        <Spin size="large" description="加载中…" />
      </Flex>
    );
  return <LoadFailed error={error} back={back} onRetry={onRetry} />;
}

/** The head of a detail page: ← back, the title (h2), tags beside it, actions at the end (wrapping on a phone). */
export function DetailHeader({
  back,
  title,
  tags,
  actions,
}: {
  back: BackTo;
  title: ReactNode;
  tags?: ReactNode;
  actions?: ReactNode;
}) {
  const navigate = useNavigate();
  return (
    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
      <Flex align="center" gap={8} wrap style={{ minWidth: 0 }}>
        <Button type="text" icon={<ArrowLeftOutlined />} onClick={() => navigate(back.to)} aria-label={back.label} />
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18, wordBreak: 'break-all' }}>
          {title}
        </Typography.Title>
        {tags}
      </Flex>
      {actions}
    </Flex>
  );
}
