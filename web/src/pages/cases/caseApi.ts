import type { CaseAction } from '../../../../common/case-flow.js';
import type { CaseDetail } from '../../../../common/contracts/cases.contract.js';
import { ApiError, api, request } from '../../api/client';

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
  try {
    return await request<CaseDetail>('POST', `${casePath(id)}/actions/add_evidence`, { form, signal });
  } catch (err) {
    if (err instanceof ApiError && err.status === 413 && err.code === 'http_413')
      throw new ApiError({ ...err.problem, detail: '文件过大，单次上传不超过 25 MB' });
    throw err;
  }
}
