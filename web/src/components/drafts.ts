/**
 * Drafts of long forms (登记案源, 事先告知, 作出决定, evidence notes) kept in this browser until they are sent, so a
 * closed dialog, a reload or a lost connection does not throw typed facts away. One draft per user and form, in
 * localStorage under `zhifa.draft.<userId>.<name>`. Personal identifiers (ID numbers, phone numbers) are never
 * written: they are short to type again and must not rest in the browser.
 */
import type { FormInstance } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useRef } from 'react';

const PREFIX = 'zhifa.draft.';

export interface Draft {
  /** What the draft is, for the 工作台 list: "登记案源", "事先告知 440100-2026-00012" … */
  title: string;
  /** Where it is continued. */
  href: string;
  savedAt: string;
  values: Record<string, unknown>;
}

export interface StoredDraft extends Draft {
  key: string;
}

const keyOf = (userId: string, name: string) => `${PREFIX}${userId}.${name}`;

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

/** Dates are kept as `{ $date: iso }` and come back as dayjs values. */
function encode(values: Record<string, unknown>, exclude: readonly string[]) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (exclude.includes(k) || v === undefined || v === null || v === '') continue;
    out[k] = dayjs.isDayjs(v) ? { $date: v.toISOString() } : v;
  }
  return out;
}

function decode(values: Record<string, unknown>) {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    const date = v && typeof v === 'object' && '$date' in v ? (v as { $date: unknown }).$date : undefined;
    out[k] = typeof date === 'string' ? dayjs(date) : v;
  }
  return out;
}

export function loadDraft(userId: string, name: string): Draft | null {
  const raw = storage()?.getItem(keyOf(userId, name));
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as Draft;
    return d && typeof d === 'object' && d.values ? { ...d, values: decode(d.values) } : null;
  } catch {
    return null;
  }
}

export function clearDraft(userId: string, name: string): void {
  storage()?.removeItem(keyOf(userId, name));
}

/** The user's drafts, newest first. */
export function listDrafts(userId: string): StoredDraft[] {
  const s = storage();
  if (!s) return [];
  const out: StoredDraft[] = [];
  for (let i = 0; i < s.length; i++) {
    const key = s.key(i);
    if (!key?.startsWith(`${PREFIX}${userId}.`)) continue;
    try {
      const d = JSON.parse(s.getItem(key) ?? '') as Draft;
      if (d?.title && d.href) out.push({ ...d, key });
    } catch {
      /* a damaged entry is skipped */
    }
  }
  return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export function removeDraftByKey(key: string): void {
  if (key.startsWith(PREFIX)) storage()?.removeItem(key);
}

export interface FormDraftOptions {
  userId: string;
  /** One draft per user and name, e.g. `register-case` or `case.<id>.notify`. */
  name: string;
  title: string;
  href: string;
  /** The dialog is open: restore once when it opens. */
  open: boolean;
  /** Fields never stored (personal identifiers). */
  exclude?: readonly string[];
  /** Told when a draft was restored into the form. */
  onRestored?: (savedAt: string) => void;
}

/**
 * Keeps a form's values as a draft: restored into the form when the dialog opens, saved (debounced) on every
 * change; call `clear()` once the server has accepted the form.
 */
export function useFormDraft(form: FormInstance, o: FormDraftOptions) {
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const opts = useRef(o);
  opts.current = o;
  const { open, userId, name } = o;

  useEffect(() => {
    if (!open) return;
    const draft = loadDraft(userId, name);
    if (!draft) return;
    // after the form's own initial values have applied
    const t = setTimeout(() => {
      form.setFieldsValue(draft.values);
      opts.current.onRestored?.(draft.savedAt);
    }, 0);
    return () => clearTimeout(t);
  }, [open, userId, name, form]);

  const save = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const { userId: u, name: n, title, href, exclude = [] } = opts.current;
      const values = encode(form.getFieldsValue(true) as Record<string, unknown>, exclude);
      const s = storage();
      if (!s) return;
      try {
        if (Object.keys(values).length === 0) s.removeItem(keyOf(u, n));
        else s.setItem(keyOf(u, n), JSON.stringify({ title, href, savedAt: new Date().toISOString(), values }));
      } catch {
        /* storage full or disabled: the form still works, only the draft is not kept */
      }
    }, 300);
  }, [form]);

  const clear = useCallback(() => {
    clearTimeout(timer.current);
    clearDraft(opts.current.userId, opts.current.name);
  }, []);

  useEffect(() => () => clearTimeout(timer.current), []);
  return { onValuesChange: save, clear };
}
