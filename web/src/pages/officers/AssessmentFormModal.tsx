import { Alert, App, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useMemo } from 'react';
import { ASSESSMENT_GRADE_LABELS, ASSESSMENT_GRADES, type AssessmentGrade } from '../../../../common/enums.js';
import { api } from '../../api/client';
import { useModalForm } from '../../components/useModalForm';

interface AssessmentFormValues {
  year: number;
  grade: AssessmentGrade;
  comments?: string;
}

const FIELDS = ['year', 'grade', 'comments'] as const;

export interface AssessmentFormModalProps {
  open: boolean;
  officerId: string;
  officerName: string;
  onClose: () => void;
  onSaved: () => void;
}

/** 登记考核 (org_admin or department_head of the officer's org, or a justice admin). */
export function AssessmentFormModal({ open, officerId, officerName, onClose, onSaved }: AssessmentFormModalProps) {
  const [form] = Form.useForm<AssessmentFormValues>();
  const { message } = App.useApp();
  const thisYear = new Date().getFullYear();
  const initialValues = useMemo<Partial<AssessmentFormValues>>(() => ({ year: thisYear }), [thisYear]);

  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { duplicate_assessment: 'year', invalid_year: 'year' },
  });

  const submit = () =>
    submitWith(async (values) => {
      await api.post(`/api/v1/officers/${encodeURIComponent(officerId)}/assessments`, {
        year: values.year,
        grade: values.grade,
        ...(values.comments?.trim() ? { comments: values.comments.trim() } : {}),
      });
      message.success(`已登记 ${values.year} 年度考核`);
      onSaved();
    });

  return (
    <Modal
      open={open}
      title={`登记考核：${officerName}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<AssessmentFormValues>
        form={form}
        name="assessmentForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label="登记考核"
      >
        <Form.Item name="year" label="考核年度" rules={[{ required: true, message: '请输入考核年度' }]}>
          <InputNumber min={2000} max={thisYear} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="grade" label="考核等次" rules={[{ required: true, message: '请选择考核等次' }]}>
          <Select
            placeholder="请选择考核等次"
            options={ASSESSMENT_GRADES.map((g) => ({ value: g, label: ASSESSMENT_GRADE_LABELS[g] }))}
          />
        </Form.Item>
        <Form.Item name="comments" label="考核意见" rules={[{ max: 500, message: '不超过 500 个字' }]}>
          <Input.TextArea rows={3} maxLength={500} showCount placeholder="可选" />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
