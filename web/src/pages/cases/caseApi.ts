import type { CaseAction } from '../../../../common/case-flow.js';
import type { Problem } from '../../../../common/api-types.js';
import type { CaseDetail } from '../../api/case-types';
import { ApiError, api } from '../../api/client';

export const casePath = (id: string) => `/api/v1/cases/${encodeURIComponent(id)}`;

/** POST /api/v1/cases/:id/actions/<action> with a JSON body; answers the updated case. */
export function postCaseAction(id: string, action: CaseAction, body: Record<string, unknown>): Promise<CaseDetail> {
  return api.post<CaseDetail>(`${casePath(id)}/actions/${action}`, body);
}

/** Download link of an evidence file (the server re-checks its SHA-256 before serving it). */
export const evidenceHref = (caseId: string, sha256: string) => `${casePath(caseId)}/evidence/${sha256}`;

/**
 * 调查取证: multipart/form-data upload of `description` and one or more `files`. The browser sets the
 * content type (with its boundary) for a FormData body. A refusal throws an {@link ApiError} with the server's problem.
 */
export async function uploadEvidence(
  id: string,
  description: string,
  files: File[],
  signal?: AbortSignal,
): Promise<CaseDetail> {
  const form = new FormData();
  form.append('description', description);
  for (const f of files) form.append('files', f, f.name);
  let res: Response;
  try {
    res = await fetch(`${casePath(id)}/actions/add_evidence`, {
      method: 'POST',
      body: form,
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json' },
      signal,
    });
  } catch (err) {
    if (err instanceof Error && err.name === 'AbortError') throw err;
    throw new ApiError({
      type: 'about:blank',
      title: 'Network error',
      status: 0,
      code: 'network_error',
      detail: '网络异常，无法连接服务器',
    });
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    let body: Partial<Problem> & { message?: string } = {};
    try {
      body = text ? (JSON.parse(text) as typeof body) : {};
    } catch {
      body = {};
    }
    throw new ApiError({
      type: typeof body.type === 'string' ? body.type : 'about:blank',
      title: typeof body.title === 'string' ? body.title : res.statusText || '请求失败',
      status: res.status,
      code: typeof body.code === 'string' ? body.code : `http_${res.status}`,
      detail:
        typeof body.detail === 'string' && body.detail
          ? body.detail
          : typeof body.message === 'string' && body.message
            ? body.message
            : res.status === 413
              ? '文件过大，单次上传不超过 25 MB'
              : `上传失败（${res.status}）`,
      errors: Array.isArray(body.errors) ? body.errors : undefined,
    });
  }
  return JSON.parse(text) as CaseDetail;
}
