import { EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Empty, Flex, Modal, Space, Timeline, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useParams } from 'react-router';
import { type Complaint, STAFF_ACTIONS, type StaffAction } from '../../../../common/contracts/complaints.contract.js';
import { COMPLAINT_ACTION_LABELS, COMPLAINT_RATING_LABELS } from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api, errorMessage } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { RegionNames } from '../../components/RegionNames';
import { useDetail } from '../../components/useDetail';
import { formatDateTime } from '../../components/format';
import { ComplaintStateTag, channelLabel, complaintPath, DueBadge } from './complaintDisplay';
import { ComplaintStepModal } from './ComplaintStepModal';

type RevealedReporter = { name: string | null; phone: string | null };

const BACK = { to: '/complaints', label: '返回投诉举报' };
/** Steps that end or undo something, shown as danger buttons. */
const DANGER = new Set<StaffAction>(['reject', 'decline_transfer']);
/** The main next step of each state, shown as the primary button. */
const PRIMARY = new Set<StaffAction>(['accept', 'accept_transfer', 'reply', 'close', 'decide_dispute']);

const pre = { whiteSpace: 'pre-wrap', wordBreak: 'break-word' } as const;

/** 查看: the complainant's name and phone in clear, for the handling org's department head; the server audits it. */
function RevealReporter({ complaint }: { complaint: Complaint }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<RevealedReporter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const close = () => {
    setOpen(false);
    setValue(null);
    setError(null);
  };
  const reveal = async () => {
    setLoading(true);
    setError(null);
    try {
      setValue(
        await api.post<RevealedReporter>(`/api/v1/complaints/${encodeURIComponent(complaint.id)}/reveal-reporter`),
      );
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };
  return (
    <>
      <Button size="small" icon={<EyeOutlined />} onClick={() => setOpen(true)}>
        查看
      </Button>
      <Modal
        open={open}
        title="查看投诉人信息"
        onCancel={close}
        destroyOnHidden
        style={{ maxWidth: 'calc(100vw - 16px)' }}
        footer={
          value ? (
            <Button type="primary" onClick={close}>
              关闭
            </Button>
          ) : (
            <>
              <Button onClick={close}>取消</Button>
              <Button type="primary" loading={loading} onClick={reveal}>
                查看
              </Button>
            </>
          )
        }
      >
        {value ? (
          <>
            <Typography.Paragraph type="secondary">本次查看已记入审计日志，关闭后不再显示。</Typography.Paragraph>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'name',
                  label: '姓名',
                  children: <span data-testid="revealed-name">{value.name ?? '未留'}</span>,
                },
                {
                  key: 'phone',
                  label: '联系电话',
                  children: <span data-testid="revealed-phone">{value.phone ?? '未留'}</span>,
                },
              ]}
            />
          </>
        ) : (
          <>
            <Typography.Paragraph>
              投诉举报人的姓名和电话受保护：只有承办单位的部门负责人可以查看，每次查看都记入审计日志（查看人、时间、投诉举报）。不得向被投诉举报的单位或个人透露。
            </Typography.Paragraph>
            {error ? <Alert type="error" showIcon title={error} /> : null}
          </>
        )}
      </Modal>
    </>
  );
}

function Reporter({ c }: { c: Complaint }) {
  if (c.reporter.anonymous) return <Typography.Text type="secondary">匿名</Typography.Text>;
  return (
    <Flex wrap gap={8} align="center">
      <span data-testid="reporter-masked">
        {[c.reporter.nameMasked, c.reporter.phoneMasked].filter(Boolean).join('，') || '未留'}
      </span>
      {allows(c, 'reveal_reporter') ? <RevealReporter complaint={c} /> : null}
    </Flex>
  );
}

export default function ComplaintDetailPage() {
  const { id = '' } = useParams();
  const { data, setData, loading, error, reload } = useDetail(id, (signal) =>
    api.get<Complaint>(`/api/v1/complaints/${encodeURIComponent(id)}`, undefined, signal),
  );
  const [action, setAction] = useState<StaffAction | null>(null);
  const closeAction = useCallback(() => setAction(null), []);

  const c = data && data.id === id ? data : null;
  if (!c) return <DetailPending loading={loading || (data && !error)} error={error} back={BACK} onRetry={reload} />;

  // the policy and the flow allow these from the state; the rule needs more, which the view shows (the server checks)
  const ruled: Partial<Record<StaffAction, boolean>> = {
    reopen: c.rating === 'dissatisfied' && c.reopenCount === 0,
    open_case: c.caseId === null,
  };
  const actions = STAFF_ACTIONS.filter((a) => allows(c, a) && ruled[a] !== false);
  const routing = c.pendingOrg ? `${c.handlingOrg.name}（转办至 ${c.pendingOrg.name}，待接收）` : c.handlingOrg.name;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <DetailHeader
          back={BACK}
          title={<>投诉举报 {c.trackingNumber}</>}
          tags={
            <Space size={4} wrap>
              <ComplaintStateTag state={c.state} />
              <DueBadge c={c} />
            </Space>
          }
        />
        {actions.length > 0 ? (
          <section aria-label="可执行的操作" style={{ marginBottom: 12 }}>
            <Space wrap>
              {actions.map((a) => (
                <Button
                  key={a}
                  type={PRIMARY.has(a) ? 'primary' : 'default'}
                  danger={DANGER.has(a)}
                  onClick={() => setAction(a)}
                  data-action={a}
                >
                  {COMPLAINT_ACTION_LABELS[a]}
                </Button>
              ))}
            </Space>
          </section>
        ) : null}
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'kind', label: '类别', children: c.kindLabel },
            { key: 'channel', label: '来源', children: channelLabel(c.channel) },
            { key: 'receivedAt', label: '收到时间', children: formatDateTime(c.receivedAt) },
            {
              key: 'dueDate',
              label: '办理期限',
              children: (
                <span>
                  {c.dueDate}
                  {c.pausedWorkingDays > 0 ? (
                    <Typography.Text type="secondary">
                      （转办、异议暂停 {c.pausedWorkingDays} 个工作日）
                    </Typography.Text>
                  ) : null}
                </span>
              ),
            },
            { key: 'org', label: '承办单位', children: routing },
            {
              key: 'assignees',
              label: '承办人',
              children: c.assignees.length > 0 ? c.assignees.map((a) => a.name).join('、') : '—',
            },
            { key: 'region', label: '所在地区', children: <RegionNames codes={[c.regionCode]} /> },
            { key: 'address', label: '地址', children: c.address ?? '—' },
            { key: 'item', label: '执法事项', children: c.item?.name ?? '—' },
            {
              key: 'subject',
              label: '被投诉举报对象',
              children: c.subjectName ? `${c.subjectName}${c.subjectUscc ? `（${c.subjectUscc}）` : ''}` : '—',
            },
            { key: 'reporter', label: '投诉举报人', children: <Reporter c={c} /> },
            ...(c.externalRef ? [{ key: 'ticket', label: '12345 工单编号', children: c.externalRef }] : []),
            ...(c.reopenCount > 0 ? [{ key: 'reopen', label: '重新办理', children: `${c.reopenCount} 次` }] : []),
          ]}
        />
      </Card>
      <Card size="small" title="投诉举报内容">
        <Typography.Paragraph style={pre} data-testid="complaint-content">
          {c.content}
        </Typography.Paragraph>
      </Card>
      {c.rejectReason || c.replyText || c.rating ? (
        <Card size="small" title="答复与评价">
          <Descriptions
            size="small"
            column={1}
            items={[
              ...(c.rejectReason
                ? [{ key: 'reject', label: '不予受理理由', children: <span style={pre}>{c.rejectReason}</span> }]
                : []),
              ...(c.replyText
                ? [
                    {
                      key: 'reply',
                      label: `答复${c.repliedAt ? `（${formatDateTime(c.repliedAt)}）` : ''}`,
                      children: (
                        <span style={pre} data-testid="reply-text">
                          {c.replyText}
                        </span>
                      ),
                    },
                  ]
                : []),
              ...(c.closedAt ? [{ key: 'closed', label: '办结时间', children: formatDateTime(c.closedAt) }] : []),
              ...(c.rating
                ? [
                    {
                      key: 'rating',
                      label: '投诉人评价',
                      children: `${COMPLAINT_RATING_LABELS[c.rating]}${c.ratingComment ? `：${c.ratingComment}` : ''}`,
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      ) : null}
      {c.mergedInto || c.merged.length > 0 || c.caseId ? (
        <Card size="small" title="关联">
          <Flex vertical gap={4}>
            {c.mergedInto ? (
              <span>
                已并入：<Link to={complaintPath(c.mergedInto.id)}>{c.mergedInto.trackingNumber}</Link>
              </span>
            ) : null}
            {c.merged.length > 0 ? (
              <span>
                并入本件的重复投诉：
                {c.merged.map((m, i) => (
                  <span key={m.id}>
                    {i > 0 ? '、' : ''}
                    <Link to={complaintPath(m.id)}>{m.trackingNumber}</Link>
                  </span>
                ))}
              </span>
            ) : null}
            {c.caseId ? (
              <span>
                据此立案：<Link to={`/cases/${encodeURIComponent(c.caseId)}`}>查看案件</Link>
              </span>
            ) : null}
          </Flex>
        </Card>
      ) : null}
      <Card size="small" title="办理过程">
        {c.timeline.length > 0 ? (
          <Timeline
            items={c.timeline.map((t) => ({
              key: t.seq,
              color:
                t.action === 'reject' || t.action === 'decline_transfer'
                  ? 'red'
                  : t.action === 'close'
                    ? 'green'
                    : 'blue',
              content: (
                <div data-testid="complaint-step">
                  <Flex wrap gap={8} align="baseline">
                    <Typography.Text strong>{t.actionLabel}</Typography.Text>
                    <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(t.at)}
                    </Typography.Text>
                    {t.byOrgName ? <Typography.Text type="secondary">{t.byOrgName}</Typography.Text> : null}
                  </Flex>
                  {t.note ? <div style={pre}>{t.note}</div> : null}
                </div>
              ),
            }))}
          />
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无记录" />
        )}
      </Card>
      <ComplaintStepModal
        action={action}
        complaint={c}
        onClose={closeAction}
        onSaved={(saved) => {
          closeAction();
          setData(saved);
        }}
      />
    </Flex>
  );
}
