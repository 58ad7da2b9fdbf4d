/**
 * In-page toasts: completions while the page is visible, results of bulk actions, errors of
 * actions. Each disappears after a while unless it asks to stay.
 */
import { create } from 'zustand';

export type ToastKind = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  kind: ToastKind;
  text: string;
  /** optional action, e.g. "Open" the finished task, "Undo" a delete */
  action?: { label: string; run: () => void };
  /** how long it stays; the kind's default otherwise (an Undo toast lasts as long as its window) */
  durationMs?: number;
}

const DURATION_MS: Record<ToastKind, number> = { info: 5_000, success: 6_000, error: 10_000 };
const MAX_TOASTS = 5;

interface ToastState {
  toasts: readonly Toast[];
  toastShown: (toast: Omit<Toast, 'id'>) => number;
  toastDismissed: (id: number) => void;
}

let nextId = 1;

export const useToastStore = create<ToastState>()((set, get) => ({
  toasts: [],
  toastShown: (toast) => {
    const id = nextId++;
    set((state) => ({ toasts: [...state.toasts, { ...toast, id }].slice(-MAX_TOASTS) }));
    setTimeout(() => get().toastDismissed(id), toast.durationMs ?? DURATION_MS[toast.kind]);
    return id;
  },
  toastDismissed: (id) => set((state) => ({ toasts: state.toasts.filter((toast) => toast.id !== id) })),
}));

/** For code outside React. */
export const showToast = (toast: Omit<Toast, 'id'>) => useToastStore.getState().toastShown(toast);
export const dismissToast = (id: number) => useToastStore.getState().toastDismissed(id);
