/** The frame of zhifa's public, server-rendered pages: small, no login, readable on a phone, zh-CN. */

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const STYLE = `
*{box-sizing:border-box}body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f3f5f8;color:#1f2329;line-height:1.6}
main{max-width:720px;margin:0 auto;padding:16px}h1{font-size:20px;margin:8px 0 16px}h2{font-size:16px;margin:20px 0 8px}
a{color:#0b57d0}.card{background:#fff;border-radius:12px;padding:16px 18px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:12px}
.status{display:inline-block;padding:4px 14px;border-radius:999px;font-weight:700;font-size:16px;margin-bottom:12px}
.valid{background:#e6f4ea;color:#135200}.suspended,.pending{background:#fff4e5;color:#873800}.revoked,.expired,.failed{background:#fdecea;color:#a8071a}
dl{margin:0;display:grid;grid-template-columns:6.5em 1fr;gap:8px 12px}dt{color:#5c6370}dd{margin:0;word-break:break-all}
ol.steps{margin:0;padding-left:1.4em}ol.steps li{margin:4px 0}.muted{color:#5c6370;font-size:13px}
form.search{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px}
form.search label{min-width:0}form.search input{width:100%}form.search input,form.search button{font:inherit;padding:8px 10px;border:1px solid #c9ced6;border-radius:8px;min-width:0}
form.search button{background:#0b57d0;color:#fff;border-color:#0b57d0}
.pager{display:flex;gap:12px;justify-content:center;margin:12px 0}
footer{color:#5c6370;font-size:13px;margin-top:16px}`;

export function publicPage(title: string, body: string, opts: { script?: string } = {}): string {
  const script = opts.script ? `<script type="module" src="${esc(opts.script)}"></script>` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style>${script}</head><body><main>${body}</main></body></html>`;
}

/** A date and time in Beijing time, e.g. 2026年6月1日 09:00. */
export const beijingDateTime = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'long',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
export const beijingDate = (iso: string) =>
  new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(new Date(iso));
