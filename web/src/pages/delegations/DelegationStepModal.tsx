import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { DELEGATION_ACTION_LABELS, type DelegationAction } from '../../../../common/enums.js';
import type { Delegation } from '../../../../common/contracts/delegation.contract.js';
import { DELEGATION_EVALUATION_RESULTS, DELEGATION_EVALUATION_RESULT_LABELS } from '../../../../common/enums.js';
import { api } from '../../api/client';
import { useModalForm } from '../../components/useModalForm';
import { payloadLabel } from './delegationDisplay';

/** Form fields of each step's body; dates are Dayjs in the form and YYYY-MM-DD in the body. */
const STEP_FIELDS: Record<DelegationAction, readonly string[]> = {
  county_approve: ['meetingDate', 'meetingNumber'],
  city_decide: ['meetingDate', 'meetingNumber'],
  announce: ['announcementNumber', 'effectiveDate'],
  evaluate: ['date', 'result', 'comments'],
  recall: ['announcementNumber', 'date', 'reason'],
};

const DATE_FIELDS = new Set(['meetingDate', 'effectiveDate', 'date']);
const TEXTAREA_FIELDS = new Set(['comments', 'reason']);

const PLACEHOLDERS: Record<string, string> = {
  'county_approve.meetingNumber': '如：天河区政府2026年第21次常务会议',
  'city_decide.meetingNumber': '如：广州市政府2026年第九次常务会议',
  'announce.announcementNumber': '如：天河府告〔2026〕2号',
  'recall.announcementNumber': '如：天河府告〔2026〕3号',
  'evaluate.comments': '如：街道承接到位，案件办理规范',
  'recall.reason': '如：评估认为街道承接能力不足',
};

export interface DelegationStepModalProps {
  /** The step to record; null keeps the modal closed. */
  action: DelegationAction | null;
  delegationId: string;
  onClose: () => void;
  onSaved: (delegation: Delegation) => void;
}

/** A small form for one workflow step (会议、公告、评估、收回); the server's 403/409 detail is shown in the form. */
export function DelegationStepModal({ action, delegationId, onClose, onSaved }: DelegationStepModalProps) {
  const [form] = Form.useForm<Record<string, unknown>>();
  const { message } = App.useApp();
  const fields = action ? STEP_FIELDS[action] : [];
  // the dates of the step default to today
  const initialValues = useMemo(() => {
    const today = dayjs().startOf('day');
    return Object.fromEntries(fields.filter((f) => DATE_FIELDS.has(f)).map((f) => [f, today]));
  }, [fields]);
  const { formError, saving, submitWith } = useModalForm(form, { open: !!action, initialValues, fields });

  const submit = () =>
    submitWith(async (values) => {
      if (!action) return;
      const body: Record<string, string> = {};
      for (const f of STEP_FIELDS[action]) {
        const v = values[f];
        body[f] = dayjs.isDayjs(v) ? (v as Dayjs).format('YYYY-MM-DD') : String(v ?? '').trim();
      }
      const saved = await api.post<Delegation>(
        `/api/v1/delegations/${encodeURIComponent(delegationId)}/actions/${action}`,
        body,
      );
      message.success(`已登记：${DELEGATION_ACTION_LABELS[action]}`);
      onSaved(saved);
    });

  const title = action ? DELEGATION_ACTION_LABELS[action] : '';
  return (
    <Modal
      open={!!action}
      title={title}
      okText="确定"
      cancelText="取消"
      okButtonProps={{ danger: action === 'recall' }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {formError ? (
        <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} data-testid="step-error" />
      ) : null}
      {action ? (
        <Form form={form} name="delegationStep" layout="vertical" onFinish={submit} aria-label={title}>
          {fields.map((f) => {
            const label = payloadLabel(action, f);
            if (DATE_FIELDS.has(f)) {
              return (
                <Form.Item key={f} name={f} label={label} rules={[{ required: true, message: `请选择${label}` }]}>
                  <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" placeholder="YYYY-MM-DD" />
                </Form.Item>
              );
            }
            if (f === 'result') {
              return (
                <Form.Item key={f} name={f} label={label} rules={[{ required: true, message: '请选择评估结论' }]}>
                  <Radio.Group
                    options={DELEGATION_EVALUATION_RESULTS.map((r) => ({
                      value: r,
                      label: DELEGATION_EVALUATION_RESULT_LABELS[r],
                    }))}
                  />
                </Form.Item>
              );
            }
            const max = TEXTAREA_FIELDS.has(f) ? 2000 : 100;
            return (
              <Form.Item
                key={f}
                name={f}
                label={label}
                rules={[
                  { required: true, whitespace: true, message: `请填写${label}` },
                  { max, message: `${label}不超过 ${max} 个字` },
                ]}
              >
                {TEXTAREA_FIELDS.has(f) ? (
                  <Input.TextArea rows={3} maxLength={max} showCount placeholder={PLACEHOLDERS[`${action}.${f}`]} />
                ) : (
                  <Input maxLength={max} placeholder={PLACEHOLDERS[`${action}.${f}`]} />
                )}
              </Form.Item>
            );
          })}
          <button type="submit" hidden aria-hidden tabIndex={-1} />
        </Form>
      ) : null}
    </Modal>
  );
}
