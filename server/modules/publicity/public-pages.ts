/**
 * The public pages: /v/<code> (一案一码, with in-browser verification against the transparency log) and
 * /public/decisions (行政执法公示). Server-rendered from the masked public views only.
 */
import {
  CIRCUMSTANCE_LABELS,
  type Circumstance,
  PENALTY_KIND_LABELS,
  type PenaltyKind,
} from '../../../common/enums.js';
import { type PublicSite, beijingDate, beijingDateTime, esc, publicPage } from '../../platform/public-html.js';
import type { PublicCase, PublicDecisionQuery, publicDecisions } from './publicity.service.js';
import { yuanExact } from '../../../common/money.js';

/** The verification script built by vite (web/verify/verify.ts). */
export const VERIFY_SCRIPT = '/assets/verify.js';

const yuan = yuanExact;
const kinds = (k: readonly string[]) => k.map((x) => PENALTY_KIND_LABELS[x as PenaltyKind] ?? x).join('、');

function penaltyText(d: { penaltyKinds: readonly string[]; amountFen: number } | null): string {
  if (!d) return '不予行政处罚';
  const others = d.penaltyKinds.filter((k) => k !== 'fine');
  const parts = [
    ...(others.length > 0 ? [kinds(others)] : []),
    ...(d.amountFen > 0 ? [`罚款 ${yuan(d.amountFen)}`] : []),
  ];
  return parts.join('，') || '—';
}

function range(a: { minFen: number | null; maxFen: number | null } | null): string {
  if (!a) return '—';
  if (a.minFen === null && a.maxFen === null) return '不设罚款';
  return `${a.minFen === null ? '—' : yuan(a.minFen)} 至 ${a.maxFen === null ? '—' : yuan(a.maxFen)}`;
}

const partyText = (p: { kind: string; name: string; uscc?: string | null }) =>
  p.kind === 'organisation' && p.uscc ? `${p.name}（统一社会信用代码 ${p.uscc}）` : p.name;

const CASE_DESCRIPTION = '凭行政执法决定书上的二维码（一案一码），查看该决定的公开信息和办理过程，并核验记录未被改动。';

export function renderPublicCasePage(site: PublicSite, c: PublicCase): string {
  const title = '行政执法决定 · 一案一码';
  if (c.status === 'withdrawn') {
    return publicPage(site, {
      title,
      description: CASE_DESCRIPTION,
      nav: 'cases',
      body: `<h1>${title}</h1><section class="card"><div class="status revoked" role="status" data-testid="public-status">该决定已撤回公示</div>
<p>该行政执法决定已被${c.reason === 'revoked' ? '撤销' : '更正'}，相关公示信息已于 ${esc(beijingDate(c.withdrawnAt))} 撤回。</p></section>${caseLinks()}`,
    });
  }
  if (c.status === 'ended') {
    return publicPage(site, {
      title,
      description: CASE_DESCRIPTION,
      nav: 'cases',
      body: `<h1>${title}</h1><section class="card"><div class="status expired" role="status" data-testid="public-status">公示已结束</div>
<p>${c.reason === 'credit_repair' ? '当事人已完成信用修复，' : '公示期已满，'}该行政执法决定的公示已于 ${esc(beijingDate(c.endedAt))} 结束。</p></section>${caseLinks()}`,
    });
  }
  const d = c.decision;
  const data = JSON.stringify({ caseCode: c.caseCode, events: c.events, unlogged: c.unlogged }).replace(
    /</g,
    '\\u003c',
  );
  const steps = c.steps
    .map((s) => `<li><span>${esc(s.label)}</span> <span class="muted">${esc(beijingDateTime(s.at))}</span></li>`)
    .join('');
  return publicPage(site, {
    title: `${c.number} · 一案一码`,
    description: `${c.orgName}作出的行政执法决定 ${c.number} 的公开信息与办理过程，可在本页核验记录未被改动。`,
    nav: 'cases',
    script: VERIFY_SCRIPT,
    body: `<h1>${title}</h1>
<section class="card" aria-label="核验">
<div id="verify" class="status pending" role="status" data-state="pending">正在核验…</div>
<p id="verify-detail">本页正在您的浏览器中核验：下面列出的每一步办理记录，是否与平台公开登记、事后无法更改的记录完全一致。</p>
<details id="verify-tech"><summary>技术信息</summary>
<dl><dt>案件码</dt><dd class="mono">${esc(c.caseCode)}</dd><dt>核验方法</dt><dd>每条办案记录都写入平台的透明日志（RFC 6962 默克尔树），日志的检查点由平台以 Ed25519 签名；本页在浏览器中重新计算每条记录，验证签名和每条记录的包含证明。</dd>
<dt>日志位置</dt><dd class="mono">${c.leafIndexes.join('、')}</dd></dl>
<dl id="verify-tech-result"></dl></details>
</section>
<section class="card" aria-label="决定">
<dl><dt>案号</dt><dd>${esc(c.number)}</dd><dt>执法单位</dt><dd>${esc(c.orgName)}</dd>
<dt>执法事项</dt><dd>${esc(c.item.name)}<span class="muted">（${esc(c.item.baseCode)}）</span></dd>
${c.item.law ? `<dt>法律依据</dt><dd>${esc(c.item.law)}</dd>` : ''}
<dt>当事人</dt><dd data-testid="public-party">${esc(partyText(c.party))}</dd>
<dt>决定日期</dt><dd>${esc(beijingDate(c.decidedAt))}</dd>
<dt>处罚决定</dt><dd data-testid="public-penalty">${esc(penaltyText(d))}</dd>
${
  d
    ? `<dt>裁量基准</dt><dd data-testid="public-benchmark">${d.benchmark ? `${esc(d.benchmark.ownerOrgName)}裁量基准第 ${d.benchmark.version} 版` : '无适用基准'}；情节：${esc(CIRCUMSTANCE_LABELS[(d.tier ?? d.circumstance) as Circumstance] ?? '—')}；该档次罚款幅度：${esc(range(d.allowed))}${
        c.deviation ? '<br><strong>本决定超出裁量基准，办案单位已书面说明理由，并列入执法监督。</strong>' : ''
      }</dd>`
    : ''
}
</dl></section>
<section class="card" aria-label="办理过程"><h2 style="margin-top:0">办理过程</h2><ol class="steps" data-testid="public-steps">${steps}</ol></section>
<script type="application/json" id="case-data">${data}</script>
${caseLinks()}
<p class="note">当事人个人信息已按规定隐去。对执法行为有异议的，可通过${esc(site.contact)}反映。</p>`,
  });
}

/** Links from a case page to the other public services. */
const caseLinks = () =>
  '<p class="note"><a href="/public/decisions">查看全部公示的行政执法决定</a> · <a href="/public/certificates">查验执法人员证件</a></p>';

export function renderPublicCaseNotFound(site: PublicSite): string {
  return publicPage(site, {
    title: '未找到该案件码',
    description: CASE_DESCRIPTION,
    nav: 'cases',
    body: `<h1>行政执法决定 · 一案一码</h1><section class="card"><div class="status revoked" role="status" data-testid="public-status">未找到该案件码</div>
<p>二维码无效或该决定不存在。请核对决定书上的二维码，或通过${esc(site.contact)}反映。</p>
<p><a href="/public/cases">重新输入案件码</a></p></section>${caseLinks()}`,
  });
}

type DecisionPage = Awaited<ReturnType<typeof publicDecisions>>;

export function renderPublicDecisionsPage(site: PublicSite, q: PublicDecisionQuery, page: DecisionPage): string {
  const field = (name: keyof PublicDecisionQuery, label: string, type = 'text') =>
    `<label><span class="muted">${label}</span><br><input name="${name}" type="${type}" value="${esc(String(q[name] ?? ''))}" aria-label="${label}"></label>`;
  const rows = page.data
    .map(
      (d) => `<article class="card" data-testid="decision-row"><dl>
<dt>案号</dt><dd>${d.url ? `<a href="${esc(d.url)}">${esc(d.number)}</a>` : esc(d.number)}</dd>
<dt>执法单位</dt><dd>${esc(d.orgName)}</dd><dt>执法事项</dt><dd>${esc(d.item.name)}</dd>
<dt>当事人</dt><dd>${esc(partyText(d.party))}</dd><dt>决定</dt><dd>${esc(d.kind === 'penalty' ? penaltyText(d.decision) : '不予行政处罚')}</dd>
<dt>决定日期</dt><dd>${esc(beijingDate(d.decidedAt))}</dd><dt>公示日期</dt><dd>${esc(beijingDate(d.publishedAt))}</dd></dl></article>`,
    )
    .join('');
  const pages = Math.max(1, Math.ceil(page.total / q.pageSize));
  const link = (n: number) => {
    const params = new URLSearchParams();
    for (const k of ['org', 'item', 'party', 'from', 'to'] as const) if (q[k]) params.set(k, String(q[k]));
    params.set('current', String(n));
    return `/public/decisions?${params.toString()}`;
  };
  const pager = `<nav class="pager" aria-label="分页">${q.current > 1 ? `<a href="${esc(link(q.current - 1))}">上一页</a>` : ''}<span>第 ${q.current} / ${pages} 页，共 ${page.total} 条</span>${
    q.current < pages ? `<a href="${esc(link(q.current + 1))}">下一页</a>` : ''
  }</nav>`;
  return publicPage(site, {
    title: '行政执法决定公示',
    description: '依法公示的行政处罚等行政执法决定：可按执法单位、执法事项、当事人单位名称和决定日期查询。',
    nav: 'decisions',
    body: `<h1>行政执法决定公示</h1>
<form class="search card" method="get" action="/public/decisions" role="search">
${field('org', '执法单位')}${field('item', '执法事项')}${field('party', '当事人（单位名称）')}${field('from', '决定日期起', 'date')}${field('to', '决定日期止', 'date')}
<button type="submit">查询</button></form>
${rows || '<p class="card">没有符合条件的公示决定。</p>'}${pager}
<p class="note">依据《广东省行政执法公示办法》公示；自然人姓名已部分隐去，身份证号、电话、住址、银行账号等个人信息不予公示。点击案号可查看该决定的办理过程并核验。</p>`,
  });
}
