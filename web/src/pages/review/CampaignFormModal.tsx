import { Alert, DatePicker, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import type { Org, Page } from '../../../../common/api-types.js';
import type { Campaign, RubricSummary } from '../../../../common/contracts/review.contract.js';
import { ITEM_TYPE_LABELS, ITEM_TYPES, type ItemType } from '../../../../common/enums.js';
import { api } from '../../api/client';
import { useModalForm } from '../../components/useModalForm';

interface Values {
  year: number;
  name: string;
  orgIds: string[];
  mode: 'perOrg' | 'fraction';
  perOrg?: number;
  fraction?: number;
  kinds: ItemType[];
  closed: [Dayjs, Dayjs];
  rubricId: string;
  reviewerIds: string[];
}
type Option = { value: string; label: string };

const FIELDS = ['year', 'name', 'orgIds', 'rubricId', 'reviewerIds'] as const;
const KIND_OPTIONS = ITEM_TYPES.map((k) => ({ value: k, label: ITEM_TYPE_LABELS[k] }));

/** 组织案卷评查: the orgs, the sample rule, which closed files, the rubric and the reviewers. */
export function CampaignFormModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: (c: Campaign) => void;
}) {
  const [form] = Form.useForm<Values>();
  const [orgs, setOrgs] = useState<Option[]>([]);
  const [rubrics, setRubrics] = useState<Option[]>([]);
  const [reviewers, setReviewers] = useState<Option[]>([]);
  const mode = Form.useWatch('mode', form);
  const initialValues = useMemo<Partial<Values>>(
    () => ({
      year: new Date().getFullYear(),
      mode: 'perOrg',
      perOrg: 5,
      kinds: ['penalty'],
      closed: [dayjs().startOf('year'), dayjs()],
    }),
    [],
  );
  const { formError, saving, submitWith } = useModalForm(form, {
    open,
    initialValues,
    fields: FIELDS,
    codeToField: {
      target_out_of_scope: 'orgIds',
      reviewer_invalid: 'reviewerIds',
      reviewers_insufficient: 'reviewerIds',
    },
  });

  useEffect(() => {
    if (!open) return;
    const ctrl = new AbortController();
    const load = <T,>(url: string, map: (t: T) => Option[], set: (o: Option[]) => void) =>
      api
        .get<T>(url, { pageSize: '200' }, ctrl.signal)
        .then((t) => set(map(t)))
        .catch(() => set([]));
    load<Page<Org>>('/api/v1/orgs', (p) => p.data.map((o) => ({ value: o.id, label: o.name })), setOrgs);
    load<Page<RubricSummary>>(
      '/api/v1/reviews/rubrics',
      (p) => p.data.map((r) => ({ value: r.id, label: `${r.name}（第 ${r.version} 版）` })),
      setRubrics,
    );
    load<{ data: { id: string; name: string; orgName: string }[] }>(
      '/api/v1/reviews/reviewer-candidates',
      (p) => p.data.map((r) => ({ value: r.id, label: `${r.name}（${r.orgName}）` })),
      setReviewers,
    );
    return () => ctrl.abort();
  }, [open]);

  const submit = () =>
    submitWith(async (v) => {
      const campaign = await api.post<Campaign>('/api/v1/reviews/campaigns', {
        year: v.year,
        name: v.name.trim(),
        orgIds: v.orgIds,
        sample: v.mode === 'perOrg' ? { perOrg: v.perOrg } : { fraction: v.fraction },
        caseFilter: {
          kinds: v.kinds,
          closedFrom: v.closed[0].format('YYYY-MM-DD'),
          closedTo: v.closed[1].format('YYYY-MM-DD'),
        },
        rubricId: v.rubricId,
        reviewerIds: v.reviewerIds,
      });
      onClose();
      onSaved(campaign);
    });

  return (
    <Modal
      title="组织案卷评查"
      width={640}
      open={open}
      onOk={submit}
      onCancel={onClose}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      destroyOnHidden
    >
      {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" name="campaignForm">
        <Form.Item name="name" label="评查活动名称" rules={[{ required: true, min: 2, message: '名称至少 2 个字' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
          <InputNumber min={2020} max={2099} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="orgIds" label="被评查单位" rules={[{ required: true, message: '至少选择一个被评查单位' }]}>
          <Select mode="multiple" options={orgs} optionFilterProp="label" placeholder="可搜索单位名称" />
        </Form.Item>
        <Form.Item name="mode" label="抽取方式">
          <Radio.Group
            options={[
              { value: 'perOrg', label: '每单位固定数量' },
              { value: 'fraction', label: '按比例（向上取整）' },
            ]}
          />
        </Form.Item>
        {mode === 'fraction' ? (
          <Form.Item name="fraction" label="抽取比例" rules={[{ required: true, message: '请填写 0 到 1 之间的比例' }]}>
            <InputNumber min={0.000001} max={1} step={0.05} style={{ width: 160 }} />
          </Form.Item>
        ) : (
          <Form.Item name="perOrg" label="每单位抽取案卷数" rules={[{ required: true, message: '请填写抽取数量' }]}>
            <InputNumber min={1} max={1000} style={{ width: 160 }} />
          </Form.Item>
        )}
        <Form.Item name="kinds" label="案件类别" rules={[{ required: true, message: '至少选择一类案件' }]}>
          <Select mode="multiple" options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item name="closed" label="结案日期" rules={[{ required: true, message: '请选择结案日期范围' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="rubricId" label="评查标准" rules={[{ required: true, message: '请选择评查标准' }]}>
          <Select options={rubrics} />
        </Form.Item>
        <Form.Item
          name="reviewerIds"
          label="评查人员"
          extra="每宗案卷由 2 名评查人员评查，不分配给案卷所属单位的人员"
          rules={[{ required: true, message: '至少选择 2 名评查人员' }]}
        >
          <Select mode="multiple" options={reviewers} optionFilterProp="label" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
