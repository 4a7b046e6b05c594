import { Alert, App, Form, Input, Modal, Switch } from 'antd';
import { useMemo } from 'react';
import { useMe } from '../../app/auth';
import { api } from '../../api/client';
import type { Officer } from '../../../../common/contracts/personnel.contract.js';
import { OrgSelect } from '../../components/OrgSelect';
import { useModalForm } from '../../components/useModalForm';

interface OfficerFormValues {
  name: string;
  idNumber?: string;
  orgId: string;
  position?: string;
  phone?: string;
  legalQualification: boolean;
  legalReviewer: boolean;
}

const FIELDS = ['name', 'idNumber', 'orgId', 'position', 'phone', 'legalQualification', 'legalReviewer'] as const;

export interface OfficerFormModalProps {
  open: boolean;
  /** The officer being edited; null registers a new one. */
  officer: Officer | null;
  onClose: () => void;
  onSaved: (officer: Officer) => void;
}

/** 新增人员 / 编辑人员. In edit mode the ID number and phone are only sent when re-entered (they are shown masked). */
export function OfficerFormModal({ open, officer, onClose, onSaved }: OfficerFormModalProps) {
  const me = useMe();
  const [form] = Form.useForm<OfficerFormValues>();
  const { message } = App.useApp();

  const initialValues = useMemo<Partial<OfficerFormValues>>(
    () =>
      officer
        ? {
            name: officer.name,
            orgId: officer.orgId,
            position: officer.position ?? '',
            legalQualification: officer.legalQualification,
            legalReviewer: officer.legalReviewer,
          }
        : { orgId: me.org.id, legalQualification: false, legalReviewer: false },
    [officer, me],
  );

  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: {
      invalid_id_number: 'idNumber',
      duplicate_officer: 'idNumber',
      invalid_phone: 'phone',
      invalid_org: 'orgId',
    },
  });

  const submit = () =>
    submitWith(async (values) => {
      const idNumber = values.idNumber?.replace(/\s+/g, '').toUpperCase() || undefined;
      const phone = values.phone?.trim() || undefined;
      const saved = officer
        ? await api.patch<Officer>(`/api/v1/officers/${encodeURIComponent(officer.id)}`, {
            name: values.name.trim(),
            orgId: values.orgId,
            position: values.position?.trim() || null,
            legalQualification: values.legalQualification,
            legalReviewer: values.legalReviewer,
            ...(idNumber ? { idNumber } : {}),
            ...(phone ? { phone } : {}),
          })
        : await api.post<Officer>('/api/v1/officers', {
            name: values.name.trim(),
            idNumber,
            orgId: values.orgId,
            ...(values.position?.trim() ? { position: values.position.trim() } : {}),
            ...(phone ? { phone } : {}),
            legalQualification: values.legalQualification,
            legalReviewer: values.legalReviewer,
          });
      message.success('已保存');
      onSaved(saved);
    });

  return (
    <Modal
      open={open}
      title={officer ? `编辑人员 ${officer.name}` : '新增人员'}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={600}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<OfficerFormValues>
        form={form}
        name="officerForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label={officer ? '编辑人员' : '新增人员'}
      >
        <Form.Item
          name="name"
          label="姓名"
          rules={[
            { required: true, whitespace: true, message: '请输入姓名' },
            { max: 50, message: '姓名不超过 50 个字符' },
          ]}
        >
          <Input placeholder="真实姓名" autoComplete="off" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="公民身份号码"
          rules={
            officer
              ? [{ pattern: /^\s*\d{17}[\dXx]\s*$/, message: '公民身份号码应为 17 位数字加 1 位校验码（数字或 X）' }]
              : [
                  { required: true, whitespace: true, message: '请输入公民身份号码' },
                  { pattern: /^\s*\d{17}[\dXx]\s*$/, message: '公民身份号码应为 17 位数字加 1 位校验码（数字或 X）' },
                ]
          }
          extra={officer ? `当前：${officer.idNumber}。不修改请留空。` : '18 位，保存后仅显示脱敏号码。'}
        >
          <Input placeholder={officer ? '不修改请留空' : '18 位公民身份号码'} autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item name="orgId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
          <OrgSelect valueLabel={officer ? officer.orgName : me.org.name} placeholder="输入名称搜索单位" />
        </Form.Item>
        <Form.Item name="position" label="职务" rules={[{ max: 50, message: '职务不超过 50 个字符' }]}>
          <Input placeholder="如：科长（可选）" maxLength={50} />
        </Form.Item>
        <Form.Item
          name="phone"
          label="联系电话"
          extra={officer?.phone ? `当前：${officer.phone}。不修改请留空。` : undefined}
        >
          <Input
            placeholder={officer?.phone ? '不修改请留空' : '手机或固定电话（可选）'}
            autoComplete="off"
            maxLength={32}
            inputMode="tel"
          />
        </Form.Item>
        <Form.Item name="legalQualification" label="具有法律职业资格" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
        <Form.Item name="legalReviewer" label="法制审核人员" valuePropName="checked">
          <Switch checkedChildren="是" unCheckedChildren="否" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
