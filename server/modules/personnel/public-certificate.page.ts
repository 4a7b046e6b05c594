/** The public certificate authenticity page (扫码验证): server-rendered, small, readable on a phone. */
import { shanghaiFormat } from '../../../common/dates.js';
import { CERTIFICATE_KIND_LABELS, CERTIFICATE_STATUS_LABELS } from '../../../common/enums.js';
import { type PublicSite, esc, publicPage } from '../../platform/public-html.js';
import type { PublicCertificateOut as PublicCertificate } from '../../../common/contracts/personnel.contract.js';

const DESCRIPTION = '扫描行政执法证件上的二维码，查验执法人员身份和证件是否真实有效。';

const CHECKED_AT = shanghaiFormat({ dateStyle: 'medium', timeStyle: 'short' });

export function renderCertificatePage(site: PublicSite, c: PublicCertificate): string {
  const fmt = (iso: string) => iso.replace(/-/g, '.');
  const checked = CHECKED_AT(c.checkedAt);
  const note =
    c.status === 'valid'
      ? '该证件真实有效，持证人可在证件载明的领域和区域内从事行政执法工作。'
      : '该证件当前不可用于执法，持证人不得凭此证件独立从事行政执法工作。';
  return publicPage(site, {
    title: `行政执法证件查验 · ${c.number}`,
    description: DESCRIPTION,
    nav: 'certificates',
    body: `<h1>行政执法证件查验</h1><section class="card" aria-label="证件信息">
<div class="status ${c.status}" role="status">${esc(CERTIFICATE_STATUS_LABELS[c.status])}</div>
<p>${esc(note)}</p>
<dl><dt>姓名</dt><dd>${esc(c.name)}</dd><dt>执法单位</dt><dd>${esc(c.org)}</dd>
<dt>证件类型</dt><dd>${esc(CERTIFICATE_KIND_LABELS[c.kind])}</dd><dt>证件编号</dt><dd>${esc(c.number)}</dd>
<dt>有效期</dt><dd>${fmt(c.validFrom)} 至 ${fmt(c.validTo)}</dd>
<dt>执法领域</dt><dd>${c.sectors.map((s) => esc(s.name)).join('、')}</dd>
<dt>执法区域</dt><dd>${c.regions.map((r) => esc(r.name)).join('、')}</dd><dt>发证机关</dt><dd>${esc(c.issuer)}</dd></dl></section>
<p class="note">查验时间：${esc(checked)}。如对执法人员身份有疑问，可通过${esc(site.contact)}反映。</p>
<p class="note"><a href="/public/decisions">查看公示的行政执法决定</a> · <a href="/public/cases">核验行政执法决定的案件码</a></p>`,
  });
}

export function renderCertificateNotFound(site: PublicSite): string {
  return publicPage(site, {
    title: '行政执法证件查验 · 未找到',
    description: DESCRIPTION,
    nav: 'certificates',
    body: `<h1>行政执法证件查验</h1><section class="card"><div class="status revoked" role="status">未找到该证件</div>
<p>二维码无效或证件不存在。请核对证件，或通过${esc(site.contact)}反映。</p>
<p><a href="/public/certificates">重新输入查验码</a></p></section>`,
  });
}
