import { Alert, App, Checkbox, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Org, Page } from '../../../../common/api-types.js';
import { type InspectionPlan, PLAN_NAME_MAX } from '../../../../common/contracts/inspections.contract.js';
import {
  ENTITY_KIND_LABELS,
  ENTITY_KINDS,
  ENTITY_SECTORS,
  GRADE_CLASSES,
  RISK_CLASS_LABELS,
  SECTOR_LABELS,
} from '../../../../common/enums.js';
import { api } from '../../api/client';
import { useMe } from '../../app/auth';
import { useFormDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';
import { ItemMultiSelect } from '../../components/ItemSelect';
import { RegionMultiSelect } from '../../components/RegionMultiSelect';
import { useModalForm } from '../../components/useModalForm';
import { percentToRatio } from './labels';
import { DEFAULT_PERCENTS, inspectorsNeeded, PLAN_FIELDS, type PlanValues, planBody, RATIO_FIELDS } from './planForm';

const SECTOR_OPTIONS = ENTITY_SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }));
const KIND_OPTIONS = ENTITY_KINDS.map((k) => ({ value: k, label: ENTITY_KIND_LABELS[k] }));

const percentRule = {
  validator: async (_r: unknown, value: unknown) => {
    if (value === null || value === undefined || value === '') throw new Error('请填写抽查比例');
    if (percentToRatio(value as number) === null) throw new Error('抽查比例应为 0% 到 100%，最多 4 位小数');
  },
};

/** 制定抽查计划: departments (several = 联合抽查), items, who may be drawn, ratios per risk class, inspectors, period. */
export function PlanFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (plan: InspectionPlan) => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanValues>();
  const [orgs, setOrgs] = useState<{ value: string; label: string }[]>([]);
  const initialValues = useMemo<Partial<PlanValues>>(() => {
    const year = dayjs().year();
    return {
      year,
      orgIds: [me.org.id],
      'ratios.A': DEFAULT_PERCENTS.A,
      'ratios.B': DEFAULT_PERCENTS.B,
      'ratios.C': DEFAULT_PERCENTS.C,
      'ratios.D': DEFAULT_PERCENTS.D,
      inspectorsPerTarget: 2,
      from: dayjs().startOf('day'),
      to: dayjs(`${year}-12-31`),
    };
  }, [me.org.id]);
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: PLAN_FIELDS,
    codeToField: { unknown_item: 'itemIds', item_not_inspection: 'itemIds', unknown_org: 'orgIds' },
  });
  // a long form: kept in this browser until the server accepts it
  const draft = useFormDraft(form, {
    userId: me.id,
    name: 'inspection-plan',
    title: '制定抽查计划',
    href: '/inspections/plans?create=1',
    open,
    onRestored: (at) => message.info(`已恢复 ${formatDateTime(at)} 未提交的草稿`),
  });
  const orgIds = Form.useWatch('orgIds', form) ?? [];
  const perTarget = Form.useWatch('inspectorsPerTarget', form) ?? 2;

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    api
      .get<Page<Org>>('/api/v1/orgs', { pageSize: '200' }, ctrl.signal)
      .then((page) => setOrgs(page.data.map((o) => ({ value: o.id, label: o.name }))))
      .catch(() => setOrgs([]));
    return () => ctrl.abort();
  }, [open]);

  const submit = () =>
    submitWith(async (values) => {
      const plan = await api.post<InspectionPlan>('/api/v1/inspection-plans', planBody(values));
      draft.clear();
      message.success('抽查计划已保存，公布后即可据此创建抽查任务');
      onClose();
      onSaved(plan);
    });

  return (
    <Modal
      open={open}
      title="制定抽查计划"
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={720}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name="inspectionPlan" onValuesChange={draft.onValuesChange}>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={2020} max={2099} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={16}>
            <Form.Item
              name="name"
              label="计划名称"
              rules={[{ required: true, whitespace: true, min: 2, message: '计划名称至少 2 个字' }]}
            >
              <Input maxLength={PLAN_NAME_MAX} placeholder="如：2026 年度食品经营“双随机、一公开”联合抽查计划" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="orgIds"
          label="实施部门"
          extra={orgIds.length > 1 ? '多个部门：跨部门联合抽查，一次抽取、各部门均派员' : '选择多个部门即为联合抽查'}
          rules={[{ required: true, message: '至少选择一个实施部门' }]}
        >
          <Select mode="multiple" options={orgs} optionFilterProp="label" placeholder="可搜索单位名称" />
        </Form.Item>
        <Form.Item name="itemIds" label="抽查事项" rules={[{ required: true, message: '至少选择一个抽查事项' }]}>
          <ItemMultiSelect type="inspection" placeholder="输入行政检查事项名称或编码搜索（可多选）" />
        </Form.Item>
        <Typography.Title level={3} style={{ fontSize: 15, margin: '4px 0 8px' }}>
          抽查对象范围
        </Typography.Title>
        <Form.Item
          name="targetFilter.regionCodes"
          label="检查区域"
          extra="选择市、区（县）或镇街，含其下级区域"
          rules={[{ required: true, message: '至少选择一个检查区域' }]}
        >
          <RegionMultiSelect placeholder="请选择检查区域（可多选）" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="targetFilter.sectors" label="行业领域" extra="不选：不限行业">
              <Select mode="multiple" options={SECTOR_OPTIONS} placeholder="不限" optionFilterProp="label" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="targetFilter.kinds" label="主体类型" extra="不选：不限类型">
              <Checkbox.Group options={KIND_OPTIONS} />
            </Form.Item>
          </Col>
        </Row>
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontSize: 15, fontWeight: 600, marginBottom: 8, border: 0 }}>
            各风险等级的抽查比例（%）
          </legend>
          <Row gutter={12}>
            {GRADE_CLASSES.map((c) => (
              <Col key={c} xs={12} sm={6}>
                <Form.Item name={RATIO_FIELDS[c]} label={RISK_CLASS_LABELS[c]} rules={[percentRule]}>
                  <InputNumber min={0} max={100} step={1} suffix="%" style={{ width: '100%' }} stringMode />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </fieldset>
        <Row gutter={12}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="inspectorsPerTarget"
              label="每户检查人员"
              extra={
                orgIds.length > 1
                  ? `联合抽查每户至少每部门 1 名，实际 ${inspectorsNeeded(perTarget, orgIds.length)} 名`
                  : '不少于 2 名'
              }
              rules={[{ required: true, type: 'number', min: 2, max: 64, message: '每户至少选派 2 名检查人员' }]}
            >
              <InputNumber min={2} max={64} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="from" label="开始日期" rules={[{ required: true, message: '请选择开始日期' }]}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="to"
              label="结束日期"
              dependencies={['from']}
              rules={[
                { required: true, message: '请选择结束日期' },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: dayjs.Dayjs | undefined) => {
                    const from = getFieldValue('from') as dayjs.Dayjs | undefined;
                    if (value && from && value.isBefore(from, 'day')) throw new Error('结束日期不能早于开始日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
