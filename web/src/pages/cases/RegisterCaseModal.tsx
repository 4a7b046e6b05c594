import { Alert, App, Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { checkResidentId, checkUscc } from '../../../../common/identifiers.js';
import { useMe } from '../../app/auth';
import type { CaseDetail } from '../../../../common/contracts/cases.contract.js';
import {
  CASE_SOURCES,
  type CaseSource,
  PARTY_KINDS,
  type PartyKind,
  REVIEW_FLAGS,
  type ReviewFlag,
} from '../../../../common/enums.js';
import { CASE_SOURCE_LABELS, PARTY_KIND_LABELS, REVIEW_FLAG_LABELS } from '../../../../common/labels/cases.js';
import { api } from '../../api/client';
import { useFormDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';
import { ItemSelect } from '../../components/ItemSelect';
import { useProblemForm } from '../../components/useProblemForm';

/** Form values; the party's fields are flat ("party.name") so that server error paths map onto them one to one. */
interface RegisterValues {
  itemId: string;
  source: CaseSource;
  'party.kind': PartyKind;
  'party.name': string;
  'party.idNumber'?: string;
  'party.uscc'?: string;
  'party.address'?: string;
  'party.phone'?: string;
  facts: string;
  occurredAt: Dayjs;
  location?: string;
  reviewFlags?: ReviewFlag[];
}

const FIELDS = [
  'itemId',
  'source',
  'party.kind',
  'party.name',
  'party.idNumber',
  'party.uscc',
  'party.address',
  'party.phone',
  'facts',
  'occurredAt',
  'location',
  'reviewFlags',
] as const;

const CODE_TO_FIELD = {
  unknown_item: 'itemId',
  not_penalty_item: 'itemId',
  invalid_id_number: 'party.idNumber',
  invalid_uscc: 'party.uscc',
};

const optional = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

export interface RegisterCaseModalProps {
  open: boolean;
  onClose: () => void;
  onSaved: (c: CaseDetail) => void;
}

/** 登记案源 (an officer or department head of the user's own org). */
export function RegisterCaseModal({ open, onClose, onSaved }: RegisterCaseModalProps) {
  const me = useMe();
  const [form] = Form.useForm<RegisterValues>();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const { formError, handleError, clearError } = useProblemForm(form, { fields: FIELDS, codeToField: CODE_TO_FIELD });
  const kind = Form.useWatch('party.kind', form) ?? 'organisation';

  // Fresh each time the dialog opens (the form is mounted anew then and cleared when it closes).
  const initialValues = useMemo<Partial<RegisterValues>>(
    () =>
      open ? { 'party.kind': 'organisation', source: 'inspection', occurredAt: dayjs().second(0).millisecond(0) } : {},
    [open],
  );

  useEffect(() => {
    if (open) clearError();
  }, [open, clearError]);
  // the facts typed on site survive a closed dialog, a reload or an ended session (identifiers are not kept)
  const draft = useFormDraft(form, {
    userId: me.id,
    name: 'register-case',
    title: '登记案源',
    href: '/cases?register=1',
    open,
    exclude: ['party.idNumber', 'party.phone', 'party.address'],
    onRestored: (at) => message.info(`已恢复 ${formatDateTime(at)} 未提交的草稿`),
  });

  const submit = async () => {
    let v: RegisterValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const flags = Object.fromEntries((v.reviewFlags ?? []).map((f) => [f, true]));
    const body = {
      orgId: me.org.id,
      itemId: v.itemId,
      source: v.source,
      party: {
        kind: v['party.kind'],
        name: v['party.name'].trim(),
        ...(v['party.kind'] === 'person'
          ? { idNumber: optional(v['party.idNumber'])?.toUpperCase() }
          : { uscc: optional(v['party.uscc'])?.toUpperCase() }),
        address: optional(v['party.address']),
        phone: optional(v['party.phone']),
      },
      facts: v.facts.trim(),
      occurredAt: v.occurredAt.toISOString(),
      location: optional(v.location),
      ...(Object.keys(flags).length > 0 ? { reviewFlags: flags } : {}),
    };
    setSaving(true);
    clearError();
    try {
      const created = await api.post<CaseDetail>('/api/v1/cases', body);
      draft.clear();
      message.success(`已登记案源 ${created.number}`);
      onSaved(created);
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title="登记案源"
      okText="登记"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {formError ? (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="register-error" />
      ) : null}
      <Form<RegisterValues>
        form={form}
        name="registerCase"
        layout="vertical"
        initialValues={initialValues}
        clearOnDestroy
        onValuesChange={draft.onValuesChange}
        onFinish={submit}
        aria-label="登记案源"
      >
        <Form.Item label="办案单位" htmlFor="register-case-org">
          <Input id="register-case-org" value={me.org.name} disabled />
        </Form.Item>
        <Form.Item name="itemId" label="执法事项" rules={[{ required: true, message: '请选择执法事项' }]}>
          <ItemSelect type="penalty" competent placeholder="输入本单位有权办理的行政处罚事项名称或编码" />
        </Form.Item>
        <Form.Item name="source" label="案件来源" rules={[{ required: true, message: '请选择案件来源' }]}>
          <Select options={CASE_SOURCES.map((s) => ({ value: s, label: CASE_SOURCE_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="party.kind" label="当事人类型" rules={[{ required: true, message: '请选择当事人类型' }]}>
          <Radio.Group options={PARTY_KINDS.map((k) => ({ value: k, label: PARTY_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          name="party.name"
          label={kind === 'person' ? '当事人姓名' : '当事人名称'}
          rules={[
            { required: true, whitespace: true, message: '请填写当事人' },
            { max: 200, message: '不超过 200 个字' },
          ]}
        >
          <Input maxLength={200} />
        </Form.Item>
        {kind === 'person' ? (
          <Form.Item
            name="party.idNumber"
            label="公民身份号码"
            rules={[
              {
                validator: async (_r, value: string | undefined) => {
                  if (!value?.trim()) return;
                  const check = checkResidentId(value);
                  if (!check.ok) throw new Error(check.message);
                },
              },
            ]}
          >
            <Input maxLength={18} placeholder="可选，18 位" autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item
            name="party.uscc"
            label="统一社会信用代码"
            rules={[
              {
                validator: async (_r, value: string | undefined) => {
                  if (!value?.trim()) return;
                  const check = checkUscc(value);
                  if (!check.ok) throw new Error(check.message);
                },
              },
            ]}
          >
            <Input maxLength={18} placeholder="可选，18 位" autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item name="party.address" label="地址" rules={[{ max: 200, message: '不超过 200 个字' }]}>
          <Input maxLength={200} placeholder="可选" />
        </Form.Item>
        <Form.Item name="party.phone" label="联系电话" rules={[{ max: 32, message: '不超过 32 个字符' }]}>
          <Input maxLength={32} placeholder="可选" inputMode="tel" />
        </Form.Item>
        <Form.Item
          name="facts"
          label="违法事实"
          rules={[
            { required: true, whitespace: true, message: '请填写违法事实' },
            { min: 2, message: '至少 2 个字' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={10000} showCount placeholder="时间、地点、行为及发现经过" />
        </Form.Item>
        <Form.Item name="occurredAt" label="发生时间" rules={[{ required: true, message: '请选择发生时间' }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
            disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          />
        </Form.Item>
        <Form.Item name="location" label="发生地点" rules={[{ max: 200, message: '不超过 200 个字' }]}>
          <Input maxLength={200} placeholder="可选" />
        </Form.Item>
        <Form.Item name="reviewFlags" label="法制审核情形" extra="勾选任一项的，作出决定前须经法制审核">
          <Checkbox.Group
            options={REVIEW_FLAGS.map((f) => ({ value: f, label: REVIEW_FLAG_LABELS[f] }))}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
