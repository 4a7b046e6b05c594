import { Alert, App, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { Complaint, ComplaintSummary, StaffAction } from '../../../../common/contracts/complaints.contract.js';
import type { Officer } from '../../../../common/contracts/personnel.contract.js';
import { COMPLAINT_ACTION_LABELS } from '../../../../common/enums.js';
import { api } from '../../api/client';
import { ItemSelect } from '../../components/ItemSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { useDebouncedPage } from '../../components/useDebouncedPage';
import { useModalForm } from '../../components/useModalForm';

/** The body fields of each step (the server validates each action's own part, docs/complaints.md). */
const FIELDS: Record<StaffAction, readonly string[]> = {
  accept: [],
  reject: ['reason'],
  assign: ['officerUserIds'],
  transfer: ['toOrgId', 'reason'],
  accept_transfer: [],
  decline_transfer: ['reason'],
  reply: ['text'],
  close: [],
  reopen: [],
  merge: ['intoId'],
  open_case: ['itemId', 'party.kind', 'party.name', 'party.uscc'],
  dispute: ['reason', 'toOrgId'],
  decide_dispute: ['upheld', 'toOrgId', 'note'],
};

/** What each step means, said in the dialog before it is taken. */
const HINTS: Partial<Record<StaffAction, string>> = {
  accept: '受理后开始办理，办理期限按工作日计算。',
  reject: '不予受理的理由将答复投诉人（在查询页面显示）。',
  transfer: '首接负责制：接收单位接收前，本单位仍是承办单位；转办期间办理期限暂停计算。',
  accept_transfer: '接收后本单位成为承办单位，办理期限扣除转办期间继续计算。',
  decline_transfer: '退回后投诉举报回到原承办单位。',
  reply: '答复内容将在查询页面向投诉人显示；办结前须先答复。',
  close: '办结后投诉人可以在查询页面评价办理情况。',
  reopen: '投诉人评价不满意的，可在办结后 15 日内重新办理一次，办理期限重新计算。',
  merge: '同一事项的重复投诉并入另一件本单位承办的投诉举报，原件保留并相互链接。',
  open_case: '据此立案查处：登记一宗行政处罚案件（案件来源：投诉举报），与本件相互链接。',
  dispute: '认为派单有误的，应在收到后 2 个工作日内提出；由监督本地区的司法行政部门裁定，期间办理期限暂停计算。',
  decide_dispute: '异议成立的，改派至指定的承办单位；不成立的，仍由原单位承办。',
};

const LABELS: Record<string, string> = {
  reason: '理由',
  text: '答复内容',
  note: '裁定意见',
  toOrgId: '接收单位',
  officerUserIds: '承办人',
  intoId: '并入的投诉举报',
  itemId: '执法事项',
  'party.kind': '当事人类型',
  'party.name': '当事人名称',
  'party.uscc': '统一社会信用代码',
  upheld: '裁定结果',
};

export interface ComplaintStepModalProps {
  /** The step to take; null keeps the dialog closed. */
  action: StaffAction | null;
  complaint: Complaint;
  onClose: () => void;
  onSaved: (complaint: Complaint) => void;
}

/** The officers of the handling org who have an account (the assignees are accounts). */
function OfficerPicker({
  orgId,
  value,
  onChange,
  id,
}: {
  orgId: string;
  value?: string[];
  onChange?: (v: string[]) => void;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const { rows, loading } = useDebouncedPage<Officer>('/api/v1/officers', { orgId, q: q || undefined, pageSize: 50 });
  const options = useMemo(
    () =>
      rows
        .filter((o) => o.userId)
        .map((o) => ({ value: o.userId as string, label: o.position ? `${o.name}（${o.position}）` : o.name })),
    [rows],
  );
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入姓名搜索本单位执法人员"
      notFoundContent={loading ? '搜索中…' : '无匹配人员'}
      style={{ width: '100%' }}
    />
  );
}

/** An open complaint of the same org to merge into (并单), searched by tracking number or content. */
function MergeTargetPicker({
  selfId,
  value,
  onChange,
  id,
}: {
  selfId: string;
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
}) {
  const [q, setQ] = useState('');
  const { rows, loading } = useDebouncedPage<ComplaintSummary>('/api/v1/complaints', {
    q: q || undefined,
    pageSize: 20,
  });
  const options = useMemo(
    () =>
      rows
        .filter((c) => c.id !== selfId && c.state !== 'merged' && c.state !== 'rejected')
        .map((c) => ({ value: c.id, label: `${c.trackingNumber} ${c.summary}` })),
    [rows, selfId],
  );
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      options={options}
      loading={loading}
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder="输入受理编号或内容搜索"
      notFoundContent={loading ? '搜索中…' : '无匹配的投诉举报'}
      style={{ width: '100%' }}
    />
  );
}

const NO_VALUES = {};

/** One step of a complaint's handling: a confirmation or a small form; the server's refusal is shown in the dialog. */
export function ComplaintStepModal({ action, complaint, onClose, onSaved }: ComplaintStepModalProps) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message } = App.useApp();
  const fields = action ? FIELDS[action] : [];
  const initialValues = useMemo(
    () =>
      action === 'open_case'
        ? {
            itemId: complaint.item?.id,
            party: {
              kind: complaint.subjectUscc ? 'organisation' : 'person',
              name: complaint.subjectName ?? undefined,
              uscc: complaint.subjectUscc ?? undefined,
            },
          }
        : action === 'decide_dispute'
          ? { upheld: false }
          : NO_VALUES,
    [action, complaint],
  );
  const { formError, saving, submitWith } = useModalForm(form, { open: !!action, initialValues, fields: [...fields] });
  const upheld = Form.useWatch('upheld', form);

  const submit = () =>
    submitWith(async (values) => {
      if (!action) return;
      const body: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(values)) {
        if (v === undefined || v === null || v === '') continue;
        if (k === 'party') {
          const p = v as { kind: string; name: string; uscc?: string };
          body.party = { kind: p.kind, name: p.name.trim(), ...(p.uscc?.trim() ? { uscc: p.uscc.trim() } : {}) };
        } else body[k] = typeof v === 'string' ? v.trim() : v;
      }
      const saved = await api.post<Complaint>(`/api/v1/complaints/${encodeURIComponent(complaint.id)}/${action}`, body);
      message.success(`已${COMPLAINT_ACTION_LABELS[action]}`);
      onSaved(saved);
    });

  const title = action ? COMPLAINT_ACTION_LABELS[action] : '';
  const text = (name: string, min: number, max: number, placeholder?: string) => (
    <Form.Item
      key={name}
      name={name}
      label={LABELS[name]}
      rules={[
        { required: true, whitespace: true, message: `请填写${LABELS[name]}` },
        { min, message: `${LABELS[name]}至少 ${min} 个字` },
      ]}
    >
      <Input.TextArea rows={name === 'text' ? 5 : 3} maxLength={max} showCount placeholder={placeholder} />
    </Form.Item>
  );
  const excluded = [complaint.handlingOrg.id];

  return (
    <Modal
      open={!!action}
      title={title}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: action === 'reject' || action === 'decline_transfer' }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {action && HINTS[action] ? <Typography.Paragraph type="secondary">{HINTS[action]}</Typography.Paragraph> : null}
      {formError ? (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="step-error" />
      ) : null}
      {action ? (
        <Form form={form} name="complaintStep" layout="vertical" onFinish={submit} aria-label={title}>
          {action === 'reject' ? text('reason', 2, 2000, '如：不属于本部门职责范围，已告知向有关部门反映') : null}
          {action === 'decline_transfer' ? text('reason', 2, 2000, '如：该事项不属于本单位职责') : null}
          {action === 'assign' ? (
            <Form.Item
              name="officerUserIds"
              label={LABELS.officerUserIds}
              rules={[{ required: true, type: 'array', min: 1, message: '至少指派一名承办人' }]}
            >
              <OfficerPicker orgId={complaint.handlingOrg.id} />
            </Form.Item>
          ) : null}
          {action === 'transfer' || action === 'dispute' ? (
            <Form.Item
              name="toOrgId"
              label={action === 'dispute' ? '应承办的单位（可不填）' : LABELS.toOrgId}
              rules={action === 'transfer' ? [{ required: true, message: '请选择接收单位' }] : []}
            >
              <OrgSelect exclude={excluded} allowClear={action === 'dispute'} />
            </Form.Item>
          ) : null}
          {action === 'transfer' ? text('reason', 2, 2000, '如：属于城市管理部门职责') : null}
          {action === 'dispute' ? text('reason', 2, 2000, '如：事发地点不在本单位管辖区域') : null}
          {action === 'reply' ? text('text', 5, 4000, '写明调查核实情况和处理结果') : null}
          {action === 'merge' ? (
            <Form.Item
              name="intoId"
              label={LABELS.intoId}
              rules={[{ required: true, message: '请选择并入的投诉举报' }]}
            >
              <MergeTargetPicker selfId={complaint.id} />
            </Form.Item>
          ) : null}
          {action === 'open_case' ? (
            <>
              <Form.Item name="itemId" label={LABELS.itemId} rules={[{ required: true, message: '请选择执法事项' }]}>
                <ItemSelect
                  type="penalty"
                  competent
                  valueLabels={complaint.item ? { [complaint.item.id]: complaint.item.name } : undefined}
                />
              </Form.Item>
              <Form.Item name={['party', 'kind']} label={LABELS['party.kind']} rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: 'organisation', label: '单位' },
                    { value: 'person', label: '个人' },
                  ]}
                />
              </Form.Item>
              <Form.Item
                name={['party', 'name']}
                label={LABELS['party.name']}
                rules={[{ required: true, whitespace: true, message: '请填写当事人名称' }]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name={['party', 'uscc']} label={LABELS['party.uscc']}>
                <Input maxLength={32} />
              </Form.Item>
            </>
          ) : null}
          {action === 'decide_dispute' ? (
            <>
              <Form.Item name="upheld" label={LABELS.upheld} rules={[{ required: true }]}>
                <Radio.Group
                  options={[
                    { value: false, label: '异议不成立（仍由原单位承办）' },
                    { value: true, label: '异议成立（改派）' },
                  ]}
                />
              </Form.Item>
              {upheld ? (
                <Form.Item name="toOrgId" label="改派至" rules={[{ required: true, message: '请选择改派的承办单位' }]}>
                  <OrgSelect exclude={excluded} />
                </Form.Item>
              ) : null}
              {text('note', 2, 2000)}
            </>
          ) : null}
          {fields.length === 0 ? (
            <Typography.Paragraph>
              确定对受理编号 {complaint.trackingNumber} {title}？
            </Typography.Paragraph>
          ) : null}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      ) : null}
    </Modal>
  );
}
