import { PaperClipOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Timeline, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseEvent } from '../../../../common/contracts/cases.contract.js';
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

/**
 * 已链式存证 and, behind a "技术信息" toggle, what it rests on: the event's hash in the case's chain, the previous
 * event's hash and the SHA-256 of each attachment. People see the plain statement; the digits are there to check.
 */
function EventProof({ event }: { event: CaseEvent }) {
  const [open, setOpen] = useState(false);
  const id = `event-proof-${event.seq}`;
  const mono = { fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' } as const;
  return (
    <div style={{ fontSize: 12 }}>
      <Flex wrap gap="0 8px" align="center">
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="event-chained">
          <SafetyCertificateOutlined aria-hidden /> 已链式存证
        </Typography.Text>
        <Button
          type="link"
          size="small"
          style={{ paddingInline: 0, fontSize: 12, height: 'auto' }}
          aria-expanded={open}
          aria-controls={id}
          onClick={() => setOpen((v) => !v)}
          data-testid="event-tech-toggle"
        >
          {open ? '收起技术信息' : '技术信息'}
        </Button>
      </Flex>
      {open ? (
        <dl id={id} style={{ margin: '2px 0 0' }} data-testid="event-tech">
          <dt>本条记录的哈希（SHA-256，与前一条记录相链）</dt>
          <dd style={{ ...mono, margin: 0 }} data-testid="event-hash">
            {event.hash}
          </dd>
          <dt>前一条记录的哈希</dt>
          <dd style={{ ...mono, margin: 0 }}>{event.prevHash}</dd>
          {event.attachments.map((a) => (
            <div key={a.sha256}>
              <dt>{a.name} 的 SHA-256</dt>
              <dd style={{ ...mono, margin: 0 }}>{a.sha256}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </div>
  );
}

/** 全过程记录: every event oldest first, with its payload in Chinese, its attachments and its chaining. */
export function CaseTimeline({ caseId, events, itemName }: CaseTimelineProps) {
  // a link to one event (`#event-<seq>`, e.g. from a review sheet's pre-fill) scrolls to it once the record is shown
  const shown = events.length;
  useEffect(() => {
    if (shown === 0 || !window.location.hash.startsWith('#event-')) return;
    document.getElementById(window.location.hash.slice(1))?.scrollIntoView({ block: 'center' });
  }, [shown]);
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
            <div
              id={`event-${e.seq}`}
              data-testid="case-event"
              data-type={e.type}
              style={{ minWidth: 0, wordBreak: 'break-word' }}
            >
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
                      <a
                        href={evidenceHref(caseId, a.sha256)}
                        download={a.name}
                        style={{ wordBreak: 'break-all', textDecoration: 'underline' }}
                      >
                        {a.name}
                      </a>{' '}
                      <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                        {sizeText(a.size)}
                      </Typography.Text>
                    </li>
                  ))}
                </ul>
              ) : null}
              <EventProof event={e} />
            </div>
          ),
        };
      })}
    />
  );
}
