import { Alert, App, Button, Card, Checkbox, DatePicker, Flex, Form, Input, Radio, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  FINDINGS_MAX,
  type InspectionTarget,
  type InspectionTask,
  REASON_MAX,
} from '../../../../common/contracts/inspections.contract.js';
import {
  INSPECTION_MODE_LABELS,
  INSPECTION_MODES,
  INSPECTION_OUTCOME_LABELS,
  INSPECTION_OUTCOMES,
} from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api } from '../../api/client';
import { useMe } from '../../app/auth';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { useFormDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';
import { ItemSelect } from '../../components/ItemSelect';
import { useDetail } from '../../components/useDetail';
import { useProblemForm } from '../../components/useProblemForm';
import { RiskTag } from '../entities/labels';
import { ResultHistory } from './ResultHistory';
import {
  initialResultValues,
  inspectorIds,
  needsReason,
  RESULT_CODE_TO_FIELD,
  RESULT_FIELDS,
  type ResultValues,
  resultBody,
  type Substitute,
} from './resultForm';
import { OfficerSearchSelect } from './SearchSelects';

/** The substitutes chosen so far (each removable) and a search to add one. */
function SubstitutePicker({ value = [], onChange }: { value?: Substitute[]; onChange?: (v: Substitute[]) => void }) {
  return (
    <Flex vertical gap={6}>
      {value.length > 0 ? (
        <Flex wrap gap={4}>
          {value.map((s) => (
            <Tag key={s.id} closable onClose={() => onChange?.(value.filter((x) => x.id !== s.id))} closeIcon>
              {s.name}
            </Tag>
          ))}
        </Flex>
      ) : null}
      <OfficerSearchSelect
        aria-label="添加替补检查人员"
        value={null}
        placeholder="输入姓名搜索，添加替补检查人员"
        onChange={(id, label) => {
          if (id && label && !value.some((s) => s.id === id)) onChange?.([...value, { id, name: label }]);
        }}
      />
    </Flex>
  );
}

function ResultForm({ task, target }: { task: InspectionTask; target: InspectionTarget }) {
  const me = useMe();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [form] = Form.useForm<ResultValues>();
  const [saving, setSaving] = useState(false);
  const { formError, handleError, clearError } = useProblemForm(form, {
    fields: RESULT_FIELDS,
    codeToField: RESULT_CODE_TO_FIELD,
  });
  const drawnIds = useMemo(() => target.inspectors.map((i) => i.officerId), [target]);
  const initialValues = useMemo(() => initialResultValues(target, dayjs()), [target]);
  const href = `/inspections/tasks/${encodeURIComponent(task.id)}/targets/${encodeURIComponent(target.entityId)}`;
  const draft = useFormDraft(form, {
    userId: me.id,
    name: `inspection.${task.id}.${target.entityId}.result`,
    title: `结果录入 ${target.entityName}`,
    href,
    open: true,
    onRestored: (at) => message.info(`已恢复 ${formatDateTime(at)} 未提交的草稿`),
  });
  const outcome = Form.useWatch('outcome', form);
  const mode = Form.useWatch('mode', form);
  const drawn = Form.useWatch('drawn', form) ?? [];
  const substitutes = Form.useWatch('substitutes', form) ?? [];
  const reasonNeeded = needsReason({ drawn, substitutes }, drawnIds);

  const submit = async () => {
    let v: ResultValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    clearError();
    try {
      const saved = await api.post<InspectionTask>(
        `/api/v1/inspection-tasks/${encodeURIComponent(task.id)}/targets/${encodeURIComponent(target.entityId)}/result`,
        resultBody(v, drawnIds),
      );
      draft.clear();
      const results = saved.targets.find((t) => t.entityId === target.entityId)?.results ?? [];
      const last = results[results.length - 1];
      message.success(last ? `检查结果已录入，应于 ${last.publishBy} 前公示` : '检查结果已录入');
      navigate(`/inspections/tasks/${encodeURIComponent(task.id)}`);
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<ResultValues>
      form={form}
      name="inspectionResult"
      layout="vertical"
      initialValues={initialValues}
      onValuesChange={draft.onValuesChange}
      onFinish={submit}
      aria-label="录入检查结果"
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form.Item name="inspectedAt" label="检查时间" rules={[{ required: true, message: '请选择检查时间' }]}>
        <DatePicker
          showTime={{ format: 'HH:mm' }}
          format="YYYY-MM-DD HH:mm"
          style={{ width: '100%' }}
          inputReadOnly
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
        />
      </Form.Item>
      <Form.Item
        name="mode"
        label="检查方式"
        extra={mode === 'on_site' ? '现场检查须由检查人员先扫码入企' : undefined}
        rules={[{ required: true, message: '请选择检查方式' }]}
      >
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          options={INSPECTION_MODES.map((m) => ({ value: m, label: INSPECTION_MODE_LABELS[m] }))}
        />
      </Form.Item>
      {target.inspectors.length > 0 ? (
        <Form.Item name="drawn" label="抽中的检查人员" extra="未参加检查的请取消勾选，并添加替补人员">
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            options={target.inspectors.map((i) => ({
              value: i.officerId,
              label: `${i.name}（${i.orgName}，证号 ${i.certificateNumber}）`,
            }))}
          />
        </Form.Item>
      ) : (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title="该对象抽取时未能派员，须由实施部门指派检查人员并说明原因"
        />
      )}
      <Form.Item
        name="substitutes"
        label="替补检查人员"
        rules={[
          {
            validator: async () => {
              const all = inspectorIds(form.getFieldsValue(['drawn', 'substitutes']) as ResultValues);
              if (all.length < 2) throw new Error('检查至少由 2 名执法人员进行');
            },
          },
        ]}
        dependencies={['drawn']}
      >
        <SubstitutePicker />
      </Form.Item>
      {reasonNeeded ? (
        <Form.Item
          name="substitutionReason"
          label="替补原因"
          rules={[{ required: true, whitespace: true, min: 2, message: '有替补人员的，请写明原因' }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={REASON_MAX}
            showCount
            placeholder="如：抽中人员因公出差，经负责人批准替补"
          />
        </Form.Item>
      ) : null}
      <Form.Item name="outcome" label="检查结果" rules={[{ required: true, message: '请选择检查结果' }]}>
        <Radio.Group
          style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
          options={INSPECTION_OUTCOMES.map((o) => ({ value: o, label: INSPECTION_OUTCOME_LABELS[o] }))}
        />
      </Form.Item>
      {outcome === 'rectify' ? (
        <Form.Item
          name="rectifyBy"
          label="整改期限"
          extra="期限届满后自动生成整改复查任务"
          dependencies={['inspectedAt']}
          rules={[
            { required: true, message: '责令整改的，请选择整改期限' },
            ({ getFieldValue }) => ({
              validator: async (_r, value: dayjs.Dayjs | undefined) => {
                const at = getFieldValue('inspectedAt') as dayjs.Dayjs | undefined;
                if (value && at && value.isBefore(at, 'day')) throw new Error('整改期限不能早于检查时间');
              },
            }),
          ]}
        >
          <DatePicker style={{ width: '100%' }} inputReadOnly />
        </Form.Item>
      ) : null}
      {outcome === 'case_opened' ? (
        <Form.Item
          name="caseItemId"
          label="立案的处罚事项"
          extra="保存后以“行政检查”为来源登记案件，并与本次检查互相关联"
          rules={[{ required: true, message: '请选择立案的行政处罚事项' }]}
        >
          <ItemSelect type="penalty" competent placeholder="输入本单位有权办理的行政处罚事项名称或编码" />
        </Form.Item>
      ) : null}
      <Form.Item
        name="findings"
        label="检查情况"
        rules={[{ required: true, whitespace: true, min: 2, message: '请填写检查情况' }]}
      >
        <Input.TextArea rows={5} maxLength={FINDINGS_MAX} showCount placeholder="检查内容、发现的问题及处理情况" />
      </Form.Item>
      <Typography.Paragraph type="secondary">
        检查结果应自检查之日起 20 个工作日内向社会公示，保存后显示公示期限。
      </Typography.Paragraph>
      <Button type="primary" htmlType="submit" size="large" block loading={saving}>
        保存检查结果
      </Button>
    </Form>
  );
}

/** 结果录入 of one drawn target, phone first: the record of the inspection, and the results already recorded. */
export default function ResultEntryPage() {
  const { id = '', entityId = '' } = useParams();
  const back = { to: `/inspections/tasks/${encodeURIComponent(id)}`, label: '返回抽查任务' };
  const {
    data: task,
    loading,
    error,
    reload,
  } = useDetail(id, (signal) =>
    api.get<InspectionTask>(`/api/v1/inspection-tasks/${encodeURIComponent(id)}`, undefined, signal),
  );
  if (!task) return <DetailPending loading={loading} error={error} back={back} onRetry={reload} />;
  const target = task.targets.find((t) => t.entityId === entityId);
  if (!target) {
    return (
      <DetailPending loading={false} error={{ status: 404, message: '该检查对象不在本任务的抽取结果中' }} back={back} />
    );
  }
  const followUp = target.followUp?.status === 'open' && target.results.length > 0;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Card size="small">
        <DetailHeader
          back={back}
          title={followUp ? `整改复查：${target.entityName}` : `结果录入：${target.entityName}`}
          tags={<RiskTag value={target.riskClass} />}
        />
        <Typography.Paragraph style={{ margin: 0 }}>
          {task.name} · {target.regionName} · 统一社会信用代码 {target.uscc}
          {target.followUp?.status === 'open' ? ` · 整改期限 ${target.followUp.dueFrom}` : ''}
        </Typography.Paragraph>
      </Card>
      {allows(target, 'record_result') ? (
        <Card
          size="small"
          title={<h3 style={{ margin: 0, fontSize: 15 }}>{followUp ? '录入复查结果' : '录入检查结果'}</h3>}
        >
          <ResultForm task={task} target={target} />
        </Card>
      ) : null}
      <Card size="small" title={<h3 style={{ margin: 0, fontSize: 15 }}>已录入的结果</h3>}>
        <ResultHistory results={target.results} />
      </Card>
    </Flex>
  );
}
