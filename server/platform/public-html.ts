/**
 * The frame of zhifa's public, server-rendered pages: small, no login, no script needed, readable on a phone, zh-CN.
 * Every page has the same header (platform and publishing authority, links between the public services), a main
 * part and a footer (主办单位 and contact), all configurable (Config.publicSite, docs/operations.md).
 */

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PublicSite {
  /** Name of the public platform, in the header and every title. */
  platformName: string;
  /** The authority that publishes the pages (e.g. the province's 司法厅). */
  authority: string;
  /** 主办单位, in the footer. */
  hostOrg: string;
  /** How to reach someone about what the pages show, e.g. a hotline. */
  contact: string;
}

export const DEFAULT_PUBLIC_SITE: PublicSite = {
  platformName: '行政执法信息公示平台',
  // the root org created on every empty database (server/seed/reference.ts)
  authority: '广东省司法厅',
  hostOrg: '广东省司法厅',
  contact: '12345 政务服务便民热线',
};

/** The public services, linked from every page's header. */
export const PUBLIC_NAV = [
  { key: 'decisions', href: '/public/decisions', label: '执法决定公示' },
  { key: 'cases', href: '/public/cases', label: '案件码核验' },
  { key: 'certificates', href: '/public/certificates', label: '执法证件查验' },
  { key: 'inspections', href: '/public/inspections', label: '双随机、一公开' },
] as const;
export type PublicNavKey = (typeof PUBLIC_NAV)[number]['key'];

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1f2329;line-height:1.6}
.site-header{background:#1f4e9c;color:#fff}.site-header .in,main,.site-footer .in{max-width:720px;margin:0 auto;padding:0 16px}
.site-header .in{padding-top:10px;padding-bottom:6px}.brand{display:block;color:#fff;font-weight:700;font-size:17px;text-decoration:none}
.authority{font-size:13px;color:#fff}.site-header nav{display:flex;flex-wrap:wrap;gap:4px 16px;margin-top:6px}
.site-header nav a{color:#fff;font-size:14px;padding:4px 0}.site-header nav a[aria-current]{font-weight:700;text-decoration-thickness:2px}
main{padding-top:16px;padding-bottom:16px}h1{font-size:20px;margin:8px 0 16px}h2{font-size:16px;margin:20px 0 8px}
a{color:#0b57d0}.card{background:#fff;border-radius:12px;padding:16px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:12px}
.status{display:inline-block;padding:4px 14px;border-radius:999px;font-weight:700;font-size:16px;margin-bottom:12px}
.valid{background:#e6f4ea;color:#135200}.suspended,.pending{background:#fff4e5;color:#873800}.revoked,.expired,.failed{background:#fdecea;color:#a8071a}
dl{margin:0;display:grid;grid-template-columns:6.5em 1fr;gap:8px 12px}dt{color:#5c6370}dd{margin:0;word-break:break-all}
ol.steps{margin:0;padding-left:1.4em}ol.steps li{margin:4px 0}.muted{color:#5c6370;font-size:13px}
details{margin-top:8px}summary{cursor:pointer;color:#0b57d0;padding:4px 0}details dl{margin-top:8px;font-size:13px}.mono{font-family:monospace;font-size:12px}
form.search{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}
form.search label{min-width:0}form.search input{width:100%}form.search input,form.search button{font:inherit;padding:8px 10px;border:1px solid #767b85;border-radius:8px;min-width:0}
form.search button{background:#0b57d0;color:#fff;border-color:#0b57d0}
.pager{display:flex;gap:12px;justify-content:center;margin:12px 0}.note{color:#5c6370;font-size:13px;margin:16px 0 0}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #dde1e7;vertical-align:top}.scroll{overflow-x:auto}
.site-footer{color:#4a505b;font-size:13px;border-top:1px solid #dde1e7;margin-top:8px}.site-footer .in{padding-top:12px;padding-bottom:20px}.site-footer p{margin:2px 0}`;

export interface PublicPageOptions {
  /** The page's own title; the platform name is appended. */
  title: string;
  /** The meta description (what a search result shows). */
  description: string;
  body: string;
  /** The header link of the service this page belongs to (aria-current). */
  nav?: PublicNavKey;
  script?: string;
}

export function publicPage(site: PublicSite, opts: PublicPageOptions): string {
  const script = opts.script ? `<script type="module" src="${esc(opts.script)}"></script>` : '';
  const nav = PUBLIC_NAV.map(
    (n) => `<a href="${n.href}"${n.key === opts.nav ? ' aria-current="page"' : ''}>${n.label}</a>`,
  ).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(opts.title)} · ${esc(site.platformName)}</title><meta name="description" content="${esc(opts.description)}">
<link rel="icon" href="/favicon.svg" type="image/svg+xml"><style>${STYLE}</style>${script}</head><body>
<header class="site-header"><div class="in"><a class="brand" href="/public">${esc(site.platformName)}</a><span class="authority">${esc(site.authority)} 发布</span>
<nav aria-label="公开服务">${nav}</nav></div></header>
<main>${opts.body}</main>
<footer class="site-footer"><div class="in"><p>主办单位：${esc(site.hostOrg)}</p><p>联系方式：${esc(site.contact)}</p>
<p>本平台公开的信息已按规定隐去个人信息。</p></div></footer></body></html>`;
}

/** Dates in Beijing time, e.g. 2026年6月1日 09:00 and 2026年6月1日. */
import { fullDateTime, longDate } from '../../common/dates.js';
export const beijingDateTime = (at: string | Date) => fullDateTime(new Date(at));
export const beijingDate = (iso: string) => longDate(iso);
