/**
 * The public inspection task page's re-run (双随机、一公开): fetches the task's public draw record, re-runs the whole
 * draw in this browser with common/draw.ts (the same code as the server and `zhifa redraw`), checks it against the
 * commitment the page showed before the draw, and says 一致 or 不一致 (with the first difference).
 */
import { verifyDraw } from '../../common/draw.js';
import type { PublicTaskDraw } from '../../common/contracts/inspections.contract.js';

const card = document.getElementById('redraw-card') as HTMLElement;
const status = document.getElementById('redraw') as HTMLElement;
const detail = document.getElementById('redraw-detail') as HTMLElement;
const shown = (testid: string) => document.querySelector(`[data-testid="${testid}"]`)?.textContent?.trim() ?? '';

function show(ok: boolean, title: string, text: string) {
  status.textContent = title;
  status.dataset.state = ok ? 'verified' : 'failed';
  status.className = `status ${ok ? 'valid' : 'failed'}`;
  detail.textContent = text;
}

async function run() {
  const id = card.dataset.taskId ?? '';
  const res = await fetch(`/api/v1/public/inspection-tasks/${encodeURIComponent(id)}/draw`, {
    headers: { accept: 'application/json' },
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const pub = (await res.json()) as PublicTaskDraw;
  // the commitment as this page showed it (published before the seed was known)
  const v = verifyDraw(pub.record, {
    committed: {
      seedCommitment: shown('seed-commitment'),
      populationHash: shown('population-hash'),
      poolHash: shown('pool-hash'),
    },
  });
  if (v.ok)
    show(
      true,
      '一致',
      `已在本机按公开的名录、人员库和种子重新抽取：种子与承诺相符，${v.targets} 个检查对象及其检查人员与公布的结果完全相同。`,
    );
  else show(false, '不一致', `重新计算的结果与公布的不同：${v.difference.detail}（${v.difference.path || '记录'}）`);
}

run().catch((err: unknown) => {
  show(
    false,
    '无法验算',
    `未能取得公开抽取记录：${err instanceof Error ? err.message : String(err)}。请稍后刷新重试。`,
  );
});
