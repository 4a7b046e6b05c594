import { FilePdfOutlined } from '@ant-design/icons';
import { Alert, Button, Space, Typography } from 'antd';
import { CASE_ACTION_LABELS, STEP_ROLE_LABELS } from '../../../../common/case-flow.js';
import type { CaseDetail } from '../../../../common/contracts/cases.contract.js';

/**
 * What the case waits for and from whom (the server's waitingFor), with the steps the rules refuse now shown
 * disabled and their reason beside them — not offered as buttons that would be refused.
 */
export function CaseNextStep({ c }: { c: CaseDetail }) {
  const w = c.waitingFor;
  const mine = w ? c.allowedActions.includes(w.action) : false;
  return (
    <div style={{ marginBottom: 12 }}>
      {w ? (
        <Alert
          type={mine ? 'info' : 'warning'}
          showIcon
          data-testid="case-waiting-for"
          title={
            mine
              ? `下一步：${CASE_ACTION_LABELS[w.action]}（由您办理）`
              : `等待${STEP_ROLE_LABELS[w.role]}：${CASE_ACTION_LABELS[w.action]}`
          }
          description={w.reason}
          style={{ marginBottom: c.blockedActions.length > 0 ? 8 : 0 }}
        />
      ) : null}
      {c.blockedActions.length > 0 ? (
        <ul aria-label="暂不能办理的操作" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {c.blockedActions.map((b) => (
            <li key={b.action} data-testid="blocked-action" data-action={b.action} data-code={b.code}>
              <Space wrap size={8} style={{ marginBottom: 4 }}>
                <Button disabled aria-describedby={`blocked-${b.action}`}>
                  {CASE_ACTION_LABELS[b.action]}
                </Button>
                <Typography.Text id={`blocked-${b.action}`} style={{ fontSize: 13 }}>
                  暂不能办理：{b.reason}
                </Typography.Text>
              </Space>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** 文书: the PDFs that exist for the case's state, to open or download and print. */
export function CaseDocuments({ c }: { c: CaseDetail }) {
  if (c.documents.length === 0) return null;
  return (
    <section aria-label="文书" style={{ marginBottom: 12 }}>
      <Typography.Text strong style={{ marginInlineEnd: 8 }}>
        文书
      </Typography.Text>
      <Space wrap size={[12, 4]}>
        {c.documents.map((d) => (
          <Space key={d.kind} size={4}>
            <a href={d.url} target="_blank" rel="noopener" data-testid={`document-${d.kind}`}>
              <FilePdfOutlined aria-hidden /> {d.title}
            </a>
            <a href={`${d.url}?download=1`} download aria-label={`下载${d.title}`}>
              下载
            </a>
          </Space>
        ))}
      </Space>
    </section>
  );
}
