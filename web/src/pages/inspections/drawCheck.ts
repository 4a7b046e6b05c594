/**
 * 重新验算 in the browser: the public draw record (GET /api/v1/public/inspection-tasks/:id/draw) re-run with
 * common/draw.ts `verifyDraw`, checked against the commitment this page showed before the draw and against the targets
 * and inspectors this page shows. Pure; tested in drawCheck.test.ts.
 */
import type {
  Commitment,
  InspectionTarget,
  PublicTaskDraw,
} from '../../../../common/contracts/inspections.contract.js';
import { verifyDraw } from '../../../../common/draw.js';

export type DrawCheck =
  | { ok: true; verdict: '一致'; targets: number; detail: string }
  | { ok: false; verdict: '不一致'; detail: string };

const differs = (detail: string): DrawCheck => ({ ok: false, verdict: '不一致', detail });

/** What the console shows of the targets: USCC and inspectors' certificate numbers, in draw order. */
type Shown = Pick<InspectionTarget, 'uscc' | 'position'> & {
  inspectors: readonly Pick<InspectionTarget['inspectors'][number], 'certificateNumber'>[];
};

export function checkDraw(
  view: PublicTaskDraw,
  commitment: Pick<Commitment, 'seedCommitment' | 'populationHash' | 'poolHash'> | null,
  shown: readonly Shown[] = [],
): DrawCheck {
  const record = view.record;
  if (!record) return differs('该任务尚未公开抽取，没有可验算的抽取记录');
  const verification = verifyDraw(record, {
    committed: commitment
      ? {
          seedCommitment: commitment.seedCommitment,
          populationHash: commitment.populationHash,
          poolHash: commitment.poolHash,
        }
      : undefined,
  });
  if (!verification.ok) return differs(verification.difference.detail);
  // the page's list must be the record's list: same entities, same order, same inspectors
  const ordered = [...shown].sort((a, b) => a.position - b.position);
  if (ordered.length > 0) {
    if (ordered.length !== record.targets.length) {
      return differs(`页面列出 ${ordered.length} 户检查对象，公开记录为 ${record.targets.length} 户`);
    }
    for (const [k, t] of ordered.entries()) {
      const pub = record.targets[k];
      if (!pub || pub.uscc !== t.uscc) {
        return differs(`第 ${k + 1} 户检查对象与公开记录不同（${t.uscc} / ${pub?.uscc ?? '无'}）`);
      }
      const mine = t.inspectors.map((i) => i.certificateNumber).join(',');
      const theirs = pub.inspectors.map((i) => i.certificateNumber).join(',');
      if (mine !== theirs) return differs(`第 ${k + 1} 户（${t.uscc}）的检查人员与公开记录不同`);
    }
  }
  return {
    ok: true,
    verdict: '一致',
    targets: verification.targets,
    detail: `按公开的名录、人员库、承诺值和两个种子在本机重新计算，${verification.targets} 户检查对象及其检查人员与公布结果完全一致`,
  };
}
