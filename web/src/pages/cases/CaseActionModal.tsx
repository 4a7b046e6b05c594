import { Alert, App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { CASE_ACTION_LABELS } from '../../../../common/case-flow.js';
import { CIRCUMSTANCE_LABELS, CIRCUMSTANCES, PENALTY_KIND_LABELS, PENALTY_KINDS } from '../../../../common/enums.js';

/** 简易程序 decides only a warning or a fine (art. 51). */
const SIMPLIFIED_KINDS = ['warning', 'fine'] as const;
import type { CaseDetail } from '../../../../common/contracts/cases.contract.js';
import type { BenchmarkEvaluation } from '../../../../common/contracts/discretion.contract.js';
import { DELIVERY_METHODS, PAYMENT_CHANNELS, REVIEW_OUTCOMES } from '../../../../common/enums.js';
import {
  DELIVERY_METHOD_LABELS,
  PAYMENT_CHANNEL_LABELS,
  REVIEW_OUTCOME_LABELS,
} from '../../../../common/labels/cases.js';
import { ApiError } from '../../api/client';
import { useMe } from '../../app/auth';
import { useFormDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';
import { useProblemForm } from '../../components/useProblemForm';
import { BenchmarkCheck, type PenaltyDraft } from './BenchmarkCheck';
import {
  CODE_TO_FIELD,
  DANGER,
  FIELDS,
  INTRO,
  type JsonCaseAction,
  fenOf,
  initialValues,
  toBody,
  useOrgOfficers,
} from './caseActionForms';

export type { JsonCaseAction };
import { postCaseAction } from './caseApi';
import { yuan } from './caseDisplay';

export interface CaseActionModalProps {
  /** The action to perform; null keeps the dialog closed. */
  action: JsonCaseAction | null;
  caseDetail: CaseDetail;
  onClose: () => void;
  onSaved: (updated: CaseDetail, action: JsonCaseAction) => void;
  /** The server refused with 403/409: the case or the user's rights changed, reload it. */
  onStale?: () => void;
}

/** Actions whose forms are long enough to keep as drafts. */
const DRAFTED: ReadonlySet<JsonCaseAction> = new Set([
  'notify',
  'decide',
  'record_statement',
  'hold_hearing',
  'legal_review',
]);

/** 情节 of a penalty, heaviest last; 不予处罚 is no penalty: it is its own step (不予处罚决定), never a fine. */
const PENALTY_CIRCUMSTANCES = CIRCUMSTANCES.filter((x) => x !== 'none');

/** One dialog for every JSON action: its body's form, POST /api/v1/cases/:id/actions/<action>, the server's refusal shown. */
export function CaseActionModal({ action, caseDetail: c, onClose, onSaved, onStale }: CaseActionModalProps) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<{ detail: string; code: string } | null>(null);
  const [outside, setOutside] = useState(false);
  const fields = action ? FIELDS[action] : [];
  const { formError, handleError, clearError } = useProblemForm(form, { fields, codeToField: CODE_TO_FIELD });
  const officers = useOrgOfficers(c, action);
  const me = useMe();
  // long forms are kept as drafts in this browser until the server accepts them
  const drafted = !!action && DRAFTED.has(action);
  const kept = useFormDraft(form, {
    userId: me.id,
    name: `case.${c.id}.${action ?? 'none'}`,
    title: `${action ? CASE_ACTION_LABELS[action] : ''} ${c.number}`,
    href: `/cases/${c.id}?action=${action ?? ''}`,
    open: drafted,
    onRestored: (at) => message.info(`已恢复 ${formatDateTime(at)} 未提交的草稿`),
  });

  // The form's initial values, taken once when the dialog opens for an action (not again when the case reloads
  // underneath); the form is mounted afresh each time (destroyOnHidden), so they apply from its first render.
  const [opened, setOpened] = useState<{ action: JsonCaseAction; values: Record<string, unknown> } | null>(null);
  if (action && opened?.action !== action) setOpened({ action, values: initialValues(action, c) });
  else if (!action && opened) setOpened(null);

  useEffect(() => {
    if (action) {
      clearError();
      setRefusal(null);
      setOutside(false);
    }
  }, [action, clearError]);

  const circumstance = Form.useWatch('circumstance', form) as string | undefined;
  const penaltyKinds = Form.useWatch('penaltyKinds', form) as string[] | undefined;
  const amount = Form.useWatch('amountFen', form) as number | undefined | null;
  const illegalIncome = Form.useWatch('illegalIncomeFen', form) as number | undefined | null;
  const goodsValue = Form.useWatch('goodsValueFen', form) as number | undefined | null;
  const method = Form.useWatch('method', form) as string | undefined;
  const channel = Form.useWatch('channel', form) as string | undefined;
  const draft = useMemo<PenaltyDraft>(
    () => ({
      circumstance,
      penaltyKinds,
      amountFen: fenOf(amount ?? undefined),
      illegalIncomeFen: fenOf(illegalIncome ?? undefined),
      goodsValueFen: fenOf(goodsValue ?? undefined),
    }),
    [circumstance, penaltyKinds, amount, illegalIncome, goodsValue],
  );
  const onEvaluated = useCallback((e: BenchmarkEvaluation | null) => setOutside(!!e && !e.withinRange), []);
  // Back within the benchmark: a "reason required" message from an earlier check no longer applies.
  useEffect(() => {
    if (!outside && form.getFieldError('deviationReason').length > 0)
      form.setFields([{ name: 'deviationReason', errors: [] }]);
  }, [outside, form]);

  const submit = async () => {
    if (!action) return;
    let values: Record<string, unknown>;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    clearError();
    setRefusal(null);
    try {
      const updated = await postCaseAction(c.id, action, toBody(action, values));
      message.success(`已${CASE_ACTION_LABELS[action]}`);
      kept.clear();
      onSaved(updated, action);
    } catch (err) {
      handleError(err);
      if (err instanceof ApiError) {
        setRefusal({ detail: err.problem.detail, code: err.problem.code });
        if (err.status === 403 || err.status === 409) onStale?.();
      }
    } finally {
      setSaving(false);
    }
  };

  const title = action ? CASE_ACTION_LABELS[action] : '';
  const alertTitle = refusal?.detail ?? formError;
  const alertMore = formError && refusal && !formError.startsWith(refusal.detail) ? formError : undefined;

  const text = (
    name: string,
    label: string,
    opts: { required?: boolean; min?: number; max?: number; rows?: number; placeholder?: string } = {},
  ) => {
    const { required = false, min, max = 2000, rows, placeholder } = opts;
    return (
      <Form.Item
        key={name}
        name={name}
        label={label}
        rules={[
          ...(required ? [{ required: true, whitespace: true, message: `请填写${label}` }] : []),
          ...(min ? [{ min, message: `${label}至少 ${min} 个字` }] : []),
          { max, message: `${label}不超过 ${max} 个字` },
        ]}
      >
        {rows ? (
          <Input.TextArea
            rows={rows}
            maxLength={max}
            showCount
            placeholder={placeholder ?? (required ? undefined : '可选')}
          />
        ) : (
          <Input maxLength={max} placeholder={placeholder ?? (required ? undefined : '可选')} />
        )}
      </Form.Item>
    );
  };
  const when = (name: string, label: string) => (
    <Form.Item key={name} name={name} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
      <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
    </Form.Item>
  );
  const money = (name: string, label: string, required = false) => (
    <Form.Item
      key={name}
      name={name}
      label={`${label}（元）`}
      rules={required ? [{ required: true, message: `请填写${label}` }] : []}
    >
      <InputNumber
        min={0}
        max={100_000_000_000}
        precision={2}
        style={{ width: '100%' }}
        placeholder={required ? undefined : '可选'}
      />
    </Form.Item>
  );

  const penaltyFields = (decide: boolean, simplified = false): ReactNode[] => [
    <BenchmarkCheck
      key="check"
      itemId={c.item?.id ?? ''}
      orgId={c.orgId}
      draft={draft}
      onEvaluated={decide ? onEvaluated : undefined}
      deviationNote={decide}
    />,
    <Form.Item key="circumstance" name="circumstance" label="情节" rules={[{ required: true, message: '请选择情节' }]}>
      <Select
        placeholder="请选择情节"
        options={PENALTY_CIRCUMSTANCES.map((x) => ({ value: x, label: CIRCUMSTANCE_LABELS[x] }))}
      />
    </Form.Item>,
    <Form.Item
      key="penaltyKinds"
      name="penaltyKinds"
      label="处罚种类"
      rules={[
        {
          validator: async (_r, v: string[] | undefined) => {
            if (!v || v.length === 0) throw new Error('请选择处罚种类');
          },
        },
      ]}
    >
      <Select
        mode="multiple"
        placeholder="请选择处罚种类"
        options={(simplified ? SIMPLIFIED_KINDS : PENALTY_KINDS).map((k) => ({
          value: k,
          label: PENALTY_KIND_LABELS[k],
        }))}
      />
    </Form.Item>,
    <Form.Item
      key="amountFen"
      name="amountFen"
      label="罚款金额（元）"
      rules={[
        {
          validator: async (_r, v: number | null | undefined) => {
            if (
              (form.getFieldValue('penaltyKinds') as string[] | undefined)?.includes('fine') &&
              !(typeof v === 'number' && v > 0)
            ) {
              throw new Error('处罚种类含罚款的，请填写罚款金额');
            }
          },
        },
      ]}
    >
      <InputNumber min={0} max={100_000_000_000} precision={2} style={{ width: '100%' }} placeholder="以元为单位" />
    </Form.Item>,
    ...(simplified ? [] : [money('illegalIncomeFen', '违法所得'), money('goodsValueFen', '货值金额')]),
    ...(decide
      ? [
          <Form.Item
            key="deviationReason"
            name="deviationReason"
            label="偏离基准理由"
            rules={[
              ...(outside
                ? [
                    { required: true, whitespace: true, message: '超出裁量基准的，须书面说明理由' },
                    { min: 4, message: '理由至少 4 个字' },
                  ]
                : []),
              { max: 2000, message: '不超过 2000 个字' },
            ]}
            extra={outside ? '超出裁量基准的，须说明理由（将记入全过程记录）' : '在基准幅度内的无需填写'}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount />
          </Form.Item>,
        ]
      : []),
  ];

  const officerSelect = () => (
    <Form.Item
      key="officerIds"
      name="officerIds"
      label="承办人员"
      rules={[
        {
          validator: async (_r, v: string[] | undefined) => {
            if (!v || v.length < 2) throw new Error('请选择两名以上执法人员');
          },
        },
      ]}
    >
      <Select
        mode="multiple"
        placeholder="请选择两名以上执法人员"
        loading={officers.loading}
        options={officers.options}
        showSearch={{ optionFilterProp: 'label' }}
        notFoundContent={officers.loading ? '加载中…' : '无执法人员'}
      />
    </Form.Item>
  );

  const body = (a: JsonCaseAction): ReactNode[] => {
    switch (a) {
      case 'file':
        return [text('opinion', '立案意见', { rows: 3 })];
      case 'not_file':
      case 'suspend':
      case 'terminate':
        return [text('reason', '理由', { required: true, min: 2, rows: 3 })];
      case 'transfer':
        return [
          text('to', '移送机关', { required: true, min: 2, max: 200, placeholder: '如：广州市公安局' }),
          text('reason', '移送理由', { required: true, min: 2, rows: 3 }),
        ];
      case 'no_penalty':
        return [
          text('reason', '不予处罚理由', { required: true, min: 2, rows: 3 }),
          text('education', '教育措施', { rows: 2 }),
        ];
      case 'resume':
        return [text('reason', '恢复理由', { rows: 2 })];
      case 'assign':
        return [officerSelect()];
      case 'simplified_decide':
        return [
          officerSelect(),
          ...penaltyFields(true, true),
          text('statement', '当事人陈述、申辩', { rows: 2, max: 10000 }),
          <Form.Item key="waivesStatement" name="waivesStatement" valuePropName="checked">
            <Checkbox>当事人放弃陈述、申辩</Checkbox>
          </Form.Item>,
        ];
      case 'request_recusal':
        return [
          <Form.Item
            key="officerId"
            name="officerId"
            label="应回避的执法人员"
            rules={[{ required: true, message: '请选择执法人员' }]}
          >
            <Select
              placeholder="请选择"
              loading={officers.loading}
              options={officers.options}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>,
          <Form.Item
            key="applicant"
            name="applicant"
            label="提出方式"
            rules={[{ required: true, message: '请选择提出方式' }]}
          >
            <Radio.Group
              options={[
                { value: 'party', label: '当事人申请' },
                { value: 'officer', label: '执法人员自行回避' },
              ]}
            />
          </Form.Item>,
          text('reason', '回避理由', { required: true, min: 2, rows: 3 }),
        ];
      case 'decide_recusal':
        return [
          <Form.Item
            key="officerId"
            name="officerId"
            label="回避申请"
            rules={[{ required: true, message: '请选择回避申请' }]}
          >
            <Select
              options={c.recusals
                .filter((r) => r.outcome === null)
                .map((r) => ({
                  value: r.officerId,
                  label: `${r.officerName}（${r.applicant === 'party' ? '当事人申请' : '自行回避'}：${r.reason}）`,
                }))}
            />
          </Form.Item>,
          <Form.Item key="outcome" name="outcome" label="决定" rules={[{ required: true, message: '请选择决定' }]}>
            <Radio.Group
              options={[
                { value: 'grant', label: '同意回避' },
                { value: 'deny', label: '驳回申请' },
              ]}
            />
          </Form.Item>,
          text('opinion', '决定理由', { required: true, min: 2, rows: 3 }),
        ];
      case 'submit_review':
        return [text('summary', '调查终结报告摘要', { rows: 3, max: 5000 })];
      case 'notify':
        // the intended penalty is checked against the benchmark as the decision will be
        return penaltyFields(true);
      case 'decide':
        return penaltyFields(true);
      case 'record_statement':
        return [
          text('statement', '陈述申辩内容', { rows: 3, max: 10000 }),
          <Form.Item key="waivesStatement" name="waivesStatement" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>当事人放弃陈述、申辩</Checkbox>
          </Form.Item>,
          <Form.Item
            key="waivesHearing"
            name="waivesHearing"
            valuePropName="checked"
            extra={c.hearingRights ? '拟作出的处罚属于听证范围' : '拟作出的处罚不属于听证范围'}
          >
            <Checkbox>当事人放弃听证</Checkbox>
          </Form.Item>,
        ];
      case 'request_hearing':
        return [];
      case 'hold_hearing': {
        const investigators = new Set(c.officers.map((o) => o.id));
        return [
          when('heldAt', '听证时间'),
          <Form.Item
            key="chairOfficerId"
            name="chairOfficerId"
            label="听证主持人"
            rules={[{ required: true, message: '请选择听证主持人' }]}
            extra="听证主持人不得为本案调查人员"
          >
            <Select
              placeholder="请选择"
              loading={officers.loading}
              options={officers.options.filter((o) => !investigators.has(o.value))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>,
          text('summary', '听证笔录摘要', { required: true, rows: 4, max: 10000 }),
        ];
      }
      case 'legal_review':
        return [
          <Form.Item
            key="outcome"
            name="outcome"
            label="审核意见"
            rules={[{ required: true, message: '请选择审核结论' }]}
          >
            <Radio.Group options={REVIEW_OUTCOMES.map((o) => ({ value: o, label: REVIEW_OUTCOME_LABELS[o] }))} />
          </Form.Item>,
          text('opinion', '审核意见书', { required: true, min: 2, rows: 4, max: 10000 }),
        ];
      case 'collective_discussion':
        return [
          when('heldAt', '讨论时间'),
          <Form.Item
            key="participants"
            name="participants"
            label="参加人员"
            rules={[
              {
                validator: async (_r, v: string[] | undefined) => {
                  if (!v || v.filter((p) => p.trim()).length < 3) throw new Error('参加人员至少 3 人');
                },
              },
            ]}
          >
            <Select
              mode="tags"
              placeholder="输入姓名后回车，至少 3 人"
              tokenSeparators={[',', '，', '、']}
              open={false}
              suffixIcon={null}
            />
          </Form.Item>,
          text('conclusion', '讨论结论', { required: true, min: 2, rows: 4, max: 10000 }),
        ];
      case 'deliver':
        return [
          <Form.Item
            key="method"
            name="method"
            label="送达方式"
            rules={[{ required: true, message: '请选择送达方式' }]}
          >
            <Select options={DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_METHOD_LABELS[m] }))} />
          </Form.Item>,
          when('deliveredAt', '送达时间'),
          ...(method === 'electronic'
            ? [
                text('consentRef', '电子送达地址确认书编号', {
                  required: true,
                  max: 100,
                  placeholder: '当事人同意电子送达的确认书编号',
                }),
              ]
            : []),
        ];
      case 'record_payment':
        return [
          <Form.Item
            key="channel"
            name="channel"
            label="缴款渠道"
            rules={[{ required: true, message: '请选择缴款渠道' }]}
          >
            <Select options={PAYMENT_CHANNELS.map((m) => ({ value: m, label: PAYMENT_CHANNEL_LABELS[m] }))} />
          </Form.Item>,
          text('reference', '交易流水号', { required: true, max: 100 }),
          money(
            'amountFen',
            c.payment
              ? `缴款金额（尚欠 ${yuan(c.payment.outstandingFen)}，含加处罚款 ${yuan(c.payment.lateFeeFen)}）`
              : '缴款金额',
            true,
          ),
          when('paidAt', '缴款时间'),
          text('receiptNumber', '票据号码', { required: channel === 'on_site', max: 100 }),
        ];
      case 'close':
        return [text('summary', '结案报告摘要', { rows: 3, max: 5000 })];
      case 'archive':
        return [text('archiveNumber', '档案号', { max: 100 })];
      case 'extend':
        return [
          <Form.Item key="days" name="days" label="延长天数" rules={[{ required: true, message: '请填写延长天数' }]}>
            <InputNumber min={1} max={365} precision={0} style={{ width: '100%' }} suffix="日" />
          </Form.Item>,
          text('approvalRef', '批准文号', { required: true, max: 100, placeholder: '行政机关负责人批准延期的文号' }),
          text('reason', '延期理由', { required: true, min: 2, rows: 3 }),
        ];
    }
  };

  return (
    <Modal
      open={!!action}
      title={title}
      okText="提交"
      cancelText="取消"
      okButtonProps={{ danger: action ? DANGER.has(action) : false }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={action === 'decide' || action === 'notify' || action === 'simplified_decide' ? 640 : 520}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {action && INTRO[action] ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {INTRO[action]}
        </Typography.Paragraph>
      ) : null}
      {alertTitle ? (
        <Alert
          type="error"
          showIcon
          title={alertTitle}
          description={alertMore}
          style={{ marginBottom: 16 }}
          data-testid="action-error"
          data-code={refusal?.code}
        />
      ) : null}
      {action && opened?.action === action ? (
        <Form
          form={form}
          name={`case_${action}`}
          layout="vertical"
          initialValues={opened.values}
          clearOnDestroy
          onValuesChange={drafted ? kept.onValuesChange : undefined}
          onFinish={submit}
          aria-label={title}
        >
          {body(action)}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      ) : null}
    </Modal>
  );
}
