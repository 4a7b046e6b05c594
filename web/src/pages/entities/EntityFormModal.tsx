import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useMemo } from 'react';
import {
  CREDIT_CLASS_LABELS,
  ENTITY_KINDS,
  ENTITY_KIND_LABELS,
  ENTITY_SECTORS,
  ENTITY_STATUSES,
  ENTITY_STATUS_LABELS,
  type EntityKind,
  type EntityStatus,
  GRADE_CLASSES,
  type GradeClass,
  RISK_CLASS_LABELS,
  SECTOR_LABELS,
  type Sector,
} from '../../../../common/enums.js';
import { api } from '../../api/client';
import {
  ENTITY_ADDRESS_MAX,
  ENTITY_NAME_MAX,
  ENTITY_PERSON_MAX,
  type Entity,
} from '../../../../common/contracts/entities.contract.js';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useModalForm } from '../../components/useModalForm';

interface EntityFormValues {
  uscc: string;
  name: string;
  kind: EntityKind;
  regionCode: string;
  sectors: Sector[];
  address: string;
  legalRepresentative?: string;
  riskClass: GradeClass;
  creditClass: GradeClass;
  status: EntityStatus;
}

const FIELDS = [
  'uscc',
  'name',
  'kind',
  'regionCode',
  'sectors',
  'address',
  'legalRepresentative',
  'riskClass',
  'creditClass',
  'status',
] as const;
const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((v) => ({ value: v, label: labels[v] }));

export interface EntityFormModalProps {
  open: boolean;
  /** The entity being edited; null registers a new one. */
  entity: Entity | null;
  onClose: () => void;
  onSaved: (entity: Entity) => void;
}

/**
 * 新增检查对象 / 编辑检查对象. The legal representative is shown masked and only sent when typed again (it is sealed
 * on the server and never sent back in full).
 */
export function EntityFormModal({ open, entity, onClose, onSaved }: EntityFormModalProps) {
  const [form] = Form.useForm<EntityFormValues>();
  const { message } = App.useApp();
  const initialValues = useMemo<Partial<EntityFormValues>>(
    () =>
      entity
        ? {
            uscc: entity.uscc,
            name: entity.name,
            kind: entity.kind,
            regionCode: entity.regionCode,
            sectors: entity.sectors,
            address: entity.address,
            riskClass: entity.riskClass,
            creditClass: entity.creditClass,
            status: entity.status,
          }
        : { kind: 'enterprise', status: 'active', sectors: [] },
    [entity],
  );
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: { duplicate_uscc: 'uscc', invalid_uscc: 'uscc', out_of_scope: 'regionCode' },
  });

  const submit = () =>
    submitWith(async (values) => {
      const body = {
        ...values,
        uscc: values.uscc.trim().toUpperCase(),
        legalRepresentative: values.legalRepresentative?.trim() || undefined,
      };
      const saved = entity
        ? await api.patch<Entity>(`/api/v1/entities/${encodeURIComponent(entity.id)}`, body)
        : await api.post<Entity>('/api/v1/entities', body);
      const warning = saved.warnings?.[0];
      if (warning) message.warning(warning.message, 8);
      else message.success('已保存');
      onSaved(saved);
    });

  return (
    <Modal
      open={open}
      title={entity ? `编辑检查对象 ${entity.name}` : '新增检查对象'}
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
      <Form<EntityFormValues>
        form={form}
        name="entityForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label={entity ? '编辑检查对象' : '新增检查对象'}
      >
        <Form.Item
          name="uscc"
          label="统一社会信用代码"
          rules={[
            { required: true, whitespace: true, message: '请输入统一社会信用代码' },
            { len: 18, message: '统一社会信用代码为 18 位', transform: (v: string) => v?.trim() },
          ]}
        >
          <Input placeholder="18 位，如 91440106MA5xxxxxxx" autoComplete="off" maxLength={18} />
        </Form.Item>
        <Form.Item
          name="name"
          label="名称"
          rules={[{ required: true, whitespace: true, min: 2, message: '请输入名称' }]}
        >
          <Input placeholder="营业执照上的名称" maxLength={ENTITY_NAME_MAX} />
        </Form.Item>
        <Form.Item name="kind" label="类型" rules={[{ required: true, message: '请选择类型' }]}>
          <Select options={options(ENTITY_KINDS, ENTITY_KIND_LABELS)} />
        </Form.Item>
        <Form.Item
          name="regionCode"
          label="所在区划"
          rules={[{ required: true, message: '请选择县（市、区）或乡镇（街道）' }]}
        >
          <RegionTreeSelect placeholder="县（市、区）或乡镇（街道）" />
        </Form.Item>
        <Form.Item
          name="sectors"
          label="行业领域"
          rules={[{ required: true, type: 'array', min: 1, message: '至少选择一个行业领域' }]}
        >
          <Select mode="multiple" options={options(ENTITY_SECTORS, SECTOR_LABELS)} placeholder="可多选" />
        </Form.Item>
        <Form.Item
          name="address"
          label="地址"
          rules={[{ required: true, whitespace: true, min: 2, message: '请输入地址' }]}
        >
          <Input placeholder="经营场所地址" maxLength={ENTITY_ADDRESS_MAX} />
        </Form.Item>
        <Form.Item
          name="legalRepresentative"
          label={entity ? `法定代表人（现为 ${entity.legalRepresentative}，不改请留空）` : '法定代表人'}
          rules={entity ? [] : [{ required: true, whitespace: true, message: '请输入法定代表人（负责人、经营者）' }]}
        >
          <Input placeholder="姓名；加密保存，页面上只显示部分" autoComplete="off" maxLength={ENTITY_PERSON_MAX} />
        </Form.Item>
        <Form.Item name="riskClass" label="风险等级" rules={[{ required: true, message: '请选择风险等级' }]}>
          <Select options={options(GRADE_CLASSES, RISK_CLASS_LABELS)} />
        </Form.Item>
        <Form.Item name="creditClass" label="信用等级" rules={[{ required: true, message: '请选择信用等级' }]}>
          <Select options={options(GRADE_CLASSES, CREDIT_CLASS_LABELS)} />
        </Form.Item>
        <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
          <Select options={options(ENTITY_STATUSES, ENTITY_STATUS_LABELS)} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
