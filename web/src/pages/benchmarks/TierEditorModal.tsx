import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import {
  CIRCUMSTANCE_LABELS,
  CIRCUMSTANCES,
  type Circumstance,
  FINE_BASES,
  FINE_BASIS_LABELS,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
} from '../../../../common/enums.js';
import type { Benchmark, Tier } from '../../../../common/contracts/discretion.contract.js';
import { ApiError, errorMessage } from '../../api/client';
import {
  checkDraftRefinement,
  checkDraftTiers,
  parentBoundsText,
  parseTierPath,
  type TierViolation,
} from './tierBounds';
import { fieldOfBound, formToDraft, formToTier, type TierField, type TierFormValue, tierToForm } from './tierForm';

const MAX_TIERS = 5;

interface TierEditorValues {
  effectiveFrom: Dayjs | null;
  tiers: TierFormValue[];
}

export interface TierEditorBody {
  effectiveFrom: string;
  tiers: Tier[];
}

export interface TierEditorModalProps {
  open: boolean;
  title: string;
  okText?: string;
  /** A short explanation above the form. */
  description?: string;
  /** Refinement (细化, or 修订 of a refinement): the parent's latest tiers; every tier is checked against them. */
  parentTiers: Tier[] | null;
  /** Tiers the editor starts with (the current version, the parent's tiers for a new refinement, or one empty tier). */
  initialTiers: Tier[];
  /** Sends the body (POST or PUT); a thrown ApiError is mapped onto the tier fields. */
  onSubmit: (body: TierEditorBody) => Promise<Benchmark>;
  onClose: () => void;
  onSaved: (benchmark: Benchmark) => void;
}

const circumstanceOptions = CIRCUMSTANCES.map((c) => ({ value: c, label: CIRCUMSTANCE_LABELS[c] }));
const kindOptions = PENALTY_KINDS.map((k) => ({ value: k, label: PENALTY_KIND_LABELS[k] }));
const basisOptions = FINE_BASES.map((b) => ({ value: b, label: FINE_BASIS_LABELS[b] }));

const keyOf = (index: number, field: TierField) => `${index}.${field}`;

/** Inline violations by "index.field", each field's messages joined. */
function violationMap(violations: TierViolation[], values: TierFormValue[]): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const v of violations) {
    const field = fieldOfBound(v.bound, values[v.index]);
    if (!field) continue;
    const k = keyOf(v.index, field);
    map.set(k, [...(map.get(k) ?? []), v.message]);
  }
  return map;
}

/**
 * The tier editor used for 新建基准, 修订 and 细化: an editable list of tiers (情节, 适用条件, 处罚种类, 罚款 in 元 or
 * multiples, 处罚方式, 时限). For a refinement every tier shows the parent's bounds for its circumstance and is refused
 * inline (error under the field, submit disabled) when it goes beyond them, exactly as the server would refuse it.
 */
export function TierEditorModal({
  open,
  title,
  okText,
  description,
  parentTiers,
  initialTiers,
  onSubmit,
  onClose,
  onSaved,
}: TierEditorModalProps) {
  const [form] = Form.useForm<TierEditorValues>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const watched = Form.useWatch('tiers', form) as TierFormValue[] | undefined;
  const tiersValue = useMemo(() => watched ?? [], [watched]);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({ effectiveFrom: dayjs().startOf('day'), tiers: initialTiers.map(tierToForm) });
      setFormError(null);
    }
  }, [open, initialTiers, form]);

  const violations = useMemo(() => {
    const drafts = tiersValue.map((v) => formToDraft(v));
    return parentTiers ? checkDraftRefinement(parentTiers, drafts) : checkDraftTiers(drafts);
  }, [tiersValue, parentTiers]);
  const inline = useMemo(() => violationMap(violations, tiersValue), [violations, tiersValue]);
  const blocked = violations.length > 0;

  /** validateStatus/help for a tier field that breaks a bound (overrides the field's own messages while it does). */
  const bound = (index: number, field: TierField) => {
    const msgs = inline.get(keyOf(index, field));
    return msgs
      ? { validateStatus: 'error' as const, help: <span data-testid="tier-bound-error">{msgs.join('；')}</span> }
      : {};
  };

  const parentOf = (c: Circumstance | undefined) =>
    parentTiers && c ? parentTiers.find((p) => p.circumstance === c) : undefined;

  const nextTier = (): TierFormValue => {
    const used = new Set(tiersValue.map((t) => t?.circumstance));
    const pool = parentTiers ? parentTiers.map((t) => t.circumstance) : CIRCUMSTANCES.filter((c) => c !== 'none');
    const circumstance = pool.find((c) => !used.has(c));
    const parent = parentOf(circumstance);
    return parent
      ? tierToForm(parent)
      : { circumstance, conditions: '', penaltyKinds: [], fineType: 'none', method: '', timeLimitDays: null };
  };

  const applyServerError = (err: unknown, values: TierEditorValues) => {
    if (!(err instanceof ApiError)) {
      setFormError(errorMessage(err));
      return;
    }
    const byName = new Map<string, { name: NamePath; errors: string[] }>();
    const leftovers: string[] = [];
    for (const e of err.problem.errors ?? []) {
      if (/(^|[./])effectiveFrom$/.test(e.path)) {
        const entry = byName.get('effectiveFrom') ?? { name: 'effectiveFrom', errors: [] };
        entry.errors.push(e.message);
        byName.set('effectiveFrom', entry);
        continue;
      }
      const p = parseTierPath(e.path);
      const field = p && p.index < values.tiers.length ? fieldOfBound(p.bound, values.tiers[p.index]) : null;
      if (!p || !field) {
        leftovers.push(e.message);
        continue;
      }
      const k = keyOf(p.index, field);
      const entry = byName.get(k) ?? { name: ['tiers', p.index, field], errors: [] };
      entry.errors.push(e.message);
      byName.set(k, entry);
    }
    if (byName.size > 0) {
      form.setFields([...byName.values()]);
      const first = byName.values().next().value;
      if (first) form.scrollToField(first.name, { block: 'center' });
      const summary =
        err.problem.code === 'exceeds_parent'
          ? '细化超出上级基准，请按各档次下方的提示修改'
          : '提交未通过校验，请按提示修改';
      setFormError(leftovers.length > 0 ? `${summary}：${leftovers.join('；')}` : summary);
    } else {
      setFormError(leftovers.length > 0 ? `${err.problem.detail}：${leftovers.join('；')}` : err.problem.detail);
    }
  };

  const submit = async () => {
    if (blocked) return;
    let values: TierEditorValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    setFormError(null);
    try {
      const saved = await onSubmit({
        effectiveFrom: (values.effectiveFrom ?? dayjs()).format('YYYY-MM-DD'),
        tiers: values.tiers.map(formToTier),
      });
      message.success('裁量基准已保存');
      onSaved(saved);
    } catch (err) {
      applyServerError(err, values);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      okText={okText ?? '保存'}
      cancelText="取消"
      confirmLoading={saving}
      okButtonProps={{ disabled: blocked, 'aria-describedby': blocked ? 'tier-editor-blocked' : undefined }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={920}
      style={{ maxWidth: 'calc(100vw - 16px)', top: 16 }}
      // The tiers scroll inside the modal so that the (possibly disabled) submit button stays in sight.
      styles={{
        body: {
          maxHeight: 'calc(100vh - 150px)',
          overflowY: 'auto',
          overflowX: 'hidden',
          marginInline: -8,
          paddingInline: 8,
        },
      }}
      footer={(_, { OkBtn, CancelBtn }) => (
        <Flex wrap gap={8} align="center" justify="flex-end">
          {blocked ? (
            <Typography.Text
              type="danger"
              id="tier-editor-blocked"
              data-testid="tier-editor-blocked"
              style={{ flex: '1 1 200px', textAlign: 'start' }}
            >
              {parentTiers
                ? `有 ${violations.length} 处超出上级基准或有误，修改后才能提交`
                : `有 ${violations.length} 处有误，修改后才能提交`}
            </Typography.Text>
          ) : null}
          <CancelBtn />
          <OkBtn />
        </Flex>
      )}
    >
      {description ? <Typography.Paragraph type="secondary">{description}</Typography.Paragraph> : null}
      {formError ? (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="tier-editor-error" />
      ) : null}
      <Form<TierEditorValues> form={form} name="tierForm" layout="vertical" onFinish={submit} aria-label={title}>
        <Form.Item
          name="effectiveFrom"
          label="生效日期"
          rules={[{ required: true, message: '请选择生效日期' }]}
          style={{ maxWidth: 280 }}
        >
          <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="YYYY-MM-DD" />
        </Form.Item>
        <Form.List
          name="tiers"
          rules={[
            {
              validator: async (_r, tiers: unknown[] | undefined) => {
                if (!tiers || tiers.length === 0) throw new Error('请至少设定一个档次');
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Flex vertical gap={12}>
              {fields.map(({ key, name }) => {
                const value = tiersValue[name];
                const fineType = value?.fineType ?? 'none';
                const parent = parentOf(value?.circumstance);
                const label = value?.circumstance ? CIRCUMSTANCE_LABELS[value.circumstance] : '未选择情节';
                return (
                  <Card
                    key={key}
                    size="small"
                    data-testid="tier-card"
                    data-circumstance={value?.circumstance ?? ''}
                    title={
                      <span style={{ whiteSpace: 'normal' }}>
                        档次 {name + 1}：{label}
                      </span>
                    }
                    extra={
                      <Button
                        type="text"
                        danger
                        size="small"
                        icon={<DeleteOutlined />}
                        disabled={fields.length <= 1}
                        onClick={() => remove(name)}
                        aria-label={`删除档次 ${name + 1}`}
                      />
                    }
                  >
                    {parentTiers ? (
                      <Typography.Paragraph
                        type={parent ? 'secondary' : 'danger'}
                        style={{ marginBottom: 8, wordBreak: 'break-word' }}
                        data-testid="parent-bounds"
                      >
                        {value?.circumstance ? parentBoundsText(parent) : '请选择情节'}
                      </Typography.Paragraph>
                    ) : null}
                    <Row gutter={12}>
                      <Col xs={24} sm={8}>
                        <Form.Item
                          name={[name, 'circumstance']}
                          label="情节"
                          rules={[{ required: true, message: '请选择情节' }]}
                          {...bound(name, 'circumstance')}
                        >
                          <Select options={circumstanceOptions} placeholder="请选择" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={16}>
                        <Form.Item name={[name, 'penaltyKinds']} label="处罚种类" {...bound(name, 'penaltyKinds')}>
                          <Select mode="multiple" options={kindOptions} placeholder="可多选；不予处罚不选" allowClear />
                        </Form.Item>
                      </Col>
                    </Row>
                    <Form.Item
                      name={[name, 'conditions']}
                      label="适用条件"
                      rules={[{ max: 2000, message: '不超过 2000 个字' }]}
                    >
                      <Input.TextArea
                        autoSize={{ minRows: 1, maxRows: 4 }}
                        maxLength={2000}
                        placeholder="如：初次违法、危害后果轻微、主动改正"
                      />
                    </Form.Item>
                    <Row gutter={12}>
                      <Col xs={24} sm={fineType === 'fixed' ? 8 : 24}>
                        <Form.Item name={[name, 'fineType']} label="罚款" {...bound(name, 'fineType')}>
                          <Radio.Group
                            options={[
                              { value: 'none', label: parentTiers && parent?.fine ? '沿用上级' : '不设罚款' },
                              { value: 'fixed', label: '固定金额' },
                              { value: 'multiple', label: '倍数' },
                            ]}
                          />
                        </Form.Item>
                      </Col>
                      {fineType === 'fixed' ? (
                        <>
                          <Col xs={12} sm={8}>
                            <Form.Item
                              name={[name, 'minYuan']}
                              label="罚款下限（元）"
                              rules={[{ required: true, message: '请输入罚款下限' }]}
                              {...bound(name, 'minYuan')}
                            >
                              <InputNumber
                                min={0}
                                max={100_000_000_000}
                                precision={2}
                                style={{ width: '100%' }}
                                placeholder="元"
                              />
                            </Form.Item>
                          </Col>
                          <Col xs={12} sm={8}>
                            <Form.Item
                              name={[name, 'maxYuan']}
                              label="罚款上限（元）"
                              rules={[{ required: true, message: '请输入罚款上限' }]}
                              {...bound(name, 'maxYuan')}
                            >
                              <InputNumber
                                min={0}
                                max={100_000_000_000}
                                precision={2}
                                style={{ width: '100%' }}
                                placeholder="元"
                              />
                            </Form.Item>
                          </Col>
                        </>
                      ) : null}
                      {fineType === 'multiple' ? (
                        <>
                          <Col xs={24} sm={8}>
                            <Form.Item
                              name={[name, 'basis']}
                              label="计算基数"
                              rules={[{ required: true, message: '请选择计算基数' }]}
                              {...bound(name, 'basis')}
                            >
                              <Select options={basisOptions} placeholder="请选择" />
                            </Form.Item>
                          </Col>
                          <Col xs={12} sm={8}>
                            <Form.Item
                              name={[name, 'minMultiple']}
                              label="倍数下限"
                              rules={[{ required: true, message: '请输入倍数下限' }]}
                              {...bound(name, 'minMultiple')}
                            >
                              <InputNumber min={0} max={1000} step={0.1} style={{ width: '100%' }} suffix="倍" />
                            </Form.Item>
                          </Col>
                          <Col xs={12} sm={8}>
                            <Form.Item
                              name={[name, 'maxMultiple']}
                              label="倍数上限"
                              rules={[{ required: true, message: '请输入倍数上限' }]}
                              {...bound(name, 'maxMultiple')}
                            >
                              <InputNumber min={0} max={1000} step={0.1} style={{ width: '100%' }} suffix="倍" />
                            </Form.Item>
                          </Col>
                        </>
                      ) : null}
                    </Row>
                    <Row gutter={12}>
                      <Col xs={24} sm={16}>
                        <Form.Item
                          name={[name, 'method']}
                          label="处罚方式"
                          rules={[{ max: 500, message: '不超过 500 个字' }]}
                          style={{ marginBottom: 8 }}
                        >
                          <Input maxLength={500} placeholder="可选，如：当场处罚 / 一般程序" />
                        </Form.Item>
                      </Col>
                      <Col xs={24} sm={8}>
                        <Form.Item
                          name={[name, 'timeLimitDays']}
                          label="时限（日）"
                          style={{ marginBottom: 8 }}
                          {...bound(name, 'timeLimitDays')}
                        >
                          <InputNumber
                            min={1}
                            max={3650}
                            precision={0}
                            style={{ width: '100%' }}
                            placeholder={parentTiers ? '空则沿用上级' : '可选'}
                          />
                        </Form.Item>
                      </Col>
                    </Row>
                  </Card>
                );
              })}
              <Form.ErrorList errors={errors} />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                disabled={fields.length >= MAX_TIERS}
                onClick={() => add(nextTier())}
                block
              >
                添加档次（最多 {MAX_TIERS} 个）
              </Button>
            </Flex>
          )}
        </Form.List>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
