import { CalculatorOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  InputNumber,
  Row,
  Select,
  Tabs,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import {
  CIRCUMSTANCE_LABELS,
  CIRCUMSTANCES,
  type Circumstance,
  PENALTY_KIND_LABELS,
  PENALTY_KINDS,
  type PenaltyKind,
} from '../../../../common/enums.js';
import { useMe } from '../../app/auth';
import type { BenchmarkEvaluation, EffectiveBenchmark } from '../../../../common/contracts/discretion.contract.js';
import { ApiError, api, errorMessage } from '../../api/client';
import { OrgSelect } from '../../components/OrgSelect';
import { TierTable } from './TierTable';
import { yuanText } from './tierBounds';
import { yuanToFen } from './tierForm';

interface LookupValues {
  orgId: string | null;
  at: Dayjs | null;
}

/** 适用基准查询: the benchmark that applies to an org on a date (the nearest county refinement, else the upper one). */
function Lookup({ itemId }: { itemId: string }) {
  const me = useMe();
  const [form] = Form.useForm<LookupValues>();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<EffectiveBenchmark | null>(null);
  const [problem, setProblem] = useState<{ type: 'warning' | 'error'; message: string } | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new item clears the previous answer.
  useEffect(() => {
    setResult(null);
    setProblem(null);
  }, [itemId]);

  const run = async (values: LookupValues) => {
    if (!values.orgId) return;
    setLoading(true);
    setProblem(null);
    setResult(null);
    try {
      const res = await api.get<EffectiveBenchmark>('/api/v1/benchmarks/effective', {
        itemId,
        orgId: values.orgId,
        at: (values.at ?? dayjs()).format('YYYY-MM-DD'),
      });
      setResult(res);
    } catch (err) {
      setProblem({
        type: err instanceof ApiError && err.code === 'no_benchmark' ? 'warning' : 'error',
        message: errorMessage(err),
      });
    } finally {
      setLoading(false);
    }
  };

  return (
    <Flex vertical gap={12}>
      <Form<LookupValues>
        form={form}
        name="effectiveLookup"
        layout="vertical"
        initialValues={{ orgId: me.org.id, at: dayjs().startOf('day') }}
        onFinish={run}
        aria-label="适用基准查询"
      >
        <Row gutter={12} align="bottom">
          <Col xs={24} md={12}>
            <Form.Item
              name="orgId"
              label="执法单位"
              rules={[{ required: true, message: '请选择单位' }]}
              style={{ marginBottom: 12 }}
            >
              <OrgSelect valueLabel={me.org.name} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="at"
              label="日期"
              rules={[{ required: true, message: '请选择日期' }]}
              style={{ marginBottom: 12 }}
            >
              <DatePicker style={{ width: '100%' }} format="YYYY-MM-DD" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item style={{ marginBottom: 12 }}>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={loading}>
                查询
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      {problem ? <Alert type={problem.type} showIcon title={problem.message} data-testid="effective-problem" /> : null}
      {result ? (
        <div data-testid="effective-result">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              {
                key: 'benchmark',
                label: '适用基准',
                children: (
                  <Link to={`/benchmarks/${encodeURIComponent(result.benchmarkId)}`}>
                    {result.ownerOrgName}
                    {result.parent ? '（细化）' : ''}
                  </Link>
                ),
              },
              { key: 'version', label: '版本', children: `第 ${result.version} 版` },
              { key: 'effectiveFrom', label: '施行日期', children: result.effectiveFrom },
              {
                key: 'parent',
                label: '上级基准',
                children: result.parent ? (
                  <Link to={`/benchmarks/${encodeURIComponent(result.parent.benchmarkId)}`}>
                    第 {result.parent.version} 版
                  </Link>
                ) : (
                  '—'
                ),
              },
              {
                key: 'id',
                label: '基准编号',
                children: (
                  <Typography.Text copyable style={{ wordBreak: 'break-all' }}>
                    {result.benchmarkId}
                  </Typography.Text>
                ),
              },
            ]}
          />
          {result.parent ? (
            <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
              细化未设罚款幅度或时限的档次，沿用上级基准。
            </Typography.Paragraph>
          ) : null}
          <TierTable tiers={result.tiers} ariaLabel="适用的裁量档次" />
        </div>
      ) : null}
    </Flex>
  );
}

interface EvaluateValues {
  orgId: string | null;
  circumstance: Circumstance;
  penaltyKinds: PenaltyKind[];
  amountYuan: number | null;
  illegalIncomeYuan: number | null;
  goodsValueYuan: number | null;
}

/** 处罚试算: is a decision inside the tier of its circumstance (POST /api/v1/benchmarks/evaluate)? */
function Evaluate({ itemId }: { itemId: string }) {
  const me = useMe();
  const [form] = Form.useForm<EvaluateValues>();
  const [loading, setLoading] = useState(false);
  const [result, setResult] = useState<BenchmarkEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new item clears the previous answer.
  useEffect(() => {
    setResult(null);
    setError(null);
  }, [itemId]);

  const run = async (v: EvaluateValues) => {
    if (!v.orgId) return;
    setLoading(true);
    setError(null);
    setResult(null);
    try {
      const res = await api.post<BenchmarkEvaluation>('/api/v1/benchmarks/evaluate', {
        itemId,
        orgId: v.orgId,
        circumstance: v.circumstance,
        penaltyKinds: v.penaltyKinds ?? [],
        amountFen: yuanToFen(v.amountYuan ?? 0),
        ...(v.illegalIncomeYuan != null ? { illegalIncomeFen: yuanToFen(v.illegalIncomeYuan) } : {}),
        ...(v.goodsValueYuan != null ? { goodsValueFen: yuanToFen(v.goodsValueYuan) } : {}),
      });
      setResult(res);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setLoading(false);
    }
  };

  const allowed = result?.allowed;
  return (
    <Flex vertical gap={12}>
      <Form<EvaluateValues>
        form={form}
        name="benchmarkEvaluate"
        layout="vertical"
        initialValues={{ orgId: me.org.id, circumstance: 'general', penaltyKinds: ['fine'] }}
        onFinish={run}
        aria-label="处罚试算"
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="orgId"
              label="执法单位"
              rules={[{ required: true, message: '请选择单位' }]}
              style={{ marginBottom: 12 }}
            >
              <OrgSelect valueLabel={me.org.name} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item
              name="circumstance"
              label="情节"
              rules={[{ required: true, message: '请选择情节' }]}
              style={{ marginBottom: 12 }}
            >
              <Select options={CIRCUMSTANCES.map((c) => ({ value: c, label: CIRCUMSTANCE_LABELS[c] }))} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="amountYuan" label="罚款金额（元）" style={{ marginBottom: 12 }}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="penaltyKinds" label="处罚种类" style={{ marginBottom: 12 }}>
              <Select
                mode="multiple"
                allowClear
                options={PENALTY_KINDS.map((k) => ({ value: k, label: PENALTY_KIND_LABELS[k] }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="illegalIncomeYuan" label="违法所得（元）" style={{ marginBottom: 12 }}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="按倍数计罚时填写" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12} md={6}>
            <Form.Item name="goodsValueYuan" label="货值金额（元）" style={{ marginBottom: 12 }}>
              <InputNumber min={0} precision={2} style={{ width: '100%' }} placeholder="按倍数计罚时填写" />
            </Form.Item>
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" icon={<CalculatorOutlined />} loading={loading}>
          试算
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error} /> : null}
      {result ? (
        <Alert
          type={result.withinRange ? 'success' : 'error'}
          showIcon
          data-testid="evaluate-result"
          title={result.withinRange ? '在裁量基准幅度内' : '不符合裁量基准'}
          description={
            <Flex vertical gap={4}>
              {result.benchmark ? (
                <span>
                  适用基准：{result.benchmark.ownerOrgName}
                  {result.benchmark.parent ? '（细化）' : ''} 第 {result.benchmark.version} 版
                </span>
              ) : null}
              {allowed ? (
                <span>
                  该档次允许：
                  {allowed.penaltyKinds.length > 0
                    ? allowed.penaltyKinds.map((k) => PENALTY_KIND_LABELS[k] ?? k).join('、')
                    : '不予处罚'}
                  {allowed.minFen != null && allowed.maxFen != null
                    ? `；罚款 ${yuanText(allowed.minFen)}–${yuanText(allowed.maxFen)} 元`
                    : ''}
                </span>
              ) : null}
              {result.reasons.map((r) => (
                <span key={r.code}>· {r.message}</span>
              ))}
            </Flex>
          }
        />
      ) : null}
    </Flex>
  );
}

/** The benchmark page's lookup card: 适用基准查询 and 处罚试算 for the chosen item. */
export function EffectiveLookup({ itemId }: { itemId: string }) {
  return (
    <Tabs
      items={[
        { key: 'effective', label: '适用基准查询', children: <Lookup itemId={itemId} /> },
        { key: 'evaluate', label: '处罚试算', children: <Evaluate itemId={itemId} /> },
      ]}
    />
  );
}
