/**
 * The public pages of 双随机、一公开: /public/inspections (published plans and their tasks) and
 * /public/inspections/tasks/:id (the commitment published before the draw, then the seeds, the drawn targets and
 * their published outcomes, and a re-run of the draw in this browser: web/verify/redraw.ts, common/draw.ts).
 */
import {
  INSPECTION_OUTCOME_LABELS,
  INSPECTION_RESULT_KIND_LABELS,
  INSPECTION_TASK_STATE_LABELS,
  type InspectionResultKind,
  RISK_CLASS_LABELS,
  type GradeClass,
} from '../../../common/enums.js';
import { type PublicSite, beijingDate, beijingDateTime, esc, publicPage } from '../../platform/public-html.js';
import type { PublicPlan, PublicTask, PublicTarget } from './public.service.js';

/** The re-run script built by vite (web/verify/redraw.ts). */
export const REDRAW_SCRIPT = '/assets/redraw.js';
const LIST_DESCRIPTION =
  '双随机、一公开：已公布的随机抽查计划、抽查任务、随机抽取的检查对象和检查人员及检查结果，抽取过程可公开验算。';

const percent = (ratio: string) => `${Number((Number(ratio) * 100).toFixed(4))}%`;
const ratioText = (r: Record<string, string>) =>
  (['A', 'B', 'C', 'D'] as const).map((k) => `${k} 级 ${percent(r[k] ?? '0')}`).join('，');

function planCard(p: PublicPlan): string {
  const tasks =
    p.tasks.length === 0
      ? '<p class="muted">尚未安排抽查任务。</p>'
      : `<ul>${p.tasks
          .map(
            (t) =>
              `<li><a href="/public/inspections/tasks/${esc(t.id)}">${esc(t.name)}</a>（${esc(INSPECTION_TASK_STATE_LABELS[t.state])}${
                t.drawnAt
                  ? `，${beijingDate(t.drawnAt.toISOString())}抽取 ${t.targets} 户，已公示结果 ${t.published} 户`
                  : ''
              }）</li>`,
          )
          .join('')}</ul>`;
  return `<section class="card" aria-labelledby="plan-${esc(p.id)}"><h2 id="plan-${esc(p.id)}" style="margin-top:0">${esc(p.name)}</h2>
<dl><dt>实施部门</dt><dd>${esc(p.orgNames.join('、'))}${p.orgNames.length > 1 ? '（跨部门联合抽查）' : ''}</dd>
<dt>实施期间</dt><dd>${esc(beijingDate(p.from))} 至 ${esc(beijingDate(p.to))}</dd>
<dt>抽查比例</dt><dd>${esc(ratioText(p.ratios))}（按风险等级）</dd>
<dt>检查人员</dt><dd>每户随机选派 ${p.inspectorsPerTarget} 名执法人员</dd></dl>
<h3 style="font-size:15px;margin:12px 0 4px">抽查任务</h3>${tasks}</section>`;
}

export function renderPublicInspections(site: PublicSite, plans: PublicPlan[]): string {
  return publicPage(site, {
    title: '双随机、一公开',
    description: LIST_DESCRIPTION,
    nav: 'inspections',
    body: `<h1>双随机、一公开</h1>
<p class="muted">随机抽取检查对象、随机选派执法检查人员，抽查情况和查处结果及时公开。每个抽查任务在抽取前公布名录和种子承诺，抽取后公布种子，任何人都可以重新计算核对。</p>
${plans.length === 0 ? '<section class="card"><p>暂无已公布的抽查计划。</p></section>' : plans.map(planCard).join('')}`,
  });
}

const hash = (label: string, value: string | null, testid: string) =>
  `<dt>${label}</dt><dd class="mono" data-testid="${testid}">${value ? esc(value) : '—'}</dd>`;

function outcomeText(t: PublicTarget): string {
  if (t.results.length === 0) return '<span class="muted">待公示</span>';
  return t.results
    .map(
      (r) =>
        `${esc(INSPECTION_RESULT_KIND_LABELS[r.kind as InspectionResultKind] ?? r.kind)}：${esc(INSPECTION_OUTCOME_LABELS[r.outcome])}（${esc(beijingDate(r.inspectedAt.toISOString()))}）`,
    )
    .join('<br>');
}

function targetsTable(targets: PublicTarget[]): string {
  if (targets.length === 0) return '<p>本次未抽取到检查对象。</p>';
  const rows = targets
    .map(
      (t, i) =>
        `<tr><td>${i + 1}</td><td>${esc(t.name)}<br><span class="mono">${esc(t.uscc)}</span></td><td>${esc(
          RISK_CLASS_LABELS[t.riskClass as GradeClass] ?? t.riskClass,
        )}</td><td class="mono">${t.inspectors.map(esc).join('<br>')}${t.unfilled ? '<br><span class="muted">人员不足，另行指派</span>' : ''}</td><td>${outcomeText(t)}</td></tr>`,
    )
    .join('');
  return `<div class="scroll" role="region" aria-label="抽取结果与检查结果" tabindex="0"><table data-testid="public-targets"><thead><tr><th scope="col">序号</th><th scope="col">检查对象</th><th scope="col">风险等级</th><th scope="col">检查人员（执法证号）</th><th scope="col">检查结果</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

export function renderPublicInspectionTask(site: PublicSite, task: PublicTask): string {
  const d = task.draw;
  const r = d.record;
  const committed = d.seedCommitment !== null;
  const status = r
    ? '<div class="status valid" role="status" data-testid="public-status">已公开抽取</div>'
    : committed
      ? '<div class="status pending" role="status" data-testid="public-status">已公布承诺，等待公开抽取</div>'
      : '<div class="status pending" role="status" data-testid="public-status">尚未冻结名录</div>';
  const commitment = committed
    ? `<section class="card" aria-labelledby="commitment"><h2 id="commitment" style="margin-top:0">抽取前公布的承诺</h2>
<p class="muted">${d.committedAt ? `${esc(beijingDateTime(d.committedAt))}冻结检查对象名录和检查人员库，` : ''}在任何人知道种子之前公布以下三个值：</p>
<dl>${hash('名录哈希', d.populationHash, 'population-hash')}${hash('人员库哈希', d.poolHash, 'pool-hash')}${hash('种子承诺', d.seedCommitment, 'seed-commitment')}</dl></section>`
    : '';
  const drawn = r
    ? `<section class="card" aria-labelledby="seeds"><h2 id="seeds" style="margin-top:0">公开抽取</h2>
<dl><dt>抽取时间</dt><dd>${d.drawnAt ? esc(beijingDateTime(d.drawnAt)) : '—'}</dd>
<dt>公开种子</dt><dd class="mono" data-testid="public-seed">${esc(r.publicSeed)}</dd>${hash('服务器种子', r.serverSeed, 'server-seed')}${hash('抽取种子', r.seed, 'draw-seed')}
<dt>名录规模</dt><dd>${r.population.length} 户，检查人员 ${r.pool.length} 名</dd><dt>算法</dt><dd class="mono">${esc(r.algorithm)}</dd></dl></section>
<section class="card" aria-labelledby="rerun" data-task-id="${esc(d.taskId)}" id="redraw-card"><h2 id="rerun" style="margin-top:0">重新验算</h2>
<div class="status pending" role="status" id="redraw" data-testid="redraw-status">正在本机重新计算…</div>
<p id="redraw-detail" class="muted">本页按公开的名录、人员库和种子，在您的浏览器中重新抽取一遍，并与公布的结果逐项比对。</p>
<noscript><p>需要启用浏览器脚本才能在本页验算；也可以下载公开记录，按抽取算法说明自行计算。</p></noscript>
<p class="note"><a href="/api/v1/public/inspection-tasks/${esc(d.taskId)}/draw">下载公开抽取记录（JSON）</a></p></section>
<section class="card" aria-labelledby="targets"><h2 id="targets" style="margin-top:0">抽取结果与检查结果</h2>${targetsTable(task.targets)}</section>`
    : '';
  return publicPage(site, {
    title: `${d.taskName} · 双随机、一公开`,
    description: `${d.planName}的抽查任务“${d.taskName}”：抽取承诺、种子、检查对象和检查结果，可在本页重新验算。`,
    nav: 'inspections',
    ...(r ? { script: REDRAW_SCRIPT } : {}),
    body: `<h1>${esc(d.taskName)}</h1><section class="card">${status}
<dl><dt>抽查计划</dt><dd>${esc(d.planName)}</dd><dt>实施部门</dt><dd>${esc(d.orgs.map((o) => o.name).join('、'))}</dd>
<dt>任务状态</dt><dd>${esc(INSPECTION_TASK_STATE_LABELS[d.state])}</dd></dl></section>
${commitment}${drawn}
<p class="note"><a href="/public/inspections">查看全部抽查计划</a></p>`,
  });
}

export function renderPublicInspectionNotFound(site: PublicSite): string {
  return publicPage(site, {
    title: '抽查任务不存在',
    description: LIST_DESCRIPTION,
    nav: 'inspections',
    body: `<h1>抽查任务不存在</h1><section class="card"><div class="status revoked" role="status" data-testid="public-status">未找到该抽查任务</div>
<p>该抽查任务不存在，或其抽查计划尚未公布。</p></section><p class="note"><a href="/public/inspections">查看全部抽查计划</a></p>`,
  });
}
