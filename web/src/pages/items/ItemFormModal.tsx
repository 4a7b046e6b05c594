import { Alert, App, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useMemo } from 'react';
import {
  BASIS_LEVEL_LABELS,
  BASIS_LEVELS,
  type BasisLevel,
  ITEM_LEVEL_LABELS,
  ITEM_LEVELS,
  ITEM_STATUS_LABELS,
  ITEM_STATUSES,
  ITEM_TYPE_LABELS,
  ITEM_TYPES,
  type ItemLevel,
  type ItemStatus,
  type ItemType,
  SECTOR_LABELS,
  SECTORS,
  type Sector,
} from '../../../../common/enums.js';
import type { Item, ItemPutBody } from '../../../../common/contracts/catalog.contract.js';
import type { Wire } from '../../../../common/contracts/kit.js';
import { ApiError, api } from '../../api/client';
import { ItemSelect } from '../../components/ItemSelect';
import { useModalForm } from '../../components/useModalForm';

interface ItemFormValues {
  baseCode: string;
  name: string;
  law: string;
  article: string;
  type: ItemType;
  sector: Sector;
  levels: ItemLevel[];
  basisLevel: BasisLevel;
  status: ItemStatus;
  townshipGuiding: boolean;
  major: boolean;
  parentItemId: string | null;
}

const FIELDS = [
  'baseCode',
  'name',
  'law',
  'article',
  'type',
  'sector',
  'levels',
  'basisLevel',
  'status',
  'townshipGuiding',
  'major',
  'parentItemId',
] as const;

const CODE_TO_FIELD = { duplicate_item: 'baseCode', invalid_parent_item: 'parentItemId' };

/** Item types that may belong to a penalty item (and travel with it when delegated). */
const LINKABLE: readonly ItemType[] = ['inspection', 'coercion'];

/** The server names `legalBasis.law` / `legalBasis.article`; the form has them as flat fields. */
function flattenPaths(err: unknown): unknown {
  if (!(err instanceof ApiError) || !err.problem.errors) return err;
  return new ApiError({
    ...err.problem,
    errors: err.problem.errors.map((e) => ({ ...e, path: e.path.replace(/^(body[./])?legalBasis[./]/, '') })),
  });
}

export interface ItemFormModalProps {
  open: boolean;
  /** The item being revised (PUT sends the whole item, the server keeps a new version); null adds one. */
  item: Item | null;
  /** Label of the item's parent item (edit mode), shown until the options are loaded. */
  parentLabel?: string;
  onClose: () => void;
  onSaved: (item: Item) => void;
}

/** 新增事项 / 修订事项. */
export function ItemFormModal({ open, item, parentLabel, onClose, onSaved }: ItemFormModalProps) {
  const [form] = Form.useForm<ItemFormValues>();
  const { message } = App.useApp();
  const type = Form.useWatch('type', form);

  const initialValues = useMemo<Partial<ItemFormValues>>(
    () =>
      item
        ? {
            baseCode: item.baseCode,
            name: item.name,
            law: item.legalBasis.law,
            article: item.legalBasis.article,
            type: item.type,
            sector: item.sector,
            levels: item.levels,
            basisLevel: item.basisLevel,
            status: item.status,
            townshipGuiding: item.townshipGuiding,
            major: item.major,
            parentItemId: item.parentItemId,
          }
        : {
            levels: [],
            basisLevel: 'national',
            status: 'active',
            townshipGuiding: false,
            major: false,
            parentItemId: null,
          },
    [item],
  );
  const valueLabels = useMemo(
    () => (item?.parentItemId && parentLabel ? { [item.parentItemId]: parentLabel } : undefined),
    [item, parentLabel],
  );

  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: CODE_TO_FIELD,
  });

  const linkable = type ? LINKABLE.includes(type) : false;

  const submit = () =>
    submitWith(async (values) => {
      const body: Wire<typeof ItemPutBody> = {
        baseCode: values.baseCode.trim(),
        name: values.name.trim(),
        legalBasis: { law: values.law.trim(), article: values.article.trim() },
        type: values.type,
        sector: values.sector,
        levels: values.levels,
        basisLevel: values.basisLevel,
        ...(item ? { status: values.status } : {}),
        townshipGuiding: values.townshipGuiding,
        major: values.major,
        parentItemId: LINKABLE.includes(values.type) ? (values.parentItemId ?? null) : null,
      };
      try {
        const saved = item
          ? await api.put<Item>(`/api/v1/items/${encodeURIComponent(item.id)}`, body)
          : await api.post<Item>('/api/v1/items', body);
        message.success(item ? `已修订（第 ${saved.version} 版）` : '已新增');
        onSaved(saved);
      } catch (err) {
        throw flattenPaths(err);
      }
    });

  const title = item ? `修订事项 ${item.baseCode}` : '新增事项';
  return (
    <Modal
      open={open}
      title={title}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={760}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {item ? (
        <Alert type="info" showIcon title="修订保存为新版本，原版本保留在历史版本中。" style={{ marginBottom: 16 }} />
      ) : null}
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
      <Form<ItemFormValues>
        form={form}
        name="itemForm"
        layout="vertical"
        initialValues={initialValues}
        onFinish={submit}
        aria-label={title}
      >
        <Row gutter={16}>
          <Col xs={24} sm={10}>
            <Form.Item
              name="baseCode"
              label="基本编码"
              rules={[
                { required: true, whitespace: true, message: '请输入基本编码' },
                { min: 2, max: 40, message: '基本编码为 2–40 个字符' },
              ]}
            >
              <Input placeholder="如：SC-CF-0126" maxLength={40} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item
              name="name"
              label="事项名称"
              rules={[
                { required: true, whitespace: true, message: '请输入事项名称' },
                { min: 2, max: 200, message: '事项名称为 2–200 个字符' },
              ]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="law"
          label="设定依据（法律法规名称）"
          rules={[
            { required: true, whitespace: true, message: '请输入法律、法规或规章名称' },
            { min: 2, max: 200, message: '名称为 2–200 个字符' },
          ]}
        >
          <Input placeholder="如：《中华人民共和国食品安全法》" maxLength={200} />
        </Form.Item>
        <Form.Item
          name="article"
          label="条款内容"
          rules={[
            { required: true, whitespace: true, message: '请输入条款内容' },
            { min: 2, max: 5000, message: '条款内容为 2–5000 个字符' },
          ]}
        >
          <Input.TextArea rows={4} maxLength={5000} showCount placeholder="如：第一百二十六条 ……（可分行）" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="type" label="事项类型" rules={[{ required: true, message: '请选择事项类型' }]}>
              <Select
                placeholder="请选择"
                options={ITEM_TYPES.map((t) => ({ value: t, label: ITEM_TYPE_LABELS[t] }))}
                onChange={(t: ItemType) => {
                  if (!LINKABLE.includes(t)) form.setFieldValue('parentItemId', null);
                }}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="sector" label="行业领域" rules={[{ required: true, message: '请选择行业领域' }]}>
              <Select placeholder="请选择" options={SECTORS.map((s) => ({ value: s, label: SECTOR_LABELS[s] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="levels"
              label="行使层级"
              rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个行使层级' }]}
            >
              <Select
                mode="multiple"
                placeholder="可多选"
                options={ITEM_LEVELS.map((l) => ({ value: l, label: ITEM_LEVEL_LABELS[l] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="basisLevel" label="依据层级" rules={[{ required: true, message: '请选择依据层级' }]}>
              <Select options={BASIS_LEVELS.map((b) => ({ value: b, label: BASIS_LEVEL_LABELS[b] }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="townshipGuiding" label="乡镇（街道）指导目录" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="major" label="重大执法决定" valuePropName="checked">
              <Switch checkedChildren="是" unCheckedChildren="否" />
            </Form.Item>
          </Col>
          {item ? (
            <Col xs={24} sm={8}>
              <Form.Item name="status" label="状态" rules={[{ required: true, message: '请选择状态' }]}>
                <Select options={ITEM_STATUSES.map((s) => ({ value: s, label: ITEM_STATUS_LABELS[s] }))} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item
          name="parentItemId"
          label="所属行政处罚事项"
          extra={
            linkable
              ? '关联后，赋权该处罚事项时一并赋权本事项。'
              : '仅行政检查、行政强制事项可以关联所属的行政处罚事项。'
          }
        >
          <ItemSelect
            type="penalty"
            allowClear
            disabled={!linkable}
            exclude={item ? [item.id] : undefined}
            valueLabels={valueLabels}
            placeholder={linkable ? '输入名称或基本编码搜索处罚事项' : '不适用'}
          />
        </Form.Item>
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </Form>
    </Modal>
  );
}
