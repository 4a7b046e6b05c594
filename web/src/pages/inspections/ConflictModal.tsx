import { Alert, App, Form, Input, Modal } from 'antd';
import { useMemo } from 'react';
import { type Conflict, REASON_MAX } from '../../../../common/contracts/inspections.contract.js';
import { api } from '../../api/client';
import { useMe } from '../../app/auth';
import { useFormDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';
import { useModalForm } from '../../components/useModalForm';
import { EntitySearchSelect, OfficerSearchSelect, type Option } from './SearchSelects';

interface ConflictValues {
  officerId: string;
  entityId: string;
  reason: string;
}
const FIELDS = ['officerId', 'entityId', 'reason'] as const;

/**
 * 申报回避: an officer's conflict of interest with an entity (POST /api/v1/officers/:id/conflicts). From the officer's
 * page the officer is fixed; from a task's page the officer and the entity are chosen (the task's people and targets
 * offered first). A declared conflict keeps the officer from being drawn for that entity in later draws.
 */
export function ConflictModal({
  open,
  officer,
  officerOptions,
  entityOptions,
  onClose,
  onSaved,
}: {
  open: boolean;
  officer?: { id: string; name: string } | null;
  officerOptions?: readonly Option[];
  entityOptions?: readonly Option[];
  onClose: () => void;
  onSaved?: (c: Conflict) => void;
}) {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConflictValues>();
  const initialValues = useMemo<Partial<ConflictValues>>(() => (officer ? { officerId: officer.id } : {}), [officer]);
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { unknown_entity: 'entityId', conflict_exists: 'entityId' },
  });
  const draft = useFormDraft(form, {
    userId: me.id,
    name: officer ? `officer.${officer.id}.conflict` : 'inspection-conflict',
    title: officer ? `申报回避：${officer.name}` : '申报回避',
    href: officer ? `/officers/${encodeURIComponent(officer.id)}` : '/inspections/tasks',
    open,
  });

  const submit = () =>
    submitWith(async (v) => {
      const saved = await api.post<Conflict>(`/api/v1/officers/${encodeURIComponent(v.officerId)}/conflicts`, {
        entityId: v.entityId,
        reason: v.reason.trim(),
      });
      draft.clear();
      message.success(
        `已登记 ${saved.officerName} 与 ${saved.entityName} 的回避关系（${formatDateTime(saved.declaredAt)}）`,
      );
      onClose();
      onSaved?.(saved);
    });

  return (
    <Modal
      open={open}
      title="申报回避"
      okText="申报"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="执法人员与检查对象有利害关系的，应当回避。申报后，以后的抽取不再为该对象选派此人。"
      />
      <Form form={form} layout="vertical" name="conflictForm" onValuesChange={draft.onValuesChange}>
        {officer ? (
          <>
            <Form.Item label="执法人员" htmlFor="conflict-officer-name">
              <Input id="conflict-officer-name" value={officer.name} disabled />
            </Form.Item>
            <Form.Item name="officerId" hidden>
              <Input />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="officerId" label="执法人员" rules={[{ required: true, message: '请选择执法人员' }]}>
            <OfficerSearchSelect preset={officerOptions} />
          </Form.Item>
        )}
        <Form.Item name="entityId" label="检查对象" rules={[{ required: true, message: '请选择检查对象' }]}>
          <EntitySearchSelect preset={entityOptions} />
        </Form.Item>
        <Form.Item
          name="reason"
          label="利害关系"
          rules={[{ required: true, whitespace: true, min: 2, message: '请写明利害关系' }]}
        >
          <Input.TextArea rows={3} maxLength={REASON_MAX} showCount placeholder="如：配偶在该企业任职" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
