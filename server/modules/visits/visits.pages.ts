/** The public pages of 扫码入企 (server-rendered, no script, readable on a phone): a visit's 监督码 and /e/<token>. */
import type { PublicEntityVisitsOut, PublicVisitOut } from '../../../common/contracts/visits.contract.js';
import { type PublicSite, beijingDateTime, esc, publicPage } from '../../platform/public-html.js';

const DESCRIPTION = '扫码入企监督码：查看入企执法人员的身份和证件、入企事由和时间，并对本次入企作出评价或投诉。';

function officerList(v: PublicVisitOut) {
  return v.officers
    .map(
      (o) => `<li><strong>${esc(o.name)}</strong>（${esc(o.orgName)}）<br>执法证号：${esc(o.certificateNumber ?? '无')}
<span class="status ${o.certificateValid ? 'valid' : 'revoked'}">${esc(o.certificateValid ? '证件有效' : o.certificateStatusLabel)}</span>${o.validTo ? `<span class="muted">有效期至 ${esc(o.validTo)}</span>` : ''}</li>`,
    )
    .join('');
}

const RATING_FORM = (
  token: string,
) => `<form class="card" method="post" action="/public/visits/${esc(token)}/rating" enctype="multipart/form-data" aria-labelledby="rate-h">
<h2 id="rate-h">评价本次入企</h2><p class="muted">评价匿名，被评价的执法部门看不到单条评价。</p>
<fieldset><legend>满意程度（1–5 分）</legend>${[5, 4, 3, 2, 1]
  .map((s) => `<label><input type="radio" name="score" value="${s}" required> ${s} 分</label> `)
  .join('')}</fieldset>
<p><label for="comment">意见建议（可选）</label><br><textarea id="comment" name="comment" maxlength="500" rows="3" style="width:100%"></textarea></p>
<p><button type="submit">提交评价</button></p></form>`;

export function renderVisitPage(site: PublicSite, token: string, v: PublicVisitOut, notice?: string): string {
  const rating = v.rated ? '<p class="card" role="status">本次入企已评价，感谢您的反馈。</p>' : RATING_FORM(token);
  return publicPage(site, {
    title: `入企监督码 · ${v.entityName}`,
    description: DESCRIPTION,
    body: `<h1>入企监督码</h1>${notice ? `<p class="card" role="status">${esc(notice)}</p>` : ''}
<section class="card" aria-label="入企信息"><dl><dt>检查对象</dt><dd>${esc(v.entityName)}</dd><dt>入企部门</dt><dd>${esc(v.orgName)}</dd>
<dt>入企事由</dt><dd>${esc(v.purposeLabel)}</dd><dt>入企时间</dt><dd>${esc(beijingDateTime(v.startedAt))}</dd></dl>
<h2>入企人员</h2><ul>${officerList(v)}</ul><p class="note">证件状态为查验时（${esc(beijingDateTime(v.checkedAt))}）的实时状态。</p></section>
${rating}<p class="card">对本次入企有异议？<a href="${esc(v.complaintUrl)}">投诉</a>，或通过${esc(site.contact)}反映。</p>`,
  });
}

export function renderVisitNotFound(site: PublicSite): string {
  return publicPage(site, {
    title: '入企监督码 · 未找到',
    description: DESCRIPTION,
    body: `<h1>入企监督码</h1><section class="card"><div class="status revoked" role="status">未找到该入企记录</div>
<p>监督码无效或入企记录不存在。如有疑问，可通过${esc(site.contact)}反映。</p></section>`,
  });
}

/** /e/<token>: the USCC form, then the entity's visits. */
export function renderEntityVisitsPage(
  site: PublicSite,
  token: string,
  data: PublicEntityVisitsOut | null,
  error?: string,
): string {
  const form = `<form class="card search" method="get" action="/e/${esc(token)}" aria-label="查看入企记录">
<label for="uscc">本单位统一社会信用代码</label><input id="uscc" name="uscc" autocomplete="off" maxlength="40" required>
<button type="submit">查看入企记录</button></form>${error ? `<p class="card" role="alert">${esc(error)}</p>` : ''}`;
  const list = data
    ? `<h2>${esc(data.entityName)} 的入企记录（${data.visits.length} 次）</h2>${
        data.visits.length === 0
          ? '<p class="card">暂无入企记录。</p>'
          : `<ul class="card">${data.visits
              .map(
                (v) =>
                  `<li>${esc(beijingDateTime(v.startedAt))} · ${esc(v.orgName)} · ${esc(v.purposeLabel)} · ${esc(v.officerNames.join('、'))} · <a href="/public/visits/${esc(v.token)}">查看与评价</a></li>`,
              )
              .join('')}</ul>`
      }`
    : '';
  return publicPage(site, {
    title: '本单位入企记录',
    description: '企业输入统一社会信用代码，查看各执法部门到本单位扫码入企的记录。',
    body: `<h1>本单位入企记录</h1><p>执法人员入企时须扫描本码登记。请输入本单位的统一社会信用代码，查看各部门的入企记录。</p>${data ? '' : form}${list}`,
  });
}
