import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import type { Org } from '../../../../common/api-types.js';
import {
  ORG_KIND_LABELS,
  ORG_KINDS,
  ORG_STATUS_LABELS,
  ORG_STATUSES,
  type OrgKind,
  type OrgStatus,
  SECTOR_LABELS,
  SECTORS,
  type Sector,
} from '../../../../common/enums.js';
import { api } from '../../api/client';
import { OrgSelect } from '../../components/OrgSelect';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useModalForm } from '../../components/useModalForm';

interface OrgFormValues {
  name: string;
  kind: OrgKind;
  sector: Sector;
  regionCode: string;
  parentId?: string | null;
  uscc?: string;
  status?: OrgStatus;
}

const FIELDS = ['name', 'kind', 'sector', 'regionCode', 'parentId', 'uscc', 'status'] as const;

export interface OrgFormModalProps {
  open: boolean;
  /** The org being edited; null creates a new one. */
  org: Org | null;
  /** Region preselected for new orgs (the region chosen in the tree). */
  defaultRegionCode?: string | null;
  onClose: () => void;
  onSaved: (org: Org) => void;
}

export function OrgFormModal({ open, org, defaultRegionCode, onClose, onSaved }: OrgFormModalProps) {
  const [form] = Form.useForm<OrgFormValues>();
  const { message } = App.useApp();

  const initialValues = useMemo<Partial<OrgFormValues>>(
    () =>
      org
        ? {
            name: org.name,
            kind: org.kind,
            sector: org.sector,
            regionCode: org.regionCode,
            parentId: org.parentId,
            uscc: org.uscc ?? '',
            status: org.status,
          }
        : { regionCode: defaultRegionCode ?? undefined, sector: undefined, kind: undefined },
    [org, defaultRegionCode],
  );

  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { invalid_uscc: 'uscc', uscc_taken: 'uscc', name_taken: 'name' },
  });

  const submit = () =>
    submitWith(async (values) => {
      const uscc = values.uscc?.trim().toUpperCase() || null;
      let saved: Org;
      if (org) {
        saved = await api.patch<Org>(`/api/v1/orgs/${encodeURIComponent(org.id)}`, {
          name: values.name.trim(),
          kind: values.kind,
          sector: values.sector,
          regionCode: values.regionCode,
          parentId: values.parentId ?? null,
          uscc,
          status: values.status,
        });
      } else {
        saved = await api.post<Org>('/api/v1/orgs', {
          name: values.name.trim(),
          kind: values.kind,
          sector: values.sector,
          regionCode: values.regionCode,
          ...(values.parentId ? { parentId: values.parentId } : {}),
          ...(uscc ? { uscc } : {}),
        });
      }
      message.success('已保存');
      for (const w of saved.warnings ?? []) message.warning({ content: w.message, duration: 8 });
      onSaved(saved);
    });

  return (
    <Modal
      open={open}
      title={org ? '编辑单位' : '新建单位'}
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
      <Form<OrgFormValues>
        form={form}
        name="orgForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label={org ? '编辑单位' : '新建单位'}
      >
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请输入单位名称' },
            { max: 100, message: '名称不超过 100 个字符' },
          ]}
        >
          <Input placeholder="单位全称，如：广州市市场监督管理局" maxLength={100} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select placeholder="请选择类型" options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k] }))} />
        </Form.Item>
        <Form.Item name="sector" label="行业领域" rules={[{ required: true, message: '请选择行业领域' }]}>
          <Select placeholder="请选择行业领域" options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
        </Form.Item>
        <Form.Item name="regionCode" label="行政区划" rules={[{ required: true, message: '请选择行政区划' }]}>
          <RegionTreeSelect placeholder="请选择行政区划" />
        </Form.Item>
        <Form.Item name="parentId" label="上级单位">
          <OrgSelect
            allowClear
            valueLabel={org?.parentName}
            exclude={org ? [org.id] : undefined}
            placeholder="输入名称搜索上级单位（可选）"
          />
        </Form.Item>
        <Form.Item name="uscc" label="统一社会信用代码">
          <Input placeholder="18 位代码（可选）" maxLength={18} autoComplete="off" />
        </Form.Item>
        {org ? (
          <Form.Item name="status" label="状态">
            <Select options={ORG_STATUSES.map((s) => ({ value: s, label: ORG_STATUS_LABELS[s] }))} />
          </Form.Item>
        ) : null}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
