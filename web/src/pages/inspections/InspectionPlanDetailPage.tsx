import { NotificationOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { InspectionPlan } from '../../../../common/contracts/inspections.contract.js';
import { ENTITY_KIND_LABELS, GRADE_CLASSES, RISK_CLASS_LABELS, SECTOR_LABELS } from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api, errorMessage } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { formatDateTime } from '../../components/format';
import { RegionNames } from '../../components/RegionNames';
import { useDetail } from '../../components/useDetail';
import { JointTag, names, PlanStatusTag, ratioPercent } from './labels';
import { inspectorsNeeded } from './planForm';
import { TaskFormModal } from './TaskFormModal';
import { TaskList } from './TaskList';

const BACK = { to: '/inspections/plans', label: '返回抽查计划' };

/** One 抽查计划: who runs it, what and whom it inspects, the ratios per risk class; 公布 and 创建任务. */
export default function InspectionPlanDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [creatingTask, setCreatingTask] = useState(false);
  const taskQuery = useMemo(() => ({ planId: id }), [id]);
  const {
    data: plan,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) =>
    api.get<InspectionPlan>(`/api/v1/inspection-plans/${encodeURIComponent(id)}`, undefined, signal),
  );
  if (!plan) return <DetailPending loading={loading} error={error} back={BACK} onRetry={reload} />;

  const publish = () =>
    modal.confirm({
      title: '公布抽查计划',
      content: '公布后计划将在“双随机、一公开”公示栏向社会公开，内容不可再修改。确定公布？',
      okText: '公布',
      cancelText: '取消',
      onOk: async () => {
        try {
          setData(await api.post<InspectionPlan>(`/api/v1/inspection-plans/${encodeURIComponent(plan.id)}/publish`));
          message.success('抽查计划已公布');
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  const f = plan.targetFilter;
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <DetailHeader
          back={BACK}
          title={plan.name}
          tags={
            <>
              <PlanStatusTag value={plan.status} />
              <JointTag joint={plan.joint} />
            </>
          }
          actions={
            <Space wrap>
              {allows(plan, 'publish') ? (
                <Button type="primary" icon={<NotificationOutlined />} onClick={publish}>
                  公布计划
                </Button>
              ) : null}
              {allows(plan, 'create_task') ? (
                <Button icon={<PlusOutlined />} onClick={() => setCreatingTask(true)}>
                  创建抽查任务
                </Button>
              ) : null}
            </Space>
          }
        />
        <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }} bordered>
          <Descriptions.Item label="年度">{plan.year} 年</Descriptions.Item>
          <Descriptions.Item label="实施期间">
            {plan.from} 至 {plan.to}
          </Descriptions.Item>
          <Descriptions.Item label="实施部门" span={2}>
            {names(plan.orgs)}
          </Descriptions.Item>
          <Descriptions.Item label="抽查事项" span={2}>
            {plan.items.map((i) => (
              <div key={i.id}>
                {i.code} {i.name}
              </div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label="检查区域" span={2}>
            <RegionNames codes={f.regionCodes} />
          </Descriptions.Item>
          <Descriptions.Item label="行业领域">
            {f.sectors.length ? f.sectors.map((s) => SECTOR_LABELS[s]).join('、') : '不限'}
          </Descriptions.Item>
          <Descriptions.Item label="主体类型">
            {f.kinds.length ? f.kinds.map((k) => ENTITY_KIND_LABELS[k]).join('、') : '不限'}
          </Descriptions.Item>
          <Descriptions.Item label="抽查比例" span={2}>
            <Flex wrap gap={4}>
              {GRADE_CLASSES.map((c) => (
                <Tag key={c}>
                  {RISK_CLASS_LABELS[c]} {ratioPercent(plan.ratios[c])}
                </Tag>
              ))}
            </Flex>
          </Descriptions.Item>
          <Descriptions.Item label="每户检查人员">
            {inspectorsNeeded(plan.inspectorsPerTarget, plan.orgs.length)} 名{plan.joint ? '（每个部门至少 1 名）' : ''}
          </Descriptions.Item>
          <Descriptions.Item label="公布时间">
            {plan.publishedAt ? formatDateTime(plan.publishedAt) : '尚未公布'}
          </Descriptions.Item>
          <Descriptions.Item label="制定人">{plan.createdByName}</Descriptions.Item>
          <Descriptions.Item label="制定时间">{formatDateTime(plan.createdAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={<h3 style={{ margin: 0, fontSize: 15 }}>抽查任务</h3>}>
        <TaskList query={taskQuery} ariaLabel="本计划的抽查任务" withPlan={false} pageSize={10} />
      </Card>
      <TaskFormModal
        open={creatingTask}
        plan={plan}
        onClose={() => setCreatingTask(false)}
        onSaved={(task) => navigate(`/inspections/tasks/${encodeURIComponent(task.id)}`)}
      />
    </Flex>
  );
}
