import type { FormInstance } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { type ProblemFormOptions, useProblemForm } from './useProblemForm';

export interface ModalFormOptions<V> extends ProblemFormOptions {
  open: boolean;
  /** Put into the form each time the dialog opens (after a reset). */
  initialValues: Partial<V>;
}

/**
 * The life of a dialog's form: reset to its initial values and cleared of errors on every opening; on submit,
 * validated, then saved with `saving` set while the request runs, the server's problem mapped onto the fields
 * (useProblemForm).
 */
export function useModalForm<V>(form: FormInstance<V>, options: ModalFormOptions<V>) {
  const { open, initialValues, ...problemOptions } = options;
  const problem = useProblemForm(form, problemOptions);
  const { clearError, handleError } = problem;
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(initialValues as Parameters<FormInstance<V>['setFieldsValue']>[0]);
      clearError();
    }
  }, [open, initialValues, form, clearError]);

  const submitWith = useCallback(
    async (save: (values: V) => Promise<void>) => {
      let values: V;
      try {
        values = await form.validateFields();
      } catch {
        return;
      }
      setSaving(true);
      clearError();
      try {
        await save(values);
      } catch (err) {
        handleError(err);
      } finally {
        setSaving(false);
      }
    },
    [form, clearError, handleError],
  );

  return { ...problem, saving, submitWith };
}
