import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, type DescriptionsProps, Flex, Grid, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, startTransition, useCallback, useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { CASE_ACTION_LABELS, type CaseAction } from '../../../../common/case-flow.js';
import type { CaseDetail, CaseEvent } from '../../../../common/contracts/cases.contract.js';
import type { CaseSource, ReviewOutcome } from '../../../../common/enums.js';
import { CASE_SOURCE_LABELS, REVIEW_OUTCOME_LABELS } from '../../../../common/labels/cases.js';
import { ApiError, api, errorMessage } from '../../api/client';
import { formatDateTime } from '../../components/format';
import { casePath } from './caseApi';
import { CaseCodeCard } from './CaseCodeCard';
import type { JsonCaseAction } from './CaseActionModal';
import {
  CaseStateTag,
  circumstanceLabel,
  DeadlineText,
  deadlineRunning,
  penaltyKindsText,
  penaltyText,
  rangeText,
  yuan,
} from './caseDisplay';
import { CaseDocuments, CaseNextStep } from './CaseNextStep';
import { CaseTimeline } from './CaseTimeline';

// The action and evidence dialogs (forms, date pickers, selects, upload) load when first opened, not with the page.
const CaseActionModal = lazy(() => import('./CaseActionModal').then((m) => ({ default: m.CaseActionModal })));
const EvidenceUploadModal = lazy(() =>
  import('./EvidenceUploadModal').then((m) => ({ default: m.EvidenceUploadModal })),
);

/** Actions off the main path (shown as plain buttons after it). */
const SIDE_ACTIONS: ReadonlySet<CaseAction> = new Set([
  'add_evidence',
  'not_file',
  'no_penalty',
  'transfer',
  'suspend',
  'extend',
  'terminate',
  'request_hearing',
  'simplified_decide',
  'request_recusal',
]);
const DANGER_ACTIONS: ReadonlySet<CaseAction> = new Set(['not_file', 'terminate']);

function partyText(c: CaseDetail): string {
  const id =
    c.party.kind === 'person'
      ? c.party.idNumber
        ? `身份证号 ${c.party.idNumber}`
        : null
      : c.party.uscc
        ? `统一社会信用代码 ${c.party.uscc}`
        : null;
  return id ? `${c.party.name}（${id}）` : c.party.name;
}

/** 案件详情: the case, the buttons of the actions the server allows the caller now, and the whole-process record. */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const screens = Grid.useBreakpoint();
  const [c, setCase] = useState<CaseDetail | null>(null);
  const [events, setEvents] = useState<CaseEvent[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<{ status: number; message: string } | null>(null);
  const [recordError, setRecordError] = useState<string | null>(null);
  const [nonce, setNonce] = useState(0);
  const [action, setAction] = useState<JsonCaseAction | null>(null);
  const [evidenceOpen, setEvidenceOpen] = useState(false);
  // A dialog stays mounted once opened (for its closing animation and its lazily loaded code).
  const [actionUsed, setActionUsed] = useState(false);
  const [evidenceUsed, setEvidenceUsed] = useState(false);
  if (action && !actionUsed) setActionUsed(true);
  if (evidenceOpen && !evidenceUsed) setEvidenceUsed(true);

  const reload = useCallback(() => setNonce((n) => n + 1), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `nonce` is bumped by reload() to fetch again.
  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    Promise.all([
      api.get<CaseDetail>(casePath(id), undefined, ctrl.signal).then(
        (found) => {
          // A transition: React renders the page in slices and keeps the phone responsive meanwhile.
          startTransition(() => {
            setCase(found);
            setError(null);
          });
        },
        (err: unknown) => {
          if (!ctrl.signal.aborted)
            setError({ status: err instanceof ApiError ? err.status : 0, message: errorMessage(err) });
        },
      ),
      api.get<{ data: CaseEvent[] }>(`${casePath(id)}/record`, undefined, ctrl.signal).then(
        (record) => {
          startTransition(() => {
            setEvents(record.data);
            setRecordError(null);
          });
        },
        (err: unknown) => {
          if (!ctrl.signal.aborted) setRecordError(errorMessage(err));
        },
      ),
    ]).finally(() => {
      if (!ctrl.signal.aborted) setLoading(false);
    });
    return () => ctrl.abort();
  }, [id, nonce]);

  // ?action=notify (a draft listed on 工作台): open that step's dialog once, if the caller may take it now
  const wanted = params.get('action');
  useEffect(() => {
    if (!c || !wanted) return;
    if (c.allowedActions.includes(wanted as CaseAction) && wanted !== 'add_evidence')
      setAction(wanted as JsonCaseAction);
    setParams({}, { replace: true });
  }, [c, wanted, setParams]);

  if (!c) {
    return (
      <DetailPending
        loading={loading || !error}
        error={error}
        back={{ to: '/cases', label: '返回案件列表' }}
        onRetry={reload}
      />
    );
  }

  const afterAction = (updated: CaseDetail) => {
    setCase(updated);
    reload();
  };

  const primary = c.allowedActions.find((a) => !SIDE_ACTIONS.has(a));
  const d = c.decision;
  const items: DescriptionsProps['items'] = [
    { key: 'number', label: '案号', children: <span style={{ whiteSpace: 'nowrap' }}>{c.number}</span> },
    {
      key: 'state',
      label: '阶段',
      children: (
        <span>
          <CaseStateTag state={c.state} label={c.stateLabel} />
          {c.procedure === 'simplified' ? (
            <Tag color="blue" data-testid="case-procedure">
              简易程序
            </Tag>
          ) : null}
        </span>
      ),
    },
    { key: 'orgName', label: '办案单位', children: c.orgName },
    {
      key: 'item',
      label: '执法事项',
      children: c.item ? (
        <span>
          {c.item.name}{' '}
          <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap' }}>
            {c.item.baseCode}
          </Typography.Text>
          {c.item.major ? (
            <Tag color="red" style={{ marginInlineStart: 4 }}>
              重大执法事项
            </Tag>
          ) : null}
        </span>
      ) : (
        '—'
      ),
    },
    { key: 'source', label: '案件来源', children: CASE_SOURCE_LABELS[c.source as CaseSource] ?? c.source },
    { key: 'party', label: '当事人', children: <span data-testid="case-party">{partyText(c)}</span> },
    { key: 'occurredAt', label: '发生时间', children: formatDateTime(c.occurredAt) },
    { key: 'location', label: '发生地点', children: c.location || '—' },
    {
      key: 'officers',
      label: '承办人员',
      children:
        c.officers.length > 0 ? (
          <span data-testid="case-officers">{c.officers.map((o) => o.name).join('、')}</span>
        ) : (
          '未指派'
        ),
    },
    ...(c.recusals.length > 0
      ? [
          {
            key: 'recusals',
            label: '回避',
            children: (
              <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="case-recusals">
                {c.recusals.map((r) => (
                  <li key={`${r.officerId}-${r.requestedAt}`}>
                    {r.officerName}（{r.applicant === 'party' ? '当事人申请' : '自行回避'}）：{r.reason} —{' '}
                    {r.outcome === null ? (
                      <Tag color="orange">待决定</Tag>
                    ) : r.outcome === 'granted' ? (
                      <Tag color="red">已回避</Tag>
                    ) : (
                      <Tag>已驳回</Tag>
                    )}
                    {r.opinion ? <Typography.Text type="secondary">{r.opinion}</Typography.Text> : null}
                  </li>
                ))}
              </ul>
            ),
          },
        ]
      : []),
    { key: 'filedAt', label: '立案时间', children: formatDateTime(c.filedAt) },
    {
      key: 'deadline',
      label: '办案期限',
      children: (
        <span data-testid="case-deadline">
          <DeadlineText deadline={c.deadline} state={c.state} />
          {c.deadline && deadlineRunning(c.state) ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatDateTime(c.deadline.dueAt).slice(0, 10)} 前作出决定
            </Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      key: 'intended',
      label: '拟处罚',
      children: c.intended ? (
        <span data-testid="case-intended">
          {penaltyText(c.intended)}
          {c.hearingRights ? (
            <Tag color="blue" style={{ marginInlineStart: 6 }}>
              可申请听证
            </Tag>
          ) : null}
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {formatDateTime(c.notifiedAt)} 告知
          </Typography.Text>
        </span>
      ) : (
        '—'
      ),
    },
    ...(c.hearingRequested || c.hearingHeld
      ? [{ key: 'hearing', label: '听证', children: c.hearingHeld ? '已举行听证' : '当事人已申请听证，待举行' }]
      : []),
    ...(c.legalReviewOutcome
      ? [
          {
            key: 'legalReview',
            label: '法制审核',
            children: (
              <Tag color={c.legalReviewOutcome === 'reject' ? 'red' : 'green'} data-testid="case-legal-review">
                {REVIEW_OUTCOME_LABELS[c.legalReviewOutcome as ReviewOutcome] ?? c.legalReviewOutcome}
              </Tag>
            ),
          },
        ]
      : []),
    {
      key: 'decision',
      label: '决定',
      span: 'filled' as const,
      children: d ? (
        <div data-testid="case-decision">
          <div>
            <Typography.Text strong>{yuan(d.amountFen)}</Typography.Text> · {penaltyKindsText(d.penaltyKinds)} ·{' '}
            {circumstanceLabel(d.circumstance)}
            {d.withinRange ? (
              <Tag color="green" style={{ marginInlineStart: 6 }}>
                在基准幅度内
              </Tag>
            ) : (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                偏离基准
              </Tag>
            )}
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {d.benchmark
              ? `裁量基准：${d.benchmark.ownerOrgName} 第 ${d.benchmark.version} 版 · ${circumstanceLabel(d.tier ?? d.circumstance)}档次 ${rangeText(d.allowed)}`
              : '无适用的裁量基准'}
            {c.decidedAt ? ` · ${formatDateTime(c.decidedAt)} 决定` : ''}
          </Typography.Text>
        </div>
      ) : (
        '—'
      ),
    },
    {
      key: 'delivery',
      label: '送达',
      children: c.deliveredAt ? (
        <span>
          {formatDateTime(c.deliveredAt)}
          {c.deliveryLate ? (
            <Tag color="red" style={{ marginInlineStart: 6 }}>
              超期送达
            </Tag>
          ) : null}
        </span>
      ) : (
        '—'
      ),
    },
    ...(c.payment
      ? [
          {
            key: 'payment',
            label: '罚款缴纳',
            children: (
              <div data-testid="case-payment">
                <div>
                  应缴 {yuan(c.payment.owedFen)}（罚款 {yuan(c.payment.fineFen)}
                  {c.payment.lateFeeFen > 0 ? `，加处罚款 ${yuan(c.payment.lateFeeFen)}` : ''}），已缴{' '}
                  {yuan(c.payment.paidFen)}，
                  {c.payment.outstandingFen > 0 ? `尚欠 ${yuan(c.payment.outstandingFen)}` : '已缴清'}
                  {c.payment.daysOverdue > 0 ? (
                    <Tag color="red" style={{ marginInlineStart: 6 }}>
                      逾期 {c.payment.daysOverdue} 日
                    </Tag>
                  ) : null}
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.payment.dueDate
                    ? `缴款期限至 ${c.payment.dueDate.replace(/^(\d{4})-0?(\d{1,2})-0?(\d{1,2})$/, '$1年$2月$3日')}（送达之日起十五日）；逾期每日按罚款数额 3% 加处罚款，不超过罚款数额（行政处罚法第七十二条）`
                    : '送达后十五日内缴纳'}
                </Typography.Text>
              </div>
            ),
          },
        ]
      : c.paidFen > 0
        ? [{ key: 'paid', label: '已缴款', children: yuan(c.paidFen) }]
        : []),
    {
      key: 'facts',
      label: '违法事实',
      span: 'filled' as const,
      children: <span style={{ whiteSpace: 'pre-wrap' }}>{c.facts}</span>,
    },
    { key: 'updatedAt', label: '更新时间', children: formatDateTime(c.updatedAt) },
  ];

  return (
    <Flex vertical gap={16} style={{ minWidth: 0 }}>
      <Card size="small">
        <DetailHeader
          back={{ to: '/cases', label: '返回案件列表' }}
          title={`案件 ${c.number}`}
          tags={
            <>
              <CaseStateTag state={c.state} label={c.stateLabel} />
              {c.deviation ? <Tag color="orange">偏离基准</Tag> : null}
            </>
          }
          actions={
            <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} aria-label="刷新">
              {screens.sm ? '刷新' : null}
            </Button>
          }
        />
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        {c.recordCheck && !c.recordCheck.ok ? (
          <Alert
            type="error"
            showIcon
            data-testid="record-mismatch"
            title="案件数据与全过程记录不一致"
            description={
              c.recordCheck.chainIntact
                ? `${[...new Set(c.recordCheck.differences.map((d) => d.label))].join('、')}与全过程记录不一致，本页按全过程记录显示，文书暂停出具。请联系系统管理员核查。`
                : '全过程记录的哈希链已断裂，文书暂停出具。请联系系统管理员核查。'
            }
            style={{ marginBottom: 12 }}
          />
        ) : null}
        <CaseNextStep c={c} />
        <section aria-label="可执行的操作" style={{ marginBottom: 12 }}>
          {c.allowedActions.length > 0 ? (
            <Space wrap>
              {c.allowedActions.map((a) => (
                <Button
                  key={a}
                  type={a === primary ? 'primary' : 'default'}
                  danger={DANGER_ACTIONS.has(a)}
                  onClick={() => (a === 'add_evidence' ? setEvidenceOpen(true) : setAction(a))}
                  data-action={a}
                >
                  {CASE_ACTION_LABELS[a]}
                </Button>
              ))}
            </Space>
          ) : c.blockedActions.length === 0 ? (
            <Typography.Text type="secondary" data-testid="no-actions">
              当前账号在本阶段没有可执行的操作。
            </Typography.Text>
          ) : null}
        </section>
        <CaseDocuments c={c} />
        {c.deviation && d ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="deviation-alert"
            title="处罚决定偏离裁量基准"
            description={`适用档次幅度 ${rangeText(d.allowed)}，决定 ${yuan(d.amountFen)}。偏离理由：${d.deviationReason || '（未说明）'}`}
          />
        ) : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          items={items}
          styles={{ content: { wordBreak: 'break-word', minWidth: 0 } }}
        />
      </Card>
      {c.caseCode && c.publicUrl ? <CaseCodeCard caseCode={c.caseCode} publicUrl={c.publicUrl} /> : null}
      <Card
        size="small"
        title={
          <span>
            全过程记录{' '}
            <Typography.Text type="secondary" style={{ fontSize: 12, fontWeight: 'normal' }}>
              共 {events.length} 条，逐条哈希链接，不可修改
            </Typography.Text>
          </span>
        }
        styles={{ title: { whiteSpace: 'normal' } }}
      >
        {recordError ? <Alert type="error" showIcon title={recordError} style={{ marginBottom: 12 }} /> : null}
        <section aria-label="全过程记录">
          <CaseTimeline
            caseId={c.id}
            events={events}
            itemName={(itemId) => (c.item && c.item.id === itemId ? c.item.name : undefined)}
          />
        </section>
      </Card>

      <Suspense fallback={null}>
        {actionUsed ? (
          <CaseActionModal
            action={action}
            caseDetail={c}
            onClose={() => setAction(null)}
            onSaved={(updated) => {
              setAction(null);
              afterAction(updated);
            }}
            onStale={reload}
          />
        ) : null}
        {evidenceUsed ? (
          <EvidenceUploadModal
            open={evidenceOpen}
            caseId={c.id}
            onClose={() => setEvidenceOpen(false)}
            onUploaded={afterAction}
          />
        ) : null}
      </Suspense>
    </Flex>
  );
}
