import { Alert, App, Button, Card, Checkbox, Flex, Input, InputNumber, Radio, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Prefill, Sheet } from '../../../../common/contracts/review.contract.js';
import {
  REVIEW_CHECK_RESULT_LABELS,
  REVIEW_CHECK_RESULTS,
  REVIEW_CRITERION_GROUP_LABELS,
  type ReviewCheckResult,
} from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api, errorMessage } from '../../api/client';
import { DetailPending } from '../../components/DetailFrame';
import { TitleBar } from './parts';
import { useDetail } from '../../components/useDetail';

/** Links inside a sentence are underlined (not told apart by colour alone). */
const UNDERLINE = { textDecoration: 'underline' } as const;
const RESULT_COLORS: Record<ReviewCheckResult, string> = { pass: 'green', fail: 'red', na: 'default' };
const RESULT_OPTIONS = REVIEW_CHECK_RESULTS.map((r) => ({ value: r, label: REVIEW_CHECK_RESULT_LABELS[r] }));

interface CheckState {
  agree: boolean;
  result?: ReviewCheckResult;
  note?: string;
}

/** One pre-fill: what the record shows, linked to the event on the case's timeline; confirm or override with a note. */
function PrefillRow({
  p,
  caseId,
  state,
  editable,
  onChange,
}: {
  p: Prefill;
  caseId: string;
  state: CheckState;
  editable: boolean;
  onChange: (s: CheckState) => void;
}) {
  return (
    <Card size="small" style={{ marginBottom: 8 }}>
      <Flex justify="space-between" wrap gap={8}>
        <strong>{p.label}</strong>
        <Tag color={RESULT_COLORS[p.result]}>平台核验：{REVIEW_CHECK_RESULT_LABELS[p.result]}</Tag>
      </Flex>
      <Typography.Paragraph style={{ margin: '4px 0' }}>
        {p.detail}
        {p.eventSeq !== null ? (
          <>
            {' '}
            <Link to={`/cases/${encodeURIComponent(caseId)}#event-${p.eventSeq}`} style={UNDERLINE}>
              查看全过程记录第 {p.eventSeq} 条
            </Link>
          </>
        ) : null}
      </Typography.Paragraph>
      {editable ? (
        <Flex vertical gap={6}>
          <Radio.Group
            aria-label={`${p.label}：是否同意平台核验结论`}
            value={state.agree ? 'agree' : 'override'}
            onChange={(e) => onChange({ ...state, agree: e.target.value === 'agree' })}
            options={[
              { value: 'agree', label: '确认' },
              { value: 'override', label: '修改' },
            ]}
          />
          {!state.agree ? (
            <>
              <Radio.Group
                aria-label={`${p.label}：评查结论`}
                value={state.result}
                onChange={(e) => onChange({ ...state, result: e.target.value })}
                options={RESULT_OPTIONS}
              />
              <Input.TextArea
                aria-label={`${p.label}：修改理由`}
                placeholder="写明修改理由"
                rows={2}
                value={state.note}
                onChange={(e) => onChange({ ...state, note: e.target.value })}
              />
            </>
          ) : null}
        </Flex>
      ) : null}
    </Card>
  );
}

/** 评查表: the pre-fills, the veto items, the deductions per criterion, then the score. */
export default function ReviewSheetPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const {
    data: sheet,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) => api.get<Sheet>(`/api/v1/reviews/sheets/${encodeURIComponent(id)}`, undefined, signal));
  const [checks, setChecks] = useState<Record<string, CheckState>>({});
  const [vetoes, setVetoes] = useState<string[]>([]);
  const [times, setTimes] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);

  if (!sheet) {
    return (
      <DetailPending
        loading={loading}
        error={error}
        back={{ to: '/reviews/sheets', label: '返回评查表' }}
        onRetry={reload}
      />
    );
  }
  const editable = allows(sheet, 'submit');
  const stateOf = (check: string) => checks[check] ?? { agree: true };
  const submit = async () => {
    setSaving(true);
    setFormError(null);
    try {
      const saved = await api.post<Sheet>(`/api/v1/reviews/sheets/${encodeURIComponent(sheet.id)}/submit`, {
        checks: sheet.prefills.map((p) => {
          const s = stateOf(p.check);
          return s.agree
            ? { check: p.check, agree: true }
            : { check: p.check, agree: false, result: s.result, note: s.note?.trim() };
        }),
        vetoes,
        deductions: Object.entries(times)
          .filter(([, n]) => n > 0)
          .map(([key, n]) => {
            const [criterion, deduction] = key.split('.');
            return { criterion, deduction, times: n };
          }),
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setData(saved);
      message.success(`评查表已提交：${saved.total} 分（${saved.grade}）`);
    } catch (e) {
      setFormError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  const scoreOf = (criterion: string) => sheet.criterionScores.find((s) => s.criterion === criterion)?.score;

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <TitleBar title={`评查表：${sheet.caseNumber}`} back="/reviews/sheets">
          {sheet.submittedAt ? (
            <Tag color={sheet.veto ? 'red' : 'green'}>
              {sheet.total} 分 · {sheet.grade}
            </Tag>
          ) : (
            <Tag color="orange">待评查</Tag>
          )}
        </TitleBar>
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          {sheet.campaignName} · 被评查单位 {sheet.caseOrgName} · 评查人员 {sheet.reviewer.name}（
          {sheet.reviewer.orgName}）· {sheet.rubric.name}（第 {sheet.rubric.version} 版） ·{' '}
          <Link to={`/reviews/campaigns/${encodeURIComponent(sheet.campaignId)}`} style={UNDERLINE}>
            评查活动
          </Link>
        </Typography.Paragraph>
      </Card>
      <Card size="small" title="平台预填（依据全过程记录）">
        {sheet.prefills.map((p) => (
          <PrefillRow
            key={p.check}
            p={p}
            caseId={sheet.caseId}
            state={stateOf(p.check)}
            editable={editable}
            onChange={(s) => setChecks({ ...checks, [p.check]: s })}
          />
        ))}
      </Card>
      <Card size="small" title="否决项（任一项成立即为不合格）">
        {editable ? (
          <Checkbox.Group
            value={vetoes}
            onChange={(v) => setVetoes(v as string[])}
            options={sheet.rubric.vetoItems.map((v) => ({ value: v.key, label: v.label }))}
          />
        ) : sheet.vetoes.length ? (
          sheet.vetoes.map((v) => (
            <Tag key={v} color="red">
              {sheet.rubric.vetoItems.find((x) => x.key === v)?.label}
            </Tag>
          ))
        ) : (
          '无'
        )}
      </Card>
      <Card size="small" title="评分">
        <Table
          size="small"
          pagination={false}
          scroll={{ x: true }}
          rowKey={(r) => `${r.criterion}.${r.key}`}
          dataSource={sheet.rubric.criteria.flatMap((c) =>
            c.deductions.map((d) => ({
              ...d,
              criterion: c.key,
              group: c.group,
              criterionTitle: c.title,
              criterionPoints: c.points,
            })),
          )}
          columns={[
            { key: 'group', title: '类别', render: (_v, r) => REVIEW_CRITERION_GROUP_LABELS[r.group] },
            {
              key: 'criterion',
              title: '评查项目',
              render: (_v, r) => `${r.criterionTitle}（${r.criterionPoints} 分）`,
            },
            { key: 'deduction', title: '扣分项', render: (_v, r) => `${r.title}（每次 ${r.points} 分）` },
            {
              key: 'times',
              title: editable ? '扣分次数' : '项目得分',
              render: (_v, r) =>
                editable ? (
                  <InputNumber
                    aria-label={`${r.criterionTitle}：${r.title} 扣分次数`}
                    min={0}
                    max={100}
                    value={times[`${r.criterion}.${r.key}`] ?? 0}
                    onChange={(n) => setTimes({ ...times, [`${r.criterion}.${r.key}`]: Number(n ?? 0) })}
                  />
                ) : (
                  (scoreOf(r.criterion) ?? '—')
                ),
            },
          ]}
        />
        {editable ? (
          <Flex vertical gap={8} style={{ marginTop: 12 }}>
            <Input.TextArea
              aria-label="评查意见"
              placeholder="评查意见（可选）"
              rows={3}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            {formError ? <Alert type="error" showIcon title={formError} /> : null}
            <Button type="primary" loading={saving} onClick={submit} style={{ alignSelf: 'flex-start' }}>
              提交评查表
            </Button>
          </Flex>
        ) : null}
      </Card>
    </Flex>
  );
}
