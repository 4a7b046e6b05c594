import { PaperClipOutlined } from '@ant-design/icons';
import { Empty, Flex, Timeline, Typography } from 'antd';
import type { CaseEvent } from '../../api/case-types';
import { formatDateTime } from '../../components/format';
import { evidenceHref } from './caseApi';
import { caseStateLabel, eventLabel, payloadEntries, rolesText, sizeText } from './caseDisplay';

const EVENT_COLORS: Record<string, string> = {
  register: 'gray',
  add_evidence: 'blue',
  decide: 'green',
  deliver: 'green',
  record_payment: 'green',
  close: 'green',
  not_file: 'red',
  terminate: 'red',
  transfer: 'red',
  suspend: 'red',
  legal_review: 'purple',
  collective_discussion: 'purple',
};

export interface CaseTimelineProps {
  caseId: string;
  events: CaseEvent[];
  /** Names for ids in payloads (the case's item). */
  itemName?: (itemId: string) => string | undefined;
}

/** 全过程记录: every event oldest first, with its payload in Chinese, its attachments and its hash. */
export function CaseTimeline({ caseId, events, itemName }: CaseTimelineProps) {
  if (events.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />;
  return (
    <Timeline
      items={events.map((e) => {
        const from = typeof e.payload.fromState === 'string' ? e.payload.fromState : null;
        const to = typeof e.payload.toState === 'string' ? e.payload.toState : null;
        const entries = payloadEntries(e.payload, e.type);
        const item = typeof e.payload.itemId === 'string' ? itemName?.(e.payload.itemId) : undefined;
        if (item) entries.unshift({ key: 'itemId', label: '执法事项', value: item });
        const address = e.location && typeof e.location.address === 'string' ? e.location.address : null;
        return {
          key: e.seq,
          color: EVENT_COLORS[e.type] ?? 'blue',
          content: (
            <div data-testid="case-event" data-type={e.type} style={{ minWidth: 0, wordBreak: 'break-word' }}>
              <Flex wrap gap="2px 8px" align="baseline">
                <Typography.Text strong>{eventLabel(e.type)}</Typography.Text>
                {from && to && from !== to ? (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {caseStateLabel(from)} → {caseStateLabel(to)}
                  </Typography.Text>
                ) : null}
              </Flex>
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(e.at)} · {rolesText(e.role)}
                </Typography.Text>
              </div>
              {entries.length > 0 ? (
                <dl style={{ margin: '4px 0 0' }}>
                  {entries.map((x) => (
                    <div key={x.key} style={{ display: 'flex', gap: 6, fontSize: 13 }}>
                      <dt style={{ flex: '0 0 auto', color: 'rgba(0,0,0,0.55)' }}>{x.label}：</dt>
                      <dd style={{ margin: 0, minWidth: 0, whiteSpace: 'pre-wrap' }}>{x.value}</dd>
                    </div>
                  ))}
                </dl>
              ) : null}
              {address ? <div style={{ fontSize: 13 }}>位置：{address}</div> : null}
              {e.attachments.length > 0 ? (
                <ul style={{ listStyle: 'none', margin: '4px 0 0', padding: 0 }} aria-label="证据文件">
                  {e.attachments.map((a) => (
                    <li key={a.sha256} style={{ fontSize: 13 }} data-testid="case-attachment">
                      <PaperClipOutlined aria-hidden />{' '}
                      <a href={evidenceHref(caseId, a.sha256)} download={a.name} style={{ wordBreak: 'break-all' }}>
                        {a.name}
                      </a>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                        {sizeText(a.size)} · SHA-256{' '}
                        <span style={{ fontFamily: 'monospace' }}>{a.sha256.slice(0, 12)}</span>
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : null}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12, fontFamily: 'monospace' }} title={e.hash}>
                  <span data-testid="event-hash">哈希 {e.hash.slice(0, 12)}</span>
                </Typography.Text>
              </div>
            </div>
          ),
        };
      })}
    />
  );
}
