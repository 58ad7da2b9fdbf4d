/**
 * On a narrow screen the details of the open task fill the screen as a modal sheet over the list,
 * instead of sitting below the whole list. The URL still names the task (`?task=<id>`), so the
 * browser's Back button, Escape and "Back to the list" all close it the same way.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n/localeStore';
import { useNavigationActions } from '../hooks/navigation';

export function DetailsSheet({ children }: { children: ReactNode }) {
  const t = useT();
  const ref = useRef<HTMLDialogElement>(null);
  const { taskClosed } = useNavigationActions();
  // Opened from the list, the sheet has its own history entry: leaving it goes back, so that the
  // phone's Back button afterwards does not open it again. Opened from a link, there is none.
  const close = () => {
    if ((window.history.state as { task?: unknown } | null)?.task) window.history.back();
    else taskClosed();
  };

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal?.();
    document.documentElement.classList.add('sheet-open');
    return () => {
      dialog?.close?.();
      document.documentElement.classList.remove('sheet-open');
    };
  }, []);

  return (
    <dialog
      ref={ref}
      className="details-sheet"
      aria-label={t('details.label')}
      onCancel={(event) => {
        // Escape: close through the URL like every other way out.
        event.preventDefault();
        close();
      }}
    >
      <div className="details-sheet-bar">
        <button type="button" className="btn" onClick={close}>
          <span aria-hidden="true">←</span> {t('layout.backToList')}
        </button>
      </div>
      {children}
    </dialog>
  );
}
