/**
 * The toasts, in a polite live region so screen readers announce completions without stealing
 * focus. Error toasts use an assertive region.
 */
import { useT } from '../../i18n/localeStore';
import { useToastStore, type Toast } from './toastStore';
import './Toaster.css';

export function Toaster() {
  const t = useT();
  const toasts = useToastStore((state) => state.toasts);
  const dismiss = useToastStore((state) => state.toastDismissed);
  const render = (toast: Toast) => (
    <div key={toast.id} className={`toast toast-${toast.kind}`}>
      <span className="toast-text" dir="auto">
        {toast.text}
      </span>
      {toast.action && (
        <button
          type="button"
          className="btn btn-small"
          onClick={() => {
            toast.action?.run();
            dismiss(toast.id);
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" className="btn btn-small" onClick={() => dismiss(toast.id)} aria-label={t('action.dismiss')}>
        ✕
      </button>
    </div>
  );
  return (
    <div className="toaster" aria-label={t('toast.region')} role="region">
      <div role="status" aria-live="polite" className="toast-stack">
        {toasts.filter((toast) => toast.kind !== 'error').map(render)}
      </div>
      <div role="alert" aria-live="assertive" className="toast-stack">
        {toasts.filter((toast) => toast.kind === 'error').map(render)}
      </div>
    </div>
  );
}
