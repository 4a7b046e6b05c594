import type { FormInstance } from 'antd';
import { useCallback, useState } from 'react';
import { ApiError, errorMessage } from '../api/client';

export interface ProblemFormOptions {
  /** Form field names that server `errors[].path` may point at. */
  fields: readonly string[];
  /** Problem codes without a field path that still belong to a field (e.g. username_taken → username). */
  codeToField?: Record<string, string>;
}

/**
 * Maps a server Problem onto an antd Form: every `errors[].path` that names a form field is shown under
 * that field (form.setFields); whatever is left is returned as a form-level message (shown in an Alert).
 */
export function useProblemForm(form: FormInstance, options: ProblemFormOptions) {
  const [formError, setFormError] = useState<string | null>(null);
  const { fields, codeToField } = options;

  const handleError = useCallback(
    (err: unknown) => {
      if (!(err instanceof ApiError)) {
        setFormError(errorMessage(err));
        return;
      }
      const { problem } = err;
      const byField = new Map<string, string[]>();
      const leftovers: string[] = [];
      for (const e of problem.errors ?? []) {
        const name = fieldOf(e.path, fields);
        if (name) byField.set(name, [...(byField.get(name) ?? []), e.message]);
        else leftovers.push(e.message);
      }
      const codeField = codeToField?.[problem.code];
      if (byField.size === 0 && codeField && fields.includes(codeField)) {
        byField.set(codeField, [problem.detail]);
      }
      if (byField.size > 0) {
        form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
        const first = byField.keys().next().value;
        if (first) form.scrollToField(first, { block: 'center' });
        setFormError(leftovers.length > 0 ? leftovers.join('；') : null);
      } else {
        setFormError(leftovers.length > 0 ? `${problem.detail}：${leftovers.join('；')}` : problem.detail);
      }
    },
    [form, fields, codeToField],
  );

  const clearError = useCallback(() => setFormError(null), []);
  return { formError, handleError, clearError };
}

/** "uscc" → "uscc"; "/roles/0" or "roles.0" or "roles[0]" → "roles" when that is a field. */
function fieldOf(path: string | undefined, fields: readonly string[]): string | null {
  if (!path) return null;
  if (fields.includes(path)) return path;
  const first = path.replace(/^[/.]+/, '').split(/[./[\]]/)[0] ?? '';
  if (fields.includes(first)) return first;
  const body = path.match(/^body[./](\w+)/)?.[1];
  return body && fields.includes(body) ? body : null;
}
