/** The streaming import of the target library (检查对象名录库): the upload, and its NDJSON answer read as it comes. */
import type { Problem } from '../../../common/contracts/kit.js';
import type {
  EntityImportCounts,
  EntityImportEvent,
  EntityImportRow,
} from '../../../common/contracts/entities.contract.js';

export interface ImportProgress {
  /** Bytes of the file sent so far, and its size. */
  sent: number;
  size: number;
  counts: EntityImportCounts;
  /** Rows with an error or a warning, in file order (the server sends only these: rows=problems). */
  problems: EntityImportRow[];
}

export type ImportOutcome =
  | { kind: 'done'; dryRun: boolean; counts: EntityImportCounts; problems: EntityImportRow[] }
  | { kind: 'failed'; message: string; line: number | null; counts: EntityImportCounts; problems: EntityImportRow[] }
  | { kind: 'refused'; problem: Problem };

const EMPTY: EntityImportCounts = { rows: 0, created: 0, updated: 0, ok: 0, errors: 0, warnings: 0 };
/** At most this many problem rows are kept in the page (the counts stay exact). */
export const MAX_PROBLEM_ROWS = 5000;

/**
 * Sends the file as the request body (XMLHttpRequest: fetch reports no upload progress) and reads the NDJSON answer
 * as it arrives. The server reads the body as it comes, so upload progress is import progress.
 */
export function uploadEntities(
  file: File,
  opts: { dryRun: boolean; onProgress: (p: ImportProgress) => void },
): { done: Promise<ImportOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const xlsx = /\.xlsx$/i.test(file.name);
  const query = new URLSearchParams({ rows: 'problems', format: xlsx ? 'xlsx' : 'csv' });
  if (opts.dryRun) query.set('dryRun', 'true');
  xhr.open('POST', `/api/v1/entities/import?${query}`);
  xhr.setRequestHeader(
    'content-type',
    xlsx ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv',
  );
  let counts = EMPTY;
  let read = 0;
  let sent = 0;
  const problems: EntityImportRow[] = [];
  let last: EntityImportEvent | null = null;
  const consume = () => {
    if (xhr.status !== 200) return;
    const text = xhr.responseText;
    let nl = text.indexOf('\n', read);
    while (nl >= 0) {
      const e = JSON.parse(text.slice(read, nl)) as EntityImportEvent;
      read = nl + 1;
      if (e.type === 'row') {
        if (problems.length < MAX_PROBLEM_ROWS) problems.push(e);
      } else {
        const { type: _t, ...rest } = e as EntityImportEvent & EntityImportCounts;
        counts = {
          rows: rest.rows,
          created: rest.created,
          updated: rest.updated,
          ok: rest.ok,
          errors: rest.errors,
          warnings: rest.warnings,
        };
        last = e;
      }
      nl = text.indexOf('\n', read);
    }
    opts.onProgress({ sent, size: file.size, counts, problems: [...problems] });
  };
  xhr.upload.onprogress = (ev) => {
    sent = ev.loaded;
    opts.onProgress({ sent, size: file.size, counts, problems: [...problems] });
  };
  xhr.onprogress = consume;
  const done = new Promise<ImportOutcome>((resolve) => {
    xhr.onload = () => {
      if (xhr.status !== 200) {
        let problem: Problem;
        try {
          problem = JSON.parse(xhr.responseText) as Problem;
        } catch {
          problem = {
            type: 'about:blank',
            title: '导入失败',
            status: xhr.status,
            code: `http_${xhr.status}`,
            detail: xhr.status === 401 ? '登录已失效，请重新登录后再导入' : '导入失败，请稍后重试',
          };
        }
        resolve({ kind: 'refused', problem });
        return;
      }
      sent = file.size;
      consume();
      const end = last as EntityImportEvent | null;
      if (end?.type === 'summary') resolve({ kind: 'done', dryRun: end.dryRun, counts, problems });
      else
        resolve({
          kind: 'failed',
          message:
            end?.type === 'failed'
              ? end.message
              : '导入中断：连接已断开，请重新导入（已保存的行会按统一社会信用代码更新，不会重复）',
          line: end?.type === 'failed' ? end.line : null,
          counts,
          problems,
        });
    };
    xhr.onerror = () =>
      resolve({
        kind: 'failed',
        message: '网络异常，导入中断；请重新导入（已保存的行会按统一社会信用代码更新，不会重复）',
        line: null,
        counts,
        problems,
      });
    xhr.onabort = () =>
      resolve({ kind: 'failed', message: '已取消导入；已保存的行保留', line: null, counts, problems });
  });
  xhr.send(file);
  return { done, abort: () => xhr.abort() };
}
