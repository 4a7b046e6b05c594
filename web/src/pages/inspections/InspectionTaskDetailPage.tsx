import {
  CheckOutlined,
  EditOutlined,
  ExperimentOutlined,
  NotificationOutlined,
  UserDeleteOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Descriptions, Flex, Space, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { InspectionTarget, InspectionTask } from '../../../../common/contracts/inspections.contract.js';
import { allows } from '../../app/abilities';
import { api, errorMessage } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { formatDateTime } from '../../components/format';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useDetail } from '../../components/useDetail';
import { RiskTag } from '../entities/labels';
import { ConflictModal } from './ConflictModal';
import { InspectorNames } from './DrawResult';
import { JointTag, names, TaskStateTag } from './labels';
import { PublishTag } from './ResultHistory';

const BACK = { to: '/inspections/tasks', label: '返回抽查任务' };

/** One 抽查任务: its plan and departments, the draw, and each drawn target with its inspectors and result. */
export default function InspectionTaskDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const [declaring, setDeclaring] = useState(false);
  const { message, modal } = App.useApp();
  const {
    data: task,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) =>
    api.get<InspectionTask>(`/api/v1/inspection-tasks/${encodeURIComponent(id)}`, undefined, signal),
  );
  const people = useMemo(() => {
    const seen = new Map<string, string>();
    for (const t of task?.targets ?? [])
      for (const i of t.inspectors) seen.set(i.officerId, `${i.name}（${i.orgName}）`);
    return [...seen].map(([value, label]) => ({ value, label }));
  }, [task]);
  const targetsOffered = useMemo(
    () => (task?.targets ?? []).map((t) => ({ value: t.entityId, label: `${t.entityName}（${t.uscc}）` })),
    [task],
  );
  if (!task) return <DetailPending loading={loading} error={error} back={BACK} onRetry={reload} />;

  const step = (path: 'publish-results' | 'close', title: string, content: string, done: string) =>
    modal.confirm({
      title,
      content,
      okText: '确定',
      cancelText: '取消',
      onOk: async () => {
        try {
          setData(await api.post<InspectionTask>(`/api/v1/inspection-tasks/${encodeURIComponent(task.id)}/${path}`));
          message.success(done);
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  const resultPath = (t: InspectionTarget) =>
    `/inspections/tasks/${encodeURIComponent(task.id)}/targets/${encodeURIComponent(t.entityId)}`;
  const columns: ListColumn<InspectionTarget>[] = [
    {
      key: 'entity',
      title: '检查对象',
      render: (_v, t) => (
        <Link to={resultPath(t)}>
          {t.position}. {t.entityName}
        </Link>
      ),
    },
    { key: 'risk', title: '风险等级', render: (_v, t) => <RiskTag value={t.riskClass} /> },
    { key: 'region', title: '所在区域', dataIndex: 'regionName' },
    { key: 'inspectors', title: '检查人员', render: (_v, t) => <InspectorNames target={t} /> },
    {
      key: 'result',
      title: '检查结果',
      render: (_v, t) => {
        const last = t.results[t.results.length - 1];
        if (!last) return '待录入';
        return (
          <Flex wrap gap={4}>
            <span>{last.outcomeLabel}</span>
            <PublishTag result={last} />
            {t.followUp?.status === 'open' ? <Tag color="orange">待整改复查</Tag> : null}
          </Flex>
        );
      },
    },
    {
      key: 'actions',
      title: '操作',
      render: (_v, t) =>
        allows(t, 'record_result') ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => navigate(resultPath(t))}
            aria-label={`录入结果：${t.entityName}`}
          >
            录入结果
          </Button>
        ) : (
          <Link to={resultPath(t)} aria-label={`查看结果：${t.entityName}`}>
            查看
          </Link>
        ),
    },
  ];

  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <DetailHeader
          back={BACK}
          title={task.name}
          tags={
            <>
              <TaskStateTag value={task.state} />
              <JointTag joint={task.joint} />
            </>
          }
          actions={
            <Space wrap>
              <Button
                type={task.state === 'draft' || task.state === 'committed' ? 'primary' : 'default'}
                icon={<ExperimentOutlined />}
                onClick={() => navigate(`/inspections/tasks/${encodeURIComponent(task.id)}/draw`)}
              >
                抽取现场
              </Button>
              {allows(task, 'publish_results') ? (
                <Button
                  icon={<NotificationOutlined />}
                  onClick={() =>
                    step(
                      'publish-results',
                      '公示检查结果',
                      '已录入但尚未公示的检查结果将向社会公示（自然人信息已遮蔽）。确定公示？',
                      '检查结果已公示',
                    )
                  }
                >
                  公示检查结果
                </Button>
              ) : null}
              {allows(task, 'close') ? (
                <Button
                  icon={<CheckOutlined />}
                  onClick={() =>
                    step('close', '办结抽查任务', '办结后不能再录入检查结果。确定办结？', '抽查任务已办结')
                  }
                >
                  办结任务
                </Button>
              ) : null}
              <Button icon={<UserDeleteOutlined />} onClick={() => setDeclaring(true)}>
                申报回避
              </Button>
            </Space>
          }
        />
        <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
          <Descriptions.Item label="抽查计划">
            <Link to={`/inspections/plans/${encodeURIComponent(task.planId)}`}>
              {task.planYear} 年 {task.planName}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label="实施部门">{names(task.orgs)}</Descriptions.Item>
          <Descriptions.Item label="完成期限">{task.deadline}</Descriptions.Item>
          <Descriptions.Item label="每户检查人员">{task.inspectorsPerTarget} 名以上</Descriptions.Item>
          <Descriptions.Item label="承诺时间">
            {task.committedAt ? formatDateTime(task.committedAt) : '尚未冻结名录'}
          </Descriptions.Item>
          <Descriptions.Item label="抽取时间">
            {task.drawnAt ? formatDateTime(task.drawnAt) : '尚未抽取'}
          </Descriptions.Item>
          <Descriptions.Item label="结果录入">
            {task.targetCount > 0
              ? `已录入 ${task.resultCount} / ${task.targetCount} 户，已公示 ${task.publishedCount} 户`
              : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="创建人">{task.createdByName}</Descriptions.Item>
        </Descriptions>
      </Card>
      {task.targets.length > 0 ? (
        <Card
          size="small"
          title={<h3 style={{ margin: 0, fontSize: 15 }}>抽中的检查对象（{task.targets.length} 户）</h3>}
        >
          <ResponsiveList<InspectionTarget>
            ariaLabel="抽中的检查对象"
            columns={columns}
            dataSource={[...task.targets].sort((a, b) => a.position - b.position)}
            rowKey={(t) => t.entityId}
            pagination={false}
          />
        </Card>
      ) : null}
      <ConflictModal
        open={declaring}
        officerOptions={people}
        entityOptions={targetsOffered}
        onClose={() => setDeclaring(false)}
      />
    </Flex>
  );
}
