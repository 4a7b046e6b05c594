/**
 * 检查频次上限 on the 入企记录 page: the caps set per item or org, and what applies without one; the supervising
 * justice department (the answer's `canEdit`) sets one item's or one org's cap in a small form (PUT replaces it).
 */
import { Alert, Button, Card, Flex, Form, Input, InputNumber, Radio, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Wire } from '../../../../common/contracts/kit.js';
import type { VisitCap, VisitCapList } from '../../../../common/contracts/visits.contract.js';
import { api } from '../../api/client';
import { ItemSelect } from '../../components/ItemSelect';
import { OrgSelect } from '../../components/OrgSelect';
import { formatDateTime } from '../../components/format';
import { useProblemForm } from '../../components/useProblemForm';

type Caps = Wire<typeof VisitCapList>;
interface CapValues {
  target: 'item' | 'org';
  itemId?: string | null;
  orgId?: string | null;
  perLevel: number;
  acrossLevels: number;
  basis: string;
}
const FIELDS = ['itemId', 'orgId', 'perLevel', 'acrossLevels', 'basis'];

function CapForm({ onSaved }: { onSaved: () => void }) {
  const [form] = Form.useForm<CapValues>();
  const target = Form.useWatch('target', form) ?? 'org';
  const [saving, setSaving] = useState(false);
  const { formError, handleError, clearError } = useProblemForm(form, { fields: FIELDS });
  const submit = async (v: CapValues) => {
    clearError();
    setSaving(true);
    try {
      await api.put<VisitCap>('/api/v1/visit-caps', {
        ...(v.target === 'item' ? { itemId: v.itemId } : { orgId: v.orgId }),
        perLevel: v.perLevel,
        acrossLevels: v.acrossLevels,
        basis: v.basis,
      });
      form.resetFields(['perLevel', 'acrossLevels', 'basis']);
      onSaved();
    } catch (err) {
      handleError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Form<CapValues>
      form={form}
      name="visitCap"
      layout="vertical"
      initialValues={{ target: 'org' }}
      onFinish={submit}
      aria-label="设定检查频次上限"
    >
      <Form.Item name="target" label="适用于">
        <Radio.Group
          optionType="button"
          options={[
            { value: 'org', label: '单位' },
            { value: 'item', label: '执法事项' },
          ]}
        />
      </Form.Item>
      {target === 'item' ? (
        <Form.Item name="itemId" label="执法事项" rules={[{ required: true, message: '请选择执法事项' }]}>
          <ItemSelect aria-label="执法事项" placeholder="输入事项名称或编码" />
        </Form.Item>
      ) : (
        <Form.Item name="orgId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
          <OrgSelect aria-label="单位" placeholder="输入单位名称" />
        </Form.Item>
      )}
      <Flex gap={12} wrap>
        <Form.Item name="perLevel" label="同一层级每年上限" rules={[{ required: true, message: '请填写次数' }]}>
          <InputNumber min={1} max={100} precision={0} aria-label="同一层级每年上限" />
        </Form.Item>
        <Form.Item name="acrossLevels" label="各层级合计每年上限" rules={[{ required: true, message: '请填写次数' }]}>
          <InputNumber min={1} max={100} precision={0} aria-label="各层级合计每年上限" />
        </Form.Item>
      </Flex>
      <Form.Item name="basis" label="依据" rules={[{ required: true, message: '请写明依据' }]}>
        <Input maxLength={300} placeholder="如：粤府办〔2025〕15号 第×条" />
      </Form.Item>
      {formError ? <Alert type="error" showIcon message={formError} style={{ marginBottom: 12 }} /> : null}
      <Button type="primary" htmlType="submit" loading={saving}>
        保存上限
      </Button>
    </Form>
  );
}

export function VisitCaps() {
  const [data, setData] = useState<Caps | null>(null);
  const load = useCallback(() => {
    api
      .get<Caps>('/api/v1/visit-caps')
      .then(setData)
      .catch(() => {});
  }, []);
  useEffect(load, [load]);
  if (!data) return null;
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 15 }}>检查频次上限</h2>}>
      <Typography.Paragraph type="secondary">
        未设定的，按默认：{data.default.basis}。因办案、投诉举报、转办、整改复查和企业申请入企的不计入。
      </Typography.Paragraph>
      <Table<VisitCap>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={data.data}
        locale={{ emptyText: '尚未设定，均按默认上限' }}
        scroll={{ x: true }}
        columns={[
          { key: 'target', title: '适用于', render: (_v, c) => c.itemName ?? c.orgName ?? '' },
          { key: 'perLevel', title: '同一层级每年', render: (_v, c) => `${c.perLevel} 次` },
          { key: 'acrossLevels', title: '各层级合计每年', render: (_v, c) => `${c.acrossLevels} 次` },
          { key: 'basis', title: '依据', dataIndex: 'basis' },
          { key: 'updatedAt', title: '更新时间', render: (_v, c) => formatDateTime(c.updatedAt) },
        ]}
      />
      {data.canEdit ? (
        <div style={{ marginTop: 16 }}>
          <CapForm onSaved={load} />
        </div>
      ) : null}
    </Card>
  );
}
