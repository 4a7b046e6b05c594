/**
 * 回调投递 on the 机器客户端 page: the status pushes to the clients' callback URLs that are not delivered yet — those
 * being retried, with the receiver's last answer, and those that stopped after the last retry — with 重新投递. And
 * each client's figures (`/api/v1/exchange/destinations`) for the list's 回调状态 column.
 */
import { RedoOutlined } from '@ant-design/icons';
import { App, Button, Tag, Typography } from 'antd';
import type { Delivery, DestinationStatus } from '../../../../common/contracts/exchange.contract.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useDetail } from '../../components/useDetail';

/** Each client's delivery figures by client id (empty while loading or when not allowed). */
export function useDestinations(): Map<string, DestinationStatus> {
  const me = useMe();
  const allowed = mayDo(me, 'exchange_delivery.list');
  const figures = useDetail('destinations', (signal) =>
    allowed
      ? api.get<{ data: DestinationStatus[] }>('/api/v1/exchange/destinations', undefined, signal)
      : Promise.resolve({ data: [] }),
  );
  return new Map((figures.data?.data ?? []).map((d) => [d.id, d]));
}

/** 回调状态 of one client, in words. */
export function CallbackState({ status }: { status: DestinationStatus | undefined }) {
  if (!status?.endpoint) return <>—</>;
  if (status.dead > 0) return <Tag color="red">{status.dead} 条已停止重试</Tag>;
  if (status.failing > 0)
    return (
      <Tag color="orange" title={status.lastFailureAt ? `最近失败 ${formatDateTime(status.lastFailureAt)}` : undefined}>
        {status.failing} 条推送失败，重试中
      </Tag>
    );
  if (status.lastSuccessAt) return <Tag color="green">正常（最近成功 {formatDateTime(status.lastSuccessAt)}）</Tag>;
  return <>尚无推送</>;
}

export function CallbackDeliveries() {
  const me = useMe();
  const { message } = App.useApp();
  const deliveries = useDetail('deliveries', (signal) =>
    api.get<{ data: Delivery[]; total: number }>('/api/v1/exchange/deliveries', { pageSize: 50 }, signal),
  );
  if (!mayDo(me, 'exchange_delivery.list')) return null;
  const resend = async (d: Delivery) => {
    try {
      await api.post(`/api/v1/exchange/deliveries/${encodeURIComponent(d.id)}/resend`);
      message.success('已重新排队投递');
      deliveries.reload();
    } catch (err) {
      message.error(errorMessage(err));
    }
  };
  const columns: ListColumn<Delivery>[] = [
    { key: 'summary', title: '推送内容', render: (_v, d) => d.summary },
    { key: 'destination', title: '接收方', render: (_v, d) => d.destination.name },
    {
      key: 'state',
      title: '状态',
      render: (_v, d) =>
        d.state === 'dead' ? (
          <Tag color="red">{d.stateLabel}</Tag>
        ) : (
          <Tag color="orange">{d.waitingBehind ? `${d.stateLabel}（等待前一条）` : d.stateLabel}</Tag>
        ),
    },
    { key: 'attempts', title: '已尝试', render: (_v, d) => `${d.attempts} 次` },
    {
      key: 'answer',
      title: '对方最近的答复',
      render: (_v, d) =>
        d.lastAttemptAt ? (
          <Typography.Text style={{ wordBreak: 'break-all' }}>
            {d.lastStatus ? `HTTP ${d.lastStatus}` : '无应答'}
            {d.lastError ? `：${d.lastError.slice(0, 200)}` : ''}（{formatDateTime(d.lastAttemptAt)}）
          </Typography.Text>
        ) : (
          '尚未尝试'
        ),
    },
    {
      key: 'next',
      title: '下次尝试',
      render: (_v, d) => (d.state === 'dead' ? '不再自动重试' : formatDateTime(d.nextAttemptAt)),
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, d) =>
        mayDo(me, 'exchange_delivery.resend') && (d.state === 'dead' || d.lastError) ? (
          <Button type="link" size="small" icon={<RedoOutlined />} onClick={() => void resend(d)}>
            重新投递
          </Button>
        ) : null,
    },
  ];
  return (
    <section aria-labelledby="callback-deliveries" style={{ marginTop: 16 }}>
      <Typography.Title level={3} id="callback-deliveries" style={{ fontSize: 16 }}>
        回调投递（未送达 {deliveries.data?.total ?? 0} 条）
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        受理、转办、答复、办结、不予受理时向 12345
        客户端的回调地址推送状态；失败的按退避间隔自动重试，重试用尽后停止并列在这里，可重新投递。
      </Typography.Paragraph>
      <ResponsiveList
        ariaLabel="未送达的回调"
        columns={columns}
        dataSource={deliveries.data?.data ?? []}
        rowKey={(d) => d.id}
        loading={deliveries.loading}
        error={deliveries.error?.message ?? null}
        pagination={false}
      />
    </section>
  );
}
