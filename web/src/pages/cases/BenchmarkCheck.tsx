import { Alert, Tag } from 'antd';
import { useEffect, useState } from 'react';
import type { BenchmarkEvaluation } from '../../../../common/contracts/discretion.contract.js';
import { api, errorMessage } from '../../api/client';
import { circumstanceLabel, penaltyKindsText, rangeText } from './caseDisplay';

export interface PenaltyDraft {
  circumstance?: string;
  penaltyKinds?: string[];
  amountFen?: number;
  illegalIncomeFen?: number;
  goodsValueFen?: number;
}

export interface BenchmarkCheckProps {
  itemId: string;
  orgId: string;
  draft: PenaltyDraft;
  /** Told every new answer (null while there is none), e.g. to require a deviation reason. */
  onEvaluated?: (evaluation: BenchmarkEvaluation | null) => void;
  /** Note that a penalty outside the range needs a written reason (the decision form). */
  deviationNote?: boolean;
}

/**
 * The applicable discretion benchmark for the penalty being entered: POST /api/v1/benchmarks/evaluate, debounced,
 * showing the tier's fine range in 元 and whether the entered penalty is within it.
 */
export function BenchmarkCheck({ itemId, orgId, draft, onEvaluated, deviationNote }: BenchmarkCheckProps) {
  const [evaluation, setEvaluation] = useState<BenchmarkEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const { circumstance, amountFen, illegalIncomeFen, goodsValueFen } = draft;
  const kinds = (draft.penaltyKinds ?? []).join(',');

  useEffect(() => {
    if (!circumstance) {
      setEvaluation(null);
      setError(null);
      onEvaluated?.(null);
      return;
    }
    const ctrl = new AbortController();
    setLoading(true);
    const timer = setTimeout(() => {
      api
        .post<BenchmarkEvaluation>('/api/v1/benchmarks/evaluate', {
          itemId,
          orgId,
          circumstance,
          penaltyKinds: kinds ? kinds.split(',') : [],
          amountFen: amountFen ?? 0,
          ...(illegalIncomeFen !== undefined ? { illegalIncomeFen } : {}),
          ...(goodsValueFen !== undefined ? { goodsValueFen } : {}),
        })
        .then((e) => {
          if (ctrl.signal.aborted) return;
          setEvaluation(e);
          setError(null);
          onEvaluated?.(e);
        })
        .catch((err: unknown) => {
          if (ctrl.signal.aborted) return;
          setEvaluation(null);
          setError(errorMessage(err));
          onEvaluated?.(null);
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setLoading(false);
        });
    }, 400);
    return () => {
      ctrl.abort();
      clearTimeout(timer);
    };
  }, [itemId, orgId, circumstance, kinds, amountFen, illegalIncomeFen, goodsValueFen, onEvaluated]);

  if (!circumstance) {
    return (
      <Alert
        type="info"
        showIcon
        title="选择情节后显示适用的裁量基准幅度"
        style={{ marginBottom: 16 }}
        data-testid="benchmark-check"
      />
    );
  }
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={`裁量基准核对失败：${error}`}
        style={{ marginBottom: 16 }}
        data-testid="benchmark-check"
      />
    );
  if (!evaluation) {
    return (
      <Alert
        type="info"
        showIcon
        title="正在核对裁量基准…"
        style={{ marginBottom: 16 }}
        data-testid="benchmark-check"
      />
    );
  }
  if (!evaluation.benchmark) {
    return (
      <Alert
        type="warning"
        showIcon
        title="该事项没有适用的裁量基准"
        description={evaluation.reasons.map((r) => r.message).join('；')}
        style={{ marginBottom: 16 }}
        data-testid="benchmark-check"
      />
    );
  }
  const b = evaluation.benchmark;
  return (
    <Alert
      type={evaluation.withinRange ? 'success' : 'warning'}
      showIcon
      style={{ marginBottom: 16, opacity: loading ? 0.6 : 1 }}
      data-testid="benchmark-check"
      aria-busy={loading}
      title={
        <span>
          适用基准：{b.ownerOrgName} 第 {b.version} 版 · {circumstanceLabel(evaluation.tier ?? circumstance)}档次{' '}
          {evaluation.withinRange ? <Tag color="green">在基准幅度内</Tag> : <Tag color="orange">超出基准</Tag>}
        </span>
      }
      description={
        <div>
          <div data-testid="benchmark-range">罚款幅度：{rangeText(evaluation.allowed)}</div>
          {evaluation.allowed ? <div>可选处罚种类：{penaltyKindsText(evaluation.allowed.penaltyKinds)}</div> : null}
          {evaluation.reasons.length > 0 ? <div>{evaluation.reasons.map((r) => r.message).join('；')}</div> : null}
          {!evaluation.withinRange && deviationNote ? <div>超出基准的，须在下方书面说明理由。</div> : null}
        </div>
      }
    />
  );
}
