/**
 * 扫码入企, phone first: the entity's code scanned with the camera or typed in, the officers (the signed-in officer
 * preselected), the purpose and an optional task or case; without network the visit is kept on the phone and sent
 * later with its reason. The form is a draft until the server accepts it: nothing typed is lost.
 */
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  Input,
  List,
  Radio,
  Select,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { Page } from '../../../../common/api-types.js';
import type { CaseRow } from '../../../../common/contracts/cases.contract.js';
import type { InspectionTaskSummary } from '../../../../common/contracts/inspections.contract.js';
import type { Officer } from '../../../../common/contracts/personnel.contract.js';
import { OFFLINE_REASON_MAX, type Visit } from '../../../../common/contracts/visits.contract.js';
import { VISIT_PURPOSE_LABELS, VISIT_PURPOSES } from '../../../../common/enums.js';
import { api } from '../../api/client';
import { useMe } from '../../app/auth';
import { ItemSelect } from '../../components/ItemSelect';
import { useFormDraft } from '../../components/drafts';
import { formatDateTime } from '../../components/format';
import { useProblemForm } from '../../components/useProblemForm';
import { FlagTags } from './FlagTags';
import { QrScanner } from './QrScanner';
import {
  dequeue,
  enqueue,
  isNetworkFailure,
  loadQueue,
  type QueuedVisit,
  queuedBody,
  tokenFrom,
  VISIT_FIELDS,
  type VisitValues,
  visitBody,
} from './visitForm';

type Values = VisitValues & { offlineReason?: string };

/** The visit just recorded: its flags and the 监督码 for the enterprise to scan. */
function Recorded({ visit, onNext }: { visit: Visit; onNext: () => void }) {
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 16 }}>已登记入企：{visit.entityName}</h2>}>
      <Flex vertical gap={8}>
        <span>
          {formatDateTime(visit.startedAt)} · {visit.purposeLabel} · {visit.officers.map((o) => o.name).join('、')}
        </span>
        <FlagTags flags={visit.flags} empty="无提示" />
        <Typography.Paragraph style={{ margin: 0 }}>
          请企业扫描下方监督码，查看入企人员身份和证件，并对本次入企作出评价。
        </Typography.Paragraph>
        <img
          src={`/api/v1/visits/${encodeURIComponent(visit.id)}/qr.svg`}
          alt="本次入企的监督码"
          style={{ width: 220, height: 220, alignSelf: 'center' }}
        />
        <Typography.Text copyable={{ text: visit.publicUrl }}>监督码地址</Typography.Text>
        <Button type="primary" size="large" block onClick={onNext}>
          登记下一次入企
        </Button>
      </Flex>
    </Card>
  );
}

/** Visits kept on the phone, each sent with its reason when the network is back. */
function OfflineQueue({ queue, onSend }: { queue: QueuedVisit[]; onSend: (q: QueuedVisit) => Promise<void> }) {
  const [sending, setSending] = useState<string | null>(null);
  if (queue.length === 0) return null;
  return (
    <Card size="small" title={<h2 style={{ margin: 0, fontSize: 15 }}>待补传的离线登记（{queue.length}）</h2>}>
      <List
        dataSource={queue}
        renderItem={(q) => (
          <List.Item
            actions={[
              <Button
                key="send"
                loading={sending === q.id}
                onClick={async () => {
                  setSending(q.id);
                  try {
                    await onSend(q);
                  } finally {
                    setSending(null);
                  }
                }}
              >
                补传
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={`入企码 ${q.label}`}
              description={`${formatDateTime(q.capturedAt)} · ${q.offlineReason}`}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}

export default function VisitScanPage() {
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [scanning, setScanning] = useState(false);
  const [offline, setOffline] = useState(typeof navigator !== 'undefined' && navigator.onLine === false);
  const [recorded, setRecorded] = useState<Visit | null>(null);
  const [queue, setQueue] = useState<QueuedVisit[]>(() => loadQueue(me.id));
  const [officers, setOfficers] = useState<Officer[]>([]);
  const [tasks, setTasks] = useState<InspectionTaskSummary[]>([]);
  const [cases, setCases] = useState<CaseRow[]>([]);
  const { formError, handleError, clearError } = useProblemForm(form, { fields: VISIT_FIELDS });
  const draft = useFormDraft(form, {
    userId: me.id,
    name: 'visit.scan',
    title: '扫码入企',
    href: '/visits/scan',
    open: true,
    onRestored: (at) => message.info(`已恢复 ${formatDateTime(at)} 未提交的入企登记`),
  });

  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<Page<Officer>>('/api/v1/officers', { orgId: me.org.id, pageSize: 200 }, ctrl.signal)
      .then((page) => {
        setOfficers(page.data);
        const mine = page.data.find((o) => o.userId === me.id);
        const current = form.getFieldValue('officerIds') as string[] | undefined;
        if (mine && (!current || current.length === 0)) form.setFieldValue('officerIds', [mine.id]);
      })
      .catch(() => {});
    api
      .get<Page<InspectionTaskSummary>>('/api/v1/inspection-tasks', { state: 'drawn', pageSize: 50 }, ctrl.signal)
      .then((page) => setTasks(page.data))
      .catch(() => {});
    api
      .get<Page<CaseRow>>('/api/v1/cases', { pageSize: 50 }, ctrl.signal)
      .then((page) => setCases(page.data))
      .catch(() => {});
    return () => ctrl.abort();
  }, [me.id, me.org.id, form]);

  useEffect(() => {
    const on = () => setOffline(false);
    const off = () => setOffline(true);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);

  const initialValues = useMemo<Partial<Values>>(
    () => ({ officerIds: [], purpose: 'random_inspection', startedAt: dayjs() }),
    [],
  );

  const keepOffline = useCallback(
    (v: Values) => {
      const body = visitBody(v);
      setQueue(
        enqueue(me.id, {
          body,
          label: body.entityToken,
          capturedAt: new Date().toISOString(),
          offlineReason: v.offlineReason?.trim() || '现场无网络，离线登记',
        }),
      );
      draft.clear();
      form.resetFields();
      message.success('已保存在本机，恢复网络后请补传');
    },
    [me.id, draft, form, message],
  );

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (offline) {
      keepOffline(v);
      return;
    }
    setSaving(true);
    clearError();
    try {
      const saved = await api.post<Visit>('/api/v1/visits', visitBody(v));
      draft.clear();
      form.resetFields();
      setRecorded(saved);
    } catch (err) {
      if (isNetworkFailure(err)) {
        setOffline(true);
        message.warning('网络异常：请填写离线原因后保存到本机，恢复网络后补传');
      } else handleError(err);
    } finally {
      setSaving(false);
    }
  };

  const sendQueued = async (q: QueuedVisit) => {
    try {
      const saved = await api.post<Visit>('/api/v1/visits', queuedBody(q));
      setQueue(dequeue(me.id, q.id));
      setOffline(false);
      message.success(`已补传：${saved.entityName}`);
    } catch (err) {
      if (isNetworkFailure(err)) message.warning('仍无网络，请稍后再补传');
      else {
        // refused by the server (e.g. a wrong code): keep it on the phone and say why
        message.error((err as Error).message);
      }
    }
  };

  const locate = () => {
    if (!navigator.geolocation) {
      message.warning('本设备不支持定位');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (p) => {
        form.setFieldValue('location', { lat: p.coords.latitude, lng: p.coords.longitude });
        draft.onValuesChange();
        message.success('已记录当前位置');
      },
      () => message.warning('无法获取位置，可不填'),
      { timeout: 10_000 },
    );
  };
  const location = Form.useWatch('location', form) as Values['location'];

  return (
    <Flex vertical gap={12} style={{ maxWidth: 720 }}>
      <Card size="small">
        <h1 style={{ margin: 0, fontSize: 18 }}>扫码入企</h1>
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          入企检查前扫描企业张贴的入企码登记；现场无网络的，先保存在本机，恢复网络后补传（超过 10 日补传的将被提示）。
        </Typography.Paragraph>
      </Card>
      <OfflineQueue queue={queue} onSend={sendQueued} />
      {recorded ? (
        <Recorded visit={recorded} onNext={() => setRecorded(null)} />
      ) : (
        <Card size="small">
          <Form<Values>
            form={form}
            name="visitScan"
            layout="vertical"
            initialValues={initialValues}
            onValuesChange={draft.onValuesChange}
            onFinish={submit}
            aria-label="扫码入企登记"
          >
            {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 12 }} /> : null}
            {offline ? (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                title="当前无网络：登记将保存在本机，恢复网络后补传"
              />
            ) : null}
            <Form.Item label="入企码" required>
              <Flex gap={8}>
                <Form.Item
                  name="entityToken"
                  noStyle
                  rules={[
                    { required: true, message: '请扫描或输入入企码' },
                    {
                      validator: async (_r, value: string | undefined) => {
                        if (value && !tokenFrom(value)) throw new Error('入企码无效：请重新扫码或核对输入');
                      },
                    },
                  ]}
                >
                  <Input aria-label="入企码" placeholder="扫码或输入入企码" autoComplete="off" size="large" />
                </Form.Item>
                <Button size="large" onClick={() => setScanning(true)}>
                  扫码
                </Button>
              </Flex>
            </Form.Item>
            <Form.Item
              name="officerIds"
              label="入企人员"
              extra="执法入企应不少于 2 名持有效执法证件的人员"
              // a validator, not `required`: antd would put aria-required on the checkbox group, which axe refuses
              rules={[
                {
                  validator: async (_r, value: string[] | undefined) => {
                    if (!value || value.length === 0) throw new Error('请选择入企人员');
                  },
                },
              ]}
            >
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                options={officers.map((o) => ({
                  value: o.id,
                  label: o.position ? `${o.name}（${o.position}）` : o.name,
                }))}
              />
            </Form.Item>
            <Form.Item name="purpose" label="入企事由" rules={[{ required: true, message: '请选择入企事由' }]}>
              <Radio.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
                options={VISIT_PURPOSES.map((p) => ({ value: p, label: VISIT_PURPOSE_LABELS[p] }))}
              />
            </Form.Item>
            <Form.Item name="taskId" label="检查任务（可选）">
              <Select
                allowClear
                aria-label="检查任务"
                placeholder="选择本次入企对应的抽查任务"
                options={tasks.map((t) => ({ value: t.id, label: `${t.name}（${t.planName}）` }))}
              />
            </Form.Item>
            <Form.Item name="caseId" label="案件（可选）">
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                aria-label="案件"
                placeholder="因办理案件入企的，选择案件"
                options={cases.map((c) => ({ value: c.id, label: `${c.number} ${c.partyName}` }))}
              />
            </Form.Item>
            <Form.Item
              name="itemId"
              label="检查事项（可选）"
              extra="用于判断其他部门近期是否就同类事项入企、可否联合检查；按任务或案件入企的，不选即取其事项"
            >
              <ItemSelect competent allowClear aria-label="检查事项" placeholder="输入事项名称或编码" />
            </Form.Item>
            <Form.Item name="startedAt" label="入企时间" rules={[{ required: true, message: '请选择入企时间' }]}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                style={{ width: '100%' }}
                inputReadOnly
                disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              />
            </Form.Item>
            <Form.Item name="location" hidden>
              <Input />
            </Form.Item>
            <Flex gap={8} align="center" style={{ marginBottom: 16 }}>
              <Button onClick={locate}>记录当前位置</Button>
              {location ? <Tag color="green">已记录位置</Tag> : <span>（可选）</span>}
            </Flex>
            {offline ? (
              <Form.Item
                name="offlineReason"
                label="离线原因"
                rules={[{ required: true, whitespace: true, min: 2, message: '请写明离线登记的原因' }]}
              >
                <Input.TextArea rows={2} maxLength={OFFLINE_REASON_MAX} placeholder="如：厂区无移动网络信号" />
              </Form.Item>
            ) : null}
            <Button type="primary" htmlType="submit" size="large" block loading={saving}>
              {offline ? '保存到本机' : '登记入企'}
            </Button>
          </Form>
        </Card>
      )}
      <QrScanner
        open={scanning}
        onClose={() => setScanning(false)}
        onCode={(text) => {
          setScanning(false);
          form.setFieldsValue({ entityToken: text, startedAt: dayjs() });
          draft.onValuesChange();
          form.validateFields(['entityToken']).catch(() => {});
        }}
      />
    </Flex>
  );
}
