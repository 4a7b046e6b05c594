import { Alert, App, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo } from 'react';
import {
  CERTIFICATE_KIND_LABELS,
  CERTIFICATE_KINDS,
  type CertificateKind,
  SECTOR_LABELS,
  SECTORS,
  type Sector,
} from '../../../../common/enums.js';
import { useMe } from '../../app/auth';
import { api } from '../../api/client';
import type { Certificate } from '../../../../common/contracts/personnel.contract.js';
import { OrgSelect } from '../../components/OrgSelect';
import { RegionMultiSelect } from '../../components/RegionMultiSelect';
import { useModalForm } from '../../components/useModalForm';

interface CertificateFormValues {
  number: string;
  kind: CertificateKind;
  issuerOrgId: string;
  sectors: Sector[];
  regionCodes: string[];
  validFrom: Dayjs;
  validTo: Dayjs;
}

const FIELDS = ['number', 'kind', 'issuerOrgId', 'sectors', 'regionCodes', 'validFrom', 'validTo'] as const;

export interface CertificateFormModalProps {
  open: boolean;
  officerId: string;
  officerName: string;
  onClose: () => void;
  onSaved: (certificate: Certificate) => void;
}

/** 登记证件 (a justice department's org_admin; the server answers 403 for anyone else). */
export function CertificateFormModal({ open, officerId, officerName, onClose, onSaved }: CertificateFormModalProps) {
  const me = useMe();
  const [form] = Form.useForm<CertificateFormValues>();
  const { message } = App.useApp();

  const initialValues = useMemo<Partial<CertificateFormValues>>(() => {
    const from = dayjs().startOf('day');
    return {
      kind: 'enforcement',
      issuerOrgId: me.org.id,
      sectors: [],
      regionCodes: [],
      validFrom: from,
      validTo: from.add(5, 'year').subtract(1, 'day'),
    };
  }, [me]);

  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: {
      duplicate_certificate: 'number',
      invalid_issuer: 'issuerOrgId',
      unknown_region: 'regionCodes',
      invalid_validity: 'validTo',
    },
  });

  const submit = () =>
    submitWith(async (values) => {
      const saved = await api.post<Certificate>(`/api/v1/officers/${encodeURIComponent(officerId)}/certificates`, {
        number: values.number.trim(),
        kind: values.kind,
        issuerOrgId: values.issuerOrgId,
        sectors: values.sectors,
        regionCodes: values.regionCodes,
        validFrom: values.validFrom.format('YYYY-MM-DD'),
        validTo: values.validTo.format('YYYY-MM-DD'),
      });
      message.success(`已登记证件 ${saved.number}`);
      onSaved(saved);
    });

  return (
    <Modal
      open={open}
      title={`登记证件：${officerName}`}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<CertificateFormValues>
        form={form}
        name="certificateForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label="登记证件"
      >
        <Form.Item
          name="number"
          label="证件编号"
          rules={[
            { required: true, whitespace: true, message: '请输入证件编号' },
            { min: 4, max: 40, message: '证件编号为 4–40 个字符' },
          ]}
        >
          <Input placeholder="如：440124100001" maxLength={40} autoComplete="off" />
        </Form.Item>
        <Form.Item name="kind" label="证件类型" rules={[{ required: true, message: '请选择证件类型' }]}>
          <Select options={CERTIFICATE_KINDS.map((k) => ({ value: k, label: CERTIFICATE_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item
          name="issuerOrgId"
          label="发证机关"
          rules={[{ required: true, message: '请选择发证机关' }]}
          extra="人民政府或司法行政部门"
        >
          <OrgSelect valueLabel={me.org.name} placeholder="输入名称搜索发证机关" />
        </Form.Item>
        <Form.Item
          name="sectors"
          label="执法领域"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个执法领域' }]}
        >
          <Select
            mode="multiple"
            placeholder="请选择执法领域"
            options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))}
            optionFilterProp="label"
          />
        </Form.Item>
        <Form.Item
          name="regionCodes"
          label="执法区域"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个行政区划' }]}
        >
          <RegionMultiSelect placeholder="请选择行政区划（可多选）" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="validFrom" label="有效期起" rules={[{ required: true, message: '请选择起始日期' }]}>
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="validTo"
              label="有效期至"
              dependencies={['validFrom']}
              rules={[
                { required: true, message: '请选择截止日期' },
                ({ getFieldValue }) => ({
                  validator: async (_r, value: Dayjs | undefined) => {
                    const from = getFieldValue('validFrom') as Dayjs | undefined;
                    if (value && from && value.isBefore(from, 'day')) throw new Error('截止日期不能早于起始日期');
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" allowClear={false} />
            </Form.Item>
          </Col>
        </Row>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
