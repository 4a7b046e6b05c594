/**
 * The public complaint pages (no account, phone first, no script): the form (/public/complaints/new), the receipt
 * with the tracking number and query code, and the tracking page with the reply and the rating (/public/complaints/track).
 * The form says plainly what goes to the department and what stays hidden.
 */
import type { PublicTracking } from '../../../common/contracts/complaints.contract.js';
import {
  COMPLAINT_KINDS,
  COMPLAINT_KIND_LABELS,
  COMPLAINT_RATINGS,
  COMPLAINT_RATING_LABELS,
} from '../../../common/enums.js';
import { type PublicSite, beijingDate, beijingDateTime, esc, publicPage } from '../../platform/public-html.js';

const FORM_STYLE = `<style>.cf label{display:block;margin:12px 0 4px;font-weight:600}.cf input[type=text],.cf input[type=tel],.cf select,.cf textarea{width:100%;font:inherit;padding:10px;border:1px solid #767b85;border-radius:8px}
.cf fieldset{border:0;padding:0;margin:12px 0 0}.cf legend{font-weight:600;padding:0}.cf .opt{display:inline-flex;gap:4px;align-items:center;margin:6px 16px 0 0;font-weight:400}
.cf button{margin-top:16px;font:inherit;padding:10px 24px;background:#0b57d0;color:#fff;border:0;border-radius:8px}.cf .hint{color:#5c6370;font-size:13px;margin:2px 0 0}
.cf .err{color:#a8071a;font-size:14px;margin:4px 0 0}.hp{position:absolute;left:-10000px}.notice li{margin:4px 0}</style>`;

export interface FormValues {
  [field: string]: string | undefined;
}

const field = (
  name: string,
  label: string,
  values: FormValues,
  errors: Record<string, string>,
  opts: { type?: string; hint?: string; autocomplete?: string; inputmode?: string } = {},
) => {
  const err = errors[name];
  const describedBy = [opts.hint ? `${name}-hint` : '', err ? `${name}-err` : ''].filter(Boolean).join(' ');
  return `<label for="f-${name}">${label}</label>${opts.hint ? `<p class="hint" id="${name}-hint">${opts.hint}</p>` : ''}
<input type="${opts.type ?? 'text'}" id="f-${name}" name="${name}" value="${esc(values[name] ?? '')}"${
    opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ''
  }${opts.inputmode ? ` inputmode="${opts.inputmode}"` : ''}${describedBy ? ` aria-describedby="${describedBy}"` : ''}${
    err ? ' aria-invalid="true"' : ''
  }>${err ? `<p class="err" id="${name}-err">${esc(err)}</p>` : ''}`;
};

const NOTICE = `<section class="card notice" aria-labelledby="notice-h"><h2 id="notice-h" style="margin-top:0">您的信息如何处理</h2><ul>
<li><strong>发送给承办部门：</strong>投诉举报的内容、地点、被投诉的单位或个人、上传的附件，以及您留下的姓名和电话。</li>
<li><strong>部门看到的是打码后的姓名和电话</strong>（例如 张*三、139****5678）；只有承办部门的负责人在需要核实时才能查看完整信息，每次查看都会留下记录。</li>
<li><strong>不会公开：</strong>您的姓名和电话不会出现在任何公开页面、被投诉对象能看到的信息或导出的数据中。</li>
<li><strong>可以匿名：</strong>姓名和电话都不填即为匿名投诉；部门仍会办理，但无法联系您核实情况，办理结果请凭受理编号和查询码查询。</li></ul></section>`;

export function renderComplaintForm(
  site: PublicSite,
  regionChoices: { code: string; name: string }[],
  values: FormValues = {},
  errors: Record<string, string> = {},
): string {
  const kind = values.kind ?? 'complaint';
  const kinds = COMPLAINT_KINDS.map(
    (k) =>
      `<label class="opt"><input type="radio" name="kind" value="${k}"${k === kind ? ' checked' : ''}>${COMPLAINT_KIND_LABELS[k]}</label>`,
  ).join('');
  const regionOptions = regionChoices
    .map((r) => `<option value="${r.code}"${r.code === values.regionCode ? ' selected' : ''}>${esc(r.name)}</option>`)
    .join('');
  const summary = Object.keys(errors).length
    ? `<p role="alert" class="status failed">提交未成功：请按提示修改标红的项目。</p>`
    : '';
  return publicPage(site, {
    title: '投诉举报',
    description: '向行政执法部门投诉举报：无需注册，可以匿名，凭受理编号和查询码查询办理进度和答复。',
    body: `${FORM_STYLE}<h1>投诉举报</h1>${NOTICE}${summary}
<form class="card cf" method="post" action="/public/complaints/new" enctype="multipart/form-data" novalidate>
${field('reporterPhone', '联系电话（选填）', values, errors, { type: 'tel', autocomplete: 'tel', inputmode: 'tel', hint: '便于承办部门联系您核实情况；不填即为匿名' })}
${field('reporterName', '姓名（选填）', values, errors, { autocomplete: 'name' })}
<fieldset><legend>类别</legend>${kinds}</fieldset>${errors.kind ? `<p class="err">${esc(errors.kind)}</p>` : ''}
<label for="f-content">反映的问题</label><p class="hint" id="content-hint">请写明时间、地点、经过和诉求，最多 4000 字</p>
<textarea id="f-content" name="content" rows="6" maxlength="4000" aria-describedby="content-hint${errors.content ? ' content-err' : ''}"${
      errors.content ? ' aria-invalid="true"' : ''
    }>${esc(values.content ?? '')}</textarea>${errors.content ? `<p class="err" id="content-err">${esc(errors.content)}</p>` : ''}
<label for="f-regionCode">所在地区</label><select id="f-regionCode" name="regionCode"${
      errors.regionCode ? ' aria-invalid="true" aria-describedby="regionCode-err"' : ''
    }><option value="">请选择</option>${regionOptions}</select>${
      errors.regionCode ? `<p class="err" id="regionCode-err">${esc(errors.regionCode)}</p>` : ''
    }
${field('address', '详细地址（选填）', values, errors, { autocomplete: 'street-address' })}
${field('subjectName', '被投诉举报的单位或个人（选填）', values, errors)}
${field('subjectUscc', '统一社会信用代码（选填）', values, errors, { hint: '营业执照上的 18 位代码' })}
<label for="f-files">照片或 PDF（选填，最多 5 个，每个不超过 10 MB）</label>
<input type="file" id="f-files" name="files" accept="image/jpeg,image/png,image/webp,application/pdf" multiple${
      errors.files ? ' aria-invalid="true" aria-describedby="files-err"' : ''
    }>${errors.files ? `<p class="err" id="files-err">${esc(errors.files)}</p>` : ''}
<div class="hp" aria-hidden="true"><label for="f-website">网址</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">提交</button></form>
<p class="note">已经提交过？<a href="/public/complaints/track">查询办理进度</a></p>`,
  });
}

export function renderReceipt(
  site: PublicSite,
  r: { trackingNumber: string; queryCode: string; dueDate: string },
): string {
  return publicPage(site, {
    title: '投诉举报已提交',
    description: '投诉举报已提交。',
    body: `<h1>已提交</h1><section class="card"><div class="status valid" role="status">投诉举报已登记</div>
<dl><dt>受理编号</dt><dd class="mono" data-testid="tracking-number">${esc(r.trackingNumber)}</dd>
<dt>查询码</dt><dd class="mono" data-testid="query-code">${esc(r.queryCode)}</dd>
<dt>答复期限</dt><dd>${esc(beijingDate(r.dueDate))}前</dd></dl>
<p><strong>请记下受理编号和查询码</strong>：查询码只显示这一次，凭二者可查询办理进度、查看答复并评价。</p>
<p><a href="/public/complaints/track">查询办理进度</a></p></section>`,
  });
}

const trackForm = (
  no: string,
  error: string | null,
) => `<form class="card cf" method="get" action="/public/complaints/track">
<label for="f-no">受理编号</label><input type="text" id="f-no" name="no" value="${esc(no)}" autocomplete="off" spellcheck="false">
<label for="f-code">查询码</label><input type="text" id="f-code" name="code" autocomplete="off" spellcheck="false"${
  error ? ' aria-invalid="true" aria-describedby="track-err"' : ''
}>${error ? `<p class="err" id="track-err" role="alert">${esc(error)}</p>` : ''}
<button type="submit">查询</button></form>`;

export function renderTrackEntry(site: PublicSite, no = '', error: string | null = null): string {
  return publicPage(site, {
    title: '投诉举报办理进度',
    description: '凭受理编号和查询码查询投诉举报的办理进度和答复。',
    body: `${FORM_STYLE}<h1>投诉举报办理进度</h1>${trackForm(no, error)}`,
  });
}

export function renderTracking(
  site: PublicSite,
  t: PublicTracking,
  code: string,
  message: string | null = null,
): string {
  const steps = t.steps.map((s) => `<li>${esc(beijingDateTime(s.at))} ${esc(s.label)}</li>`).join('');
  const answer = t.replyText ?? t.rejectReason;
  const rating = t.mayRate
    ? `<form class="card cf" method="post" action="/public/complaints/track" enctype="multipart/form-data">
<input type="hidden" name="no" value="${esc(t.trackingNumber)}"><input type="hidden" name="code" value="${esc(code)}">
<fieldset><legend>您对办理结果是否满意？</legend>${COMPLAINT_RATINGS.map(
        (r, i) =>
          `<label class="opt"><input type="radio" name="rating" value="${r}"${i === 0 ? ' checked' : ''}>${COMPLAINT_RATING_LABELS[r]}</label>`,
      ).join('')}</fieldset>
<label for="f-comment">意见（选填）</label><textarea id="f-comment" name="comment" rows="3" maxlength="500"></textarea>
<button type="submit">提交评价</button></form>`
    : '';
  return publicPage(site, {
    title: `投诉举报 ${t.trackingNumber}`,
    description: '投诉举报的办理进度和答复。',
    body: `${FORM_STYLE}<h1>投诉举报办理进度</h1>${message ? `<p role="status" class="status valid">${esc(message)}</p>` : ''}
<section class="card"><div class="status ${t.state === 'closed' ? 'valid' : 'pending'}" role="status" data-testid="public-status">${esc(t.stateLabel)}</div>
<dl><dt>受理编号</dt><dd class="mono">${esc(t.trackingNumber)}</dd><dt>类别</dt><dd>${esc(t.kindLabel)}</dd>
<dt>承办单位</dt><dd>${esc(t.handlingOrgName)}</dd><dt>提交时间</dt><dd>${esc(beijingDateTime(t.receivedAt))}</dd>
<dt>答复期限</dt><dd>${esc(beijingDate(t.dueDate))}前</dd>${t.ratingLabel ? `<dt>您的评价</dt><dd>${esc(t.ratingLabel)}</dd>` : ''}</dl>
${answer ? `<h2>${t.replyText ? '答复' : '不予受理的理由'}</h2><p data-testid="reply">${esc(answer)}</p>` : ''}
<h2>办理过程</h2><ol class="steps">${steps}</ol></section>${rating}`,
  });
}
