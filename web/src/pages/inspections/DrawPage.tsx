import {
  CheckCircleOutlined,
  CloseCircleOutlined,
  ExpandOutlined,
  LockOutlined,
  SyncOutlined,
} from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Input, Steps, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { InspectionTask, PublicTaskDraw } from '../../../../common/contracts/inspections.contract.js';
import { DrawInputError, normalizePublicSeed } from '../../../../common/draw.js';
import { allows } from '../../app/abilities';
import { api, errorMessage } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { formatDateTime } from '../../components/format';
import { useDetail } from '../../components/useDetail';
import { type DrawCheck, checkDraw } from './drawCheck';
import { DrawResult } from './DrawResult';
import { HashValue } from './HashValue';
import { names, TaskStateTag } from './labels';

const STEP: Record<InspectionTask['state'], number> = { draft: 0, committed: 1, drawn: 2, closed: 2 };
const big = { fontSize: 'clamp(15px, 1.8vw, 22px)' } as const;

/** The ceremony's step 2: the supervisor types the public seed announced before the witnesses, then confirms. */
export function SeedStep({ task, onDrawn }: { task: InspectionTask; onDrawn: (t: InspectionTask) => void }) {
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<{ publicSeed: string }>();
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    let raw: string;
    try {
      raw = (await form.validateFields()).publicSeed;
    } catch {
      return;
    }
    const seed = normalizePublicSeed(raw);
    modal.confirm({
      title: '确认公开种子',
      width: 560,
      content: (
        <Flex vertical gap={8}>
          <span>请现场见证人核对，以下公开种子一经确认即开始抽取，不可更改或重抽：</span>
          <Typography.Text
            code
            data-testid="seed-confirm"
            style={{ fontSize: 'clamp(18px, 3vw, 32px)', wordBreak: 'break-all' }}
          >
            {seed}
          </Typography.Text>
        </Flex>
      ),
      okText: '确认并抽取',
      cancelText: '返回修改',
      onOk: async () => {
        setError(null);
        try {
          const drawn = await api.post<InspectionTask>(`/api/v1/inspection-tasks/${encodeURIComponent(task.id)}/draw`, {
            publicSeed: seed,
          });
          message.success('抽取完成');
          onDrawn(drawn);
        } catch (err) {
          setError(errorMessage(err));
        }
      },
    });
  };

  if (!allows(task, 'draw')) {
    return <Alert type="info" showIcon title="等待抽取主持人在见证人面前录入公开种子" />;
  }
  return (
    <Form form={form} layout="vertical" name="drawSeed" onFinish={confirm}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form.Item
        name="publicSeed"
        label={<span style={big}>公开种子</span>}
        extra="由监督人员在见证人面前当场产生并宣读（如掷骰子所得数字），录入后与服务器种子共同决定抽取结果。"
        rules={[
          {
            validator: async (_r, value: string | undefined) => {
              try {
                normalizePublicSeed(value ?? '');
              } catch (e) {
                throw new Error(e instanceof DrawInputError ? e.detail : '公开种子无效');
              }
            },
          },
        ]}
      >
        <Input size="large" autoComplete="off" style={{ ...big, fontFamily: 'ui-monospace, monospace' }} />
      </Form.Item>
      <Button type="primary" size="large" htmlType="submit">
        公开抽取
      </Button>
    </Form>
  );
}

function VerifyButton({ task }: { task: InspectionTask }) {
  const [check, setCheck] = useState<DrawCheck | null>(null);
  const [running, setRunning] = useState(false);
  const run = async () => {
    setRunning(true);
    setCheck(null);
    try {
      const view = await api.get<PublicTaskDraw>(`/api/v1/public/inspection-tasks/${encodeURIComponent(task.id)}/draw`);
      // let the spinner paint before the synchronous re-run
      await new Promise((r) => setTimeout(r, 0));
      setCheck(checkDraw(view, task.commitment, task.targets));
    } catch (err) {
      setCheck({ ok: false, verdict: '不一致', detail: `无法取得公开抽取记录：${errorMessage(err)}` });
    } finally {
      setRunning(false);
    }
  };
  return (
    <Flex vertical gap={8}>
      <Flex wrap gap={8} align="center">
        <Button size="large" icon={<SyncOutlined />} loading={running} onClick={run}>
          重新验算
        </Button>
        <Typography.Text type="secondary">在本浏览器中按公开记录重新计算一遍抽取，与公布结果逐项比对</Typography.Text>
      </Flex>
      <div aria-live="polite" data-testid="verify-result">
        {check ? (
          <Alert
            type={check.ok ? 'success' : 'error'}
            showIcon
            icon={check.ok ? <CheckCircleOutlined /> : <CloseCircleOutlined />}
            title={<span style={{ fontSize: 'clamp(18px, 2.4vw, 28px)', fontWeight: 700 }}>{check.verdict}</span>}
            description={<span style={{ wordBreak: 'break-all' }}>{check.detail}</span>}
          />
        ) : null}
      </div>
    </Flex>
  );
}

/** 抽取现场: the ceremony on a projector or a phone — commitment, public seed, result, and the re-run. */
export default function DrawPage() {
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const back = { to: `/inspections/tasks/${encodeURIComponent(id)}`, label: '返回抽查任务' };
  const {
    data: task,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) =>
    api.get<InspectionTask>(`/api/v1/inspection-tasks/${encodeURIComponent(id)}`, undefined, signal),
  );
  if (!task) return <DetailPending loading={loading} error={error} back={back} onRetry={reload} />;

  const commit = () =>
    modal.confirm({
      title: '冻结名录并承诺种子',
      content:
        '将按计划范围冻结本次可抽取的检查对象名录和检查人员库，并公布两者的摘要值和服务器种子的承诺值。之后名录和人员库不可更改。确定？',
      okText: '冻结并承诺',
      cancelText: '取消',
      onOk: async () => {
        try {
          setData(await api.post<InspectionTask>(`/api/v1/inspection-tasks/${encodeURIComponent(task.id)}/commit`));
          message.success('已冻结名录并公布承诺值');
        } catch (err) {
          message.error(errorMessage(err));
        }
      },
    });

  const c = task.commitment;
  const d = task.draw;
  return (
    <Flex vertical gap={12} className="zf-draw">
      <Card size="small">
        <DetailHeader
          back={back}
          title={`抽取现场：${task.name}`}
          tags={<TaskStateTag value={task.state} />}
          actions={
            <Button
              icon={<ExpandOutlined />}
              onClick={() => document.documentElement.requestFullscreen?.().catch(() => {})}
            >
              全屏放映
            </Button>
          }
        />
        <Typography.Paragraph style={{ ...big, margin: 0 }}>
          {task.planName} · {names(task.orgs)}
          {task.joint ? '（联合抽查）' : ''} · 每户 {task.inspectorsPerTarget} 名以上检查人员
        </Typography.Paragraph>
      </Card>
      <Card size="small">
        <Steps
          current={STEP[task.state]}
          responsive
          items={[{ title: '冻结名录并承诺' }, { title: '录入公开种子' }, { title: '抽取结果' }]}
        />
      </Card>

      <Card size="small" title={<h3 style={{ margin: 0, ...big }}>第一步：冻结名录并承诺</h3>}>
        {c ? (
          <>
            <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 12 }}>
              <Descriptions.Item label="可抽取检查对象">
                <span data-testid="population-size">{c.populationSize}</span> 户
              </Descriptions.Item>
              <Descriptions.Item label="检查人员库">
                <span data-testid="pool-size">{c.poolSize}</span> 人
              </Descriptions.Item>
              <Descriptions.Item label="承诺时间">{formatDateTime(c.committedAt)}</Descriptions.Item>
            </Descriptions>
            <HashValue
              label="服务器种子承诺值"
              value={c.seedCommitment}
              testId="seed-commitment"
              explain="服务器种子的 SHA-256 摘要。种子本身在抽取时才公开，届时任何人都可核对其摘要等于此值，证明种子未被事后更换。"
            />
            <HashValue
              label="检查对象名录摘要"
              value={c.populationHash}
              testId="population-hash"
              explain={`冻结的 ${c.populationSize} 户检查对象（按统一社会信用代码排序，含风险等级）及各等级抽查比例的 SHA-256 摘要。`}
            />
            <HashValue
              label="检查人员库摘要"
              value={c.poolHash}
              testId="pool-hash"
              explain={`${c.drawDate} 持有效执法证件的 ${c.poolSize} 名检查人员、每户人数、回避关系及上次抽查配对的 SHA-256 摘要。`}
            />
          </>
        ) : allows(task, 'commit') ? (
          <Flex vertical gap={8} align="flex-start">
            <Typography.Paragraph style={{ margin: 0 }}>
              冻结本次可抽取的检查对象名录和检查人员库，并在公开种子产生之前公布它们的摘要值和服务器种子的承诺值。
            </Typography.Paragraph>
            <Button type="primary" size="large" icon={<LockOutlined />} onClick={commit}>
              冻结名录并承诺
            </Button>
          </Flex>
        ) : (
          <Alert type="info" showIcon title="尚未冻结名录" />
        )}
      </Card>

      {c ? (
        <Card size="small" title={<h3 style={{ margin: 0, ...big }}>第二步：录入公开种子</h3>}>
          {d ? (
            <>
              <HashValue
                label="公开种子"
                value={d.publicSeed}
                testId="public-seed"
                explain="现场宣读并由监督人员录入的值。"
              />
              <HashValue
                label="服务器种子（已公开）"
                value={d.serverSeed}
                testId="server-seed"
                explain="抽取时公开。其 SHA-256 摘要应等于第一步公布的承诺值。"
              />
              <HashValue
                label="抽取种子"
                value={d.seed}
                testId="draw-seed"
                explain="服务器种子、公开种子、名录摘要、人员库摘要依次连接后的 SHA-256 摘要；抽取结果完全由它决定。"
              />
              <Typography.Text type="secondary">
                抽取时间 {formatDateTime(d.drawnAt)} · 算法 {d.algorithm}
              </Typography.Text>
            </>
          ) : (
            <SeedStep task={task} onDrawn={setData} />
          )}
        </Card>
      ) : null}

      {d ? (
        <Card size="small" title={<h3 style={{ margin: 0, ...big }}>第三步：抽取结果</h3>}>
          <Flex vertical gap={12}>
            <VerifyButton task={task} />
            <DrawResult task={task} />
          </Flex>
        </Card>
      ) : null}
    </Flex>
  );
}
