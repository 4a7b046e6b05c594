/**
 * The public portal's own pages: the index of the public services, the two entry forms (case code, certificate check
 * code) for people who hold a paper instead of a camera, and the public 404 page.
 */
import { PUBLIC_NAV, type PublicSite, esc, publicPage } from '../../platform/public-html.js';

const DESCRIPTIONS = {
  index: '行政执法信息公开服务：查询公示的行政执法决定，凭案件码核验执法决定，查验执法人员证件，查看双随机抽查。',
  cases: '输入行政执法决定书上的案件码（一案一码），查看该决定的公开信息并核验记录未被改动。',
  certificates: '输入或扫描行政执法证件上的查验码，查验执法人员身份和证件是否真实有效。',
};

const SERVICE_TEXT: Record<(typeof PUBLIC_NAV)[number]['key'], string> = {
  decisions: '按执法单位、执法事项、当事人单位名称和日期，查询依法公示的行政处罚等执法决定。',
  cases: '行政执法决定书上印有二维码和案件码：扫码或输入案件码，查看该决定的办理过程，并在本机核验记录未被改动。',
  certificates: '执法人员应当出示行政执法证件：扫描证件上的二维码或输入查验码，查看证件是否真实有效。',
  inspections: '随机抽查计划和任务、随机抽取的检查对象和检查人员、检查结果；每次抽取都可以在本机重新验算。',
};

export function renderPortalIndex(site: PublicSite): string {
  const cards = PUBLIC_NAV.map(
    (n) =>
      `<section class="card"><h2 style="margin-top:0"><a href="${n.href}">${n.label}</a></h2><p>${SERVICE_TEXT[n.key]}</p></section>`,
  ).join('');
  return publicPage(site, {
    title: '行政执法信息公开',
    description: DESCRIPTIONS.index,
    body: `<h1>行政执法信息公开</h1>${cards}`,
  });
}

function entryForm(action: string, name: string, label: string, value: string, error: string | null): string {
  return `<form class="search card" method="get" action="${action}">
<label><span>${label}</span><br><input name="${name}" value="${esc(value)}" autocomplete="off" spellcheck="false"${
    error ? ' aria-invalid="true" aria-describedby="entry-error"' : ''
  }></label>
<button type="submit">查询</button>${error ? `<p id="entry-error" role="alert" class="status failed" style="grid-column:1/-1">${esc(error)}</p>` : ''}</form>`;
}

export function renderCaseCodeEntry(site: PublicSite, value = '', error: string | null = null): string {
  return publicPage(site, {
    title: '案件码核验',
    description: DESCRIPTIONS.cases,
    nav: 'cases',
    body: `<h1>案件码核验</h1>
<p>行政执法决定书末尾印有二维码（一案一码）。用手机扫码即可打开该决定的公开页面；也可以在下面输入二维码旁的案件码，或粘贴扫码得到的网址。</p>
${entryForm('/public/cases', 'code', '案件码', value, error)}`,
  });
}

export function renderCertificateEntry(site: PublicSite, value = '', error: string | null = null): string {
  return publicPage(site, {
    title: '执法证件查验',
    description: DESCRIPTIONS.certificates,
    nav: 'certificates',
    body: `<h1>执法证件查验</h1>
<p>行政执法人员执法时应当出示行政执法证件。用手机扫描证件上的二维码即可查验；也可以在下面粘贴扫码得到的网址或查验码。</p>
${entryForm('/public/certificates', 'code', '查验码或网址', value, error)}`,
  });
}

export function renderPublicNotFound(site: PublicSite): string {
  return publicPage(site, {
    title: '页面不存在',
    description: DESCRIPTIONS.index,
    body: `<h1>页面不存在</h1><section class="card"><div class="status revoked" role="status" data-testid="public-status">未找到该页面</div>
<p>您访问的地址不存在，可能输入有误或页面已被移除。您可以：</p>
<ul>${PUBLIC_NAV.map((n) => `<li><a href="${n.href}">${n.label}</a></li>`).join('')}</ul></section>`,
  });
}
