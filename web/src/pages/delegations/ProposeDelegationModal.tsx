import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { Org, Page } from '../../../../common/api-types.js';
import type { Delegation } from '../../../../common/contracts/delegation.contract.js';
import { api } from '../../api/client';
import { ItemMultiSelect } from '../../components/ItemSelect';
import { useModalForm } from '../../components/useModalForm';

interface ProposeValues {
  itemIds: string[];
  townshipOrgIds: string[];
  reason: string;
}

const FIELDS = ['itemIds', 'townshipOrgIds', 'reason'] as const;
const CODE_TO_FIELD = { item_not_delegable: 'itemIds', unknown_item: 'itemIds', invalid_township: 'townshipOrgIds' };
const INITIAL: Partial<ProposeValues> = { itemIds: [], townshipOrgIds: [] };

/** 乡镇（街道） the user may see (GET /api/v1/orgs?kind=township), for a multi-select. */
function TownshipSelect({ id, value, onChange }: { id?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const [loading, setLoading] = useState(true);

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<Page<Org>>('/api/v1/orgs', { kind: 'township', status: 'active', current: 1, pageSize: 200 }, ctrl.signal)
      .then((page) => setOptions(page.data.map((o) => ({ value: o.id, label: o.name }))))
      .catch(() => {
        if (!ctrl.signal.aborted) setOptions([]);
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, []);

  return (
    <Select
      id={id}
      mode="multiple"
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      options={options}
      loading={loading}
      showSearch={{ optionFilterProp: 'label' }}
      placeholder="选择承接的乡镇（街道），可多选"
      notFoundContent={loading ? '加载中…' : '无可选的乡镇（街道）'}
      style={{ width: '100%' }}
    />
  );
}

export interface ProposeDelegationModalProps {
  open: boolean;
  onClose: () => void;
  onSaved: (delegation: Delegation) => void;
}

/** 提出赋权: items of the township guiding list, the townships that take them, and the reason. */
export function ProposeDelegationModal({ open, onClose, onSaved }: ProposeDelegationModalProps) {
  const [form] = Form.useForm<ProposeValues>();
  const { message } = App.useApp();
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues: INITIAL,
    fields: FIELDS,
    codeToField: CODE_TO_FIELD,
  });

  const submit = () =>
    submitWith(async (values) => {
      const saved = await api.post<Delegation>('/api/v1/delegations', {
        itemIds: values.itemIds,
        townshipOrgIds: values.townshipOrgIds,
        reason: values.reason.trim(),
      });
      message.success('已提出赋权');
      onSaved(saved);
    });

  return (
    <Modal
      open={open}
      title="提出赋权"
      okText="提出"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={680}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      <Typography.Paragraph type="secondary">
        只能赋予省乡镇（街道）指导目录内的事项；关联的行政检查、行政强制事项一并赋权。提出后依次经县政府常务会议审议、市政府常务会议决定、向社会公告后生效。
      </Typography.Paragraph>
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<ProposeValues> form={form} name="delegationForm" layout="vertical" onFinish={submit} aria-label="提出赋权">
        <Form.Item
          name="itemIds"
          label="赋权事项"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个事项' }]}
        >
          <ItemMultiSelect townshipGuiding placeholder="输入名称或基本编码搜索指导目录内的事项（可多选）" />
        </Form.Item>
        <Form.Item
          name="townshipOrgIds"
          label="承接乡镇（街道）"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个乡镇（街道）' }]}
        >
          <TownshipSelect />
        </Form.Item>
        <Form.Item
          name="reason"
          label="理由"
          rules={[
            { required: true, whitespace: true, message: '请填写理由' },
            { min: 2, max: 2000, message: '理由为 2–2000 个字' },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={2000}
            showCount
            placeholder="如：推进行政执法权限和力量向基层延伸和下沉，街道具备承接条件"
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
